package io.homeacs.server.campaign;

import io.homeacs.firmware.Compatibility;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.events.EventType;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop that moves campaigns: publishes notices, queues downloads within the notice, window
 * and concurrency rules, times rows out, and closes, halts or finishes waves. Everything it decides
 * from is durable (campaign, wave and device rows, task states), so after a restart {@link #reconcile}
 * brings the rows level with the tasks and the loop carries on where it stopped: a row whose task
 * exists is never given another one. The loop and the reconciler run under one monitor; task and
 * check-in outcomes arrive on session threads and move rows by conditional updates only.
 */
public final class CampaignDriver {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignDriver.class);
    private static final int MAX_SCAN = 5000;
    private static final Set<DeviceState> IN_FLIGHT = Set.of(DeviceState.SCHEDULED, DeviceState.SENT, DeviceState.INSTALLED);

    private final CampaignStore store;
    private final DeviceRows rows;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final ImageSource images;
    private final Webhooks webhooks;
    private final Outcomes outcomes;
    private final CampaignMetrics metrics;
    private final Notices notices;

    CampaignDriver(CampaignStore store, DeviceRows rows, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup,
                   ImageSource images, Webhooks webhooks, Outcomes outcomes, CampaignMetrics metrics, Notices notices) {
        this.store = store;
        this.rows = rows;
        this.registry = registry;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.images = images;
        this.webhooks = webhooks;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.notices = notices;
    }

    /** Called at every driver tick. */
    public synchronized void tick(Instant now) {
        for (Campaign.Device d : rows.overdue(now, MAX_SCAN)) {
            outcomes.overdue(d, now);
            if (d.taskId() != null) {
                tasks.cancel(d.taskId(), now);
            }
        }
        for (Campaign c : store.inState(CampaignState.RUNNING)) {
            try {
                run(c, now);
            } catch (RuntimeException e) {
                LOG.warn("campaign {} tick failed", c.id(), e);
            }
        }
        for (long id : store.withRollbacks()) {
            store.find(id).filter(c -> c.state() != CampaignState.RUNNING && c.state() != CampaignState.PAUSED)
                .ifPresent(c -> dispatch(c, -1, now));
        }
        refreshMetrics();
    }

    private void run(Campaign c, Instant now) {
        List<Campaign.Wave> waves = store.waves(c.id());
        if (waves.isEmpty()) {
            finish(c, now);
            return;
        }
        int w = c.currentWave();
        Campaign.Wave wave = waves.get(w);
        if (wave.state() == WaveState.WAITING) {
            notices.publish(c, w, now);
            return;
        }
        if (wave.state() == WaveState.NOTICED && !rows.due(c.id(), w, now, 1).isEmpty()) {
            store.moveWave(c.id(), w, WaveState.NOTICED, WaveState.OPEN, "opened_at", now);
            // The next wave is announced when this one starts, so its notice runs while this one works.
            if (w + 1 < waves.size() && waves.get(w + 1).state() == WaveState.WAITING) {
                notices.publish(c, w + 1, now);
            }
        }
        dispatch(c, w, now);
        Map<DeviceState, Integer> counts = store.counts(c.id()).getOrDefault(w, Map.of());
        Optional<String> halt = HaltRule.check(counts, c.plan(), wave.acceptedFailures());
        if (halt.isPresent()) {
            String reason = "wave " + w + ": " + halt.get();
            if (store.move(c.id(), CampaignState.RUNNING, CampaignState.HALTED, reason, now)) {
                store.moveWave(c.id(), w, WaveState.OPEN, WaveState.HALTED, null, now);
                store.moveWave(c.id(), w, WaveState.NOTICED, WaveState.HALTED, null, now);
                LOG.warn("campaign {} halted: {}", c.id(), reason);
                publish(EventType.CAMPAIGN_HALTED, c, reason, now);
            }
            return;
        }
        Campaign.Wave current = store.waves(c.id()).get(w);
        if (HaltRule.done(counts) && (current.state() == WaveState.OPEN || current.state() == WaveState.NOTICED)) {
            store.moveWave(c.id(), w, current.state(), WaveState.CLOSED, "closed_at", now);
            if (w + 1 < waves.size()) {
                store.advanceWave(c.id(), w, w + 1, now);
                LOG.info("campaign {}: wave {} done, wave {} next", c.id(), w, w + 1);
            } else {
                finish(c, now);
            }
        }
    }

    private void finish(Campaign c, Instant now) {
        if (store.move(c.id(), CampaignState.RUNNING, CampaignState.FINISHED, null, now)) {
            LOG.info("campaign {} finished", c.id());
            publish(EventType.CAMPAIGN_FINISHED, c, null, now);
        }
    }

    /** Queues downloads for due rows of the wave (and rollbacks of any wave) up to the concurrency cap. */
    private void dispatch(Campaign c, int wave, Instant now) {
        int room = c.plan().concurrency() - rows.inFlight(c.id());
        if (room <= 0) {
            return;
        }
        for (Campaign.Device d : rows.due(c.id(), wave, now, Math.min(MAX_SCAN, room * 4 + 100))) {
            if (room <= 0) {
                break;
            }
            if (!d.rollback() && c.plan().window() != null && !c.plan().window().contains(now, zone(d, c))) {
                continue;
            }
            if (send(c, d, now)) {
                room--;
            }
        }
    }

    private static ZoneId zone(Campaign.Device d, Campaign c) {
        try {
            return d.zone() == null ? c.plan().defaultZone() : ZoneId.of(d.zone());
        } catch (java.time.DateTimeException e) {
            return c.plan().defaultZone();
        }
    }

    private boolean send(Campaign c, Campaign.Device d, Instant now) {
        Optional<Device> device = registry.find(d.deviceId());
        if (device.isEmpty()) {
            outcomes.settle(d, Set.of(DeviceState.NOTIFIED), DeviceState.SKIPPED, "device no longer registered", null, now);
            return false;
        }
        Compatibility.Decision ok = images.check(d.imageId(), device.get(), d.rollback());
        if (!ok.allowed()) {
            outcomes.settle(d, Set.of(DeviceState.NOTIFIED), d.rollback() ? DeviceState.FAILED : DeviceState.SKIPPED,
                ok.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + ok.detail(), null, now);
            return false;
        }
        Duration limit = c.plan().successTimeLimit();
        if (!rows.claim(d, now.plus(limit), now)) {
            return false;
        }
        TaskSpec spec;
        try {
            spec = images.download(d.imageId(), device.get(), limit.plus(Duration.ofHours(1)));
        } catch (RuntimeException e) {
            Campaign.Device claimed = rows.find(d.campaignId(), d.deviceId()).orElse(d);
            outcomes.settle(claimed, Set.of(DeviceState.SCHEDULED), DeviceState.FAILED, "no download: " + e.getMessage(), null,
                now);
            return false;
        }
        Task t = tasks.enqueue(d.deviceId(), spec, TaskOrigin.CAMPAIGN, limit, now);
        Campaign.Device claimed = rows.find(d.campaignId(), d.deviceId()).orElseThrow();
        rows.attachTask(claimed, t.id(), now);
        outcomes.watch(rows.find(d.campaignId(), d.deviceId()).orElse(claimed));
        metrics.downloadQueued();
        wakeup.wake(device.get());
        return true;
    }

    /**
     * Brings in-flight rows level with their tasks, for outcomes the listeners missed while the ACS
     * was down. A row claimed but without its task (a crash between the two writes) gets the
     * campaign download task queued for it since the claim, if there is one, else goes back to
     * notified: no download was queued, so none is repeated.
     */
    public synchronized void reconcile(Instant now) {
        for (Campaign.Device d : rows.inFlightRows()) {
            if (d.taskId() == null) {
                Optional<Task> queued = tasks.forDevice(d.deviceId(), 50).stream()
                    .filter(t -> t.origin() == TaskOrigin.CAMPAIGN && t.type() == TaskType.DOWNLOAD
                        && !t.createdAt().isBefore(d.claimedAt().minusMillis(1)))
                    .findFirst();
                if (queued.isPresent() && rows.byTask(queued.get().id()).isEmpty()) {
                    rows.attachTask(d, queued.get().id(), now);
                    LOG.info("campaign {} device {}: found its download task {} after a restart", d.campaignId(),
                        d.deviceId(), queued.get().id());
                } else {
                    rows.move(d, Set.of(DeviceState.SCHEDULED), DeviceState.NOTIFIED, null, null, null, now);
                    continue;
                }
            }
        }
        for (Campaign.Device d : rows.inFlightRows()) {
            tasks.find(d.taskId()).ifPresent(t -> {
                if (t.state() != io.homeacs.server.task.TaskState.QUEUED && t.state() != io.homeacs.server.task.TaskState.SENT) {
                    outcomes.taskState(d, t, now);
                }
            });
        }
        outcomes.reloadWatch();
        for (Campaign.Device d : rows.inFlightRows()) {
            registry.find(d.deviceId()).ifPresent(dev -> outcomes.checkedIn(dev, false, now));
        }
    }

    private void refreshMetrics() {
        Map<CampaignState, Long> byState = new EnumMap<>(CampaignState.class);
        Map<DeviceState, Long> devices = new EnumMap<>(DeviceState.class);
        for (Campaign c : store.list(1000)) {
            byState.merge(c.state(), 1L, Long::sum);
            if (!c.state().over()) {
                store.counts(c.id()).values().forEach(m -> m.forEach((s, n) -> devices.merge(s, (long) n, Long::sum)));
            }
        }
        metrics.refresh(byState, devices);
    }

    private void publish(EventType type, Campaign c, String reason, Instant now) {
        if (webhooks == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", c.id());
        data.put("name", c.name());
        data.put("imageId", c.imageId());
        data.put("targetVersion", c.targetVersion());
        if (reason != null) {
            data.put("reason", reason);
        }
        webhooks.publish(type, data, now);
    }
}
