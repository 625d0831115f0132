package io.homeacs.server.health;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps the trend: about once per interval, a device that checks in gets one GetParameterValues of
 * its key values, and the snapshot taken from the answer is stored as a sample. A device first seen
 * after a start is given a random point within the interval, so a restart does not read the whole
 * fleet at once.
 */
public final class HealthSampling {
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final HealthReader reader;
    private final HealthSamples samples;
    private final Duration interval;
    /** Device id → epoch second its next sample is due; only devices seen since start. */
    private final Map<Long, Long> due = new ConcurrentHashMap<>();
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();

    public HealthSampling(DeviceRegistry registry, TaskQueue tasks, HealthReader reader, HealthSamples samples,
                          Duration interval) {
        this.registry = registry;
        this.tasks = tasks;
        this.reader = reader;
        this.samples = samples;
        this.interval = interval;
        if (!interval.isZero()) {
            registry.onCheckIn((device, facts, first, now) -> checkedIn(device, now));
            tasks.addListener((task, outcome, now) -> taskFinished(task, now));
        }
    }

    private void checkedIn(Device device, Instant now) {
        long nowSec = now.getEpochSecond();
        Long next = due.get(device.id());
        if (next == null) {
            due.put(device.id(), nowSec + ThreadLocalRandom.current().nextLong(Math.max(1, interval.toSeconds())));
            return;
        }
        if (nowSec < next || pending.containsValue(device.id())) {
            return;
        }
        due.put(device.id(), nowSec + interval.toSeconds());
        List<String> paths = reader.keyPaths(device);
        if (!paths.isEmpty()) {
            Task t = tasks.enqueue(device.id(), new TaskSpec.GetParameterValues(paths), TaskOrigin.SYSTEM,
                interval, now);
            pending.put(t.id(), device.id());
        }
    }

    private void taskFinished(Task task, Instant now) {
        Long deviceId = pending.remove(task.id());
        if (deviceId != null && task.state() == TaskState.DONE) {
            registry.find(deviceId).ifPresent(d -> samples.record(reader.snapshot(d, now)));
        }
    }
}
