package io.homeacs.server;

import io.homeacs.server.audit.AuditLog;
import io.homeacs.server.bulk.BulkRuns;
import io.homeacs.server.campaign.Campaigns;
import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.cwmp.auth.CpeAuthenticator;
import io.homeacs.server.cwmp.connreq.ConnectionRequester;
import io.homeacs.server.cwmp.rpc.RpcMapper;
import io.homeacs.server.cwmp.session.CwmpEndpoint;
import io.homeacs.server.cwmp.transport.CwmpHttpServer;
import io.homeacs.server.cwmp.transport.ServerTls;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.Liveness;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.events.EventPayloads;
import io.homeacs.server.events.EventType;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.lifecycle.Lifecycle;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.nbi.ApiServer;
import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.health.HealthReader;
import io.homeacs.server.mesh.Mesh;
import io.homeacs.server.mesh.MeshCommissioning;
import io.homeacs.server.mesh.Thresholds;
import io.homeacs.server.health.HealthSampling;
import io.homeacs.server.health.HealthSamples;
import io.homeacs.server.triage.Triage;
import io.homeacs.server.profile.NormalizationConcepts;
import io.homeacs.server.profile.ProfileModule;
import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.security.NonceService;
import io.homeacs.server.security.SecretBox;
import io.homeacs.server.security.TlsKeystore;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the server from its configuration, in dependency order, and tears it down in reverse. */
public final class AcsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcsServer.class);

    private final AcsConfig config;
    private final Database db;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService housekeeping;
    private final DeviceRegistry registry;
    /** Null when plain-HTTP CWMP is switched off ({@code cwmp.http-enabled=false}). */
    private final CwmpHttpServer cwmp;
    /** Null when HTTPS is switched off ({@code cwmp.tls-port=-1}). */
    private final CwmpHttpServer cwmpTls;
    private final ApiServer api;
    private final int apiPort;
    private final Path adminTokenFile;
    private final DiagnosticsSetup diagnostics;
    private final FirmwareSetup firmware;
    private final UspSetup usp;

    private AcsServer(AcsConfig config, Database db, ThreadPoolExecutor workers, ScheduledExecutorService housekeeping,
                      DeviceRegistry registry, CwmpHttpServer cwmp, CwmpHttpServer cwmpTls, ApiServer api, int apiPort,
                      Path adminTokenFile, DiagnosticsSetup diagnostics, FirmwareSetup firmware, UspSetup usp) {
        this.diagnostics = diagnostics;
        this.firmware = firmware;
        this.usp = usp;
        this.config = config;
        this.db = db;
        this.workers = workers;
        this.housekeeping = housekeeping;
        this.registry = registry;
        this.cwmp = cwmp;
        this.cwmpTls = cwmpTls;
        this.api = api;
        this.apiPort = apiPort;
        this.adminTokenFile = adminTokenFile;
    }

    public static AcsServer start(AcsConfig config) throws InterruptedException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(config, opened);
        } catch (InterruptedException | RuntimeException e) {
            // A half-started server must not keep the H2 file lock, ports or threads.
            while (!opened.isEmpty()) {
                try {
                    opened.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static AcsServer start(AcsConfig config, Deque<AutoCloseable> opened) throws InterruptedException {
        long started = System.nanoTime();
        Clock clock = Clock.systemUTC();
        createDirectories(config.dataDir());
        Database db = Database.open(config.database());
        opened.push(db);
        AcsMetrics metrics = new AcsMetrics();
        DeviceRegistry registry = new DeviceRegistry(db);
        SecretBox secrets = SecretBox.open(config.dataDir().resolve("secret.key"));
        TaskQueue tasks = new TaskQueue(db, registry, config.tasks(), secrets);
        DeviceCredentials credentials = new DeviceCredentials(db, secrets, config.cwmp().realm());
        tasks.addListener((task, outcome, now) -> {
            if (task.state().terminal()) {
                metrics.taskFinished(task.type().apiName(), task.state().name().toLowerCase(Locale.ROOT));
            }
            if (task.type() == TaskType.PROVISION_CREDENTIALS) {
                if (outcome instanceof TaskOutcome.Done) {
                    credentials.activate(task.deviceId(), clock.instant());
                } else if (outcome instanceof TaskOutcome.Failed f && f.code() != 0 && task.state() == TaskState.FAULT) {
                    // Only an explicit refusal proves the device kept its old credentials; after a
                    // timeout or expiry it may have applied the new ones, so both stay valid.
                    credentials.discardPending(task.deviceId(), clock.instant());
                }
            }
        });
        Webhooks webhooks = new Webhooks(db, secrets, config.webhookRetryBase());
        Normalization normalization = Normalization.load(config.normalizationFile());
        registry.onRegistered(d -> webhooks.publish(EventType.DEVICE_REGISTERED, EventPayloads.device(d), clock.instant()));
        tasks.addListener((task, outcome, now) -> {
            if (task.state() == TaskState.FAULT || task.state() == TaskState.EXPIRED) {
                webhooks.publish(EventType.TASK_FAILED, EventPayloads.failedTask(task), clock.instant());
            }
        });
        ApiTokens tokens = new ApiTokens(db);
        Path tokenFile = config.dataDir().resolve("admin-token");
        tokens.ensureAdminToken(tokenFile, clock.instant());

        ScheduledExecutorService housekeeping = Executors.newScheduledThreadPool(2, named("acs-housekeeping"));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.cwmp().workers(), config.cwmp().workers(), 60,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.cwmp().queueCapacity()), named("acs-cwmp-worker"),
            new ThreadPoolExecutor.AbortPolicy());
        opened.push(housekeeping::shutdownNow);
        opened.push(workers::shutdownNow);
        metrics.gauge("acs.cwmp.work.queue", "CWMP requests waiting for a worker", () -> workers.getQueue().size());
        metrics.gauge("acs.tasks.queued", "Tasks waiting to be sent", () -> tasks.count(TaskState.QUEUED));

        NonceService nonces = new NonceService(Duration.ofMinutes(5));
        CpeAuthenticator auth = new CpeAuthenticator(config.cwmp(), config.cpe(), credentials, nonces);
        CwmpEndpoint endpoint = CwmpEndpoint.create(auth, registry, tasks, credentials, config.cpe(),
            new RpcMapper(credentials, config.cpe().periodicInformInterval()), metrics, clock, config.cwmp().path(),
            config.cwmp().trustForwardedFor());
        ConnectionRequester connectionRequests = new ConnectionRequester(credentials, config.cpe(),
            config.connectionRequests(), metrics, housekeeping);
        UspSetup usp = UspSetup.create(config, registry, tasks, clock);
        opened.push(usp);
        DeviceWakeup wakeup = usp.wakeup(connectionRequests);

        // Before the listeners open: outcomes confirmed by the first check-ins must reach provisioning.
        Provisioning provisioning = new Provisioning(db, registry, tasks, normalization, webhooks, wakeup, secrets,
            new Provisioning.Settings(config.provisioning().restoreDeadline(), config.provisioning().taskExpiry()), clock);
        provisioning.reconcile();
        AcsConfig.Health hc = config.health();
        HealthReader healthReader = new HealthReader(registry, normalization, new HealthReader.Thresholds(hc.opticalWarnDbm(),
            hc.opticalCriticalDbm(), hc.maxHosts(), config.offlineAfter(), hc.wifiNoiseDbm(), hc.wifiUtilisationPercent(),
            hc.wifiWeakSignalDbm()));
        HealthSamples samples = new HealthSamples(db, hc.sampleRetention());
        new HealthSampling(registry, tasks, healthReader, samples, hc.sampleInterval());
        // Before the listeners start, so no device checks in unseen by the profile engine.
        ProfileModule profiles = ProfileModule.start(db, registry, tasks, wakeup, new NormalizationConcepts(normalization),
            secrets, metrics, clock, config.tasks().expiry().plusHours(1));

        DiagnosticsSetup diagnostics = DiagnosticsSetup.start(config.diagnostics(), db, registry, tasks, provisioning,
            wakeup, clock);
        opened.push(diagnostics);
        // After provisioning, so a sanctioned swap has bound the new unit before the line is checked.
        Lifecycle lifecycle = new Lifecycle(db, registry, tasks, provisioning.assignments(), normalization, wakeup,
            LifecycleWiring.resetAuthority(credentials, tasks), provisioning::release,
            LifecycleWiring.selfTester(diagnostics.diagnostics()), LifecycleWiring.settings(config), clock);
        // Before triage, which asks it about a mesh home's Wi-Fi.
        AcsConfig.Mesh mc = config.mesh();
        Mesh mesh = new Mesh(db, registry, tasks, wakeup, provisioning.assignments(), provisioning.subscribers(), normalization,
            secrets, new Mesh.Settings(new Thresholds(mc.backhaulWeakDbm(), mc.backhaulMinMbps(), mc.clientWeakDbm(),
                mc.channelBusyPercent(), mc.weakClientSharePercent()), mc.refreshInterval(), config.provisioning().taskExpiry()),
            clock);
        AcsConfig.Triage tc = config.triage();
        Triage triage = new Triage(db, registry, tasks, wakeup, healthReader, samples, provisioning.subscribers(),
            provisioning.assignments(), normalization, webhooks, diagnostics.diagnostics(), new Triage.Settings(tc.repairTime(),
            tc.enterpriseRepairTime(), tc.timeout(), tc.pingHost()), id -> lifecycle.status(id).warrantyEnd(),
            HomeWifiWiring.of(mesh), clock);
        triage.reconcile();
        FirmwareSetup firmware = FirmwareSetup.start(config, db, registry, metrics, clock);
        opened.push(firmware);
        Campaigns campaigns = CampaignSetup.start(config.campaign(), db, registry, tasks, wakeup, firmware.images(), webhooks,
            metrics, clock);
        MeshCommissioning meshCommissioning = new MeshCommissioning(mesh, diagnostics.diagnostics(), clock);
        AcsConfig.Cwmp c = config.cwmp();
        Listeners cwmp = startListeners(c, endpoint, workers, metrics, opened);
        usp.start(housekeeping, metrics);
        int apiPort = config.api().port() == 0 ? freePort() : config.api().port();
        BulkRuns bulk = new BulkRuns(db, registry, tasks, wakeup, secrets);
        ApiServer api = ApiServer.start(config.api().bind(), apiPort,
            new ApiServer.Services(registry, tasks, wakeup, credentials, tokens, new AuditLog(db), metrics, clock,
                config.api().maxWaitSeconds(), config.api().rateLimit(), config.offlineAfter(), bulk, webhooks, normalization,
                provisioning, profiles, triage, healthReader, samples, lifecycle, diagnostics.diagnostics(), firmware.images(),
                campaigns, mesh, meshCommissioning));

        long flushMs = config.registryFlushInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(guard(registry::flush), flushMs, flushMs, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(guard(() -> endpoint.reapIdle(c.sessionTimeout())), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guard(() -> tasks.expireDue(clock.instant())), 30, 30, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guard(() -> nonces.purge(clock.instant())), 60, 60, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guard(() -> webhooks.deliverDue(clock.instant())), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guard(() -> tokens.purge(clock.instant())), 1, 24 * 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(guard(provisioning::reconcile), 5, 5, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(guard(triage::reconcile), 5, 5, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(guard(mesh::follow), 1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(guard(() -> samples.purge(clock.instant())), 10, 24 * 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(guard(diagnostics.diagnostics()::sweep), 5, 5, TimeUnit.SECONDS);
        CampaignSetup.schedule(campaigns, config.campaign(), housekeeping, clock, AcsServer::guard);
        Liveness liveness = new Liveness(db);
        housekeeping.scheduleWithFixedDelay(guard(() -> announceLiveness(liveness, webhooks, config, clock.instant())),
            30, 30, TimeUnit.SECONDS);
        long[] lastTick = {System.nanoTime()};
        housekeeping.scheduleWithFixedDelay(guard(() -> {
            long t = System.nanoTime();
            bulk.tick(clock.instant(), (t - lastTick[0]) / 1e9);
            lastTick[0] = t;
        }), 1, 1, TimeUnit.SECONDS);

        LOG.info("HomeACS started in {} ms: CWMP on {}, {}, API on http://{}:{}/api/v1, speed-test server {}, firmware files "
            + "on HTTP port {} / HTTPS port {}, store {}",
            (System.nanoTime() - started) / 1_000_000, cwmp.describe(c), usp.describe(), config.api().bind(), apiPort,
            diagnostics.port() < 0 ? "off" : "on port " + diagnostics.port(), firmware.httpPort(), firmware.httpsPort(),
            config.database().embedded() ? config.dataDir() : "PostgreSQL");
        if (cwmp.keystore() != null) {
            TlsKeystore.Loaded k = cwmp.keystore();
            // Operators pin this (or hand it to CPE vendors) when the certificate is self-signed.
            LOG.info("CWMP TLS certificate {} ({}), SHA-256 fingerprint {}", k.certificate().getSubjectX500Principal(),
                k.generated() ? "generated, self-signed" : k.file(), k.fingerprint());
        }
        if (config.cpe().bootstrapPassword().equals("bootstrap")) {
            LOG.warn("CPE bootstrap credentials are the default ones; set cpe.bootstrap-password in production");
        }
        return new AcsServer(config, db, workers, housekeeping, registry, cwmp.http(), cwmp.https(), api, apiPort,
            tokenFile, diagnostics, firmware, usp);
    }

    private static CwmpHttpServer.Options listener(AcsConfig.Cwmp c, String bind, int port, SslContext tls) {
        return new CwmpHttpServer.Options(bind, port, c.path(), c.maxBodyBytes(), c.ioThreads(),
            (int) Math.max(60, c.sessionTimeout().toSeconds() * 2), c.retryAfterSeconds(), c.trustForwardedFor(), tls);
    }

    /** The CWMP listeners that run; either may be null (switched off), never both. */
    private record Listeners(CwmpHttpServer http, CwmpHttpServer https, TlsKeystore.Loaded keystore) {
        String describe(AcsConfig.Cwmp c) {
            String plain = http == null ? "no plain HTTP" : "http://" + c.bind() + ":" + http.port() + c.path();
            String tls = https == null ? "no HTTPS" : "https://" + c.tls().bind() + ":" + https.port() + c.path();
            return plain + " and " + tls;
        }
    }

    /** Both listeners share the endpoint and the worker pool, so a device is one device whichever it uses. */
    private static Listeners startListeners(AcsConfig.Cwmp c, CwmpEndpoint endpoint, ThreadPoolExecutor workers,
                                            AcsMetrics metrics, Deque<AutoCloseable> opened) throws InterruptedException {
        CwmpHttpServer http = null;
        if (c.httpEnabled()) {
            http = CwmpHttpServer.start(listener(c, c.bind(), c.port(), null), endpoint, workers, metrics::overloadRejected);
            opened.push(http);
        }
        CwmpHttpServer https = null;
        TlsKeystore.Loaded keystore = null;
        if (c.tls().enabled()) {
            keystore = TlsKeystore.open(c.tls());
            SslContext tls = ServerTls.context(keystore.keyStore(), keystore.password());
            https = CwmpHttpServer.start(listener(c, c.tls().bind(), c.tls().port(), tls), endpoint, workers,
                metrics::overloadRejected);
            opened.push(https);
        }
        return new Listeners(http, https, keystore);
    }

    /** The plain-HTTP CWMP port, or -1 when that listener is switched off ({@code cwmp.http-enabled=false}). */
    public int cwmpPort() {
        return cwmp == null ? -1 : cwmp.port();
    }

    /** The HTTPS CWMP port, or -1 when HTTPS is switched off ({@code cwmp.tls-port=-1}). */
    public int cwmpTlsPort() {
        return cwmpTls == null ? -1 : cwmpTls.port();
    }

    public int apiPort() {
        return apiPort;
    }

    /** The ACS's speed-test server's port, or -1 when it is off ({@code diagnostics.server-port=-1}). */
    public int speedTestPort() {
        return diagnostics.port();
    }

    /** The firmware file server's plain-HTTP port, or -1 when off ({@code firmware.server-port=-1}). */
    public int firmwarePort() {
        return firmware.httpPort();
    }

    /** The firmware file server's HTTPS port, or -1 when off ({@code firmware.server-tls-port=-1}). */
    public int firmwareTlsPort() {
        return firmware.httpsPort();
    }

    /** The firmware catalogue: images, trusted keys, the Download for a device. */
    public io.homeacs.server.firmware.FirmwareImages firmware() {
        return firmware.images();
    }

    public DeviceRegistry registry() {
        return registry;
    }

    /** The USP WebSocket MTP's port, or -1 when it is off ({@code usp.websocket-port=-1}). */
    public int uspWebSocketPort() {
        return usp.webSocketPort();
    }

    public AcsConfig config() {
        return config;
    }

    public String adminToken() {
        try {
            return Files.readString(adminTokenFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        if (cwmp != null) {
            cwmp.close();
        }
        if (cwmpTls != null) {
            cwmpTls.close();
        }
        usp.close();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        housekeeping.shutdownNow();
        diagnostics.close();
        firmware.close();
        registry.flush();
        db.close();
        LOG.info("HomeACS stopped at {}", Instant.now());
    }

    /** Reports each device that went quiet, and each that came back, once. */
    private static void announceLiveness(Liveness liveness, Webhooks webhooks, AcsConfig config, Instant now) {
        Instant cutoff = now.minus(config.offlineAfter());
        for (var d : liveness.newlyOffline(cutoff, now)) {
            webhooks.publish(EventType.DEVICE_OFFLINE, EventPayloads.device(d), now);
        }
        for (var d : liveness.backOnline(cutoff)) {
            webhooks.publish(EventType.DEVICE_ONLINE, EventPayloads.device(d), now);
        }
    }

    private static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("housekeeping job failed: {}", e.toString());
            }
        };
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }
}
