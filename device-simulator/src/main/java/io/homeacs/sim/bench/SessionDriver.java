package io.homeacs.sim.bench;

import java.util.concurrent.CompletableFuture;

/** What the benchmark needs from a fleet: periodic sessions driven over caller-owned connections. */
public interface SessionDriver {
    int deviceCount();

    Lane newLane();

    /** One keep-alive connection to the ACS, carrying one session at a time. */
    interface Lane extends AutoCloseable {
        /** Runs a "2 PERIODIC" session of the device; null when that device is busy with another session. */
        CompletableFuture<Void> periodicSession(int deviceIndex);

        /** Runs a task on the lane's network thread, so completion callbacks never recurse deeply. */
        void execute(Runnable task);

        @Override
        void close();
    }
}
