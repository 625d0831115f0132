package io.homeacs.sim;

import io.homeacs.sim.cwmp.ConnectionSource;
import io.homeacs.sim.cwmp.CwmpSession;
import io.homeacs.sim.cwmp.CwmpTypes.DeviceIdStruct;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import io.homeacs.sim.cwmp.CwmpVersion;
import io.homeacs.sim.cwmp.DigestAuth;
import io.homeacs.sim.cwmp.RetryPolicy;
import io.homeacs.sim.cwmp.SessionException;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.DeviceTemplate;
import io.homeacs.sim.model.ServiceState;
import io.homeacs.sim.model.TemplateContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated CPE: its data model, event book and session scheduling. At most one CWMP session runs at
 * a time; whatever arrives meanwhile goes into the next one. Mutable state is guarded by {@code this}.
 */
final class VirtualDevice extends DeviceBase {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevice.class);
    private static final long REBOOT_MILLIS = 1000;

    private final SimRuntime rt;
    private final EventBook book = new EventBook();
    private final DigestAuth.ClientAuth auth = new DigestAuth.ClientAuth();
    private final RpcExecutor executor;
    private final SplittableRandom random;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> rpcs = Collections.synchronizedList(new ArrayList<>());

    private boolean inSession;
    private boolean queued;
    private boolean wanted;
    private boolean rebooting;
    /** Went down while flashing and will not boot by itself. */
    private volatile boolean dark;
    private boolean closed;
    private boolean bootstrapped;
    private int retryCount;
    private ScheduledFuture<?> retryTimer;
    private ScheduledFuture<?> periodicTimer;
    private List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private List<CompletableFuture<Void>> sessionWaiters = List.of();
    private List<Runnable> afterSession = new ArrayList<>();
    private String lastUser;
    private String lastPassword;
    private volatile String lastError = "";
    private volatile Scenario scenario = Scenario.HEALTHY;
    /** Reboots a crashing unit still has to go through, one after each session. */
    private int crashesLeft;
    /** A reflashed unit is factory reset after the session that reports its new firmware. */
    private Runnable resetAfterSession;
    private volatile MeshHome meshHome;

    VirtualDevice(SimRuntime rt, DeviceKind kind, boolean tr098, CwmpVersion version, DeviceTemplate template,
                  TemplateContext factory, boolean httpReachable, LineRate lineRate) {
        super(kind, tr098, version, template, factory, httpReachable);
        this.rt = rt;
        this.random = new SplittableRandom(factory.seed() ^ 0x5DEECE66DL);
        this.executor = new RpcExecutor(this, rt, lineRate);
    }

    /** The mesh home this device is a node of, or null. */
    MeshHome meshHome() {
        return meshHome;
    }

    void joinMeshHome(MeshHome home) {
        this.meshHome = home;
    }

    // ---- SessionHost ----------------------------------------------------------------------------------

    @Override
    public DigestAuth.ClientAuth clientAuth() {
        return auth;
    }

    @Override
    public String acsPassword() {
        return model().value(root() + "ManagementServer.Password").orElse("");
    }

    @Override
    public InformContent prepareInform() {
        refreshUptime();
        DataModel m = model();
        synchronized (this) {
            Map<String, ParameterValue> params = new LinkedHashMap<>();
            for (String p : template().forcedInformParameters(factory().udpConnectionRequestAddress().length() > 0)) {
                m.parameterValue(p).ifPresent(v -> params.put(p, v));
            }
            for (String p : book.changedParameters()) {
                m.parameterValue(p).ifPresent(v -> params.putIfAbsent(p, v));
            }
            return new InformContent(book.forInform(), List.copyOf(params.values()), retryCount);
        }
    }

    @Override
    public synchronized void informAccepted(InformContent delivered) {
        if (delivered.events().stream().anyMatch(e -> e.code().equals(EventBook.BOOTSTRAP))) {
            bootstrapped = true;
        }
        book.delivered(delivered.events(), delivered.parameters().stream().map(ParameterValue::name).toList());
    }

    @Override
    public synchronized CpeRequest nextRequest(Set<CpeRequest> alreadySent) {
        return book.nextRequest(alreadySent);
    }

    @Override
    public synchronized void requestAcknowledged(CpeRequest request) {
        book.acknowledged(request);
    }

    @Override
    public String execute(io.homeacs.sim.cwmp.AcsRpc rpc) throws io.homeacs.sim.cwmp.CwmpFault {
        rpcs.add(rpc.method());
        refreshUptime();
        return executor.execute(rpc);
    }

    // ---- session scheduling ---------------------------------------------------------------------------

    /** Starts the device for the first time (or after a fleet restart): BOOTSTRAP unless already done. */
    void boot() {
        synchronized (this) {
            markBooted();
            if (!bootstrapped) {
                book.add(EventBook.BOOTSTRAP);
            }
            book.add(EventBook.BOOT);
        }
        requestSession(true);
        schedulePeriodic(true);
    }

    /**
     * Asks for a session. Urgent requests (API calls, connection requests, reboots) cut a pending retry
     * back-off short; others (periodic, value change) wait for it, their events riding along.
     */
    void requestSession(boolean urgent) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inSession || queued || rebooting) {
                wanted = true;
                return;
            }
            if (retryTimer != null) {
                if (!urgent) {
                    return;
                }
                retryTimer.cancel(false);
                retryTimer = null;
            }
            queued = true;
        }
        rt.limiter.submit(() -> launch(null, true));
    }

    /** Bench hook: a "2 PERIODIC" session over the caller's connection, or null when the device is busy. */
    CompletableFuture<Void> benchSession(ConnectionSource lane) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (closed || inSession || queued || rebooting) {
                return null;
            }
            book.add(EventBook.PERIODIC);
            waiters.add(f);
            queued = true;
        }
        launch(lane, false);
        return f;
    }

    private void launch(ConnectionSource source, boolean limited) {
        String user = acsUsername();
        String pass = acsPassword();
        synchronized (this) {
            queued = false;
            wanted = false;
            inSession = true;
            sessionWaiters = waiters;
            waiters = new ArrayList<>();
            if (!user.equals(lastUser) || !pass.equals(lastPassword)) {
                auth.reset();
                lastUser = user;
                lastPassword = pass;
            }
        }
        CompletableFuture<Void> run;
        try {
            URI url = URI.create(model().value(root() + "ManagementServer.URL").orElse(""));
            ConnectionSource src = source != null ? source : ConnectionSource.perSession(rt.transport, url);
            run = new CwmpSession(this, url, src, SimRuntime.EXCHANGE_TIMEOUT).run();
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(new SessionException("Cannot start session: " + e.getMessage()));
        }
        run.whenComplete((v, e) -> {
            if (limited) {
                rt.limiter.release();
            }
            sessionEnded(e);
        });
    }

    private void sessionEnded(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        List<CompletableFuture<Void>> done;
        List<Runnable> actions;
        synchronized (this) {
            inSession = false;
            done = sessionWaiters;
            sessionWaiters = List.of();
            actions = afterSession;
            afterSession = new ArrayList<>();
            if (e == null) {
                completed.incrementAndGet();
                retryCount = 0;
            } else {
                failed.incrementAndGet();
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                retryCount++;
                book.sessionFailed();
            }
        }
        refreshConnectionRequestCredentials();
        actions.forEach(Runnable::run);
        if (e == null) {
            scenario.afterSession(this);
            boolean crash;
            synchronized (this) {
                crash = crashesLeft > 0 && !closed;
                crashesLeft -= crash ? 1 : 0;
            }
            Runnable reset;
            synchronized (this) {
                reset = crash ? null : resetAfterSession;
                resetAfterSession = crash ? resetAfterSession : null;
            }
            if (crash) {
                reboot(List.of(), null);
            } else if (reset != null) {
                factoryReset(reset);
            }
        }
        afterSessionScheduling(e);
        if (e == null) {
            LOG.debug("{} session ok", serialNumber());
            done.forEach(f -> f.complete(null));
        } else {
            LOG.debug("{} session failed: {}", serialNumber(), lastError);
            done.forEach(f -> f.completeExceptionally(e));
        }
    }

    private void afterSessionScheduling(Throwable e) {
        boolean again;
        synchronized (this) {
            if (closed || rebooting || inSession || queued) {
                return;
            }
            if (e != null) {
                long delay = retryDelayMillis(e);
                retryTimer = rt.schedule(this::retryNow, delay, TimeUnit.MILLISECONDS);
                return;
            }
            again = wanted || book.hasEvents() && !waiters.isEmpty();
            if (!again && (book.hasEvents() || book.hasRequests())) {
                // Something is still undelivered (e.g. requests held by HoldRequests): come back shortly.
                retryTimer = rt.schedule(this::retryNow, 1, TimeUnit.SECONDS);
            }
        }
        if (again) {
            requestSession(true);
        }
    }

    private long retryDelayMillis(Throwable e) {
        if (e instanceof SessionException se && se.retryAfterSeconds() >= 0) {
            return se.retryAfterSeconds() * 1000;
        }
        String ms = root() + "ManagementServer.";
        long m = model().value(ms + "CWMPRetryMinimumWaitInterval").map(Long::parseLong).orElse(5L);
        long k = model().value(ms + "CWMPRetryIntervalMultiplier").map(Long::parseLong).orElse(2000L);
        return RetryPolicy.waitMillis(retryCount, m, k, random);
    }

    private void retryNow() {
        synchronized (this) {
            retryTimer = null;
        }
        requestSession(false);
    }

    void schedulePeriodic(boolean initial) {
        DataModel m = model();
        String ms = root() + "ManagementServer.";
        boolean enabled = m.value(ms + "PeriodicInformEnable").map(v -> v.equals("true") || v.equals("1")).orElse(false);
        long interval = m.value(ms + "PeriodicInformInterval").map(Long::parseLong).orElse(300L) * 1000;
        String time = m.value(ms + "PeriodicInformTime").orElse("");
        synchronized (this) {
            if (periodicTimer != null) {
                periodicTimer.cancel(false);
                periodicTimer = null;
            }
            if (closed || !enabled || interval <= 0) {
                return;
            }
            long delay = PeriodicSchedule.nextDelayMillis(time, interval, initial, random);
            periodicTimer = rt.schedule(this::periodicFire, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void periodicFire() {
        synchronized (this) {
            book.add(EventBook.PERIODIC);
        }
        requestSession(false);
        schedulePeriodic(false);
    }

    synchronized void runAfterSession(Runnable action) {
        afterSession.add(action);
    }

    /** Simulated reboot: the device is gone for a moment, then boots and informs "1 BOOT" (+ extra events). */
    void reboot(List<EventStruct> bootEvents, Runnable whileDown) {
        reboot(bootEvents, whileDown, REBOOT_MILLIS);
    }

    /** A reboot that keeps the device down for {@code downMillis} (flashing an image, then booting). */
    boolean dark() {
        return dark;
    }

    void reboot(List<EventStruct> bootEvents, Runnable whileDown, long downMillis) {
        synchronized (this) {
            dark = false;
            rebooting = true;
            cancelTimers();
        }
        rt.schedule(() -> {
            if (whileDown != null) {
                whileDown.run();
            }
            synchronized (this) {
                rebooting = false;
                retryCount = 0;
                markBooted();
                if (!bootstrapped) {
                    book.add(EventBook.BOOTSTRAP);
                }
                book.add(EventBook.BOOT);
                bootEvents.forEach(book::add);
            }
            refreshConnectionRequestCredentials();
            requestSession(true);
            schedulePeriodic(true);
        }, downMillis, TimeUnit.MILLISECONDS);
    }

    /** A device that went down and never comes back (a brick): no session, no timer, until powerCycle. */
    void goDark() {
        synchronized (this) {
            dark = true;
            rebooting = true;
            cancelTimers();
        }
        LOG.info("{} went dark and will not come back", serialNumber());
    }

    void factoryReset() {
        factoryReset(null);
    }

    /** A factory reset; afterReset changes the fresh model before the unit boots (a flashed image). */
    void factoryReset(Runnable afterReset) {
        reboot(List.of(), () -> {
            synchronized (this) {
                replaceModel(template().build(factory()));
                book.clear();
                bootstrapped = false;
                auth.reset();
                if (afterReset != null) {
                    afterReset.run();
                }
            }
            executor.reset();
        });
    }

    /** Restarts by itself now and again after each of the next times - 1 sessions (watchdog resets). */
    void crash(int times) {
        synchronized (this) {
            crashesLeft = times - 1;
        }
        reboot(List.of(), null);
    }

    /**
     * Someone flashes other firmware (the unit reboots and reports it), then resets the unit to factory
     * settings behind the ACS's back; the firmware survives the reset.
     */
    void reflashThenReset(String versionPath, String version) {
        Runnable flash = () -> model().setInternal(versionPath, version);
        synchronized (this) {
            resetAfterSession = flash;
        }
        reboot(List.of(), flash);
    }

    Scenario scenario() {
        return scenario;
    }

    @Override
    public void scenario(Scenario s) {
        scenario = s;
        s.apply(this);
    }

    synchronized void addEvent(EventStruct e) {
        book.add(e);
    }

    synchronized void addRequest(EventBook.PendingRequest r) {
        book.addRequest(r);
    }

    private void cancelTimers() {
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        if (periodicTimer != null) {
            periodicTimer.cancel(false);
            periodicTimer = null;
        }
    }

    void close() {
        synchronized (this) {
            closed = true;
            cancelTimers();
        }
        executor.reset();
    }

    // ---- SimulatedDevice ------------------------------------------------------------------------------

    @Override
    public void setLocal(String path, String value) {
        DataModel m = model();
        Optional<String> old = m.value(path);
        if (old.isEmpty() || !m.accepts(path, value)) {
            throw new IllegalArgumentException("No parameter " + path + " accepting '" + value + "'");
        }
        m.setInternal(path, value);
        List<String> changed = new ArrayList<>();
        if (!old.get().equals(value)) {
            changed.add(path);
        }
        changed.addAll(ServiceState.settle(m, factory(), changed, System.nanoTime()));
        notifyChanged(changed);
    }

    /**
     * Value changes the device made itself: passive ones ride in the next Inform, an active one starts a
     * "4 VALUE CHANGE" session (after the current one, if any).
     */
    void notifyChanged(List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        DataModel m = model();
        boolean active = false;
        synchronized (this) {
            for (String p : paths) {
                int notification = m.notification(p);
                if (notification > 0) {
                    book.markChanged(p);
                    active |= notification == 2;
                }
            }
            if (active) {
                book.add(EventBook.VALUE_CHANGE);
            }
        }
        if (active) {
            requestSession(false);
        }
    }

    @Override
    public CompletableFuture<Void> inform(String... eventCodes) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            for (String c : eventCodes) {
                book.add(EventStruct.of(c));
            }
            waiters.add(f);
        }
        requestSession(true);
        return f;
    }

    void connectionRequest() {
        countConnectionRequest();
        synchronized (this) {
            book.add(EventBook.CONNECTION_REQUEST);
        }
        requestSession(true);
    }

    @Override
    public int completedSessions() {
        return completed.get();
    }

    @Override
    public int failedSessions() {
        return failed.get();
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public List<String> executedRpcs() {
        synchronized (rpcs) {
            return List.copyOf(rpcs);
        }
    }

    @Override
    public void powerCycle() {
        reboot(List.of(), null);
    }

    @Override
    public synchronized boolean inSession() {
        return inSession;
    }

    synchronized boolean busy() {
        return inSession || queued || rebooting;
    }

    DeviceIdStruct idStruct() {
        return deviceIdStruct();
    }
}
