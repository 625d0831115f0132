package io.homeacs.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings of the MQTT, STOMP and CoAP message transfer protocols of USP (the WebSocket MTP is
 * configured with the controller). All three are off by default: the ACS must start without brokers.
 */
public record MtpConfig(int maxRecordBytes, Mqtt mqtt, Stomp stomp, Coap coap) {

    public record Mqtt(boolean enabled, String host, int port, boolean tls, String username, String password,
                       String clientId, String topic, int keepAliveSeconds) {
    }

    public record Stomp(boolean enabled, String host, int port, boolean tls, String virtualHost, String username,
                        String password, String destination, int heartbeatSeconds) {
    }

    /**
     * CoAP: {@code port} or {@code dtlsPort} -1 switches that endpoint off; {@code host} empty = derived
     * from the bind address. DTLS takes a PSK identity/secret, a PKCS12 keystore (x509), or both.
     */
    public record Coap(boolean enabled, String bind, int port, String path, String host, int dtlsPort,
                       String pskIdentity, String pskSecret, Path keystore, String keystorePassword) {
        public boolean dtlsEnabled() {
            return dtlsPort >= 0;
        }
    }

    static MtpConfig from(SettingValues v) {
        String topic = v.string("usp.mqtt.topic").trim();
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new ConfigException("usp.mqtt.topic must be a topic name without wildcards, got '" + topic + "'");
        }
        Mqtt mqtt = new Mqtt(v.bool("usp.mqtt.enabled"), v.string("usp.mqtt.host").trim(), v.integer("usp.mqtt.port", 1, 65535),
            v.bool("usp.mqtt.tls"), v.string("usp.mqtt.username"), v.string("usp.mqtt.password"),
            v.string("usp.mqtt.client-id").trim(), topic, v.integer("usp.mqtt.keep-alive-seconds", 0, 65535));
        String destination = v.string("usp.stomp.destination").trim();
        if (destination.isEmpty()) {
            throw new ConfigException("usp.stomp.destination must not be empty");
        }
        Stomp stomp = new Stomp(v.bool("usp.stomp.enabled"), v.string("usp.stomp.host").trim(),
            v.integer("usp.stomp.port", 1, 65535), v.bool("usp.stomp.tls"), v.string("usp.stomp.virtual-host").trim(),
            v.string("usp.stomp.username"), v.string("usp.stomp.password"), destination,
            v.integer("usp.stomp.heartbeat-seconds", 0, 3600));
        // The controller's record cap (AcsConfig.Usp) applies to these MTPs too.
        return new MtpConfig(v.integer("usp.max-record-bytes", 1024, 64 << 20), mqtt, stomp, coap(v));
    }

    private static Coap coap(SettingValues v) {
        String path = v.string("usp.coap.path").trim();
        if (!path.startsWith("/") || path.length() < 2 || path.contains("?") || path.contains("#")) {
            throw new ConfigException("usp.coap.path must start with '/' and name a resource, got '" + path + "'");
        }
        boolean enabled = v.bool("usp.coap.enabled");
        int port = v.integer("usp.coap.port", -1, 65535);
        int dtlsPort = v.integer("usp.coap.dtls-port", -1, 65535);
        String identity = v.string("usp.coap.dtls-psk-identity").trim();
        String secret = v.string("usp.coap.dtls-psk-secret");
        String store = v.string("usp.coap.dtls-keystore").trim();
        Path keystore = store.isEmpty() ? null : Path.of(store).toAbsolutePath().normalize();
        if (!identity.isEmpty() && secret.isEmpty()) {
            throw new ConfigException("usp.coap.dtls-psk-secret is required with usp.coap.dtls-psk-identity");
        }
        if (enabled && dtlsPort >= 0) {
            if (identity.isEmpty() && keystore == null) {
                throw new ConfigException("usp.coap.dtls-port is set but neither usp.coap.dtls-psk-identity nor "
                    + "usp.coap.dtls-keystore is: DTLS needs a key");
            }
            if (keystore != null && !Files.isRegularFile(keystore)) {
                throw new ConfigException("usp.coap.dtls-keystore " + keystore + " does not exist");
            }
        }
        if (enabled && port < 0 && dtlsPort < 0) {
            throw new ConfigException("usp.coap.enabled is true but usp.coap.port and usp.coap.dtls-port are both -1");
        }
        if (enabled && port > 0 && port == dtlsPort) {
            throw new ConfigException("usp.coap.port and usp.coap.dtls-port are both " + port);
        }
        return new Coap(enabled, v.string("usp.coap.bind").trim(), port, path, v.string("usp.coap.host").trim(), dtlsPort,
            identity, secret, keystore, v.string("usp.coap.dtls-keystore-password"));
    }
}
