package io.homeacs.sim.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ACS as its own operating-system process, so a test can kill it the way a crash would. */
final class AcsProcess implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dataDir;
    final int cwmpPort;
    final int apiPort;
    private Process process;
    private String token;

    private final List<String> extraArgs;

    AcsProcess(Path dataDir, String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
        this.dataDir = dataDir;
        this.cwmpPort = freePort();
        this.apiPort = freePort();
    }

    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            "io.homeacs.server.Main", "--data-dir", dataDir.toString(), "--cwmp-port", Integer.toString(cwmpPort),
            "--api-port", Integer.toString(apiPort), "--cwmp-bind", "127.0.0.1", "--api-bind", "127.0.0.1",
            "--cwmp-tls-port", "-1", "--diagnostics-server-port", "0", "--diagnostics-server-bind", "127.0.0.1",
            "--usp-websocket-port", "0", "--usp-websocket-bind", "127.0.0.1"));
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant end = Instant.now().plusSeconds(60);
        while (!ready()) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                throw new AssertionError("ACS process did not start; see " + logFile());
            }
            RunningAcs.sleep(100);
        }
    }

    private boolean ready() {
        try {
            Path tokenFile = dataDir.resolve("admin-token");
            if (!Files.exists(tokenFile)) {
                return false;
            }
            token = Files.readString(tokenFile).trim();
            return call("GET", "/api/v1/devices?limit=1", null).statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Kept under target/ so it survives the test's temporary directory. */
    Path logFile() {
        return Path.of("target", "acs-process-" + cwmpPort + ".log").toAbsolutePath();
    }

    /** Appends a thread dump of the running ACS to its log, for a test that found it stuck. */
    void threadDump() {
        if (process == null || !process.isAlive()) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    URI cwmpUrl() {
        return URI.create("http://127.0.0.1:" + cwmpPort + "/");
    }

    HttpResponse<String> call(String method, String path, String json) {
        return RunningAcs.Api.call(http, apiPort, token, method, path, json);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String classpathSeparator() {
        return File.pathSeparator;
    }
}
