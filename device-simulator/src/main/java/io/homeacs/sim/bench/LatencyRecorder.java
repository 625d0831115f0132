package io.homeacs.sim.bench;

import java.util.Arrays;

/** Append-only latency samples in microseconds; single writer per instance, merged at the end. */
final class LatencyRecorder {
    private long[] samples = new long[16_384];
    private int size;
    private long errors;

    void record(long micros) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = micros;
    }

    void error() {
        errors++;
    }

    long errors() {
        return errors;
    }

    int size() {
        return size;
    }

    static long[] merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.samples, 0, all, at, r.size);
            at += r.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted samples, in milliseconds. */
    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
