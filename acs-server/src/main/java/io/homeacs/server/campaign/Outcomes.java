package io.homeacs.server.campaign;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the device's answers do to its campaign row: the download task's state (accepted, done =
 * TransferComplete without fault, fault, expired, cancelled) and the software version it comes back
 * with. Used by the task listener, the check-in listener and the reconciler alike, so a restart
 * replays exactly what the listeners would have done. Success needs both the clean TransferComplete
 * and the new version, in either order.
 */
final class Outcomes {
    private static final Set<DeviceState> BEFORE_ACCEPT = Set.of(DeviceState.SCHEDULED);
    private static final Set<DeviceState> BEFORE_DONE = Set.of(DeviceState.SCHEDULED, DeviceState.SENT);
    private static final Set<DeviceState> IN_FLIGHT = Set.of(DeviceState.SCHEDULED, DeviceState.SENT, DeviceState.INSTALLED);

    private final DeviceRows rows;
    private final DeviceRegistry registry;
    private final CampaignMetrics metrics;
    /** In-flight rows by device: a check-in of any other device costs one map lookup. */
    private final Map<Long, Campaign.Device> watched = new ConcurrentHashMap<>();

    Outcomes(DeviceRows rows, DeviceRegistry registry, CampaignMetrics metrics) {
        this.rows = rows;
        this.registry = registry;
        this.metrics = metrics;
    }

    void watch(Campaign.Device d) {
        watched.put(d.deviceId(), d);
    }

    boolean watching() {
        return !watched.isEmpty();
    }

    Campaign.Device watched(long deviceId) {
        return watched.get(deviceId);
    }

    void reloadWatch() {
        watched.clear();
        rows.inFlightRows().forEach(this::watch);
    }

    /** The task reached a state; row is the campaign row that carries it. */
    void taskState(Campaign.Device row, Task task, Instant now) {
        TaskState s = task.state();
        if (s == TaskState.ACCEPTED) {
            rows.move(row, BEFORE_ACCEPT, DeviceState.SENT, null, null, null, now);
        } else if (s == TaskState.DONE) {
            transferred(row, now);
        } else if (s == TaskState.FAULT) {
            String why = task.faultCode() != null && task.faultCode() != 0
                ? "download fault " + task.faultCode() + " " + nz(task.faultString())
                : "download failed: " + nz(task.faultString());
            settle(row, IN_FLIGHT, DeviceState.FAILED, why, task.faultCode(), now);
        } else if (s == TaskState.EXPIRED) {
            settle(row, IN_FLIGHT, DeviceState.TIMED_OUT, "the device did not take the download before it expired", null, now);
        } else if (s == TaskState.CANCELLED) {
            settle(row, IN_FLIGHT, DeviceState.CANCELLED, "download withdrawn before it was sent", null, now);
        }
    }

    /** TransferComplete without fault (or a Download the device finished at once). */
    private void transferred(Campaign.Device row, Instant now) {
        Optional<Device> device = registry.find(row.deviceId());
        boolean hasVersion = device.isPresent() && sameVersion(device.get().softwareVersion(), row.targetVersion());
        if (row.versionSeenAt() != null || hasVersion) {
            settle(row, BEFORE_DONE, success(row), null, null, "installed_at", now);
            return;
        }
        if (!rows.move(row, BEFORE_DONE, DeviceState.INSTALLED, null, null, "installed_at", now)) {
            return;
        }
        Device d = device.orElse(null);
        if (d != null && d.lastBoot() != null && row.claimedAt() != null && d.lastBoot().isAfter(row.claimedAt())) {
            // It rebooted after taking the download and still reports the old version: the image did not take.
            Campaign.Device installed = rows.find(row.campaignId(), row.deviceId()).orElse(row);
            settle(installed, Set.of(DeviceState.INSTALLED), DeviceState.FAILED, cameBackWith(d, row), null, now);
        }
    }

    /** A device of a watched row checked in. */
    void checkedIn(Device device, boolean booted, Instant now) {
        Campaign.Device w = watched.get(device.id());
        if (w == null) {
            return;
        }
        Campaign.Device row = rows.find(w.campaignId(), w.deviceId()).orElse(null);
        if (row == null || !row.state().inFlight()) {
            watched.remove(device.id());
            return;
        }
        if (sameVersion(device.softwareVersion(), row.targetVersion())) {
            if (row.state() == DeviceState.INSTALLED) {
                settle(row, Set.of(DeviceState.INSTALLED), success(row), null, null, "version_seen_at", now);
            } else if (row.versionSeenAt() == null) {
                rows.versionSeen(row, now);
            }
        } else if (booted && row.state() == DeviceState.INSTALLED) {
            settle(row, Set.of(DeviceState.INSTALLED), DeviceState.FAILED, cameBackWith(device, row), null, now);
        }
    }

    /** The success time limit ran out for an in-flight row. */
    void overdue(Campaign.Device row, Instant now) {
        String why;
        if (row.state() == DeviceState.SCHEDULED) {
            why = "the device did not take the download within the success time limit";
        } else if (row.state() == DeviceState.SENT) {
            why = "no TransferComplete within the success time limit";
        } else {
            String now2 = registry.find(row.deviceId()).map(Device::softwareVersion).orElse(null);
            why = "did not come back with " + row.targetVersion() + " within the success time limit (reports "
                + (now2 == null ? "no version" : now2) + ")";
        }
        settle(row, Set.of(row.state()), DeviceState.TIMED_OUT, why, null, now);
    }

    boolean settle(Campaign.Device row, Set<DeviceState> from, DeviceState to, String reason, Integer fault, Instant now) {
        return settle(row, from, to, reason, fault, null, now);
    }

    private boolean settle(Campaign.Device row, Set<DeviceState> from, DeviceState to, String reason, Integer fault,
                           String stamp, Instant now) {
        boolean moved = rows.move(row, from, to, reason == null ? null : (row.rollback() ? "rollback: " : "") + reason,
            fault, stamp, now);
        if (moved) {
            watched.remove(row.deviceId());
            metrics.settled(to);
        }
        return moved;
    }

    private static DeviceState success(Campaign.Device row) {
        return row.rollback() ? DeviceState.ROLLED_BACK : DeviceState.SUCCEEDED;
    }

    private static String cameBackWith(Device d, Campaign.Device row) {
        return "came back with software version " + (d.softwareVersion() == null ? "(none)" : d.softwareVersion())
            + ", not " + row.targetVersion();
    }

    static boolean sameVersion(String reported, String target) {
        return reported != null && reported.trim().equalsIgnoreCase(target.trim());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
