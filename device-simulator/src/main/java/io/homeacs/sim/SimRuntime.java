package io.homeacs.sim;

import io.homeacs.sim.cwmp.HttpTransport;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Resources shared by every device of a fleet: network threads, one timer, one file-transfer client. */
final class SimRuntime implements AutoCloseable {
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONCURRENT_SESSIONS = Integer.getInteger("homeacs.sim.maxSessions", 256);

    final HttpTransport transport;
    final ScheduledExecutorService timer;
    final ExecutorService transferPool;
    /** Speed tests block a thread for their whole (shaped) transfer, so they get threads of their own. */
    final ExecutorService diagnosticsPool;
    final HttpClient transferClient;
    final SessionLimiter limiter;
    /** Firmware downloads block a thread while they stream and verify the image. */
    final ExecutorService firmwarePool;
    final FirmwareBehaviour firmware;

    SimRuntime() {
        this(FirmwareBehaviour.DEFAULT);
    }

    SimRuntime(FirmwareBehaviour firmware) {
        this.firmware = firmware;
        firmwarePool = Executors.newFixedThreadPool(Integer.getInteger("homeacs.sim.firmwareThreads", 32),
                daemon("sim-firmware"));
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        transport = new HttpTransport(threads);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("sim-timer"));
        t.setRemoveOnCancelPolicy(true);
        timer = t;
        transferPool = Executors.newFixedThreadPool(4, daemon("sim-transfer"));
        diagnosticsPool = Executors.newFixedThreadPool(8, daemon("sim-diagnostics"));
        transferClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(transferPool)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        limiter = new SessionLimiter(MAX_CONCURRENT_SESSIONS, transport.group());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, name + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }

    /** Schedules on the shared timer; after shutdown the task is dropped, as the fleet is going away. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            return timer.schedule(task, delay, unit);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        transferPool.shutdownNow();
        diagnosticsPool.shutdownNow();
        firmwarePool.shutdownNow();
        transport.close();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
