package io.homeacs.server.lifecycle;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equipment lifecycle: each device's ownership, installation, lease and warranty dates, holder and
 * history; tamper evidence from what the ACS sees at check-in; and the return of a unit at the end
 * of its lease (remote pre-return check, counter inspection, verdict, release).
 */
public final class Lifecycle {
    private final DeviceRegistry registry;
    private final Assignments assignments;
    private final DeviceReleaser releaser;
    private final LifecycleSettings settings;
    private final Clock clock;
    private final Equipment equipment;
    private final EvidenceLog evidence;
    private final Returns returns;
    private final OperatorCatalog catalog;
    private final TamperWatch watch;
    private final PreReturnCheck preReturn;
    private final LifecycleReports reports;

    /**
     * A device's equipment status. installedAt comes from the operator's record for this holding, or
     * else from the assignment that bound it (installedFrom says which); the warranty covers the main
     * unit only and runs warrantyMonths from installedAt.
     */
    public record Status(Device device, EquipmentRecord record, Long holderId, Assignments.Assignment holding,
                         Instant installedAt, String installedFrom, Instant leaseStart, Instant warrantyEnd,
                         Boolean inWarranty, BigDecimal compensationValue, List<Assignments.Assignment> history,
                         int openEvidence) {
    }

    /** An operator's changes to a record; null fields stay, clearX fields empty the date. */
    public record Changes(Ownership ownership, Instant leaseStart, boolean clearLeaseStart, Instant installedAt,
                          boolean clearInstalledAt, BigDecimal purchasePrice, boolean clearPurchasePrice,
                          String serialNumber, String hardwareVersion, String lineId, String note) {
    }

    public Lifecycle(Database db, DeviceRegistry registry, TaskQueue tasks, Assignments assignments,
                     Normalization normalization, DeviceWakeup wakeup, ResetAuthority resets, DeviceReleaser releaser,
                     SelfTester selfTester, LifecycleSettings settings, Clock clock) {
        this.registry = registry;
        this.assignments = assignments;
        this.releaser = releaser;
        this.settings = settings;
        this.clock = clock;
        this.equipment = new Equipment(db);
        this.evidence = new EvidenceLog(db);
        this.returns = new Returns(db);
        this.catalog = new OperatorCatalog(db);
        this.watch = new TamperWatch(equipment, evidence, catalog, catalog, resets, assignments, normalization, registry,
            tasks, settings.defaultOwnership());
        this.reports = new LifecycleReports(db, registry, this::status, settings.warrantyMonths());
        this.preReturn = new PreReturnCheck(registry, normalization, wakeup, selfTester, catalog, settings);
        registry.onCheckIn(new io.homeacs.server.device.CheckInListener() {
            @Override
            public void checkedIn(Device device, InformFacts facts, boolean firstContact, Instant now) {
                watch.checkedIn(device, facts, firstContact, now);
            }

            @Override
            public void rebootstrapRefused(Device device, InformFacts facts, Instant now) {
                watch.rebootstrapRefused(device, facts, now);
            }
        });
        tasks.addListener((task, outcome, now) -> {
            if (task.type() == TaskType.REFRESH && task.state() == TaskState.DONE) {
                registry.find(task.deviceId()).ifPresent(d -> watch.deviceRead(d, now));
            }
        });
    }

    public OperatorCatalog catalog() {
        return catalog;
    }

    public LifecycleReports reports() {
        return reports;
    }

    public LifecycleSettings settings() {
        return settings;
    }

    public Status status(long deviceId) {
        Device d = device(deviceId);
        EquipmentRecord r = record(d);
        List<Assignments.Assignment> history = assignments.history(deviceId, null, 100);
        Assignments.Assignment holding = history.stream().filter(a -> a.releasedAt() == null).findFirst()
            .orElse(history.isEmpty() ? null : history.get(0));
        Long holder = assignments.holderOf(deviceId).orElse(null);
        boolean ownDates = Objects.equals(r.datesAssignmentId(), holding == null ? null : holding.id());
        Instant installed = ownDates && r.installedAt() != null ? r.installedAt() : holding == null ? null : holding.assignedAt();
        String from = installed == null ? null : ownDates && r.installedAt() != null ? "record" : "assignment";
        Instant leaseStart = !r.ownership().operatorOwned() ? null
            : ownDates && r.leaseStart() != null ? r.leaseStart() : installed;
        Instant warrantyEnd = installed == null ? null
            : installed.atZone(ZoneOffset.UTC).plusMonths(settings.warrantyMonths()).toInstant();
        Boolean inWarranty = warrantyEnd == null ? null : clock.instant().isBefore(warrantyEnd);
        int open = evidence.openSince(deviceId, holding == null ? null : holding.assignedAt()).size();
        return new Status(d, r, holder, holding, installed, from, leaseStart, warrantyEnd, inWarranty,
            settings.values().get(d.kind()), history, open);
    }

