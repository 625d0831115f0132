package io.homeacs.server.campaign;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DevicePage;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firmware campaigns as the API sees them: create (targets and waves fixed from the device search),
 * progress, device lists, notice lists, pause, resume, cancel and rollback. The driving happens in
 * {@link CampaignDriver}; outcomes arrive through the task and check-in listeners registered here.
 */
public final class Campaigns {
    private static final Logger LOG = LoggerFactory.getLogger(Campaigns.class);

    /**
     * @param defaults   the plan fields a request leaves out
     * @param maxDevices the most devices one campaign may target
     */
    public record Settings(Duration minNotice, Duration enterpriseNotice, CampaignPlan defaults, int maxDevices) {
    }

    /** A wave with its devices counted by state and the reasons of its failures. */
    public record WaveProgress(Campaign.Wave wave, Map<DeviceState, Integer> counts, Map<String, Integer> reasons) {
    }

    public record Progress(Campaign campaign, List<WaveProgress> waves) {
    }

    /** A device a rollback could not include, and why. */
    public record Refusal(long deviceId, String reason) {
    }

    public record RollbackResult(int started, List<Refusal> refused) {
    }

    private final CampaignStore store;
    private final DeviceRows rows;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final ImageSource images;
    private final Settings settings;
    private final Clock clock;
    private final Notices notices;
    private final CampaignDriver driver;

    public Campaigns(Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, ImageSource images,
                     Webhooks webhooks, MeterRegistry meters, Settings settings, Clock clock) {
        this.store = new CampaignStore(db);
        this.rows = new DeviceRows(db);
        this.registry = registry;
        this.tasks = tasks;
        this.images = images;
        this.settings = settings;
        this.clock = clock;
        CampaignMetrics metrics = new CampaignMetrics(meters);
        Outcomes outcomes = new Outcomes(rows, registry, metrics);
        this.notices = new Notices(rows, registry, new Notices.Rules(settings.minNotice(), settings.enterpriseNotice()));
        this.driver = new CampaignDriver(store, rows, registry, tasks, wakeup, images, webhooks, outcomes, metrics, notices);
        tasks.addListener((task, outcome, now) -> {
            if (task.origin() == TaskOrigin.CAMPAIGN) {
                rows.byTask(task.id()).ifPresent(row -> outcomes.taskState(row, task, now));
            }
        });
        registry.onCheckIn((device, facts, first, now) -> {
            if (outcomes.watching() && outcomes.watched(device.id()) != null) {
                outcomes.checkedIn(device, facts.has("1 BOOT"), now);
            }
        });
    }

    public CampaignDriver driver() {
        return driver;
    }

    /** Settles what happened while the ACS was down; call before the device listeners open. */
    public void start() {
        driver.reconcile(clock.instant());
    }

    public CampaignPlan defaults() {
        return settings.defaults();
    }

