package io.homeacs.server.profile;

import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.SecretSealer;
import io.homeacs.server.task.TaskQueue;
import java.time.Clock;
import java.time.Duration;

/** The profile engine wired into the registry and task queue, and the two faces the API uses. */
public record ProfileModule(Profiles profiles, DeviceProfiles devices, ProfileCodec codec) {

    /**
     * @param staleAfter how long an evaluation may wait for its tasks before a check-in starts
     *                   afresh; longer than a task can live, so only a lost outcome triggers it
     */
    public static ProfileModule start(Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup,
                                      ConceptMap concepts, SecretSealer sealer, AcsMetrics metrics, Clock clock,
                                      Duration staleAfter) {
        ProfileCodec codec = new ProfileCodec(concepts);
        ProfileStore store = new ProfileStore(db, codec, sealer);
        ProfileEngine engine = new ProfileEngine(store, registry, tasks, concepts, codec, metrics, clock, staleAfter);
        registry.onCheckIn(engine);
        registry.onTagsChanged(engine::tagsChanged);
        tasks.addListener(engine);
        metrics.gauge("acs.profile.conflicts.current", "Parameters on which some profile currently loses",
            store::conflictCount);
        return new ProfileModule(new Profiles(store, codec, concepts, engine),
            new DeviceProfiles(engine, store, registry, wakeup), codec);
    }
}
