package io.homeacs.sim;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps concurrent fleet sessions so that 10,000 devices booting together queue up instead of opening
 * 10,000 sockets at once. Tasks run on the given executor; each must call {@link #release()} when done.
 */
final class SessionLimiter {
    private final int max;
    private final Executor executor;
    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    SessionLimiter(int max, Executor executor) {
        this.max = max;
        this.executor = executor;
    }

    void submit(Runnable task) {
        waiting.add(task);
        drain();
    }

    void release() {
        active.decrementAndGet();
        drain();
    }

    int active() {
        return active.get();
    }

    int queued() {
        return waiting.size();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int a = active.get();
            if (a >= max) {
                return;
            }
            if (!active.compareAndSet(a, a + 1)) {
                continue;
            }
            Runnable t = waiting.poll();
            if (t == null) {
                active.decrementAndGet();
                continue;
            }
            executor.execute(t);
        }
    }
}
