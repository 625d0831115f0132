package io.homeacs.server.usp.mtp;

import io.homeacs.server.metrics.AcsMetrics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands received records to the controller's {@link RecordSink} on a small pool of its own, never on a
 * Netty or MQTT client thread (the controller touches the store). Records of one link are handed over
 * one at a time and in arrival order; different links run in parallel. The queue is bounded: past
 * it a record is dropped and counted, as a broker would drop it for a slow consumer.
 */
public final class SinkDispatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDispatch.class);

    private final String mtp;
    private final RecordSink sink;
    private final AcsMetrics metrics;
    private final ExecutorService pool;
    private final Map<AgentLink, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public SinkDispatch(String mtp, RecordSink sink, AcsMetrics metrics, int threads, int queueCapacity) {
        this.mtp = mtp;
        this.sink = sink;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(queueCapacity), r -> {
                Thread t = new Thread(r, "usp-" + mtp + "-sink-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    }

    /** Queues one received record for the sink, after any earlier record of the same link. */
    public void received(byte[] record, AgentLink link) {
        metrics.uspMtp(mtp, "received");
        enqueue(link, () -> sink.received(record, link));
    }

    /** Tells the sink, in order after the link's records, that the link is gone. */
    public void closed(AgentLink link) {
        enqueue(link, () -> sink.closed(link));
    }

    private void enqueue(AgentLink link, Runnable work) {
        CompletableFuture<Void> next = tails.compute(link, (k, tail) -> {
            CompletableFuture<Void> start = tail == null ? CompletableFuture.completedFuture(null) : tail;
            return start.thenRunAsync(() -> runSafely(work), pool).exceptionally(e -> {
                if (e.getCause() instanceof RejectedExecutionException || e instanceof RejectedExecutionException) {
                    metrics.uspMtp(mtp, "dropped-overload");
                    LOG.warn("USP {}: sink queue full, record from {} dropped", mtp, link.address());
                }
                return null;
            });
        });
        next.whenComplete((v, e) -> tails.remove(link, next));
    }

    private void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The controller's failure on one record must not stop the link's later records.
            LOG.error("USP {}: the controller failed on a received record", mtp, e);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
