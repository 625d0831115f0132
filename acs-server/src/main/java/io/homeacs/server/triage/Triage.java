package io.homeacs.server.triage;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.diagnose.DiagnosticRequest;
import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.events.EventType;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.health.HealthReader;
import io.homeacs.server.health.HealthSamples;
import io.homeacs.server.health.HealthSnapshot;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.Conflict;
import io.homeacs.server.subscriber.Limits;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Optional;

/**
 * Fault reports from receipt to restoration. A report starts a triage run: the device's key values
 * and those the symptom needs are read fresh (the device is woken for it), the diagnostic that fits the
 * symptom is started ({@link TriagePlan}), and once both have ended a health snapshot is taken and kept
 * as a sample and the rules give a verdict with the evidence behind it. A device that does not answer
 * within the triage timeout (the read's task expires; the run times out) is judged on what the ACS
 * knows, which is itself evidence. A home with a mesh adds what the mesh's own judgement found (weak or
 * slow backhaul, clients stuck on a weak node, a congested channel) through {@link HomeWifiFindings}.
 */
public final class Triage {
    private final FaultReports reports;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final HealthReader health;
    private final HealthSamples samples;
    private final Subscribers subscribers;
    private final Assignments assignments;
    private final Normalization normalization;
    private final Webhooks webhooks;
    private final Diagnostics diagnostics;
    private final Settings settings;
    /** Device id → end of its warranty from the equipment record (null when unknown). */
    private final LongFunction<Instant> warrantyEnd;
    private final HomeWifiFindings homeWifi;
    private final Clock clock;

    /**
     * Repair commitments (24 h, 48 h for enterprise), how long a triage waits for the device, and the host
     * a dead or unstable line is pinged at (empty: the speed-test server's host as the device reaches it).
     */
    public record Settings(Duration repairTime, Duration enterpriseRepairTime, Duration triageTimeout, String pingHost) {
    }

    public Triage(Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, HealthReader health,
                  HealthSamples samples, Subscribers subscribers, Assignments assignments, Normalization normalization,
                  Webhooks webhooks, Diagnostics diagnostics, Settings settings, LongFunction<Instant> warrantyEnd,
                  HomeWifiFindings homeWifi, Clock clock) {
        this.warrantyEnd = warrantyEnd;
        this.homeWifi = homeWifi;
        this.reports = new FaultReports(db);
        this.registry = registry;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.health = health;
        this.samples = samples;
        this.subscribers = subscribers;
        this.assignments = assignments;
        this.normalization = normalization;
        this.webhooks = webhooks;
        this.diagnostics = diagnostics;
        this.settings = settings;
        this.clock = clock;
        tasks.addListener((task, outcome, now) -> {
            if (task.state().terminal() && task.origin() == TaskOrigin.SYSTEM) {
                reports.byTask(task.id()).ifPresent(r -> judgeWhenDone(r, now));
            }
        });
        diagnostics.onFinished(run -> reports.byDiagnosticRun(run.id()).ifPresent(r -> judgeWhenDone(r, clock.instant())));
    }

    public FaultReport report(long subscriberId, Long deviceId, FaultReport.Symptom symptom, String description,
                              Instant reportedAt, String by) {
        Limits.check("description", description, 1000);
        Subscriber s = subscribers.find(subscriberId).orElseThrow(() -> new NotFound("subscriber " + subscriberId));
        Instant now = clock.instant();
        Instant reported = reportedAt == null ? now : reportedAt;
        if (reported.isAfter(now.plusSeconds(300))) {
            throw new IllegalArgumentException("reportedAt is in the future");
        }
        Device device = deviceOf(s, deviceId);
        Duration commitment = s.accountType() == Subscriber.AccountType.ENTERPRISE ? settings.enterpriseRepairTime()
            : settings.repairTime();
        long id = reports.insert(s.id(), device == null ? null : device.id(), symptom, description, reported, now,
            reported.plus(commitment), by);
        start(reports.find(id).orElseThrow(), device, now);
        return reports.find(id).orElseThrow();
    }

