package io.homeacs.server.lifecycle;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.task.TaskQueue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches check-ins for tamper evidence. It runs on every Inform, periodic ones included, so the
 * common case is decided in memory: per device it remembers the equipment baseline and the versions
 * and catalogue generation it last judged, and does nothing more unless one of those changed or the
 * Inform carries an event other than 2 PERIODIC. The store is touched only to record evidence, for
 * the rare events that need history (a bootstrap, a value change, a boot that reports a line), and
 * once per device to create its equipment row.
 */
final class TamperWatch {
    private static final Logger LOG = LoggerFactory.getLogger(TamperWatch.class);

    private final Equipment equipment;
    private final EvidenceLog evidence;
    private final SoftwareCatalog software;
    private final ModelCertification models;
    private final ResetAuthority resets;
    private final Assignments assignments;
    private final Normalization normalization;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final Ownership defaultOwnership;
    private final ConcurrentHashMap<Long, Seen> seen = new ConcurrentHashMap<>();

    /** The equipment baseline plus what was last judged; generation -1 = not judged since start-up. */
    private record Seen(String serial, String hardwareBaseline, String lineId, String software, String hardware,
                        String model, String serialReported, long generation) {
        Seen rebased(EquipmentRecord r) {
            return new Seen(r.serialNumber(), r.hardwareVersion(), r.lineId(), software, hardware, model, serialReported, -1);
        }
    }

    TamperWatch(Equipment equipment, EvidenceLog evidence, SoftwareCatalog software, ModelCertification models,
                ResetAuthority resets, Assignments assignments, Normalization normalization, DeviceRegistry registry,
                TaskQueue tasks, Ownership defaultOwnership) {
        this.equipment = equipment;
        this.evidence = evidence;
        this.software = software;
        this.models = models;
        this.resets = resets;
        this.assignments = assignments;
        this.normalization = normalization;
        this.registry = registry;
        this.tasks = tasks;
        this.defaultOwnership = defaultOwnership;
        for (EquipmentRecord r : equipment.all()) {
            seen.put(r.deviceId(), new Seen(r.serialNumber(), r.hardwareVersion(), r.lineId(), null, null, null, null, -1));
        }
    }

    /** The operator changed the baseline (PATCH): judge the device again at its next check-in. */
    void rebase(EquipmentRecord r) {
        seen.compute(r.deviceId(), (id, s) -> s == null ? null : s.rebased(r));
    }

    void checkedIn(Device d, InformFacts f, boolean firstContact, Instant now) {
        Seen s = seen.get(d.id());
        if (s == null) {
            EquipmentRecord r = equipment.ensure(d.id(), defaultOwnership, d.identity().serialNumber(), d.hardwareVersion(), now);
            s = new Seen(r.serialNumber(), r.hardwareVersion(), r.lineId(), null, null, null, null, -1);
        }
        long generation = software.generation() + models.generation();
        String serialReported = reported(f, d, "DeviceInfo.SerialNumber");
        boolean changed = s.generation() != generation || !Objects.equals(d.softwareVersion(), s.software())
            || !Objects.equals(d.hardwareVersion(), s.hardware()) || !Objects.equals(d.modelName(), s.model())
            || serialReported != null && !serialReported.equals(s.serialReported());
        boolean events = notable(f);
        if (!changed && !events && !firstContact) {
            return;
        }
        String hardwareBaseline = s.hardwareBaseline();
        if (changed) {
            hardwareBaseline = judgeState(d, f, s, serialReported, now);
        }
        String lineId = s.lineId();
        if (!firstContact && f.has(DeviceEvent.BOOTSTRAP) && resets.onboarded(d.id()) && !resets.authorised(d.id(), now)) {
            factoryReset(d, f, true, now);
        }
        if (f.has(DeviceEvent.VALUE_CHANGE)) {
            configChanged(d, f, now);
        }
        if (firstContact || f.has(DeviceEvent.BOOT) || f.has(DeviceEvent.BOOTSTRAP)) {
            ParameterDocument informed = ParameterDocument.empty();
            informed.merge(f.parameters(), now);
            lineId = onLine(d, registrationId(d, informed), lineId, proof(f, now), now);
        }
        seen.put(d.id(), new Seen(s.serial(), hardwareBaseline, lineId, d.softwareVersion(), d.hardwareVersion(),
            d.modelName(), serialReported, generation));
    }

    /** The CWMP layer refused a 0 BOOTSTRAP nobody authorised: the reset happened all the same. */
    void rebootstrapRefused(Device d, InformFacts f, Instant now) {
        factoryReset(d, f, false, now);
    }

    /** After a full read: the LOID of many ONTs is not in their Inform. */
    void deviceRead(Device d, Instant now) {
        Seen s = seen.get(d.id());
        String line = onLine(d, registrationId(d, registry.parameters(d.id())), s == null ? null : s.lineId(),
            Map.of("source", "full parameter read", "at", now.toString()), now);
        if (s != null) {
            seen.put(d.id(), new Seen(s.serial(), s.hardwareBaseline(), line, s.software(), s.hardware(), s.model(),
                s.serialReported(), s.generation()));
        }
    }

