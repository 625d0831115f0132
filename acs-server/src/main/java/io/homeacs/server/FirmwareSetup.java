package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.FirmwareSettings;
import io.homeacs.server.cwmp.transport.ServerTls;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.firmware.DownloadBase;
import io.homeacs.server.firmware.DownloadLinks;
import io.homeacs.server.firmware.FirmwareImages;
import io.homeacs.server.firmware.TrustedKeys;
import io.homeacs.server.firmware.files.FirmwareFileServer;
import io.homeacs.server.firmware.store.DiskImageStorage;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.security.OwnerOnlyFiles;
import io.homeacs.server.security.TlsKeystore;
import io.homeacs.server.store.Database;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** The firmware catalogue with its storage and trusted keys, and the file server(s) devices download from. */
record FirmwareSetup(FirmwareImages images, FirmwareFileServer http, FirmwareFileServer https) implements AutoCloseable {

    static FirmwareSetup start(AcsConfig config, Database db, DeviceRegistry registry, AcsMetrics metrics, Clock clock)
        throws InterruptedException {
        FirmwareSettings f = config.firmware();
        DiskImageStorage storage;
        try {
            storage = new DiskImageStorage(f.storageDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the firmware storage " + f.storageDir(), e);
        }
        DownloadLinks links = new DownloadLinks(secret(config.dataDir().resolve("firmware-links.key")));
        TrustedKeys keys = new TrustedKeys(db, f.trustedKeysDir());
        FirmwareFileServer.Shared shared = new FirmwareFileServer.Shared(metrics.registry());
        FirmwareFileServer http = null;
        FirmwareFileServer https = null;
        // The images object needs the port for derived URLs, and the server needs the images: the server
        // looks images up through a holder filled just below.
        FirmwareImages[] holder = new FirmwareImages[1];
        FirmwareFileServer.Images lookup = id -> holder[0].find(id);
        try {
            if (f.serverPort() >= 0) {
                http = FirmwareFileServer.start(options(f, f.serverPort(), null), links, lookup, storage, shared, clock);
            }
            if (f.serverTlsPort() >= 0) {
                TlsKeystore.Loaded k = TlsKeystore.open(config.cwmp().tls());
                SslContext tls = ServerTls.context(k.keyStore(), k.password());
                https = FirmwareFileServer.start(options(f, f.serverTlsPort(), tls), links, lookup, storage, shared, clock);
            }
        } catch (InterruptedException | RuntimeException e) {
            if (http != null) {
                http.close();
            }
            throw e;
        }
        DownloadBase base = http != null ? new DownloadBase(f.downloadUrl(), "http", http.port(), registry)
            : new DownloadBase(f.downloadUrl(), "https", https == null ? -1 : https.port(), registry);
        holder[0] = new FirmwareImages(db, storage, keys, links, base,
            new FirmwareImages.Settings(f.maxImageBytes(), f.linkTtl()), clock);
        return new FirmwareSetup(holder[0], http, https);
    }

    private static FirmwareFileServer.Options options(FirmwareSettings f, int port, SslContext tls) {
        return new FirmwareFileServer.Options(f.serverBind(), port, f.maxConcurrent(), f.retryAfterSeconds(), 120, 0, tls);
    }

    /** The download-link key: 32 random bytes, made once, owner-only, so links survive a restart. */
    private static byte[] secret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(k));
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the firmware download-link key " + file, e);
        }
    }

    int httpPort() {
        return http == null ? -1 : http.port();
    }

    int httpsPort() {
        return https == null ? -1 : https.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (https != null) {
            https.close();
        }
    }
}
