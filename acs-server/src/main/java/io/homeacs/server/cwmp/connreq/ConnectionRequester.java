package io.homeacs.server.cwmp.connreq;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.security.Digest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TR-069 connection requests: an HTTP GET to the device's ConnectionRequestURL answered with
 * Digest, and where that fails and the device reported a UDPConnectionRequestAddress (it sits
 * behind NAT), signed UDP messages per Annex G.
 */
public final class ConnectionRequester implements DeviceWakeup {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRequester.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final UdpConnectionRequester udp;
    private final DeviceCredentials credentials;
    private final AcsConfig.Cpe cpe;
    private final AcsConfig.ConnectionRequests config;
    private final AcsMetrics metrics;

    public ConnectionRequester(DeviceCredentials credentials, AcsConfig.Cpe cpe, AcsConfig.ConnectionRequests config,
                               AcsMetrics metrics, ScheduledExecutorService scheduler) {
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.udp = new UdpConnectionRequester(scheduler, config.udpRepeats());
        this.credentials = credentials;
        this.cpe = cpe;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<WakeupResult> wake(Device device) {
        try {
            return attempt(device);
        } catch (RuntimeException e) {
            LOG.warn("connection request to {} could not be attempted: {}", device.key(), e.getMessage());
            metrics.connectionRequest("http", "failed");
            return CompletableFuture.completedFuture(new WakeupResult(false, "none", "not attempted: " + e.getMessage()));
        }
    }

    private CompletableFuture<WakeupResult> attempt(Device device) {
        Optional<DeviceCredentials.ConnectionRequestLogin> login = credentials.connectionRequestLogin(device.id());
        String user = login.map(DeviceCredentials.ConnectionRequestLogin::username).orElse(cpe.crUsername());
        String pass = login.map(DeviceCredentials.ConnectionRequestLogin::password).orElse(cpe.crPassword());
        String url = device.connectionRequestUrl();
        CompletableFuture<WakeupResult> viaHttp = url == null || url.isBlank()
            ? CompletableFuture.completedFuture(new WakeupResult(false, "http", "no ConnectionRequestURL known"))
            : httpRequest(url, user, pass);
        return viaHttp.thenApply(r -> {
            metrics.connectionRequest("http", r.delivered() ? "ok" : "failed");
            if (r.delivered()) {
                return r;
            }
            String udpAddress = device.udpConnectionRequestAddress();
            if (udpAddress == null || udpAddress.isBlank()) {
                LOG.info("connection request to {} failed: {}", device.key(), r.detail());
                return r;
            }
            WakeupResult u = udp.send(udpAddress, user, pass);
            metrics.connectionRequest("udp", u.delivered() ? "sent" : "failed");
            return u;
        });
    }

    private CompletableFuture<WakeupResult> httpRequest(String url, String user, String pass) {
        URI uri;
        try {
            uri = URI.create(url);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return done(false, "not an http(s) URL: " + url);
            }
        } catch (IllegalArgumentException e) {
            return done(false, "bad ConnectionRequestURL: " + url);
        }
        HttpRequest first = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build();
        return http.sendAsync(first, HttpResponse.BodyHandlers.discarding()).thenCompose(r -> {
            if (r.statusCode() == 200 || r.statusCode() == 204) {
                return done(true, "accepted without authentication");
            }
            Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
            if (r.statusCode() != 401 || challenge.isEmpty()) {
                return done(false, "device answered HTTP " + r.statusCode());
            }
            if (challenge.get().regionMatches(true, 0, "Basic", 0, 5) && uri.getScheme().equals("http")) {
                return done(false, "device asked for Basic authentication over plain HTTP; password not sent");
            }
            HttpRequest second = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Authorization", authorization(challenge.get(), uri, user, pass)).GET().build();
            return http.sendAsync(second, HttpResponse.BodyHandlers.discarding()).thenApply(r2 ->
                new WakeupResult(r2.statusCode() == 200 || r2.statusCode() == 204, "http",
                    "device answered HTTP " + r2.statusCode()));
        }).exceptionally(e -> new WakeupResult(false, "http", "unreachable: " + rootMessage(e)));
    }

    static String authorization(String challenge, URI uri, String user, String pass) {
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + pass)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> p = Digest.parseParams(challenge);
        String realm = p.getOrDefault("realm", "");
        String nonce = p.getOrDefault("nonce", "");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String qop = p.containsKey("qop") ? "auth" : null;
        String cnonce = Long.toHexString(RANDOM.nextLong());
        String nc = "00000001";
        String response = Digest.response(Digest.ha1(user, realm, pass), nonce, nc, cnonce, qop, "GET", path);
        StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
            .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(path).append("\", response=\"")
            .append(response).append('"');
        if (qop != null) {
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (p.containsKey("opaque")) {
            h.append(", opaque=\"").append(p.get("opaque")).append('"');
        }
        return h.append(", algorithm=MD5").toString();
    }

    private static CompletableFuture<WakeupResult> done(boolean ok, String detail) {
        return CompletableFuture.completedFuture(new WakeupResult(ok, "http", detail));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
