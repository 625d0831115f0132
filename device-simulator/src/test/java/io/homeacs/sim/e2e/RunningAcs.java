package io.homeacs.sim.e2e;

import io.homeacs.server.AcsServer;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A real ACS started in this JVM on free ports, and a small client for its REST API. */
final class RunningAcs implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    final AcsServer server;
    final String token;

    private RunningAcs(AcsServer server) {
        this.server = server;
        this.token = server.adminToken();
    }

    static RunningAcs start(Path dataDir, String... flags) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--cwmp-port", "0",
            "--api-port", "0", "--cwmp-bind", "127.0.0.1", "--api-bind", "127.0.0.1", "--cwmp-tls-port", "-1",
            "--diagnostics-server-port", "0", "--diagnostics-server-bind", "127.0.0.1",
            "--usp-websocket-port", "0", "--usp-websocket-bind", "127.0.0.1"));
        args.addAll(List.of(flags));
        try {
            return new RunningAcs(AcsServer.start(new ConfigLoader().load(args, Map.of())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI cwmpUrl() {
        return URI.create("http://127.0.0.1:" + server.cwmpPort() + "/");
    }

    /** The USP WebSocket MTP's address. */
    URI uspUrl() {
        return URI.create("ws://127.0.0.1:" + server.uspWebSocketPort() + "/usp");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        return (Map<String, Object>) Json.parse(call("GET", path, null).body());
    }

    HttpResponse<String> call(String method, String path, String json) {
        return Api.call(http, server.apiPort(), token, method, path, json);
    }

    /** Queues a task and waits (server-side) for its outcome. */
    @SuppressWarnings("unchecked")
    Map<String, Object> task(String deviceKey, String json) {
        HttpResponse<String> r = call("POST", "/api/v1/devices/" + deviceKey + "/tasks", json);
        if (r.statusCode() >= 300 || r.statusCode() < 200) {
            throw new AssertionError("task request failed: " + r.statusCode() + " " + r.body());
        }
        return (Map<String, Object>) Json.parse(r.body());
    }

    /** Polls a task until the predicate holds (or fails with its last state). */
    Map<String, Object> awaitTask(long id, Predicate<Map<String, Object>> done, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        Map<String, Object> t = get("/api/v1/tasks/" + id);
        while (!done.test(t)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("task " + id + " did not reach the expected state: " + t);
            }
            sleep(100);
            t = get("/api/v1/tasks/" + id);
        }
        return t;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Plain REST calls, shared with the out-of-process ACS used by the crash test. */
    static final class Api {
        private Api() {
        }

        static HttpResponse<String> call(HttpClient http, int port, String token, String method, String path, String json) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
