package io.homeacs.server.testsupport;

import io.homeacs.server.AcsServer;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a real ACS on free ports over a given data directory and talks to its REST API. */
public final class TestAcs implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    public final AcsServer server;
    public final String token;

    private TestAcs(AcsServer server) {
        this.server = server;
        this.token = server.adminToken();
    }

    public static TestAcs start(Path dataDir, String... extraFlags) {
        // HTTPS is off unless a test asks for it (--cwmp-tls-port 0): generating a certificate costs a
        // keytool run, and the default port 7548 would collide between test classes.
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--cwmp-port", "0",
            "--api-port", "0", "--api-bind", "127.0.0.1", "--cwmp-bind", "127.0.0.1", "--cwmp-tls-port", "-1",
            "--cwmp-tls-bind", "127.0.0.1", "--diagnostics-server-port", "0", "--diagnostics-server-bind", "127.0.0.1",
            "--usp-websocket-port", "0", "--usp-websocket-bind", "127.0.0.1"));
        args.addAll(List.of(extraFlags));
        try {
            return new TestAcs(AcsServer.start(new ConfigLoader().load(args, Map.of())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int cwmpPort() {
        return server.cwmpPort();
    }

    public int cwmpTlsPort() {
        return server.cwmpTlsPort();
    }

    public record ApiReply(int status, String body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }

    public ApiReply get(String path) {
        return call("GET", path, null, token);
    }

    public ApiReply post(String path, String json) {
        return call("POST", path, json, token);
    }

    public ApiReply call(String method, String path, String json, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiReply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
