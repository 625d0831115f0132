package io.homeacs.sim.cwmp;

import io.homeacs.sim.cwmp.AcsEnvelope.AcsFault;
import io.homeacs.sim.cwmp.SessionHost.CpeRequest;
import io.homeacs.sim.cwmp.SessionHost.InformContent;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CWMP session from the CPE side: Inform, CPE requests, empty POST, then ACS requests until the ACS
 * ends the session with 204 (or an empty 200). Non-blocking; every step continues on a network thread.
 */
public final class CwmpSession {
    private static final Logger LOG = LoggerFactory.getLogger(CwmpSession.class);
    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_RETRY_REQUEST = 3;
    private static final AtomicLong IDS = new AtomicLong();

    private final SessionHost host;
    private final ConnectionSource connections;
    private final String path;
    private final Duration timeout;
    private final String user;
    private final String password;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Set<CpeRequest> sent = new HashSet<>();
    private HttpConnection connection;
    private boolean holdRequests;
    private int requestRetries;
    private volatile String phase = "Inform";

    public CwmpSession(SessionHost host, URI acsUrl, ConnectionSource connections, Duration timeout) {
        this.host = host;
        this.connections = connections;
        String p = acsUrl.getRawPath() == null || acsUrl.getRawPath().isEmpty() ? "/" : acsUrl.getRawPath();
        this.path = acsUrl.getRawQuery() == null ? p : p + "?" + acsUrl.getRawQuery();
        this.timeout = timeout;
        this.user = host.acsUsername();
        this.password = host.acsPassword();
    }

