package io.homeacs.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Firmware images and the file server devices fetch them from.
 *
 * @param storageDir      where image files are kept (the disk storage)
 * @param trustedKeysDir  PEM public keys of operator signing keys, read at start (may not exist)
 * @param maxImageBytes   largest image accepted
 * @param serverPort      plain-HTTP file server port; -1 = off
 * @param serverTlsPort   HTTPS file server port (the CWMP keystore's certificate); -1 = off
 * @param downloadUrl     base URL devices reach the file server at; empty = derived per device
 * @param linkTtl         how long a signed download URL stays valid
 */
public record FirmwareSettings(Path storageDir, Path trustedKeysDir, long maxImageBytes, String serverBind, int serverPort,
                               int serverTlsPort, int maxConcurrent, int retryAfterSeconds, String downloadUrl,
                               Duration linkTtl) {

    static FirmwareSettings from(SettingValues v, Path dataDir) {
        String url = v.string("firmware.download-url").trim();
        if (!url.isEmpty() && !url.matches("(?i)https?://[^/\\s?#]+/?")) {
            throw new ConfigException("firmware.download-url must be an http:// or https:// base URL (scheme, host, port), got '"
                + url + "'");
        }
        int port = v.integer("firmware.server-port", -1, 65535);
        int tlsPort = v.integer("firmware.server-tls-port", -1, 65535);
        if (port > 0 && port == tlsPort) {
            throw new ConfigException("firmware.server-port and firmware.server-tls-port are both " + port);
        }
        return new FirmwareSettings(dir(v.string("firmware.storage-dir"), dataDir.resolve("firmware")),
            dir(v.string("firmware.trusted-keys-dir"), dataDir.resolve("firmware-keys")),
            v.integer("firmware.max-image-mb", 1, 16_384) * 1024L * 1024L, v.string("firmware.server-bind"), port, tlsPort,
            v.integer("firmware.server-max-concurrent", 1, 100_000), v.integer("firmware.server-retry-after-seconds", 1, 3600),
            url, Duration.ofMinutes(v.integer("firmware.link-ttl-minutes", 1, 60 * 24 * 30)));
    }

    private static Path dir(String configured, Path fallback) {
        return configured.isBlank() ? fallback : Path.of(configured.trim()).toAbsolutePath().normalize();
    }
}
