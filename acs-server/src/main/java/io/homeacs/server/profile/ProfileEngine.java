package io.homeacs.server.profile;

import io.homeacs.server.device.CheckInListener;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskListener;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges devices on their profiles. On every check-in it decides in memory whether anything is
 * to do: the fingerprint of the matching profiles (ids and versions) against the one last carried
 * through, plus the profiles' trigger events. Only then does it read the device's parameters and
 * queue, step by step, as few RPCs as the gap needs: one GetParameterValues for what the ACS does
 * not know, AddObject for missing instances, one SetParameterValues for everything that differs.
 * Each step runs when the previous task finishes, inside the same session where the device is in one.
 */
public final class ProfileEngine implements CheckInListener, TaskListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileEngine.class);
    /** fetch, add, fetch the new instances, set, verify — and slack for a refresh waited on. */
    static final int MAX_STEPS = 8;

    private final ProfileStore store;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final ConceptMap concepts;
    private final ProfileCodec codec;
    private final AcsMetrics metrics;
    private final Clock clock;
    private final Duration staleAfter;
    private volatile List<Profile> active = List.of();
    private volatile boolean anyTagRule;
    /** Devices may have stored outcomes to revisit even when no profile is left. */
    private volatile boolean statesExist;
    /** Device id → fingerprint of the profile set last carried through; 0 for none. Filled lazily. */
    private final ConcurrentHashMap<Long, Long> applied = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Chain> chains = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, List<String>> tagCache = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[256];

    ProfileEngine(ProfileStore store, DeviceRegistry registry, TaskQueue tasks, ConceptMap concepts, ProfileCodec codec,
                  AcsMetrics metrics, Clock clock, Duration staleAfter) {
        this.store = store;
        this.registry = registry;
        this.tasks = tasks;
        this.concepts = concepts;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        this.staleAfter = staleAfter;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        statesExist = store.anyState();
        profilesChanged();
    }

    /** Re-reads the enabled profiles; matching devices notice through their fingerprint. */
    void profilesChanged() {
        List<Profile> enabled = store.list().stream().filter(Profile::enabled).toList();
        anyTagRule = enabled.stream().anyMatch(p -> p.match().needsTags());
        statesExist |= !enabled.isEmpty();
        active = enabled;
    }

    void tagsChanged(long deviceId) {
        tagCache.remove(deviceId);
    }

    Object lockFor(long deviceId) {
        return stripes[(int) Math.floorMod(deviceId, (long) stripes.length)];
    }

    @Override
    public void checkedIn(Device device, InformFacts facts, boolean firstContact, Instant now) {
        List<Profile> profiles = active;
        if (profiles.isEmpty() && !statesExist) {
            return;
        }
        List<Profile> matching = ProfileSet.matching(profiles, device, anyTagRule ? tags(device.id()) : List.of());
        long fp = ProfileSet.fingerprint(matching);
        boolean triggered = false;
        for (Profile p : matching) {
            triggered |= p.match().hasTriggerIn(facts.events());
        }
        if (fp == appliedFingerprint(device.id()) && !triggered) {
            return;
        }
        Chain running = chains.get(device.id());
        if (running != null && running.started.plus(staleAfter).isAfter(now)) {
            return;
        }
        Set<String> events = new HashSet<>();
        for (DeviceEvent e : facts.events()) {
            events.add(e.code());
        }
        evaluate(device, new Chain.Trigger(events, false), now);
    }

    /** Starts an evaluation unless one is under way; returns whether it queued work or waits for some. */
    boolean evaluate(Device device, Chain.Trigger trigger, Instant now) {
        synchronized (lockFor(device.id())) {
            Chain c = chains.get(device.id());
            if (c != null && c.started.plus(staleAfter).isAfter(now)) {
                return true;
            }
            Map<String, String> secrets = store.state(device.id()).map(ProfileStore.DeviceState::appliedSecrets)
                .orElse(Map.of());
            c = new Chain(trigger, now, secrets, appliedFingerprint(device.id()));
            chains.put(device.id(), c);
            waitForOpenWork(device.id(), c);
            if (c.waitingFor.isEmpty()) {
                step(device, c, now);
            }
            return chains.get(device.id()) == c;
        }
    }

    /**
     * Tasks already open for the device that this evaluation must not race: profile tasks left by
     * a previous run of the ACS, and a refresh (first contact queues one) that will bring the values
     * a GetParameterValues of ours would otherwise ask for again.
     */
    private void waitForOpenWork(long deviceId, Chain c) {
        if (!tasks.mayHaveWork(deviceId)) {
            return;
        }
        for (TaskState s : List.of(TaskState.QUEUED, TaskState.SENT, TaskState.ACCEPTED)) {
            for (Task t : tasks.inState(deviceId, s)) {
                if (t.origin() == TaskOrigin.PROFILE || t.type() == TaskType.REFRESH) {
                    c.waitingFor.add(t.id());
                }
            }
        }
        // One may have finished between the query and now, its outcome told before we listened.
        c.waitingFor.removeIf(id -> tasks.find(id).map(t -> t.state().terminal()).orElse(true));
    }

    @Override
    public void finished(Task task, TaskOutcome outcome, Instant now) {
        Chain c = chains.get(task.deviceId());
        if (c == null || !c.waitingFor.contains(task.id())) {
            return;
        }
        synchronized (lockFor(task.deviceId())) {
            if (chains.get(task.deviceId()) != c || !c.waitingFor.remove(task.id())) {
                return;
            }
            Device device = registry.find(task.deviceId()).orElse(null);
            if (device == null) {
                chains.remove(task.deviceId());
                return;
            }
            if (task.origin() == TaskOrigin.PROFILE && task.state() != TaskState.DONE) {
                fail(device, c, task.type().apiName() + " task " + task.id() + " ended "
                    + task.state().name().toLowerCase(java.util.Locale.ROOT) + Chain.describeFault(task), now);
                return;
            }
            c.record(task, outcome);
            if (c.waitingFor.isEmpty()) {
                step(device, c, now);
            }
        }
    }

    /** One step: look at the device as the ACS knows it now, and queue what the next gap needs. */
    private void step(Device device, Chain c, Instant now) {
        if (++c.steps > MAX_STEPS) {
            fail(device, c, "did not converge within " + MAX_STEPS + " steps", now);
            return;
        }
        Evaluation e = evaluation(device, c.trigger::mayApply, c.secrets, c.created, c.fetched, true);
        c.fingerprint = ProfileSet.fingerprint(e.resolution().profiles());
        Plan plan = e.plan();
        if (!plan.fetch().isEmpty()) {
            c.fetched.addAll(plan.fetch());
            queue(device, c, new TaskSpec.GetParameterValues(plan.fetch()), now);
        } else if (!plan.add().isEmpty()) {
            for (Resolution.ObjectTarget o : plan.add()) {
                Task t = queue(device, c, new TaskSpec.AddObject(o.rule().path()), now);
                c.adding.put(t.id(), o.rule().identity());
            }
        } else if (!plan.set().isEmpty()) {
            Task t = queue(device, c, new TaskSpec.SetParameterValues(plan.set()), now);
            Map<String, String> secrets = new LinkedHashMap<>();
            for (ParamValue v : plan.set()) {
                Resolution.Setting s = e.resolution().values().get(v.name());
                if (ProfileCodec.secretName(v.name()) || s != null && s.secret()) {
                    secrets.put(v.name(), v.value());
                }
            }
            c.settingSecrets.put(t.id(), secrets);
        } else if (!plan.missing().isEmpty()) {
            finish(device, c, e.resolution().conflicts(), ProfileStatus.FAILED,
                "the device has no " + String.join(", ", plan.missing()), now);
        } else {
            boolean waiting = !plan.deferred().isEmpty();
            finish(device, c, e.resolution().conflicts(), waiting ? ProfileStatus.WAITING : ProfileStatus.CONVERGED,
                waiting ? "waiting for a trigger event to set " + String.join(", ", plan.deferred()) : null, now);
        }
    }

    private Task queue(Device device, Chain c, TaskSpec spec, Instant now) {
        Task t = tasks.enqueue(device.id(), spec, TaskOrigin.PROFILE, null, now);
        c.waitingFor.add(t.id());
        metrics.profileTaskQueued(spec.type().apiName());
        return t;
    }

    /**
     * The device's desired state and the gap to it. Tags are applied on the way, straight in the
     * registry (no RPC): a tag can make another profile match, so matching runs again until stable.
     */
    Evaluation evaluation(Device device, Predicate<Profile> mayApply, Map<String, String> secrets,
                          Map<String, String> created, Set<String> fetched, boolean applyTags) {
        ParameterDocument doc = registry.parameters(device.id());
        List<String> deviceTags = freshTags(device.id());
        Resolution r = Resolution.of(ProfileSet.matching(active, device, deviceTags), device, doc, concepts, codec);
        for (int round = 0; applyTags && round < 4 && mayAddTags(device.id(), r, deviceTags, mayApply); round++) {
            deviceTags = freshTags(device.id());
            r = Resolution.of(ProfileSet.matching(active, device, deviceTags), device, doc, concepts, codec);
        }
        return new Evaluation(device, r, Plan.of(r, doc, secrets, created, fetched, mayApply), deviceTags);
    }

    private boolean mayAddTags(long deviceId, Resolution r, List<String> deviceTags, Predicate<Profile> mayApply) {
        boolean added = false;
        for (Profile p : r.profiles()) {
            for (String tag : p.desired().tags()) {
                if (!deviceTags.contains(tag) && mayApply.test(p)) {
                    registry.addTag(deviceId, tag);
                    added = true;
                }
            }
        }
        return added;
    }

    /** The outcome of evaluating one device: what it should be, and what is missing. */
    record Evaluation(Device device, Resolution resolution, Plan plan, List<String> tags) {
    }

    private void fail(Device device, Chain c, String why, Instant now) {
        LOG.warn("profiles for device {} not applied: {}", device.key(), why);
        finish(device, c, null, ProfileStatus.FAILED, why, now);
    }

    /**
     * Ends an evaluation: stores how it ended and its conflicts (null: keep the recorded ones), and
     * remembers the fingerprint so the device's next periodic Inform costs nothing. Conflicts not
     * seen before are logged once and counted.
     */
    private void finish(Device device, Chain c, List<Resolution.Conflict> conflicts, ProfileStatus status,
                        String detail, Instant now) {
        List<ProfileStore.ConflictRow> rows = null;
        if (conflicts != null) {
            rows = new ArrayList<>();
            for (Resolution.Conflict x : conflicts) {
                rows.add(new ProfileStore.ConflictRow(device.id(), x.path(), x.loser().id(), x.winner().id()));
            }
        }
        List<ProfileStore.ConflictRow> fresh = store.finish(device.id(),
            new ProfileStore.DeviceState(c.fingerprint, status, detail, c.secrets, now), rows);
        for (Resolution.Conflict x : conflicts == null ? List.<Resolution.Conflict>of() : conflicts) {
            if (fresh.stream().anyMatch(f -> f.path().equals(x.path()) && f.loserId() == x.loser().id())) {
                LOG.warn("profile conflict on device {}: {} is set by '{}' (priority {}); '{}' (priority {}) loses",
                    device.key(), x.path(), x.winner().name(), x.winner().priority(), x.loser().name(),
                    x.loser().priority());
                metrics.profileConflict();
            }
        }
        applied.put(device.id(), c.fingerprint);
        chains.remove(device.id());
        metrics.profileEvaluation(status.apiName());
    }

    // ---- matching, fingerprints and caches ----

    private long appliedFingerprint(long deviceId) {
        Long fp = applied.get(deviceId);
        if (fp == null) {
            fp = store.state(deviceId).map(ProfileStore.DeviceState::fingerprint).orElse(0L);
            applied.put(deviceId, fp);
        }
        return fp;
    }

    private List<String> tags(long deviceId) {
        return tagCache.computeIfAbsent(deviceId, this::freshTags);
    }

    private List<String> freshTags(long deviceId) {
        return List.copyOf(registry.tagsOf(List.of(deviceId)).getOrDefault(deviceId, List.of()));
    }

    boolean busy(long deviceId) {
        return chains.containsKey(deviceId);
    }

    Map<String, String> chainSecrets(long deviceId) {
        Chain c = chains.get(deviceId);
        return c == null ? null : Map.copyOf(c.secrets);
    }

    Map<String, String> chainCreated(long deviceId) {
        Chain c = chains.get(deviceId);
        return c == null ? Map.of() : Map.copyOf(c.created);
    }
}
