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
        new Setting("health.wifi-noise-dbm", "-80", "Wi-Fi noise floor (dBm) above which a radio is judged to suffer interference."),
        new Setting("health.wifi-utilisation-percent", "70", "Channel utilisation (%) above which a radio is judged to suffer interference (a crowded channel)."),
        new Setting("health.wifi-weak-signal-dbm", "-75", "Wi-Fi client signal strength (dBm) below which a client has weak coverage."),
        new Setting("triage.ping-host", "", "Host a triage pings for a no-internet or intermittent report; empty = the speed-test server's host as the device reaches it."),
        new Setting("mesh.backhaul-weak-dbm", "-70", "Wi-Fi mesh: a satellite's Wi-Fi backhaul weaker than this (dBm) is weak (move it closer)."),
        new Setting("mesh.backhaul-min-mbps", "200", "Wi-Fi mesh: a backhaul carrying less than this (Mbit/s) is slow (use wired backhaul)."),
        new Setting("mesh.client-weak-dbm", "-72", "Wi-Fi mesh: a client seeing less than this (dBm) is weak."),
        new Setting("mesh.weak-client-share-percent", "50", "Wi-Fi mesh: share of a node's clients that must be weak before a node is recommended."),
        new Setting("mesh.channel-busy-percent", "60", "Wi-Fi mesh: a radio busier than this (percent of the time) is congested."),
        new Setting("mesh.refresh-minutes", "60", "Wi-Fi mesh: how often a mesh controller's Data Elements are read at its check-in; 0 turns it off."),
        new Setting("triage.repair-hours", "24", "Repair commitment from a fault report to restoration."),
        new Setting("triage.enterprise-repair-hours", "48", "Repair commitment for enterprise accounts."),
        new Setting("triage.timeout-minutes", "10", "How long a triage waits for the device to answer before judging on what the ACS knows."),
        new Setting("lifecycle.warranty-months", "12", "Warranty of a device's main unit, in months from its installation date (accessories are the manufacturer's)."),
        new Setting("lifecycle.default-ownership", "leased", "Ownership of a device until an operator records another: leased, free (operator-provided free) or purchased (subscriber-purchased)."),
        new Setting("lifecycle.compensation-gateway", "150", "Compensation in CNY for an ONT/gateway that is not returned or does not meet the re-lease condition."),
        new Setting("lifecycle.compensation-stb", "180", "Compensation in CNY for a set-top box that is not returned or does not meet the re-lease condition."),
        new Setting("lifecycle.compensation-mesh", "180", "Compensation in CNY for a mesh router that is not returned or does not meet the re-lease condition."),
        new Setting("lifecycle.self-test-wait-seconds", "120", "How long the pre-return check waits for the self-test it asks the device to run."),
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
        new Setting("firmware.storage-dir", "", "Directory the uploaded firmware images are stored in; empty = <data-dir>/firmware."),
        new Setting("firmware.trusted-keys-dir", "", "Directory of operator signing keys (Ed25519 public keys, PEM, *.pem or *.pub) "
            + "the ACS trusts, read at start; empty = <data-dir>/firmware-keys. Keys can also be added through the API."),
        new Setting("firmware.max-image-mb", "512", "Largest firmware image accepted, in MiB."),
        new Setting("firmware.server-bind", "0.0.0.0", "Address the firmware file server binds to; devices must reach it."),
        new Setting("firmware.server-port", "7550", "Plain-HTTP port of the firmware file server devices download images "
            + "from; 0 picks a free port, -1 switches it off."),
        new Setting("firmware.server-tls-port", "-1", "HTTPS port of the firmware file server (the CWMP TLS keystore's "
            + "certificate); 0 picks a free port, -1 (default) switches it off."),
        new Setting("firmware.server-max-concurrent", "200", "Downloads the file server sends at once; beyond it, 503 with Retry-After."),
        new Setting("firmware.server-retry-after-seconds", "60", "Retry-After sent with the file server's 503."),
        new Setting("firmware.download-url", "", "Base URL (scheme://host:port) devices reach the file server at; empty = "
            + "the host each device reaches the ACS by (its ManagementServer.URL) with the file server's port (HTTPS "
            + "if only that listener runs)."),
        new Setting("firmware.link-ttl-minutes", "1560", "How long a signed download URL stays valid (default 26 h: "
            + "longer than a task's default lifetime)."),
        new Setting("campaign.min-notice-hours", "24", "Shortest advance notice a firmware campaign may give before it touches "
            + "a device (the service agreements: 24 hours); decimals allowed, 0 only for labs and tests."),
        new Setting("campaign.enterprise-notice-hours", "48", "Shortest notice for devices held by enterprise accounts (the "
            + "group-customer agreement: 48 hours)."),
        new Setting("campaign.default-notice-hours", "24", "Notice of a campaign that names none (never less than the minimums)."),
        new Setting("campaign.default-zone", "Asia/Shanghai", "Time zone of the maintenance window for devices that report "
            + "none (Device.Time.LocalTimeZone / InternetGatewayDevice.Time.LocalTimeZone[Name])."),
        new Setting("campaign.default-waves", "1,10,25", "Wave sizes in percent of the targets for a campaign that names none; "
            + "the rest forms a last wave."),
        new Setting("campaign.default-window", "", "Daily maintenance window in the device's local time (e.g. 02:00-05:00) "
            + "for a campaign that names none; empty = any time."),
        new Setting("campaign.default-concurrency", "100", "Devices with a download in flight at once per campaign, by default."),
        new Setting("campaign.default-max-failure-percent", "5", "A wave whose failures (failed + timed out) exceed this share "
            + "halts its campaign, by default."),
        new Setting("campaign.default-max-timeouts", "-1", "A wave with more timeouts than this halts its campaign, by "
            + "default; -1 = only the failure share counts."),
        new Setting("campaign.default-success-seconds", "7200", "Time from queueing a device's download to it being back with "
            + "the new version before it counts as timed out, by default."),
        new Setting("campaign.max-devices", "1000000", "Most devices one campaign may target."),
        new Setting("campaign.tick-ms", "1000", "How often the campaign driver queues downloads and checks waves."),
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