    /** Applies an operator's changes; dates belong to the current holding and lapse with it. */
    public Status update(long deviceId, Changes c, String by) {
        Status s = status(deviceId);
        EquipmentRecord r = s.record();
        Long holdingId = s.holding() == null ? null : s.holding().id();
        boolean ownDates = Objects.equals(r.datesAssignmentId(), holdingId);
        Instant lease = c.clearLeaseStart() ? null : c.leaseStart() != null ? c.leaseStart() : ownDates ? r.leaseStart() : null;
        Instant installed = c.clearInstalledAt() ? null : c.installedAt() != null ? c.installedAt()
            : ownDates ? r.installedAt() : null;
        BigDecimal price = c.clearPurchasePrice() ? null : c.purchasePrice() != null ? c.purchasePrice() : r.purchasePrice();
        EquipmentRecord updated = new EquipmentRecord(deviceId, c.ownership() != null ? c.ownership() : r.ownership(),
            lease, installed, holdingId, price, c.serialNumber() != null ? c.serialNumber() : r.serialNumber(),
            c.hardwareVersion() != null ? c.hardwareVersion() : r.hardwareVersion(),
            c.lineId() != null ? c.lineId() : r.lineId(), c.note() != null ? c.note() : r.note(), r.createdAt(),
            clock.instant(), by);
        equipment.update(updated);
        watch.rebase(updated);
        return status(deviceId);
    }

    public List<Evidence> evidence(Evidence.Query q) {
        return evidence.list(q);
    }

    /** Dismisses evidence found to be no tampering (an approved change, a repaired unit); the row stays. */
    public Evidence dismiss(long evidenceId, String by, String reason) {
        Evidence e = evidence.find(evidenceId).orElseThrow(() -> new NotFound("evidence " + evidenceId));
        if (!evidence.dismiss(evidenceId, by, reason, clock.instant())) {
            throw new io.homeacs.server.subscriber.Conflict("evidence " + evidenceId + " was dismissed already");
        }
        return evidence.find(e.id()).orElseThrow();
    }

    /** Runs and records the remote pre-return check of the unit's current (or last) holding. */
    public Returns.Check preReturnCheck(long deviceId, boolean wake, String by) {
        Status s = status(deviceId);
        Instant now = clock.instant();
        List<Evidence> open = evidence.openSince(deviceId, s.holding() == null ? null : s.holding().assignedAt());
        List<Object> items = preReturn.items(s.device(), open, wake, now);
        return returns.addCheck(deviceId, subscriberOf(s), PreReturnCheck.outcome(items), items, now, by);
    }

    /** Records what the counter found, decides the verdict, and releases a returned unit from its holder. */
    public Returns.Inspection inspect(long deviceId, Verdict.Findings findings, List<String> accessories, String note,
                                      String by) {
        Status s = status(deviceId);
        Instant now = clock.instant();
        Instant holdingStart = s.holding() == null ? null : s.holding().assignedAt();
        List<Evidence> open = evidence.openSince(deviceId, holdingStart);
        Verdict v = Verdict.decide(findings, s.record().ownership(), s.device().kind(), s.record().purchasePrice(),
            settings.values(), open);
        Long check = returns.checks(deviceId, 1).stream()
            .filter(c -> holdingStart == null || !c.checkedAt().isBefore(holdingStart)).map(Returns.Check::id)
            .findFirst().orElse(null);
        boolean released = findings.returned() && s.holderId() != null
            && releaser.release(deviceId, s.holderId(), "returned at the counter, inspected by " + by);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("unreturnable", findings.unreturnable());
        detail.put("accessories", accessories);
        detail.put("note", note);
        detail.put("reasons", v.reasons());
        detail.put("evidenceIds", open.stream().map(Evidence::id).toList());
        detail.put("currency", "CNY");
        return returns.addInspection(new Returns.Inspection(0, deviceId, subscriberOf(s), s.record().ownership(),
            s.device().kind(), findings.returned(), findings.intact(), findings.working(), v.meetsCondition(),
            v.compensation(), v.basis(), released, check, detail, now, by));
    }

    public List<Returns.Check> checks(long deviceId) {
        device(deviceId);
        return returns.checks(deviceId, 100);
    }

    public List<Returns.Inspection> inspections(long deviceId) {
        device(deviceId);
        return returns.inspections(deviceId, 100);
    }

    /** The holder, or for a unit already released the subscriber of its last holding. */
    private static Long subscriberOf(Status s) {
        return s.holderId() != null ? s.holderId() : s.holding() == null ? null : s.holding().subscriberId();
    }

    private EquipmentRecord record(Device d) {
        return equipment.find(d.id()).orElseGet(() -> equipment.ensure(d.id(), settings.defaultOwnership(),
            d.identity().serialNumber(), d.hardwareVersion(), clock.instant()));
    }

    private Device device(long deviceId) {
        return registry.find(deviceId).orElseThrow(() -> new NotFound("device " + deviceId));
    }
}
