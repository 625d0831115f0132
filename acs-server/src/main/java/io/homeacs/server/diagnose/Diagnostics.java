package io.homeacs.server.diagnose;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.Conflict;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote diagnostics: asks a device to run a TR-143 test through the task queue, learns that it
 * finished from the "8 DIAGNOSTICS COMPLETE" check-in, reads the results back and judges a speed test
 * against the subscriber's contracted rate. Knows no protocol: the CWMP adapter (and later USP) only
 * carries the tasks and reports the check-in.
 */
public final class Diagnostics {
    private static final Logger LOG = LoggerFactory.getLogger(Diagnostics.class);
    public static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";

    private final DiagnosticRuns runs;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final Assignments assignments;
    private final Subscribers subscribers;
    private final DeviceWakeup wakeup;
    private final Settings settings;
    private final Clock clock;
    /** Told of every run that reaches a terminal state (triage and the pre-return check wait on runs). */
    private final List<Consumer<DiagnosticRun>> finished = new CopyOnWriteArrayList<>();
    /** Callers waiting for one run to end (the pre-return check's self-test). */
    private final Map<Long, CompletableFuture<DiagnosticRun>> waiting = new ConcurrentHashMap<>();

    /**
     * @param serverUrl  base URL of the speed-test server as devices reach it; empty = the ACS's own
     * @param serverPort the ACS's own test server's port, -1 when it does not run
     */
    public record Settings(int compliancePercent, Duration timeout, long defaultTestBytes, String serverUrl,
                           int serverPort, long serverMaxBytes) {
    }

    public Diagnostics(Database db, DeviceRegistry registry, TaskQueue tasks, Assignments assignments,
                       Subscribers subscribers, DeviceWakeup wakeup, Settings settings, Clock clock) {
        this.runs = new DiagnosticRuns(db);
        this.registry = registry;
        this.tasks = tasks;
        this.assignments = assignments;
        this.subscribers = subscribers;
        this.wakeup = wakeup;
        this.settings = settings;
        this.clock = clock;
        registry.onCheckIn((device, facts, first, now) -> checkedIn(device, facts, now));
        tasks.addListener((task, outcome, now) -> {
            if (task.origin() == TaskOrigin.DIAGNOSTICS && task.state().terminal()) {
                taskFinished(task, outcome, now);
            }
        });
    }

    public Settings settings() {
        return settings;
    }

    /** Told of each run that ends (completed, failed, timed out), under this object's monitor: must not start runs. */
    public void onFinished(Consumer<DiagnosticRun> listener) {
        finished.add(listener);
    }

    /**
     * Completes when the run is completed, failed or timed out (at once if it already is). A caller that
     * stops waiting calls {@link #forget}.
     */
    public CompletableFuture<DiagnosticRun> completion(long runId) {
        CompletableFuture<DiagnosticRun> f = waiting.computeIfAbsent(runId, k -> new CompletableFuture<>());
        runs.find(runId).filter(r -> r.state().terminal()).ifPresent(r -> {
            waiting.remove(runId);
            f.complete(r);
        });
        return f;
    }

    public void forget(long runId) {
        waiting.remove(runId);
    }

    /** The host of the speed-test server as this device reaches it: the default target of a triage's ping. */
    public String testServerHost(long deviceId) {
        Device d = registry.find(deviceId).orElseThrow(() -> new NotFound("device " + deviceId));
        return URI.create(testServerBase(d)).getHost();
    }

    /**
     * Starts a run: the request goes to the device as a task, and the device is woken when asked.
     * One run per device at a time, since the device reports completion without saying of what.
     */
    public DiagnosticRun start(long deviceId, DiagnosticRequest asked, String by, boolean wake) {
        Device d = registry.find(deviceId).orElseThrow(() -> new NotFound("device " + deviceId));
        DiagnosticRequest req = asked.type() == DiagnosticType.SPEED_TEST ? forSpeedTest(asked, d) : asked;
        Instant now = clock.instant();
        DiagnosticRun run;
        synchronized (this) {
            Optional<DiagnosticRun> busy = runs.active(deviceId);
            if (busy.isPresent()) {
                throw new Conflict("device " + deviceId + " is already running diagnostics run " + busy.get().id()
                    + "; wait until it finishes or times out");
            }
            run = runs.insert(deviceId, req, by, now, now.plus(settings.timeout()));
            run = request(run, run, run.phase(), RunState.REQUESTED, now);
        }
        if (wake) {
            wakeup.wake(d);
        }
        return run;
    }

    public Optional<DiagnosticRun> find(long id) {
        return runs.find(id);
    }

    public List<DiagnosticRun> forDevice(long deviceId, int limit) {
        return runs.forDevice(deviceId, limit);
    }

