package io.homeacs.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homeacs.sim.cwmp.AcsEnvelope;
import io.homeacs.sim.cwmp.DigestAuth;
import io.homeacs.sim.cwmp.SecureXml;
import io.homeacs.sim.cwmp.XmlNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted ACS for tests: answers Inform and CPE requests, hands out queued RPC bodies per serial
 * number on empty POSTs and ends the session with 204 when a device's script is empty.
 */
final class FakeAcs implements AutoCloseable {
    /** One message received from a CPE. */
    record Received(String serial, String method, XmlNode body, String rawXml) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Deque<String>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    volatile boolean recording = true;
    /** Headers of every authorised POST: kind (empty/xml), SOAPAction, Content-Type, Content-Length, Cookie. */
    final java.util.List<Map<String, String>> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger sids = new AtomicInteger();
    private volatile String nonce = "n" + System.nanoTime();
    volatile boolean staleNext;
    final AtomicInteger challenges = new AtomicInteger();
    final java.util.Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    volatile boolean requireAuth;
    volatile String wrongNamespace;
    volatile int busyResponses;

    private static final class Session {
        final String serial;
        final String ns;

        Session(String serial, String ns) {
            this.serial = serial;
            this.ns = ns;
        }
    }

    FakeAcs() throws IOException {
        this(0);
    }

    FakeAcs(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(executor);
        server.createContext("/acs", this::handle);
        server.createContext("/upload/", ex -> {
            uploads.put(ex.getRequestURI().getPath(), ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(ex.getRequestMethod().equals("PUT") ? 201 : 405, -1);
            ex.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/acs");
    }

    void allow(String user, String password) {
        passwords.put(user, password);
        requireAuth = true;
    }

    void deny(String user) {
        passwords.remove(user);
    }

    /** Queues an RPC body element (e.g. "&lt;cwmp:Reboot&gt;...") for the device's next empty POST. */
    void enqueue(String serial, String rpcBody) {
        scripts.computeIfAbsent(serial, k -> new ArrayDeque<>()).add(rpcBody);
    }

    Received next(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Received r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.method().equals(method)) {
                return r;
            }
        }
        throw new AssertionError("No " + method + " received within 30 s");
    }

    List<Received> drain() {
        List<Received> out = new java.util.ArrayList<>();
        received.drainTo(out);
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (busyResponses > 0) {
                busyResponses--;
                ex.getResponseHeaders().set("Retry-After", "1");
                ex.sendResponseHeaders(503, -1);
                return;
            }
            boolean stale = staleNext && ex.getRequestHeaders().getFirst("Authorization") != null;
            if (stale) {
                staleNext = false;
                nonce = "n" + System.nanoTime();
            }
            if (requireAuth && !authorized(ex)) {
                challenges.incrementAndGet();
                ex.getResponseHeaders().set("WWW-Authenticate", "Digest realm=\"acs\", qop=\"auth\", nonce=\"" + nonce
                        + "\", opaque=\"o1\", algorithm=MD5" + (stale ? ", stale=true" : ""));
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            if (recording) {
                Map<String, String> h = new java.util.HashMap<>();
                h.put("kind", body.length == 0 ? "empty" : "xml");
                h.put("SOAPAction", String.valueOf(ex.getRequestHeaders().getFirst("SOAPAction")));
                h.put("Content-Type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
                h.put("Content-Length", String.valueOf(ex.getRequestHeaders().getFirst("Content-Length")));
                h.put("Cookie", String.valueOf(cookie));
                posts.add(h);
            }
            String sid = cookie != null && cookie.startsWith("sid=") ? cookie.substring(4) : null;
            if (body.length == 0) {
                nextRpcOrEnd(ex, sid);
                return;
            }
            AcsEnvelope env = AcsEnvelope.parse(body);
            String raw = new String(body, StandardCharsets.UTF_8);
            if (env.method().equals("Inform")) {
                inform(ex, env, raw);
                return;
            }
            Session s = sid == null ? null : sessions.get(sid);
            String serial = s == null ? "?" : s.serial;
            if (recording) {
                received.add(new Received(serial, env.method(), env.body(), raw));
            }
            if (env.method().equals("TransferComplete") || env.method().equals("DUStateChangeComplete")) {
                reply(ex, 200, envelope(s.ns, env.id(), "<cwmp:" + env.method() + "Response/>", ""));
                return;
            }
            nextRpcOrEnd(ex, sid);
        } catch (SecureXml.XmlException | RuntimeException e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private void inform(HttpExchange ex, AcsEnvelope env, String raw) throws IOException {
        String serial = env.body().child("DeviceId").flatMap(d -> d.child("SerialNumber")).map(XmlNode::text).orElse("?");
        String sid = "s" + sids.incrementAndGet();
        sessions.put(sid, new Session(serial, env.namespace()));
        if (recording) {
            received.add(new Received(serial, "Inform", env.body(), raw));
        }
        String extra = raw.contains("SupportedCWMPVersions") ? "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>" : "";
        String ns = wrongNamespace != null ? wrongNamespace : env.namespace();
        ex.getResponseHeaders().add("Set-Cookie", "sid=" + sid + "; Path=/acs; HttpOnly");
        reply(ex, 200, envelope(ns, env.id(), "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>", extra));
    }

    private void nextRpcOrEnd(HttpExchange ex, String sid) throws IOException {
        Session s = sid == null ? null : sessions.get(sid);
        Deque<String> script = s == null ? null : scripts.get(s.serial);
        String rpc = script == null ? null : script.poll();
        if (rpc == null) {
            if (sid != null) {
                sessions.remove(sid);
            }
            ex.sendResponseHeaders(204, -1);
            return;
        }
        reply(ex, 200, envelope(s.ns, "acs-" + ids.incrementAndGet(), rpc, ""));
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = DigestAuth.parseParams(h.substring(7));
        String pass = passwords.get(p.getOrDefault("username", ""));
        if (pass == null || !nonce.equals(p.get("nonce"))) {
            return false;
        }
        String expected = DigestAuth.response(p.get("username"), "acs", pass, "MD5", "POST", p.get("uri"), nonce,
                p.get("nc"), p.get("cnonce"), p.get("qop"));
        return expected.equals(p.get("response"));
    }

    static String envelope(String ns, String id, String body, String extraHeader) {
        return "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:cwmp=\"" + ns + "\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">" + id
                + "</cwmp:ID>" + extraHeader + "</soap-env:Header><soap-env:Body>" + body + "</soap-env:Body></soap-env:Envelope>";
    }

    private static void reply(HttpExchange ex, int status, String xml) throws IOException {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** Manual load target: {@code FakeAcs PORT [auth]}. */
    public static void main(String[] args) throws Exception {
        FakeAcs acs = new FakeAcs(Integer.parseInt(args[0]));
        acs.recording = false;
        if (args.length > 1) {
            acs.allow("bootstrap", "bootstrap");
        }
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
