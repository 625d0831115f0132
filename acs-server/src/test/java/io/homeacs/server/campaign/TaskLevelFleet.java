package io.homeacs.server.campaign;

import io.homeacs.firmware.Compatibility;
import io.homeacs.firmware.FirmwareVersion;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices played at the task level, as the CWMP adapter would report them: a Download is taken
 * (accepted), the device reboots with what the image installs (1 BOOT, M Download), then its
 * TransferComplete finishes the task. Images are a small in-memory catalogue.
 */
final class TaskLevelFleet {

    /** What a device does with a download. */
    enum Behaviour { INSTALLS, TRANSFER_FAULT, KEEPS_OLD_VERSION, SILENT }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An in-memory image catalogue: id → version, all for product class "HG8245Q2". */
    static final class Images implements ImageSource {
        final Map<Long, String> versions = new ConcurrentHashMap<>();
        final Map<Long, Boolean> withdrawn = new ConcurrentHashMap<>();

        @Override
        public Optional<Image> find(long imageId) {
            String v = versions.get(imageId);
            return v == null ? Optional.empty() : Optional.of(new Image(imageId, "OptiLink", v, withdrawn.getOrDefault(imageId, false)));
        }

        @Override
        public Compatibility.Decision check(long imageId, Device device, boolean rollback) {
            String v = versions.get(imageId);
            if (withdrawn.getOrDefault(imageId, false)) {
                return new Compatibility.Decision(false, Compatibility.Reason.WITHDRAWN, "withdrawn");
            }
            int c = FirmwareVersion.parse(v).compareTo(FirmwareVersion.parse(device.softwareVersion()));
            if (c == 0) {
                return new Compatibility.Decision(false, Compatibility.Reason.SAME_VERSION, "device already runs " + v);
            }
            if (c < 0 && !rollback) {
                return new Compatibility.Decision(false, Compatibility.Reason.DOWNGRADE, "downgrade");
            }
            return new Compatibility.Decision(true, null, "ok");
        }

        @Override
        public Optional<Long> imageOf(Device device) {
            return versions.entrySet().stream().filter(e -> e.getValue().equals(device.softwareVersion()))
                .map(Map.Entry::getKey).findFirst();
        }

        @Override
        public TaskSpec download(long imageId, Device device, Duration validFor) {
            return new TaskSpec.Download("1 Firmware Upgrade Image", "http://fw.test/fw/" + imageId + "/" + device.id() + "/img.hfw",
                "", "", 1000, "img.hfw", 0, "", "");
        }
    }

    final DeviceRegistry registry;
    final Images images;
    final Map<Long, Behaviour> behaviour = new ConcurrentHashMap<>();
    final Map<Long, String> serials = new ConcurrentHashMap<>();
    /** Downloads taken and not yet completed, by task id. */
    final Map<Long, Long> accepted = new ConcurrentHashMap<>();
    TaskQueue tasks;

    TaskLevelFleet(DeviceRegistry registry, TaskQueue tasks, Images images) {
        this.registry = registry;
        this.tasks = tasks;
        this.images = images;
    }

    static InformFacts inform(String serial, String version, String... events) {
        List<DeviceEvent> ev = new ArrayList<>();
        for (String e : events) {
            ev.add(e.startsWith("M ") ? new DeviceEvent(e, "x") : new DeviceEvent(e, ""));
        }
        return new InformFacts(new DeviceIdentity("00A0C9", "HG8245Q2", serial), "OptiLink", ev,
            List.of(new ParamValue("Device.DeviceInfo.SoftwareVersion", version, "xsd:string"),
                new ParamValue("Device.ManagementServer.ParameterKey", "", "xsd:string")), "10.0.0.7", "CWMP", "cwmp-1-2");
    }

    List<Long> register(String prefix, int n, String version, Instant now) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String serial = prefix + i;
            DeviceRegistry.CheckIn c = registry.checkIn(inform(serial, version, "0 BOOTSTRAP", "1 BOOT"), now);
            serials.put(c.device().id(), serial);
            ids.add(c.device().id());
        }
        return ids;
    }

    /** Takes queued downloads: the session answers with Download status 1 (accepted). Returns the tasks taken. */
    List<Task> takeDownloads(Instant now) {
        List<Task> taken = new ArrayList<>();
        for (long id : serials.keySet()) {
            if (behaviour.get(id) == Behaviour.SILENT) {
                continue;
            }
            Optional<Task> t = tasks.nextToSend(id, now);
            if (t.isPresent() && t.get().type() == TaskType.DOWNLOAD && tasks.markSent(t.get(), now)) {
                Task sent = tasks.find(t.get().id()).orElseThrow();
                tasks.finish(sent, new TaskOutcome.Accepted(Map.of("status", 1)), now);
                taken.add(sent);
                accepted.put(sent.id(), id);
            }
        }
        return taken;
    }

    /** Devices with an accepted download reboot and report TransferComplete. */
    int complete(Instant now) {
        int n = 0;
        for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(accepted).entrySet()) {
            Task t = tasks.find(e.getKey()).orElseThrow();
            if (t.state() == TaskState.ACCEPTED) {
                complete(e.getValue(), t, now);
                n++;
            }
        }
        return n;
    }

    void complete(long id, Task t, Instant now) {
        accepted.remove(t.id());
        Behaviour b = behaviour.getOrDefault(id, Behaviour.INSTALLS);
        Device d = registry.find(id).orElseThrow();
        String url = ((TaskSpec.Download) t.spec()).url();
        long image = Long.parseLong(url.split("/")[4]);
        String version = b == Behaviour.INSTALLS ? images.versions.get(image) : d.softwareVersion();
        if (b == Behaviour.INSTALLS || b == Behaviour.KEEPS_OLD_VERSION) {
            InformFacts facts = inform(serials.get(id), version, "1 BOOT", "M Download", "7 TRANSFER COMPLETE");
            DeviceRegistry.CheckIn c = registry.checkIn(facts, now);
            registry.checkedIn(c, facts, now);
        }
        TaskOutcome outcome = b == Behaviour.TRANSFER_FAULT
            ? new TaskOutcome.Failed(9010, "Download failure: HTTP 404", false, Map.of())
            : TaskOutcome.Done.of(Map.of());
        tasks.finish(t, outcome, now);
    }

    long downloadsOf(long deviceId) {
        return tasks.forDevice(deviceId, 100).stream().filter(t -> t.type() == TaskType.DOWNLOAD).count();
    }
}