    /** Times out overdue runs and settles steps whose task finished while no listener heard it (a restart). */
    public void sweep() {
        Instant now = clock.instant();
        for (DiagnosticRun run : runs.unfinished(1000)) {
            if (!run.deadlineAt().isAfter(now)) {
                timeOut(run, now);
            } else if ((run.step() == Step.REQUEST || run.step() == Step.READ) && run.taskId() != null) {
                tasks.find(run.taskId()).filter(t -> t.state().terminal()).ifPresent(t -> taskFinished(t, outcomeOf(t), now));
            }
        }
    }

    /** The device finished a test: read the current object's results in the same session. */
    void checkedIn(Device d, InformFacts facts, Instant now) {
        if (!facts.has(DIAGNOSTICS_COMPLETE)) {
            return;
        }
        synchronized (this) {
            runs.active(d.id()).filter(r -> r.step() == Step.TEST).ifPresent(run -> {
                String path = run.phase().path(d.dataModel());
                Task t = tasks.enqueue(d.id(), new TaskSpec.GetParameterValues(List.of(path)), TaskOrigin.DIAGNOSTICS,
                    remaining(run, now), now);
                move(run, run.to(run.state(), run.phase(), Step.READ, t.id(), "reading the " + run.phase().apiName()
                    + " results", now), t);
            });
        }
    }

    synchronized void taskFinished(Task task, TaskOutcome outcome, Instant now) {
        DiagnosticRun run = runs.byTask(task.id()).orElse(null);
        if (run == null || run.state().terminal() || !Long.valueOf(task.id()).equals(run.taskId())) {
            return;
        }
        boolean done = outcome instanceof TaskOutcome.Done;
        if (!done) {
            String what = run.step() == Step.REQUEST ? "the " + run.phase().apiName() + " request" : "reading the results";
            if (task.state() == TaskState.EXPIRED) {
                move(run, run.to(RunState.TIMED_OUT, run.phase(), Step.DONE, run.taskId(), what
                    + " did not reach the device before the run's deadline (offline?)", now), null);
            } else {
                move(run, run.to(RunState.FAILED, run.phase(), Step.DONE, run.taskId(), what + " failed: "
                    + describe(task, outcome), now), null);
            }
        } else if (run.step() == Step.REQUEST) {
            move(run, run.to(RunState.RUNNING, run.phase(), Step.TEST, run.taskId(), "the device is running the "
                + run.phase().apiName() + " test", now), null);
        } else if (run.step() == Step.READ) {
            read(run, ((TaskOutcome.Done) outcome).result(), now);
        }
    }

    private void read(DiagnosticRun run, Map<String, Object> taskResult, Instant now) {
        Device d = registry.find(run.deviceId()).orElseThrow();
        Map<String, String> v = Results.values(taskResult, run.phase().path(d.dataModel()));
        String state = v.getOrDefault("DiagnosticsState", "");
        if (state.equals(RequestValues.REQUESTED)) {
            // The event was for something else (another manager's test): ours is still measuring.
            move(run, run.to(run.state(), run.phase(), Step.TEST, run.taskId(), "the device is still running the "
                + run.phase().apiName() + " test", now), null);
            return;
        }
        if (!state.equals("Complete") && !state.equals("Completed")) {
            move(run, run.to(RunState.FAILED, run.phase(), Step.DONE, run.taskId(), "the device's " + run.phase().apiName()
                + " test ended with " + (state.isEmpty() ? "no DiagnosticsState" : state), now), null);
            return;
        }
        try {
            Outcome o = Outcome.of(run, v, settings.compliancePercent());
            DiagnosticRun updated = o.run();
            if (o.next() != null) {
                request(run, updated, o.next(), RunState.RUNNING, now);
            } else {
                move(run, updated.to(RunState.COMPLETED, run.phase(), Step.DONE, run.taskId(), o.summary(), now), null);
                LOG.info("diagnostics run {} on device {} completed: {}", run.id(), run.deviceId(), o.summary());
            }
        } catch (IllegalArgumentException e) {
            move(run, run.to(RunState.FAILED, run.phase(), Step.DONE, run.taskId(), "unusable " + run.phase().apiName()
                + " results: " + e.getMessage(), now), null);
        }
    }

    /** Queues the request that starts {@code phase} and moves the run (as stored: {@code from}) there. */
    private DiagnosticRun request(DiagnosticRun from, DiagnosticRun updated, DiagnosticObject phase, RunState state,
                                  Instant now) {
        Device d = registry.find(from.deviceId()).orElseThrow();
        Task t = tasks.enqueue(d.id(), new TaskSpec.SetParameterValues(RequestValues.of(from.request(), phase,
            d.dataModel(), registry.parameters(d.id()))), TaskOrigin.DIAGNOSTICS, remaining(from, now), now);
        DiagnosticRun next = updated.to(state, phase, Step.REQUEST, t.id(), "asking the device to run the "
            + phase.apiName() + " test", now);
        return move(from, next, t) ? next : runs.find(from.id()).orElseThrow();
    }

