package io.homeacs.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue of every setting the server reads; docs/configuration.md mirrors this list. */
public final class Settings {

    public static final List<Setting> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(
        new Setting("data-dir", "./data", "Directory for the embedded H2 store, the admin token and the secret key."),
        new Setting("config", "", "Path of a properties file with settings (default: <data-dir>/acs.properties if it exists)."),
        new Setting("db.url", "", "JDBC URL; empty = embedded H2 file database under <data-dir>. PostgreSQL: jdbc:postgresql://host/db."),
        new Setting("db.user", "", "Database user (H2 default: sa)."),
        new Setting("db.password", "", "Database password."),
        new Setting("db.pool-size", "8", "Maximum JDBC connections."),
        new Setting("cwmp.bind", "0.0.0.0", "Address the CWMP listener binds to."),
        new Setting("cwmp.port", "7547", "CWMP (TR-069) HTTP port; 0 picks a free port."),
        new Setting("cwmp.http-enabled", "true", "Whether the plain-HTTP CWMP listener runs; false leaves only HTTPS (cwmp.tls-port)."),
        new Setting("cwmp.tls-port", "7548", "CWMP over TLS (HTTPS) port; 0 picks a free port, -1 switches HTTPS off."),
        new Setting("cwmp.tls-bind", "0.0.0.0", "Address the CWMP HTTPS listener binds to."),
        new Setting("cwmp.tls-keystore", "", "PKCS12 keystore with the HTTPS key and certificate; empty = <data-dir>/tls/cwmp.p12, "
            + "a self-signed one generated on first start."),
        new Setting("cwmp.tls-keystore-password", "", "Password of the keystore (and its key); required with cwmp.tls-keystore. "
            + "Empty with the generated keystore = a random one kept in <data-dir>/tls/cwmp.p12.password."),
        new Setting("cwmp.tls-hostname", "localhost", "Host name (or IP address) put in the generated certificate's CN and "
            + "subjectAltName, beside IP 127.0.0.1; only used when the certificate is generated."),
        new Setting("cwmp.path", "/", "HTTP path of the CWMP endpoint."),
        new Setting("cwmp.max-body-bytes", "1048576", "Largest CWMP request body accepted; larger gets 413."),
        new Setting("cwmp.session-timeout-seconds", "30", "A CWMP session idle this long is closed and its in-flight RPC re-queued."),
        new Setting("cwmp.workers", "8", "Threads that run CWMP session logic (database work happens here, never on event loops)."),
        new Setting("cwmp.queue-capacity", "2000", "Requests waiting for a worker; when full the endpoint answers 503 with Retry-After."),
        new Setting("cwmp.retry-after-seconds", "10", "Retry-After value sent with 503 under overload."),
        new Setting("cwmp.io-threads", "0", "Netty event-loop threads for CWMP; 0 = Netty's default (twice the number of cores)."),
        new Setting("cwmp.trust-forwarded-for", "false", "Take the device IP from X-Forwarded-For (only behind a trusted reverse proxy)."),
        new Setting("cwmp.auth", "digest", "CPE authentication: digest, basic (accepted only on a TLS listener) or none."),
        new Setting("cwmp.auth-realm", "HomeACS", "HTTP authentication realm; stored digests depend on it, so changing it locks out provisioned devices until they re-bootstrap."),
        new Setting("cpe.allow-unknown", "true", "Whether a device the ACS has never seen may register with the bootstrap credentials."),
        new Setting("cpe.bootstrap-username", "bootstrap", "Shared credentials a factory-fresh device uses for its first contact."),
        new Setting("cpe.bootstrap-password", "bootstrap", "Password for the bootstrap username; change it in production."),
        new Setting("cpe.rebootstrap", "authorized", "Whether a provisioned device may log in with the bootstrap credentials "
            + "again (0 BOOTSTRAP): 'authorized' = only after a factory reset the ACS sent, or an operator's "
            + "allow-rebootstrap, within the last 24 h; 'any' = always (a subscriber's reset button works, but "
            + "anyone with the bootstrap password and a serial number can impersonate the device)."),
        new Setting("cpe.provision-credentials", "true", "On first contact give each device its own random ACS and connection-request credentials."),
        new Setting("cpe.cr-username", "", "Connection-request username used for devices whose credentials the ACS did not provision."),
        new Setting("cpe.cr-password", "", "Connection-request password used for devices whose credentials the ACS did not provision."),
        new Setting("cpe.periodic-inform-interval", "0", "If > 0, sent as ManagementServer.PeriodicInformInterval together with the credentials a device gets on first contact."),
        new Setting("connreq.timeout-ms", "5000", "HTTP connection-request timeout."),
        new Setting("connreq.udp-repeats", "3", "Copies of each UDP (Annex G) connection request sent."),
        new Setting("task.expiry-seconds", "86400", "Default lifetime of a queued task before it expires."),
        new Setting("task.max-attempts", "5", "Attempts before a task that keeps failing transiently is marked faulted."),
        new Setting("task.retry-base-seconds", "30", "First retry delay; doubles with each attempt."),
        new Setting("task.retry-max-seconds", "3600", "Largest retry delay."),
        new Setting("registry.offline-after-seconds", "3600", "A device not heard from for this long counts as offline in searches and exports."),
        new Setting("registry.flush-interval-ms", "1000", "How often coalesced last-contact times are written in one batch."),
        new Setting("normalization.file", "", "Operator's normalisation mapping (JSON) on top of the shipped one; empty = <data-dir>/normalization.json if it exists."),
        new Setting("webhooks.retry-base-seconds", "30", "First retry delay of a failed webhook delivery; doubles with each attempt (10 attempts)."),
        new Setting("provisioning.restore-deadline-hours", "24", "A resumed service must be in effect on the device within this many hours (the agreements promise 24); later ones are listed as overdue."),
        new Setting("provisioning.task-expiry-days", "30", "How long a commissioning, suspend or resume task waits for an offline device before it expires."),
        new Setting("health.optical-warn-dbm", "-25", "Optical receive power (dBm) below which a device's optical level is a warning."),
        new Setting("health.optical-critical-dbm", "-28", "Optical receive power (dBm) below which it is critical (a line fault)."),
        new Setting("health.max-hosts", "10", "Terminals one line may serve (the agreements' limit); more is reported as a finding."),
        new Setting("health.sample-interval-hours", "24", "How often each device's key values are read and kept as a health sample; 0 turns sampling off."),
        new Setting("health.sample-retention-days", "90", "How long health samples are kept."),
        new Setting("triage.repair-hours", "24", "Repair commitment from a fault report to restoration."),
        new Setting("triage.enterprise-repair-hours", "48", "Repair commitment for enterprise accounts."),
        new Setting("triage.timeout-minutes", "10", "How long a triage waits for the device to answer before judging on what the ACS knows."),
        new Setting("lifecycle.warranty-months", "12", "Warranty of a device's main unit, in months from its installation date (accessories are the manufacturer's)."),
        new Setting("lifecycle.default-ownership", "leased", "Ownership of a device until an operator records another: leased, free (operator-provided free) or purchased (subscriber-purchased)."),
        new Setting("lifecycle.compensation-gateway", "150", "Compensation in CNY for an ONT/gateway that is not returned or does not meet the re-lease condition."),
        new Setting("lifecycle.compensation-stb", "180", "Compensation in CNY for a set-top box that is not returned or does not meet the re-lease condition."),
        new Setting("lifecycle.compensation-mesh", "180", "Compensation in CNY for a mesh router that is not returned or does not meet the re-lease condition."),
        new Setting("diagnostics.compliance-percent", "90", "A speed test is compliant when both directions reach this percentage "
            + "of the subscriber's contracted rate (the service agreements say 90)."),
        new Setting("diagnostics.timeout-seconds", "600", "A diagnostics run not finished this long after it was requested "
            + "times out (an offline device never takes the request)."),
        new Setting("diagnostics.test-bytes", "50000000", "Default size in bytes of a speed test's download and of its upload."),
        new Setting("diagnostics.server-port", "7549", "Port of the ACS's own speed-test server (GET /download/<bytes>, "
            + "PUT /upload); 0 picks a free port, -1 switches it off."),
        new Setting("diagnostics.server-bind", "0.0.0.0", "Address the speed-test server binds to; devices must reach it."),
        new Setting("diagnostics.server-url", "", "Base URL (http://host:port) devices are sent to for speed tests; empty = "
            + "the ACS's own test server, at the host each device reaches the ACS by (its ManagementServer.URL)."),
        new Setting("diagnostics.server-max-bytes", "268435456", "Largest download the speed-test server sends and largest "
            + "upload it takes; larger requests get 413."),
        new Setting("diagnostics.server-max-concurrent", "8", "Speed tests the test server serves at once; beyond it, 503."),
        new Setting("usp.endpoint-id", "proto::acs-controller", "The USP controller's EndpointID (TR-369); agents address their records to it."),
        new Setting("usp.max-record-bytes", "1048576", "Largest USP record accepted from an agent; a larger one is refused "
            + "(WebSocket close 1009) and the agent told why."),
        new Setting("usp.rate-limit", "50", "USP records per second one agent may send on average (bursts of 4x); beyond it "
            + "records are dropped, and an agent that keeps flooding is disconnected."),
        new Setting("usp.max-in-flight", "4", "Requests (tasks) outstanding at once to one USP agent."),
        new Setting("usp.response-timeout-seconds", "60", "How long a USP request waits for its response before its task goes back to the queue."),
        new Setting("usp.workers", "4", "Threads that process received USP records (database work happens here, never on event loops)."),
        new Setting("usp.websocket-port", "8081", "USP WebSocket MTP port (ws://host:port/usp); 0 picks a free port, -1 switches it off."),
        new Setting("usp.websocket-bind", "0.0.0.0", "Address the USP WebSocket listener binds to."),
        new Setting("usp.websocket-path", "/usp", "HTTP path agents open the USP WebSocket on."),
        new Setting("usp.websocket-tls", "false", "Serve the USP WebSocket over TLS (wss://) with the CWMP HTTPS keystore (cwmp.tls-keystore)."),
        new Setting("usp.websocket-ping-seconds", "30", "Interval of WebSocket pings to an idle agent; an agent silent for three "
            + "intervals is disconnected."),
        new Setting("usp.websocket-io-threads", "0", "Netty event-loop threads for the USP WebSocket; 0 = Netty's default (twice the number of cores)."),
        new Setting("api.bind", "0.0.0.0", "Address the northbound API binds to."),
        new Setting("api.port", "8080", "Northbound REST API and /metrics port; 0 picks a free port."),
        new Setting("api.rate-limit", "50", "Requests per second each API token may make on average (bursts of 4x are allowed); beyond it, 429."),
        new Setting("api.max-wait-seconds", "120", "Longest a task request may wait for its result.")
    ), MtpSettings.ALL.stream()).toList();

    private Settings() {
    }

    static Map<String, Setting> byKey() {
        Map<String, Setting> map = new LinkedHashMap<>();
        for (Setting s : ALL) {
            map.put(s.key(), s);
        }
        return map;
    }
}