    /** Triage again (after an action, or when the first one could not reach the device). */
    public FaultReport retriage(long id) {
        FaultReport r = find(id);
        if (!r.open()) {
            throw new Conflict("fault report " + id + " is already restored");
        }
        Device device = r.deviceId() == null ? null : registry.find(r.deviceId()).orElse(null);
        if (r.triageTaskId() != null) {
            tasks.cancel(r.triageTaskId(), clock.instant());
        }
        reports.reopen(id);
        start(reports.find(id).orElseThrow(), device, clock.instant());
        return reports.find(id).orElseThrow();
    }

    private void start(FaultReport r, Device device, Instant now) {
        List<String> paths = device == null ? List.of() : health.keyPaths(device);
        if (paths.isEmpty()) {
            judge(r, false, now);
            return;
        }
        TriagePlan plan = TriagePlan.of(r.symptom());
        List<String> read = new ArrayList<>(paths);
        ParameterDocument doc = registry.parameters(device.id());
        for (String concept : plan.extraConcepts()) {
            normalization.resolve(concept, device, doc).map(Normalization.Value::path)
                .filter(p -> !read.contains(p)).ifPresent(read::add);
        }
        Task t = tasks.enqueue(device.id(), new TaskSpec.GetParameterValues(read), TaskOrigin.SYSTEM,
            settings.triageTimeout(), now);
        startDiagnostic(r, device, plan);
        reports.triaging(r.id(), t.id());
        publish(r.id(), now);
        wakeup.wake(device);
    }

    /** Starts the plan's diagnostic; when it cannot run, the report keeps why, and the verdict says so. */
    private void startDiagnostic(FaultReport r, Device device, TriagePlan plan) {
        if (plan.test() == TriagePlan.Test.NONE) {
            return;
        }
        try {
            DiagnosticRequest req = plan.test() == TriagePlan.Test.SPEED_TEST
                ? DiagnosticRequest.speedTest(diagnostics.settings().defaultTestBytes())
                : DiagnosticRequest.ping(settings.pingHost().isEmpty() ? diagnostics.testServerHost(device.id())
                    : settings.pingHost(), 4);
            DiagnosticRun run = diagnostics.start(device.id(), req, "triage of fault report " + r.id(), false);
            reports.diagnostic(r.id(), run.id(), null);
        } catch (RuntimeException e) {
            // Busy with another run, or no test server known for the device: judge without the test.
            reports.diagnostic(r.id(), null, "no " + (plan.test() == TriagePlan.Test.SPEED_TEST ? "speed test" : "ping")
                + " run: " + e.getMessage());
        }
    }

    /** Triage runs whose read finished while the ACS was down are judged now. */
    public void reconcile() {
        Instant now = clock.instant();
        for (FaultReport r : reports.list(new FaultReports.Filter(FaultReport.State.TRIAGING, null, null, null, null, null),
            0, 1000)) {
            judgeWhenDone(r, now);
        }
    }

    /** Judges once the triage's read has ended and its diagnostic run (if any) too. */
    private void judgeWhenDone(FaultReport stale, Instant now) {
        FaultReport r = reports.find(stale.id()).orElseThrow();
        if (r.state() != FaultReport.State.TRIAGING || r.triageTaskId() == null) {
            return;
        }
        Task read = tasks.find(r.triageTaskId()).orElse(null);
        if (read == null || !read.state().terminal()) {
            return;
        }
        if (r.diagnosticRunId() != null
            && diagnostics.find(r.diagnosticRunId()).map(run -> !run.state().terminal()).orElse(false)) {
            return;
        }
        judge(r, read.state() == TaskState.DONE, now);
    }