    private void timeOut(DiagnosticRun run, Instant now) {
        String why = switch (run.step()) {
            case REQUEST -> "the device did not take the request (offline, or not reachable by connection request)";
            case TEST -> "the device did not report " + DIAGNOSTICS_COMPLETE;
            default -> "the results were not read back";
        };
        synchronized (this) {
            if (move(run, run.to(RunState.TIMED_OUT, run.phase(), Step.DONE, run.taskId(), "no result within "
                + settings.timeout().toSeconds() + " s: " + why, now), null) && run.taskId() != null) {
                tasks.cancel(run.taskId(), now);
            }
        }
    }

    /** Persists a move; a task queued for a move that lost the race is cancelled again. */
    private boolean move(DiagnosticRun from, DiagnosticRun to, Task queued) {
        boolean moved = runs.move(from, to);
        if (!moved && queued != null) {
            tasks.cancel(queued.id(), to.updatedAt());
        }
        if (moved && to.state().terminal()) {
            CompletableFuture<DiagnosticRun> waiter = waiting.remove(to.id());
            if (waiter != null) {
                waiter.complete(to);
            }
            for (Consumer<DiagnosticRun> l : finished) {
                try {
                    l.accept(to);
                } catch (RuntimeException e) {
                    LOG.warn("a listener failed on the end of diagnostics run {}", to.id(), e);
                }
            }
        }
        return moved;
    }

    private Duration remaining(DiagnosticRun run, Instant now) {
        Duration left = Duration.between(now, run.deadlineAt());
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Fills in the ACS's own test server where no URL was given, and notes the contracted rate. */
    private DiagnosticRequest forSpeedTest(DiagnosticRequest r, Device d) {
        String download = r.downloadUrl();
        String upload = r.uploadUrl();
        if (download == null || upload == null) {
            String base = testServerBase(d);
            if (settings.serverUrl().isEmpty() && r.testBytes() > settings.serverMaxBytes()) {
                throw new IllegalArgumentException("testBytes " + r.testBytes() + " exceeds what the ACS's test server "
                    + "serves (diagnostics.server-max-bytes = " + settings.serverMaxBytes() + ")");
            }
            download = download != null ? download : base + "/download/" + r.testBytes();
            upload = upload != null ? upload : base + "/upload";
        }
        return r.withUrls(download, upload, contract(d.id()));
    }

    private String testServerBase(Device d) {
        if (!settings.serverUrl().isEmpty()) {
            return settings.serverUrl().endsWith("/") ? settings.serverUrl().substring(0, settings.serverUrl().length() - 1)
                : settings.serverUrl();
        }
        if (settings.serverPort() < 0) {
            throw new IllegalArgumentException("the ACS's test server is off (diagnostics.server-port = -1) and "
                + "diagnostics.server-url is not set: give downloadUrl and uploadUrl");
        }
        // The host the device itself uses to reach the ACS is the one address certain to work from there.
        ParameterDocument doc = registry.parameters(d.id());
        ParameterDocument.Entry acsUrl = doc.get(d.dataModel().root() + "ManagementServer.URL");
        String host = null;
        try {
            host = acsUrl == null ? null : URI.create(acsUrl.value().trim()).getHost();
        } catch (IllegalArgumentException e) {
            LOG.debug("device {} reports an unreadable ManagementServer.URL", d.key());
        }
        if (host == null) {
            throw new IllegalArgumentException("the ACS does not know yet how device " + d.id() + " reaches it (no "
                + "ManagementServer.URL read from it): refresh it, set diagnostics.server-url, or give downloadUrl and uploadUrl");
        }
        return "http://" + host + ":" + settings.serverPort();
    }

    private DiagnosticRequest.Contract contract(long deviceId) {
        Long holder = assignments.holderOf(deviceId).orElse(null);
        Subscriber s = holder == null ? null : subscribers.find(holder).orElse(null);
        if (s == null) {
            return new DiagnosticRequest.Contract(null, null, null, null, null);
        }
        ServicePlan p = s.broadbandPlan();
        return new DiagnosticRequest.Contract(s.id(), s.account(), p == null ? null : p.code(),
            p == null ? null : p.downMbps(), p == null ? null : p.upMbps());
    }

    private static TaskOutcome outcomeOf(Task t) {
        if (t.state() == TaskState.DONE) {
            return TaskOutcome.Done.of(t.result() == null ? Map.of() : t.result());
        }
        return TaskOutcome.Failed.permanent(t.faultCode() == null ? 0 : t.faultCode(),
            t.faultString() == null ? t.state().name().toLowerCase(Locale.ROOT) : t.faultString());
    }

    private static String describe(Task task, TaskOutcome outcome) {
        if (task.state() == TaskState.CANCELLED) {
            return "its task " + task.id() + " was cancelled";
        }
        if (outcome instanceof TaskOutcome.Failed f) {
            // Code 0 is the ACS's own reason (no answer after retries), not a device fault.
            return f.code() == 0 ? f.message() : "the device refused: " + f.describe();
        }
        return "task ended " + task.state().name().toLowerCase(Locale.ROOT);
    }
}
