package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Profiles as one device sees them, and applying a profile now rather than at the next contact. */
public final class DeviceProfiles {
    /** Applying now evaluates each device on the caller's thread; larger fleets converge at their next contact. */
    public static final int MAX_APPLY = 10_000;

    private final ProfileEngine engine;
    private final ProfileStore store;
    private final DeviceRegistry registry;
    private final DeviceWakeup wakeup;

    DeviceProfiles(ProfileEngine engine, ProfileStore store, DeviceRegistry registry, DeviceWakeup wakeup) {
        this.engine = engine;
        this.store = store;
        this.registry = registry;
        this.wakeup = wakeup;
    }

    /**
     * The device's desired state and how far it is from it, computed now without changing
     * anything. status is null for a device never evaluated; upToDate says whether its last
     * evaluation saw the profiles that match it now.
     */
    public record Report(Device device, Resolution resolution, Plan plan, ProfileStatus status, String detail,
                         Instant evaluatedAt, boolean upToDate) {
    }

    /** What applying a profile did: devices matched, already in their desired state, and given work (and woken). */
    public record ApplyResult(int matched, int inSync, int applying) {
    }

    public Report report(Device device) {
        Optional<ProfileStore.DeviceState> state = store.state(device.id());
        Map<String, String> secrets = engine.chainSecrets(device.id());
        if (secrets == null) {
            secrets = state.map(ProfileStore.DeviceState::appliedSecrets).orElse(Map.of());
        }
        ProfileEngine.Evaluation e = engine.evaluation(device, p -> p.match().events().isEmpty(), secrets,
            engine.chainCreated(device.id()), Set.of(), false);
        boolean busy = engine.busy(device.id());
        ProfileStatus status = busy ? ProfileStatus.APPLYING : state.map(ProfileStore.DeviceState::status).orElse(null);
        long fp = ProfileSet.fingerprint(e.resolution().profiles());
        return new Report(device, e.resolution(), e.plan(), status, state.map(ProfileStore.DeviceState::detail).orElse(null),
            state.map(ProfileStore.DeviceState::evaluatedAt).orElse(null),
            state.map(s -> s.fingerprint() == fp).orElse(fp == 0));
    }

    /**
     * Evaluates every device the profile matches now, trigger events or not, and wakes those that
     * got work so it is done in minutes rather than at their next periodic Inform.
     */
    public ApplyResult apply(Profile p, Instant now) {
        if (!p.enabled()) {
            throw new ProfileConflictException("profile " + p.id() + " is disabled; enable it before applying it");
        }
        List<Device> devices = matchingDevices(p);
        int applying = 0;
        for (Device d : devices) {
            if (engine.evaluate(d, Chain.Trigger.FORCED, now)) {
                applying++;
                wakeup.wake(d);
            }
        }
        return new ApplyResult(devices.size(), devices.size() - applying, applying);
    }

    private List<Device> matchingDevices(Profile p) {
        ProfileMatch m = p.match();
        String exactVersion = m.softwareVersion() == null || m.softwareVersion().endsWith("*") ? null : m.softwareVersion();
        DeviceQuery q = new DeviceQuery(m.kind(), m.modelName(), m.productClass(), exactVersion, null, null, null, null,
            m.tags(), List.of(), DeviceQuery.Sort.ID, 0, DeviceQuery.MAX_LIMIT);
        List<Device> out = new ArrayList<>();
        for (int offset = 0; ; offset += DeviceQuery.MAX_LIMIT) {
            List<Device> page = registry.search(q.page(offset, DeviceQuery.MAX_LIMIT));
            Map<Long, List<String>> tags = registry.tagsOf(page.stream().map(Device::id).toList());
            for (Device d : page) {
                if (m.matches(d, tags.getOrDefault(d.id(), List.of()))) {
                    out.add(d);
                }
            }
            if (out.size() > MAX_APPLY) {
                throw new IllegalArgumentException("profile " + p.id() + " matches more than " + MAX_APPLY + " devices; "
                    + "they converge at their next contact (narrow the match to apply now)");
            }
            if (page.size() < DeviceQuery.MAX_LIMIT) {
                return out;
            }
        }
    }
}