    /** Runs the session; completes normally when the ACS ends it, exceptionally with a SessionException. */
    public CompletableFuture<Void> run() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> flow;
        try {
            flow = informPhase(0);
        } catch (RuntimeException e) {
            flow = CompletableFuture.failedFuture(e);
        }
        flow.whenComplete((v, e) -> {
            HttpConnection c = connection;
            connection = null;
            if (c != null) {
                connections.release(c, e == null);
            }
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(asSessionException(e, phase));
            }
        });
        return done;
    }

    private static SessionException asSessionException(Throwable e, String phase) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SessionException se) {
            return se;
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new SessionException(msg + " (during " + phase + ")", -1, t);
    }

    private CompletableFuture<Void> informPhase(int attempt) {
        InformContent content = host.prepareInform();
        String id = newId();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String body = CpeMessages.inform(host.deviceIdStruct(), content.events(), content.retryCount(), now,
                content.parameters());
        String env = CpeMessages.envelope(host.version(), id, true, body);
        LOG.debug("{} Inform {}", host.serialNumber(), content.events());
        phase = "Inform";
        return post(bytes(env), true).thenCompose(r -> {
            AcsEnvelope e = expectEnvelope(r, "InformResponse");
            Optional<AcsFault> fault = e.fault();
            if (fault.isPresent()) {
                if (fault.get().code() == 8005 && attempt < MAX_RETRY_REQUEST) {
                    return informPhase(attempt + 1);
                }
                throw fail("ACS answered Inform with fault " + fault.get().code() + " " + fault.get().message());
            }
            verify(e, id, "InformResponse");
            verifyInformResponse(e);
            host.informAccepted(content);
            holdRequests = e.holdRequests();
            return cpeRequests();
        });
    }

    private void verifyInformResponse(AcsEnvelope e) {
        String max = e.body().child("MaxEnvelopes").map(XmlNode::text).map(String::strip).orElse("");
        if (!max.matches("\\d+")) {
            throw fail("InformResponse without a valid MaxEnvelopes");
        }
        if (host.version().negotiatesVersion()) {
            String use = e.useVersion();
            if (use == null) {
                throw fail("InformResponse lacks the cwmp:UseCWMPVersion header required after SupportedCWMPVersions");
            }
            if (!List.of(host.version().supportedVersionsHeader().split(",")).contains(use)) {
                throw fail("ACS chose unsupported CWMP version " + use);
            }
        }
    }

    private CompletableFuture<Void> cpeRequests() {
        CpeRequest next = holdRequests ? null : host.nextRequest(sent);
        if (next == null) {
            return emptyPost();
        }
        String id = newId();
        LOG.debug("{} sends {}", host.serialNumber(), next.method());
        phase = next.method();
        return post(bytes(CpeMessages.envelope(host.version(), id, false, next.body())), true).thenCompose(r -> {
            AcsEnvelope e = expectEnvelope(r, next.method() + "Response");
            Optional<AcsFault> fault = e.fault();
            if (fault.isPresent()) {
                if (fault.get().code() == 8005 && requestRetries++ < MAX_RETRY_REQUEST) {
                    return cpeRequests();
                }
                throw fail("ACS answered " + next.method() + " with fault " + fault.get().code() + " "
                        + fault.get().message());
            }
            verify(e, id, next.method() + "Response");
            host.requestAcknowledged(next);
            sent.add(next);
            holdRequests = e.holdRequests();
            return cpeRequests();
        });
    }

    private CompletableFuture<Void> emptyPost() {
        phase = "empty POST";
        return post(EMPTY, false).thenCompose(this::acsTurn);
    }

    private CompletableFuture<Void> acsTurn(HttpResult r) {
        if (r.status() == 204 || r.status() == 200 && r.emptyBody()) {
            LOG.debug("{} session ended by ACS", host.serialNumber());
            return CompletableFuture.completedFuture(null);
        }
        AcsEnvelope e = expectEnvelope(r, "an ACS request");
        if (!host.version().namespace().equals(e.namespace())) {
            throw fail("ACS sent " + e.method() + " in namespace " + e.namespace() + ", expected "
                    + host.version().namespace());
        }
        if (e.isFault()) {
            throw fail("ACS sent an unsolicited SOAP Fault");
        }
        holdRequests = e.holdRequests();
        String responseBody;
        try {
            AcsRpc rpc = RpcDecoder.decode(e.body());
            LOG.debug("{} executes {}", host.serialNumber(), rpc.method());
            responseBody = host.execute(rpc);
        } catch (CwmpFault f) {
            LOG.debug("{} faults {} with {} {}", host.serialNumber(), e.method(), f.code(), f.getMessage());
            responseBody = CpeMessages.fault(f);
        }
        String env = CpeMessages.envelope(host.version(), e.id(), false, responseBody);
        phase = e.method() + " response";
        return post(bytes(env), true).thenCompose(this::acsTurn);
    }

    private AcsEnvelope expectEnvelope(HttpResult r, String expected) {
        if (r.status() == 503) {
            throw new CompletionException(new SessionException("ACS busy (503)", retryAfter(r.retryAfter()), null));
        }
        if (r.status() != 200) {
            throw fail("HTTP " + r.status() + " while expecting " + expected);
        }
        if (r.emptyBody()) {
            throw fail("ACS ended the session while " + expected + " was expected");
        }
        try {
            return AcsEnvelope.parse(r.body());
        } catch (SecureXml.XmlException ex) {
            throw fail("Unparseable ACS envelope: " + ex.getMessage());
        }
    }

    private void verify(AcsEnvelope e, String id, String method) {
        if (!host.version().namespace().equals(e.namespace())) {
            throw fail("ACS answered in namespace " + e.namespace() + ", expected " + host.version().namespace());
        }
        if (!method.equals(e.method())) {
            throw fail("Expected " + method + " but ACS sent " + e.method());
        }
        if (!id.equals(e.id())) {
            throw fail(method + " carries cwmp:ID " + e.id() + ", expected " + id);
        }
    }

    private static long retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d+")) {
            return -1;
        }
        return Long.parseLong(header.strip());
    }

    private CompletableFuture<HttpResult> post(byte[] body, boolean soap) {
        return exchange(body, soap, false, 0);
    }

    private CompletableFuture<HttpResult> exchange(byte[] body, boolean soap, boolean freshAuth, int attempt) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body.length > 0) {
            headers.put("Content-Type", "text/xml; charset=\"utf-8\"");
        }
        if (soap) {
            headers.put("SOAPAction", "\"\"");
        }
        if (!cookies.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            headers.put("Cookie", sb.toString());
        }
        host.clientAuth().authorization("POST", path, user, password).ifPresent(a -> headers.put("Authorization", a));
        return connection().thenCompose(c -> send(c, headers, body, true)).thenCompose(r -> {
            storeCookies(r.setCookies());
            if (r.status() != 401) {
                return CompletableFuture.completedFuture(r);
            }
            Optional<DigestAuth.Challenge> ch = DigestAuth.select(r.wwwAuthenticate());
            if (ch.isEmpty()) {
                throw fail("401 without a supported WWW-Authenticate challenge");
            }
            if (freshAuth && !ch.get().stale() || attempt >= 2) {
                host.clientAuth().reset();
                throw fail("Authentication failed for user '" + user + "' (401 after fresh credentials)");
            }
            host.clientAuth().accept(ch.get());
            return exchange(body, soap, true, attempt + 1);
        });
    }

    /**
     * Sends on the session's connection. If a reused keep-alive connection turns out to be closed by the
     * server before any response, the request is sent once more on a fresh connection (cookies keep the
     * session together), as HTTP/1.1 clients do for stale persistent connections.
     */
    private CompletableFuture<HttpResult> send(HttpConnection c, Map<String, String> headers, byte[] body, boolean mayRetry) {
        boolean reused = c.requestsSent() > 0;
        CompletableFuture<HttpResult> f = c.send(HttpMethod.POST, path, headers, body, timeout);
        if (!reused || !mayRetry) {
            return f;
        }
        return f.handle((r, e) -> e == null ? CompletableFuture.completedFuture(r)
                        : e instanceof java.net.ConnectException
                        ? connection().thenCompose(n -> send(n, headers, body, false))
                        : CompletableFuture.<HttpResult>failedFuture(e))
                .thenCompose(x -> x);
    }

    private CompletableFuture<HttpConnection> connection() {
        HttpConnection c = connection;
        if (c != null && c.isOpen()) {
            return CompletableFuture.completedFuture(c);
        }
        if (c != null) {
            c.close();
        }
        return connections.acquire().thenApply(n -> {
            connection = n;
            return n;
        });
    }

    private void storeCookies(List<String> setCookies) {
        for (String sc : setCookies) {
            String first = sc.split(";", 2)[0];
            int eq = first.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = first.substring(0, eq).strip();
            String value = first.substring(eq + 1).strip();
            String lower = sc.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("max-age=0") || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static CompletionException fail(String message) {
        return new CompletionException(new SessionException(message));
    }

    private static String newId() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