    private synchronized void judge(FaultReport stale, boolean fresh, Instant now) {
        // Re-read under the lock; an action recorded while the read was out still gets its verdict.
        FaultReport r = reports.find(stale.id()).orElseThrow();
        if (r.verdict() != null && r.state() != FaultReport.State.RECEIVED && r.state() != FaultReport.State.TRIAGING) {
            return;
        }
        Subscriber s = subscribers.find(r.subscriberId()).orElseThrow();
        Device device = r.deviceId() == null ? null : registry.find(r.deviceId()).orElse(null);
        HealthSnapshot h = null;
        String wanEnable = null;
        String ppp = null;
        String iptv = null;
        Instant warranty = null;
        List<HomeWifiFindings.Finding> meshFindings = List.of();
        if (device != null) {
            h = health.snapshot(device, now);
            samples.record(h);
            ParameterDocument doc = registry.parameters(device.id());
            wanEnable = value("wanEnable", device, doc);
            ppp = value("wanPppUsername", device, doc);
            iptv = value("iptvEnable", device, doc);
            warranty = this.warrantyEnd.apply(device.id());
            meshFindings = homeWifi.forDevice(device.id());
        }
        DiagnosticRun run = r.diagnosticRunId() == null ? null : diagnostics.find(r.diagnosticRunId()).orElse(null);
        FaultReport.Verdict v = Verdicts.judge(new Verdicts.Facts(r.symptom(), s, h, wanEnable, ppp, iptv, warranty,
            fresh, now, run, r.diagnosticNote(), meshFindings));
        if (reports.verdict(r.id(), v, now)) {
            publish(r.id(), now);
        }
    }

    public FaultReport action(long id, String action) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("action is required");
        }
        Limits.check("action", action, 1000);
        find(id);
        if (!reports.action(id, action.trim(), clock.instant())) {
            throw new Conflict("fault report " + id + " is already restored");
        }
        publish(id, clock.instant());
        return find(id);
    }

    public FaultReport restore(long id, String note, Instant at) {
        Limits.check("note", note, 1000);
        FaultReport r = find(id);
        Instant when = at == null ? clock.instant() : at;
        if (when.isBefore(r.reportedAt()) || when.isAfter(clock.instant().plusSeconds(300))) {
            throw new IllegalArgumentException("restoredAt must lie between the report and now");
        }
        if (!reports.restored(id, note, when)) {
            throw new Conflict("fault report " + id + " is already restored");
        }
        publish(id, clock.instant());
        return find(id);
    }

    public FaultReport find(long id) {
        return reports.find(id).orElseThrow(() -> new NotFound("fault report " + id));
    }

    public List<FaultReport> list(FaultReport.State state, Long subscriberId, Long deviceId, FaultReport.Category category,
                                  boolean overdue, int offset, int limit) {
        return reports.list(new FaultReports.Filter(state, subscriberId, deviceId, category, overdue ? clock.instant() : null,
            null), offset, limit);
    }

    public RepairKpis.Report kpis(Instant since) {
        return RepairKpis.of(reports.list(new FaultReports.Filter(null, null, null, null, null, since), 0, 100_000),
            id -> registry.find(id).map(Device::modelName).orElse(null), clock.instant());
    }

    private Device deviceOf(Subscriber s, Long deviceId) {
        List<Long> held = assignments.devicesOf(s.id());
        if (deviceId != null) {
            if (!held.contains(deviceId)) {
                throw new IllegalArgumentException("device " + deviceId + " is not held by subscriber " + s.account());
            }
            return registry.find(deviceId).orElse(null);
        }
        Optional<Device> gateway = held.stream().map(registry::find).flatMap(Optional::stream)
            .filter(d -> d.kind() == DeviceKind.GATEWAY).findFirst();
        return gateway.orElseGet(() -> held.isEmpty() ? null : registry.find(held.get(0)).orElse(null));
    }

    private String value(String concept, Device device, ParameterDocument doc) {
        return normalization.resolve(concept, device, doc).map(Normalization.Value::value).orElse(null);
    }

    private void publish(long id, Instant now) {
        reports.find(id).ifPresent(r -> webhooks.publish(EventType.FAULT_REPORT_CHANGED, FaultReportViews.event(r), now));
    }
}
