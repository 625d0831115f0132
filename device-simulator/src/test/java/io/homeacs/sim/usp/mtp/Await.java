package io.homeacs.sim.usp.mtp;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for something asynchronous to happen, with a bound generous enough for a busy machine. */
public final class Await {
    public static final Duration LONG = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what);
            }
        }
    }

    public static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T t = queue.poll(LONG.toSeconds(), TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("nothing arrived: " + what);
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting: " + what);
        }
    }
}
