package io.homeacs.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * The simulated access line's speed: a device's speed test moves its bytes no faster than this, so a
 * test on loopback measures the configured rate instead of the machine's memory bandwidth.
 * 0 means unshaped.
 */
public record LineRate(double downMbps, double upMbps) {
    public static final LineRate DEFAULT = new LineRate(500, 100);

    public LineRate {
        if (downMbps < 0 || upMbps < 0 || Double.isNaN(downMbps) || Double.isNaN(upMbps)) {
            throw new IllegalArgumentException("line rates must be >= 0 Mbit/s");
        }
    }

    /**
     * Waits until {@code bytes} may have passed a line of {@code mbps} since {@code startNanos}: a token
     * bucket refilled at the line rate, checked after each chunk, so the average over the transfer is
     * the line rate however fast the other end is.
     */
    static void pace(long startNanos, long bytes, double mbps) {
        if (mbps <= 0) {
            return;
        }
        long due = startNanos + (long) (bytes * 8_000.0 / mbps);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
