package io.homeacs.sim.usp.mtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Mosquitto of the test's own on a free loopback port, so a test can stop and restart the broker
 * without disturbing anyone else's (the shared one on 1883 stays up).
 */
public final class PrivateMosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    public PrivateMosquitto() throws IOException {
        this.dir = Files.createTempDirectory("mosquitto-test");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
            + "persistence false\n");
        start();
    }

    public int port() {
        return port;
    }

    public synchronized void start() throws IOException {
        process = new ProcessBuilder(binary(), "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Await.until("mosquitto listening on " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Debian installs it in /usr/sbin, which is not on every user's PATH. */
    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    /** Kills the broker (as a crash would) and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
            process = null;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