    /** Software, model, hardware and serial against the catalogues and the baseline; returns the hardware baseline. */
    private String judgeState(Device d, InformFacts f, Seen s, String serialReported, Instant now) {
        Map<String, Object> proof = proof(f, now);
        if (d.modelName() != null && d.softwareVersion() != null
            && software.judgeSoftware(d.modelName(), d.softwareVersion()) == Judgement.NOT_APPROVED) {
            Map<String, Object> p = new LinkedHashMap<>(proof);
            p.put("model", d.modelName());
            p.put("approvedVersions", software.approvedVersions(d.modelName()));
            record(d, EvidenceKind.SOFTWARE_NOT_APPROVED, "softwareVersion", s.software(), d.softwareVersion(), p, now);
        }
        if (d.modelName() != null && models.judgeModel(d.modelName()) == Judgement.NOT_APPROVED) {
            Map<String, Object> p = new LinkedHashMap<>(proof);
            p.put("manufacturer", d.manufacturer());
            p.put("oui", d.identity().oui());
            p.put("productClass", d.identity().productClass());
            record(d, EvidenceKind.UNCERTIFIED_MODEL, "modelName", null, d.modelName(), p, now);
        }
        String baseline = s.hardwareBaseline();
        if (baseline == null && d.hardwareVersion() != null) {
            equipment.fillHardwareVersion(d.id(), d.hardwareVersion(), now);
            baseline = d.hardwareVersion();
        } else if (baseline != null && d.hardwareVersion() != null && !baseline.equals(d.hardwareVersion())) {
            record(d, EvidenceKind.HARDWARE_MISMATCH, "hardwareVersion", baseline, d.hardwareVersion(), proof, now);
        }
        String serial = d.identity().serialNumber();
        if (s.serial() != null && !s.serial().equals(serial)) {
            record(d, EvidenceKind.SERIAL_MISMATCH, "DeviceId.SerialNumber", s.serial(), serial, proof, now);
        }
        if (serialReported != null && !serialReported.equals(serial)) {
            record(d, EvidenceKind.SERIAL_MISMATCH, "DeviceInfo.SerialNumber", serial, serialReported, proof, now);
        }
        return baseline;
    }

    private void factoryReset(Device d, InformFacts f, boolean accepted, Instant now) {
        Map<String, Object> p = proof(f, now);
        p.put("accepted", accepted);
        p.put("why", "0 BOOTSTRAP from a device that had finished onboarding, with no factory reset sent by the ACS "
            + "and no allow-rebootstrap in the 24 hours before");
        record(d, EvidenceKind.FACTORY_RESET, DeviceEvent.BOOTSTRAP, "no reset outside the ACS",
            accepted ? "reset, session accepted" : "reset, session refused", p, now);
    }

    private void configChanged(Device d, InformFacts f, Instant now) {
        for (ConfigDrift.Drift drift : ConfigDrift.find(f.parameters(), tasks.forDevice(d.id(), 200))) {
            Map<String, Object> p = proof(f, now);
            p.put("setByTask", drift.taskId());
            p.put("setAt", drift.setAt() == null ? null : drift.setAt().toString());
            record(d, EvidenceKind.CONFIG_CHANGED, drift.path(), drift.acsValue(), drift.reported(), p, now);
        }
    }

    /**
     * Records the device's line (LOID) and flags each other unit last seen on it that a subscriber
     * still holds: the leased unit was taken off the line and another put in its place. A swap order
     * binds the new unit and releases the old one before this runs, so a sanctioned swap is no evidence.
     */
    private String onLine(Device d, Optional<String> loid, String known, Map<String, Object> proof, Instant now) {
        if (loid.isEmpty()) {
            return known;
        }
        String line = loid.get();
        if (!line.equals(known)) {
            equipment.setLine(d.id(), line, now);
        }
        Long newHolder = null;
        boolean holderRead = false;
        for (long other : equipment.othersOnLine(line, d.id())) {
            Optional<Long> holder = assignments.holderOf(other);
            if (!holderRead) {
                newHolder = assignments.holderOf(d.id()).orElse(null);
                holderRead = true;
            }
            if (holder.isEmpty() || holder.get().equals(newHolder)) {
                continue;
            }
            Device held = registry.find(other).orElse(null);
            Map<String, Object> p = new LinkedHashMap<>(proof);
            p.put("line", line);
            p.put("replacementDeviceId", d.id());
            p.put("replacementKey", d.key());
            evidence.record(new Evidence.Sighting(other, EvidenceKind.REPLACED_ON_LINE, "line " + line,
                held == null ? String.valueOf(other) : held.key(), d.key(), holder.get(), p, now));
            LOG.warn("device {} reported line {} held through device {} by subscriber {}", d.key(), line, other, holder.get());
        }
        return line;
    }

    private void record(Device d, EvidenceKind kind, String subject, String expected, String observed,
                        Map<String, Object> proof, Instant now) {
        Long holder = assignments.holderOf(d.id()).orElse(null);
        evidence.record(new Evidence.Sighting(d.id(), kind, subject, expected, observed, holder, proof, now));
        LOG.warn("tamper evidence on device {}: {} {} (expected {}, saw {})", d.key(), kind.apiName(), subject, expected,
            observed);
    }

    private Optional<String> registrationId(Device d, ParameterDocument doc) {
        return normalization.resolve("registrationId", d, doc).map(v -> v.raw().trim()).filter(v -> !v.isEmpty());
    }

    private static Map<String, Object> proof(InformFacts f, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", "Inform");
        p.put("at", now.toString());
        p.put("events", f.events().stream().map(DeviceEvent::code).toList());
        p.put("remoteIp", f.remoteIp());
        return p;
    }

    private static String reported(InformFacts f, Device d, String relative) {
        String path = d.dataModel().root() + relative;
        for (ParamValue p : f.parameters()) {
            if (p.name().equals(path)) {
                return p.value() == null || p.value().isBlank() ? null : p.value().trim();
            }
        }
        return null;
    }

    private static boolean notable(InformFacts f) {
        for (DeviceEvent e : f.events()) {
            if (!e.code().equals(DeviceEvent.PERIODIC)) {
                return true;
            }
        }
        return false;
    }
}
