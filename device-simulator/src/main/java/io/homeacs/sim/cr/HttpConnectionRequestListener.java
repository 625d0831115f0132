package io.homeacs.sim.cr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP listener for the whole fleet: GET /cr/&lt;serial&gt; with Digest authentication (realm
 * "HomeACS-CPE", qop=auth) using the device's ConnectionRequestUsername/Password. A device already in a
 * session still answers 200 and runs the "6 CONNECTION REQUEST" session right after the current one.
 */
public final class HttpConnectionRequestListener implements AutoCloseable {
    public static final String REALM = "HomeACS-CPE";
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionRequestListener.class);
    private static final String PREFIX = "/cr/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CrRegistry registry;
    private final DigestVerifier digest = new DigestVerifier(REALM);

    public HttpConnectionRequestListener(String host, int port, CrRegistry registry) throws IOException {
        this.registry = registry;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cr-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Optional<CrRegistry.Endpoint> target = path.startsWith(PREFIX)
                    ? registry.bySerial(path.substring(PREFIX.length())) : Optional.empty();
            if (target.isEmpty() || !target.get().httpReachable()) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            CrRegistry.Endpoint e = target.get();
            DigestVerifier.Result r = digest.verify(ex.getRequestHeaders().getFirst("Authorization"), "GET",
                    ex.getRequestURI().toString(), e.username(), e.password());
            if (r != DigestVerifier.Result.OK) {
                ex.getResponseHeaders().set("WWW-Authenticate", digest.challenge(r == DigestVerifier.Result.STALE));
                ex.sendResponseHeaders(401, -1);
                return;
            }
            ex.sendResponseHeaders(200, -1);
            LOG.debug("connection request accepted for {}", path);
            e.trigger();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
