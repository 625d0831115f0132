package io.homeacs.server.speedtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACS's own TR-143 test server: {@code GET /download/<bytes>} sends that many bytes, {@code PUT} or
 * {@code POST /upload} takes a body and discards it. Devices call it without credentials, as TR-143
 * test servers are usually called, so every request is capped ({@code maxBytes}) and at most
 * {@code maxConcurrent} run at once (503 beyond), which bounds what an anonymous caller can take. It
 * shares nothing with the CWMP listeners: a speed test must not queue behind device sessions, nor
 * they behind it. The JDK's HTTP server is enough for this and adds no dependency.
 */
public final class SpeedTestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeedTestServer.class);
    private static final int CHUNK = 64 * 1024;
    /** How far past the cap an oversized upload is still read so its 413 reaches the client. */
    private static final long DRAIN_BYTES = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Semaphore slots;
    private final long maxBytes;
    /** Random bytes, so a compressing middlebox cannot make a line look faster than it is. */
    private final byte[] payload = new byte[CHUNK];

    public record Options(String bind, int port, long maxBytes, int maxConcurrent) {
    }

    private SpeedTestServer(HttpServer server, ExecutorService threads, Options o) {
        this.server = server;
        this.threads = threads;
        this.slots = new Semaphore(o.maxConcurrent());
        this.maxBytes = o.maxBytes();
        new SplittableRandom(0x7E57).nextBytes(payload);
    }

    public static SpeedTestServer start(Options o) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(o.bind(), o.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for speed tests on " + o.bind() + ":" + o.port(), e);
        }
        AtomicInteger n = new AtomicInteger();
        // One thread more than the slots, so the over-limit answer (503) is never stuck behind tests.
        ExecutorService threads = Executors.newFixedThreadPool(o.maxConcurrent() + 1, r -> {
            Thread t = new Thread(r, "acs-speedtest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SpeedTestServer s = new SpeedTestServer(http, threads, o);
        http.createContext("/", s::handle);
        http.setExecutor(threads);
        http.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!slots.tryAcquire()) {
                ex.getResponseHeaders().add("Retry-After", "10");
                reply(ex, 503, "too many speed tests at once");
                return;
            }
            try {
                route(ex);
            } finally {
                slots.release();
            }
        } catch (IOException e) {
            LOG.debug("speed test from {} ended early: {}", ex.getRemoteAddress(), e.toString());
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.startsWith("/download/") && (method.equals("GET") || method.equals("HEAD"))) {
            download(ex, path.substring("/download/".length()), method.equals("HEAD"));
        } else if ((path.equals("/upload") || path.startsWith("/upload/")) && (method.equals("PUT") || method.equals("POST"))) {
            upload(ex);
        } else if (path.startsWith("/download/") || path.startsWith("/upload")) {
            ex.getResponseHeaders().add("Allow", path.startsWith("/upload") ? "PUT, POST" : "GET, HEAD");
            reply(ex, 405, "method not allowed");
        } else {
            reply(ex, 404, "GET /download/<bytes> or PUT /upload");
        }
    }

    private void download(HttpExchange ex, String size, boolean head) throws IOException {
        long bytes;
        try {
            bytes = Long.parseLong(size);
        } catch (NumberFormatException e) {
            reply(ex, 400, "the size must be a number of bytes");
            return;
        }
        if (bytes < 1 || bytes > maxBytes) {
            reply(ex, bytes < 1 ? 400 : 413, "the size must be between 1 and " + maxBytes + " bytes");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        if (head) {
            ex.getResponseHeaders().add("Content-Length", Long.toString(bytes));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, bytes);
        OutputStream out = ex.getResponseBody();
        for (long left = bytes; left > 0; left -= CHUNK) {
            out.write(payload, 0, (int) Math.min(CHUNK, left));
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        byte[] buf = new byte[CHUNK];
        long total = 0;
        boolean tooBig = declared != null && parse(declared) > maxBytes;
        try (InputStream in = ex.getRequestBody()) {
            // Read on past the cap, up to a bound, before answering 413: a client still sending its
            // body when the connection closes sees a reset instead of the answer. Beyond the bound
            // the connection is dropped.
            long bound = maxBytes + DRAIN_BYTES;
            for (int r = in.read(buf); r >= 0 && total <= bound; r = in.read(buf)) {
                total += r;
            }
        }
        if (tooBig || total > maxBytes) {
            reply(ex, 413, "uploads are limited to " + maxBytes + " bytes");
            return;
        }
        reply(ex, 200, "{\"received\":" + total + "}");
    }

    private static long parse(String n) {
        try {
            return Long.parseLong(n.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = (text.startsWith("{") ? text : "{\"error\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