    /**
     * Creates a running campaign: the targets are the devices the query matches now, split into waves
     * here (see {@link WavePlanner}), each with the version it runs and the catalogue image of that
     * version for rollback; the first wave's notice list is published at once.
     */
    public Campaign create(String name, long imageId, DeviceQuery query, Map<String, Object> queryJson,
                           CampaignPlan plan, String by) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1 to 200 characters");
        }
        if (plan.notice().compareTo(settings.minNotice()) < 0) {
            throw new IllegalArgumentException("notice " + plan.notice() + " is shorter than the " + settings.minNotice()
                + " the service agreements require (campaign.min-notice-hours)");
        }
        ImageSource.Image image = images.find(imageId)
            .orElseThrow(() -> new CampaignException(CampaignException.Kind.NOT_FOUND, "firmware image " + imageId + " not found"));
        if (image.withdrawn()) {
            throw new CampaignException(CampaignException.Kind.CONFLICT, "firmware image " + imageId + " is withdrawn");
        }
        List<CampaignStore.Target> targets = new ArrayList<>();
        Map<String, Optional<Long>> previous = new HashMap<>();
        DeviceQuery.After after = null;
        do {
            DevicePage page = registry.page(query.after(after, DeviceQuery.MAX_LIMIT));
            for (Device d : page.devices()) {
                String key = d.identity().productClass() + "\u0000" + d.modelName() + "\u0000" + d.softwareVersion();
                Optional<Long> prev = previous.computeIfAbsent(key, k -> images.imageOf(d));
                targets.add(new CampaignStore.Target(d.id(), d.softwareVersion(), prev.orElse(null)));
            }
            if (targets.size() > settings.maxDevices()) {
                throw new IllegalArgumentException("the query matches more than " + settings.maxDevices()
                    + " devices (campaign.max-devices)");
            }
            after = page.next();
        } while (after != null);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the query matches no device");
        }
        Instant now = clock.instant();
        Map<Long, CampaignStore.Target> byId = new HashMap<>();
        targets.forEach(t -> byId.put(t.deviceId(), t));
        long id = store.insert(name.trim(), imageId, image.version(), queryJson, plan, by, now, cid -> {
            List<List<CampaignStore.Target>> waves = new ArrayList<>();
            for (List<Long> wave : WavePlanner.plan(cid, new ArrayList<>(byId.keySet()), plan.wavePercents())) {
                waves.add(wave.stream().map(byId::get).toList());
            }
            return waves;
        });
        Campaign c = get(id);
        notices.publish(c, 0, now);
        LOG.info("campaign {} '{}' by {}: image {} ({}) on {} devices", id, name, by, imageId, image.version(), targets.size());
        return get(id);
    }

    public Campaign get(long id) {
        return store.find(id).orElseThrow(() -> new CampaignException(CampaignException.Kind.NOT_FOUND, "campaign " + id + " not found"));
    }

    public List<Campaign> list(int limit) {
        return store.list(limit);
    }

    public Progress progress(long id) {
        Campaign c = get(id);
        Map<Integer, Map<DeviceState, Integer>> counts = store.counts(id);
        List<WaveProgress> waves = new ArrayList<>();
        for (Campaign.Wave w : store.waves(id)) {
            waves.add(new WaveProgress(w, counts.getOrDefault(w.wave(), Map.of()), store.reasons(id, w.wave())));
        }
        return new Progress(c, waves);
    }

    public List<Campaign.Device> devices(long id, DeviceState state, Integer wave, long afterDeviceId, int limit) {
        get(id);
        return rows.list(id, state, wave, afterDeviceId, limit);
    }

    /** One device's row in the campaign. */
    public Campaign.Device find(long id, long deviceId) {
        return rows.find(id, deviceId).orElseThrow(() -> new CampaignException(CampaignException.Kind.NOT_FOUND,
            "device " + deviceId + " is not in campaign " + id));
    }

    public List<NoticeLine> notice(long id, int wave) {
        Campaign c = get(id);
        if (wave < 0 || wave >= store.waves(id).size()) {
            throw new CampaignException(CampaignException.Kind.NOT_FOUND, "campaign " + id + " has no wave " + wave);
        }
        return notices.list(c, wave);
    }

    public Campaign pause(long id) {
        Campaign c = get(id);
        if (!store.move(id, CampaignState.RUNNING, CampaignState.PAUSED, "paused", clock.instant())) {
            throw conflict(c, "pause");
        }
        return get(id);
    }

    /** Resumes a paused campaign, or a halted one: the failures that halted it are then accepted. */
    public Campaign resume(long id) {
        Campaign c = get(id);
        Instant now = clock.instant();
        if (c.state() == CampaignState.HALTED) {
            Map<DeviceState, Integer> counts = store.counts(id).getOrDefault(c.currentWave(), Map.of());
            int failures = counts.getOrDefault(DeviceState.FAILED, 0) + counts.getOrDefault(DeviceState.TIMED_OUT, 0);
            synchronized (driver) {
                if (!store.move(id, CampaignState.HALTED, CampaignState.RUNNING, null, now)) {
                    throw conflict(get(id), "resume");
                }
                store.acceptFailures(id, c.currentWave(), failures);
            }
        } else if (!store.move(id, CampaignState.PAUSED, CampaignState.RUNNING, null, now)) {
            throw conflict(c, "resume");
        }
        return get(id);
    }

    /**
     * Cancels the campaign: untouched devices are cancelled, queued downloads withdrawn. A download
     * already sent cannot be recalled; its device finishes and is reported as it goes.
     */
    public Campaign cancel(long id) {
        Campaign c = get(id);
        Instant now = clock.instant();
        synchronized (driver) {
            if (c.state().over() || !store.move(id, c.state(), CampaignState.CANCELLED, "cancelled", now)) {
                throw conflict(get(id), "cancel");
            }
            rows.cancelUntouched(id, now);
            for (Campaign.Device d : rows.list(id, DeviceState.SCHEDULED, null, 0, Integer.MAX_VALUE)) {
                if (d.taskId() != null) {
                    tasks.cancel(d.taskId(), now);
                }
            }
        }
        return get(id);
    }

    /**
     * Rolls a device, or every device of a wave that got the image (or may have), back to the image
     * it ran before — which must be in the catalogue, not withdrawn, and compatible as a rollback.
     * A rollback needs no new notice: it restores the service the notice announced a change to.
     */
    public RollbackResult rollback(long id, Integer wave, Long deviceId) {
        get(id);
        if ((wave == null) == (deviceId == null)) {
            throw new IllegalArgumentException("a rollback names either a wave or a deviceId");
        }
        List<Campaign.Device> scope;
        if (deviceId != null) {
            scope = rows.find(id, deviceId).map(List::of).orElseThrow(() -> new CampaignException(
                CampaignException.Kind.NOT_FOUND, "device " + deviceId + " is not in campaign " + id));
        } else {
            scope = rows.list(id, null, wave, 0, Integer.MAX_VALUE);
        }
        Instant now = clock.instant();
        int started = 0;
        List<Refusal> refused = new ArrayList<>();
        Set<DeviceState> eligible = Set.of(DeviceState.SUCCEEDED, DeviceState.INSTALLED, DeviceState.FAILED, DeviceState.TIMED_OUT);
        synchronized (driver) {
            for (Campaign.Device d : scope) {
                if (!eligible.contains(d.state())) {
                    if (deviceId != null) {
                        refused.add(new Refusal(d.deviceId(), "device is " + d.state().apiName() + ": nothing to roll back"));
                    }
                    continue;
                }
                Optional<String> why = rollbackRefusal(d);
                if (why.isPresent()) {
                    refused.add(new Refusal(d.deviceId(), why.get()));
                } else if (rows.startRollback(d, d.previousImageId(), d.previousVersion(), now)) {
                    started++;
                }
            }
        }
        LOG.info("campaign {}: rollback of {} started for {} devices, {} refused", id,
            deviceId != null ? "device " + deviceId : "wave " + wave, started, refused.size());
        return new RollbackResult(started, refused);
    }

    private Optional<String> rollbackRefusal(Campaign.Device d) {
        if (d.previousImageId() == null) {
            return Optional.of("no catalogue image of its previous version " + d.previousVersion());
        }
        Optional<ImageSource.Image> prev = images.find(d.previousImageId());
        if (prev.isEmpty()) {
            return Optional.of("previous image " + d.previousImageId() + " is no longer in the catalogue");
        }
        if (prev.get().withdrawn()) {
            return Optional.of("previous image " + d.previousImageId() + " (" + prev.get().version() + ") is withdrawn");
        }
        Optional<Device> device = registry.find(d.deviceId());
        if (device.isEmpty()) {
            return Optional.of("device no longer registered");
        }
        var decision = images.check(d.previousImageId(), device.get(), true);
        return decision.allowed() ? Optional.empty() : Optional.of(decision.detail());
    }

    private static CampaignException conflict(Campaign c, String what) {
        return new CampaignException(CampaignException.Kind.CONFLICT, "campaign " + c.id() + " is " + c.state().apiName()
            + ": cannot " + what);
    }
}
