package io.homeacs.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/** Frozen server configuration, validated once at start-up. */
public record AcsConfig(
    Path dataDir,
    Database database,
    Cwmp cwmp,
    Cpe cpe,
    ConnectionRequests connectionRequests,
    Tasks tasks,
    Duration registryFlushInterval,
    Duration offlineAfter,
    Duration webhookRetryBase,
    Path normalizationFile,
    Api api,
    Provisioning provisioning,
    Health health,
    Triage triage,
    Lifecycle lifecycle,
    Diagnostics diagnostics,
    FirmwareSettings firmware,
    CampaignSettings campaign,
    Usp usp,
    Mesh mesh,
    MtpConfig mtp) {

    /**
     * TR-369: the controller's EndpointID, the per-agent limits (largest record, records per second,
     * requests in flight, how long a request waits for its response) and the WebSocket MTP
     * (port -1 = off; tls reuses the CWMP keystore).
     */
    public record Usp(String endpointId, int maxRecordBytes, int rateLimit, int maxInFlight, Duration responseTimeout,
                      int workers, UspWebSocket webSocket) {
    }

    public record UspWebSocket(int port, String bind, String path, boolean tls, Duration pingInterval, int ioThreads) {
        public boolean enabled() {
            return port >= 0;
        }
    }

    /** Optical thresholds in dBm, hosts a line may serve, how often and how long key values are sampled. */
    public record Health(double opticalWarnDbm, double opticalCriticalDbm, int maxHosts, Duration sampleInterval,
                         Duration sampleRetention, int wifiNoiseDbm, int wifiUtilisationPercent, int wifiWeakSignalDbm) {
    }

    /** Wi-Fi mesh thresholds (dBm, Mbit/s, percent) and how often a controller's Data Elements are read. */
    public record Mesh(int backhaulWeakDbm, int backhaulMinMbps, int clientWeakDbm, int weakClientSharePercent,
                       int channelBusyPercent, Duration refreshInterval) {
    }

    /** Repair commitments, how long triage waits for a device, where it pings (empty: the test server's host). */
    public record Triage(Duration repairTime, Duration enterpriseRepairTime, Duration timeout, String pingHost) {
    }

    /**
     * Remote diagnostics: the compliance threshold, how long a run may take, the default test size, and
     * the ACS's own speed-test server (serverPort -1 = off; serverUrl empty = that server, reached at the
     * host each device knows the ACS by).
     */
    public record Diagnostics(int compliancePercent, Duration timeout, int testBytes, int serverPort, String serverBind,
                              String serverUrl, int serverMaxBytes, int serverMaxConcurrent) {
    }

    /** restoreDeadline: how soon a resumed service must be in effect; taskExpiry: how long its tasks wait for the device. */
    public record Provisioning(Duration restoreDeadline, Duration taskExpiry) {
    }

    /**
     * Equipment lifecycle: warranty length, the ownership a device has until recorded otherwise, the
     * operator's value table (CNY per device kind) and the optical thresholds of the pre-return check.
     */
    public record Lifecycle(int warrantyMonths, String defaultOwnership, java.math.BigDecimal compensationGateway,
                            java.math.BigDecimal compensationStb, java.math.BigDecimal compensationMesh,
                            double opticalWarnDbm, double opticalCriticalDbm, Duration selfTestWait) {
    }

    public enum CpeAuth { DIGEST, BASIC, NONE }

    private static final Pattern HOSTNAME =
        Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    public record Database(String url, String user, String password, int poolSize) {
        public boolean embedded() {
            return url.startsWith("jdbc:h2:");
        }
    }

    public record Cwmp(String bind, int port, String path, int maxBodyBytes, Duration sessionTimeout,
                       int workers, int queueCapacity, int retryAfterSeconds, int ioThreads,
                       boolean trustForwardedFor, CpeAuth auth, String realm, boolean httpEnabled, CwmpTls tls) {
    }

    /**
     * The HTTPS listener for CWMP. {@code port} is -1 when HTTPS is off. {@code generate} is true for
     * the default keystore under the data directory, which is created with a self-signed certificate
     * for {@code hostname} when missing; an operator's own keystore is only ever read.
     */
    public record CwmpTls(int port, String bind, Path keystore, boolean generate, String keystorePassword,
                          String hostname) {
        public boolean enabled() {
            return port >= 0;
        }

        /** An IP address goes into the certificate's subjectAltName as {@code ip:}, a name as {@code dns:}. */
        public boolean hostnameIsIpAddress() {
            return IP_LITERAL.matcher(hostname).matches();
        }
    }

    public enum Rebootstrap { AUTHORIZED, ANY }

    public record Cpe(boolean allowUnknown, String bootstrapUsername, String bootstrapPassword,
                      boolean provisionCredentials, String crUsername, String crPassword,
                      int periodicInformInterval, Rebootstrap rebootstrap) {
    }

    public record ConnectionRequests(Duration timeout, int udpRepeats) {
    }

    public record Tasks(Duration expiry, int maxAttempts, Duration retryBase, Duration retryMax) {
    }

    public record Api(String bind, int port, int maxWaitSeconds, int rateLimit) {
    }

    static AcsConfig from(SettingValues v) {
        Path dataDir = Path.of(v.string("data-dir")).toAbsolutePath().normalize();
        // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to 500 ms, and an acknowledged
        // task could vanish if the process is killed.
        String url = v.string("db.url").isBlank()
            ? "jdbc:h2:file:" + dataDir.resolve("acs") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
            : v.string("db.url").trim();
        String user = v.string("db.user").isBlank() && url.startsWith("jdbc:h2:") ? "sa" : v.string("db.user");
        Database db = new Database(url, user, v.string("db.password"), v.integer("db.pool-size", 1, 512));
        String path = v.string("cwmp.path");
        if (!path.startsWith("/")) {
            throw new ConfigException("cwmp.path must start with '/', got '" + path + "'");
        }
        Cwmp cwmp = new Cwmp(v.string("cwmp.bind"), v.integer("cwmp.port", 0, 65535), path,
            v.integer("cwmp.max-body-bytes", 4096, 64 << 20),
            Duration.ofSeconds(v.integer("cwmp.session-timeout-seconds", 1, 3600)),
            v.integer("cwmp.workers", 1, 1024), v.integer("cwmp.queue-capacity", 1, 1_000_000),
            v.integer("cwmp.retry-after-seconds", 1, 3600), v.integer("cwmp.io-threads", 0, 256),
            v.bool("cwmp.trust-forwarded-for"), v.enumValue("cwmp.auth", CpeAuth.class), v.string("cwmp.auth-realm"),
            v.bool("cwmp.http-enabled"), cwmpTls(v, dataDir));
        checkListeners(cwmp);
        Cpe cpe = new Cpe(v.bool("cpe.allow-unknown"), v.string("cpe.bootstrap-username"),
            v.string("cpe.bootstrap-password"), v.bool("cpe.provision-credentials"),
            v.string("cpe.cr-username"), v.string("cpe.cr-password"),
            v.integer("cpe.periodic-inform-interval", 0, 86400 * 7), v.enumValue("cpe.rebootstrap", Rebootstrap.class));
        ConnectionRequests cr = new ConnectionRequests(
            Duration.ofMillis(v.integer("connreq.timeout-ms", 100, 120_000)), v.integer("connreq.udp-repeats", 1, 10));
        Tasks tasks = new Tasks(Duration.ofSeconds(v.integer("task.expiry-seconds", 1, 365 * 86400)),
            v.integer("task.max-attempts", 1, 100), Duration.ofSeconds(v.integer("task.retry-base-seconds", 1, 86400)),
            Duration.ofSeconds(v.integer("task.retry-max-seconds", 1, 7 * 86400)));
        Api api = new Api(v.string("api.bind"), v.integer("api.port", 0, 65535), v.integer("api.max-wait-seconds", 0, 3600),
            v.integer("api.rate-limit", 1, 100_000));
        Health health = health(v);
        return new AcsConfig(dataDir, db, cwmp, cpe, cr, tasks,
            Duration.ofMillis(v.integer("registry.flush-interval-ms", 10, 600_000)),
            Duration.ofSeconds(v.integer("registry.offline-after-seconds", 10, 30 * 86400)),
            Duration.ofSeconds(v.integer("webhooks.retry-base-seconds", 1, 3600)),
            v.string("normalization.file").isBlank() ? dataDir.resolve("normalization.json")
                : Path.of(v.string("normalization.file")), api,
            new Provisioning(Duration.ofHours(v.integer("provisioning.restore-deadline-hours", 1, 24 * 30)),
                Duration.ofDays(v.integer("provisioning.task-expiry-days", 1, 365))),
            health,
            new Triage(Duration.ofHours(v.integer("triage.repair-hours", 1, 24 * 30)),
                Duration.ofHours(v.integer("triage.enterprise-repair-hours", 1, 24 * 30)),
                Duration.ofMinutes(v.integer("triage.timeout-minutes", 1, 24 * 60)), pingHost(v)),
            lifecycle(v, health), diagnostics(v), FirmwareSettings.from(v, dataDir),
            CampaignSettings.from(v), usp(v),
            new Mesh(v.integer("mesh.backhaul-weak-dbm", -110, 0), v.integer("mesh.backhaul-min-mbps", 0, 100_000),
                v.integer("mesh.client-weak-dbm", -110, 0), v.integer("mesh.weak-client-share-percent", 1, 100),
                v.integer("mesh.channel-busy-percent", 1, 100), Duration.ofMinutes(v.integer("mesh.refresh-minutes", 0, 7 * 24 * 60))), MtpConfig.from(v));
    }

    /** The pre-return check judges optical power by the same thresholds as health and triage. */
    private static Lifecycle lifecycle(SettingValues v, Health health) {
        String ownership = v.string("lifecycle.default-ownership").trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("leased", "free", "purchased").contains(ownership)) {
            throw new ConfigException("lifecycle.default-ownership must be leased, free or purchased, got '" + ownership + "'");
        }
        double warn = health.opticalWarnDbm();
        double critical = health.opticalCriticalDbm();
        return new Lifecycle(v.integer("lifecycle.warranty-months", 0, 120), ownership,
            v.decimal("lifecycle.compensation-gateway", "0", "1000000"), v.decimal("lifecycle.compensation-stb", "0", "1000000"),
            v.decimal("lifecycle.compensation-mesh", "0", "1000000"), warn, critical,
            Duration.ofSeconds(v.integer("lifecycle.self-test-wait-seconds", 5, 3600)));
    }

    private static Health health(SettingValues v) {
        double warn = v.decimal("health.optical-warn-dbm", -50, 10);
        double critical = v.decimal("health.optical-critical-dbm", -50, 10);
        if (critical >= warn) {
            throw new ConfigException("health.optical-critical-dbm (" + critical + ") must be below health.optical-warn-dbm ("
                + warn + ")");
        }
        return new Health(warn, critical, v.integer("health.max-hosts", 1, 1000),
            Duration.ofHours(v.integer("health.sample-interval-hours", 0, 24 * 30)),
            Duration.ofDays(v.integer("health.sample-retention-days", 1, 3650)),
            v.integer("health.wifi-noise-dbm", -120, 0), v.integer("health.wifi-utilisation-percent", 1, 100),
            v.integer("health.wifi-weak-signal-dbm", -120, 0));
    }

    private static String pingHost(SettingValues v) {
        String host = v.string("triage.ping-host").trim();
        if (!host.isEmpty() && !HOSTNAME.matcher(host).matches() && !IP_LITERAL.matcher(host).matches()) {
            throw new ConfigException("triage.ping-host must be a host name or an IP address, got '" + host + "'");
        }
        return host;
    }

    private static Diagnostics diagnostics(SettingValues v) {
        String url = v.string("diagnostics.server-url").trim();
        if (!url.isEmpty() && !url.matches("(?i)https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException("diagnostics.server-url must be an http:// or https:// base URL, got '" + url + "'");
        }
        int max = v.integer("diagnostics.server-max-bytes", 1000, 2_000_000_000);
        return new Diagnostics(v.integer("diagnostics.compliance-percent", 1, 100),
            Duration.ofSeconds(v.integer("diagnostics.timeout-seconds", 10, 86400)),
            v.integer("diagnostics.test-bytes", 1000, 2_000_000_000), v.integer("diagnostics.server-port", -1, 65535),
            v.string("diagnostics.server-bind"), url, max, v.integer("diagnostics.server-max-concurrent", 1, 256));
    }

    private static Usp usp(SettingValues v) {
        String id = v.string("usp.endpoint-id").trim();
        // TR-369 R-ARC.2: authority-scheme::instance-id, e.g. proto::acs-controller or oui:00D09E:ACS-1.
        if (!id.matches("[A-Za-z0-9-]+:[^\\s:]*:[^\\s]+") && !id.matches("[A-Za-z0-9-]+::[^\\s]+")) {
            throw new ConfigException("usp.endpoint-id must be an EndpointID such as proto::acs-controller, got '" + id + "'");
        }
        String path = v.string("usp.websocket-path");
        if (!path.startsWith("/")) {
            throw new ConfigException("usp.websocket-path must start with '/', got '" + path + "'");
        }
        return new Usp(id, v.integer("usp.max-record-bytes", 1024, 64 << 20), v.integer("usp.rate-limit", 1, 100_000),
            v.integer("usp.max-in-flight", 1, 64), Duration.ofSeconds(v.integer("usp.response-timeout-seconds", 1, 86400)),
            v.integer("usp.workers", 1, 256),
            new UspWebSocket(v.integer("usp.websocket-port", -1, 65535), v.string("usp.websocket-bind"), path,
                v.bool("usp.websocket-tls"), Duration.ofSeconds(v.integer("usp.websocket-ping-seconds", 1, 3600)),
                v.integer("usp.websocket-io-threads", 0, 256)));
    }

    private static CwmpTls cwmpTls(SettingValues v, Path dataDir) {
        int port = v.integer("cwmp.tls-port", -1, 65535);
        String configured = v.string("cwmp.tls-keystore").trim();
        String password = v.string("cwmp.tls-keystore-password");
        String hostname = v.string("cwmp.tls-hostname").trim();
        if (!HOSTNAME.matcher(hostname).matches() && !IP_LITERAL.matcher(hostname).matches()) {
            throw new ConfigException("cwmp.tls-hostname must be a DNS name or an IP address, got '" + hostname + "'");
        }
        if (configured.isEmpty()) {
            return new CwmpTls(port, v.string("cwmp.tls-bind"), dataDir.resolve("tls").resolve("cwmp.p12"), true,
                password, hostname);
        }
        Path keystore = Path.of(configured).toAbsolutePath().normalize();
        if (port >= 0 && !Files.isRegularFile(keystore)) {
            // Only the default keystore is generated: a configured path that is missing is a mistake,
            // and a self-signed stand-in would silently replace the operator's certificate.
            throw new ConfigException("cwmp.tls-keystore " + keystore + " does not exist");
        }
        if (port >= 0 && password.isEmpty()) {
            throw new ConfigException("cwmp.tls-keystore-password is required with cwmp.tls-keystore");
        }
        return new CwmpTls(port, v.string("cwmp.tls-bind"), keystore, false, password, hostname);
    }

    private static void checkListeners(Cwmp c) {
        if (!c.httpEnabled() && !c.tls().enabled()) {
            throw new ConfigException("cwmp.http-enabled is false and cwmp.tls-port is -1: no CWMP listener would run; "
                + "enable at least one");
        }
        if (c.httpEnabled() && c.tls().enabled() && c.port() != 0 && c.port() == c.tls().port()) {
            throw new ConfigException("cwmp.port and cwmp.tls-port are both " + c.port() + "; give HTTPS its own port");
        }
    }
}
