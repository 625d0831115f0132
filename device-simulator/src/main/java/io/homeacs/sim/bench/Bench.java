package io.homeacs.sim.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Back-to-back "2 PERIODIC" sessions round-robin over the fleet with a fixed number of sessions in flight,
 * each lane on its own keep-alive connection. Latency is measured from session start to the ACS's final
 * empty response.
 */
public final class Bench {
    /** Benchmark timing and load. */
    public record Options(int durationSeconds, int warmupSeconds, int concurrency) {
    }

    /** The outcome; {@link #line()} is the machine-readable RESULT line. */
    public record Result(double sessionsPerSecond, double p50Millis, double p99Millis, int devices, long errors,
                         long sessions) {
        public String line() {
            return String.format(Locale.ROOT, "RESULT sessions_per_s=%.1f p50_ms=%.2f p99_ms=%.2f devices=%d errors=%d",
                    sessionsPerSecond, p50Millis, p99Millis, devices, errors);
        }
    }

    private Bench() {
    }

    public static Result run(SessionDriver driver, Options o, PrintStream out) throws InterruptedException {
        int lanes = Math.max(1, Math.min(o.concurrency(), driver.deviceCount()));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(o.warmupSeconds());
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(o.durationSeconds());
        AtomicLong cursor = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(lanes);
        List<LaneRunner> runners = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            runners.add(new LaneRunner(driver, driver.newLane(), cursor, measureFrom, measureTo, finished));
        }
        out.printf(Locale.ROOT, "bench: %d lanes over %d devices, warm-up %d s, measuring %d s%n", lanes,
                driver.deviceCount(), o.warmupSeconds(), o.durationSeconds());
        runners.forEach(LaneRunner::start);
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(measureTo - System.nanoTime());
        Thread.sleep(Math.max(0, waitMillis));
        runners.forEach(LaneRunner::stop);
        if (!finished.await(40, TimeUnit.SECONDS)) {
            out.println("bench: some sessions did not finish within 40 s after the measurement window");
        }
        runners.forEach(r -> r.lane.close());
        List<LatencyRecorder> recs = runners.stream().map(r -> r.recorder).toList();
        long[] sorted = LatencyRecorder.merge(recs);
        long errors = recs.stream().mapToLong(LatencyRecorder::errors).sum();
        double rate = sorted.length / (double) o.durationSeconds();
        return new Result(rate, LatencyRecorder.percentileMillis(sorted, 50), LatencyRecorder.percentileMillis(sorted, 99),
                driver.deviceCount(), errors, sorted.length);
    }

    private static final class LaneRunner {
        final SessionDriver driver;
        final SessionDriver.Lane lane;
        final AtomicLong cursor;
        final long measureFrom;
        final long measureTo;
        final CountDownLatch finished;
        final LatencyRecorder recorder = new LatencyRecorder();
        volatile boolean stopped;

        LaneRunner(SessionDriver driver, SessionDriver.Lane lane, AtomicLong cursor, long measureFrom, long measureTo,
                   CountDownLatch finished) {
            this.driver = driver;
            this.lane = lane;
            this.cursor = cursor;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.finished = finished;
        }

        void start() {
            lane.execute(this::next);
        }

        void stop() {
            stopped = true;
        }

        private void next() {
            if (stopped) {
                finished.countDown();
                return;
            }
            int n = driver.deviceCount();
            for (int attempt = 0; attempt < n; attempt++) {
                int idx = (int) (cursor.getAndIncrement() % n);
                long t0 = System.nanoTime();
                CompletableFuture<Void> f = lane.periodicSession(idx);
                if (f != null) {
                    f.whenComplete((v, e) -> {
                        record(t0, System.nanoTime(), e);
                        lane.execute(this::next);
                    });
                    return;
                }
            }
            lane.execute(this::next);
        }

        private void record(long t0, long t1, Throwable e) {
            if (t1 < measureFrom || t1 > measureTo) {
                return;
            }
            if (e != null) {
                recorder.error();
            } else {
                recorder.record((t1 - t0) / 1000);
            }
        }
    }
}
