package io.homeacs.sim.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Get round trips through the controller, not through bulk runs (whose per-minute rate limit would
 * be what is measured): each client thread queues a getParameterValues task for the next agent with
 * {@code POST /api/v1/devices/{id}/tasks} and {@code waitSeconds}, so the answer comes when the task
 * is done, then takes the next agent. Throughput is completed tasks over a fixed window; latency is
 * taken both at the client (request sent to answer received) and at the server (the task's
 * {@code createdAt} to its {@code updatedAt} on reaching {@code done}).
 */
final class GetRoundTrips {
    private static final Pattern CREATED = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UPDATED = Pattern.compile("\"updatedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final String BODY = "{\"type\":\"getParameterValues\",\"parameterNames\":"
            + "[\"Device.DeviceInfo.SoftwareVersion\"],\"waitSeconds\":60}";

    record Result(long done, long failed, double seconds, long agentGetsBefore, String client, String server) {
    }

    private GetRoundTrips() {
    }

    static Result measure(String api, String token, int agents, int threads, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> clientMicros = new ArrayList<>();
        List<long[]> serverMillis = new ArrayList<>();
        long agentGetsBefore = UspBench.GETS.get();
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            long[] cl = new long[1 << 16];
            long[] sv = new long[1 << 16];
            clientMicros.add(cl);
            serverMillis.add(sv);
            Thread worker = new Thread(() -> {
                int k = 0;
                while (System.nanoTime() < deadline) {
                    int id = next.getAndIncrement() % agents + 1;
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/devices/"
                                + id + "/tasks")).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long e = System.nanoTime();
                        if (e > deadline) {
                            break; // finished after the window: not counted either way
                        }
                        if (res.statusCode() == 200 && res.body().contains("\"state\":\"done\"") && k < cl.length - 1) {
                            cl[k] = (e - s) / 1000;
                            sv[k] = serverMillis(res.body());
                            k++;
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (failed.get() <= 5) {
                                System.out.println("not done: " + res.statusCode() + " " + res.body());
                            }
                        }
                    } catch (Exception ex) {
                        failed.incrementAndGet();
                    }
                }
                cl[cl.length - 1] = k; // the count of filled slots, read back below
                sv[sv.length - 1] = k;
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread t : workers) {
            t.join();
        }
        double secs = Math.min((System.nanoTime() - t0) / 1e9, seconds);
        return new Result(done.get(), failed.get(), secs, agentGetsBefore, percentiles(clientMicros, 1000.0),
                percentiles(serverMillis, 1.0));
    }

    private static long serverMillis(String body) {
        Matcher c = CREATED.matcher(body);
        Matcher u = UPDATED.matcher(body);
        if (!c.find() || !u.find()) {
            return -1;
        }
        return Duration.between(Instant.parse(c.group(1)), Instant.parse(u.group(1))).toMillis();
    }

    private static String percentiles(List<long[]> perThread, double perMs) {
        long total = 0;
        for (long[] a : perThread) {
            total += a[a.length - 1];
        }
        long[] all = new long[(int) total];
        int i = 0;
        for (long[] a : perThread) {
            int k = (int) a[a.length - 1];
            System.arraycopy(a, 0, all, i, k);
            i += k;
        }
        if (all.length == 0) {
            return "no samples";
        }
        Arrays.sort(all);
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%,d samples)", at(all, 0.50) / perMs,
                at(all, 0.90) / perMs, at(all, 0.99) / perMs, all[all.length - 1] / perMs, all.length);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
