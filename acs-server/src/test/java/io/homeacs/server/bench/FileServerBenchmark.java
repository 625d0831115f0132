package io.homeacs.server.bench;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.firmware.DownloadLinks;
import io.homeacs.server.firmware.FirmwareFixtures;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.ImageState;
import io.homeacs.server.firmware.files.FirmwareFileServer;
import io.homeacs.server.firmware.store.DiskImageStorage;
import io.homeacs.server.firmware.store.ImageStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The firmware file server under many concurrent small downloads, as a campaign wave causes: every
 * client is a device with its own signed link, opening a new connection per download (CPEs do not
 * keep connections), reading the whole image and checking its length. Prints downloads/s, MB/s,
 * latency percentiles, 503s and the process's CPU (server and clients share the machine).
 * Usage (see docs/benchmarks.md): FileServerBenchmark [imageBytes] [clients] [seconds] [maxConcurrent]
 */
public final class FileServerBenchmark {

    private FileServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 256 * 1024;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int cap = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path dir = Files.createTempDirectory("acs-fileserver-bench");
        DiskImageStorage storage = new DiskImageStorage(dir);
        byte[] payload = FirmwareFixtures.payload(size, 1);
        ImageManifest m = FirmwareFixtures.manifest("Acme", "GW1", "2.0", payload);
        byte[] file = FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR);
        ImageStorage.Stored s = storage.put(new ByteArrayInputStream(file), Long.MAX_VALUE);
        FirmwareImage image = new FirmwareImage(1, m, "sig", "key", s.key(), s.size(), s.sha256(), ImageState.ACTIVE, "bench",
            Instant.now(), null, null, null);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        DownloadLinks links = new DownloadLinks(secret);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FirmwareFileServer server = FirmwareFileServer.start(new FirmwareFileServer.Options("127.0.0.1", 0, cap, 1, 60, 0, null),
            links, id -> Optional.of(image), storage, new FirmwareFileServer.Shared(meters), Clock.systemUTC());
        System.out.printf("image %,d bytes, %d clients, cap %d, %d s, %d cores%n", file.length, clients, cap, seconds,
            Runtime.getRuntime().availableProcessors());

        AtomicLong done = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[clients][];
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        CountDownLatch finished = new CountDownLatch(clients);
        long cpu0 = 0;
        for (int c = 0; c < clients; c++) {
            int id = c;
            String path = links.path(1, 100_000 + id, Instant.now().plusSeconds(3600), "fw.bin");
            Thread t = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                byte[] buf = new byte[64 * 1024];
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    int status = fetch(server.port(), path, buf, file.length);
                    long t1 = System.nanoTime();
                    if (t0 < warmupEnd) {
                        continue;
                    }
                    if (status == 200) {
                        done.incrementAndGet();
                        mine.add(t1 - t0);
                    } else if (status == 503) {
                        busy.incrementAndGet();
                        sleep(50);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                latencies[id] = mine.stream().mapToLong(Long::longValue).toArray();
                finished.countDown();
            }, "bench-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        sleepUntil(warmupEnd);
        cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        finished.await();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        server.close();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double secs = wall / 1e9;
        System.out.printf("downloads %,d in %.1f s: %,.0f downloads/s, %.1f MB/s; 503 %,d; failed %,d%n", done.get(), secs,
            done.get() / secs, done.get() * (double) file.length / secs / 1e6, busy.get(), failed.get());
        if (all.length > 0) {
            System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
        }
        System.out.printf("process CPU (server + clients) %.0f %% of one core%n", 100.0 * cpu / wall);
    }

    /** One download on a fresh connection; returns the status, or -1 for a short body. */
    private static int fetch(int port, String path, byte[] buf, long expected) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: fw\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return -1;
                }
                head.append((char) c);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            long got = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                got += n;
            }
            return status != 200 || got == expected ? status : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            sleep(ms);
        }
    }
}
