package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.cwmp.transport.ServerTls;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.security.TlsKeystore;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.usp.controller.UspController;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.websocket.WebSocketMtp;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TR-369 as the server runs it: the controller (created early, so every module's wake-ups reach USP
 * devices too) and its MTP bindings (started last, once every check-in listener is in place).
 */
final class UspSetup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UspSetup.class);

    private final AcsConfig config;
    private final UspController controller;
    private final ThreadPoolExecutor workers;
    private final List<MtpBinding> bindings = new ArrayList<>();
    private WebSocketMtp webSocket;

    private UspSetup(AcsConfig config, UspController controller, ThreadPoolExecutor workers) {
        this.config = config;
        this.controller = controller;
        this.workers = workers;
    }

    static UspSetup create(AcsConfig config, DeviceRegistry registry, TaskQueue tasks, Clock clock) {
        AcsConfig.Usp c = config.usp();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(c.workers(), c.workers(), 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(50_000), r -> {
                Thread t = new Thread(r, "acs-usp-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
        UspController controller = new UspController(new UspController.Settings(c.endpointId(), c.maxRecordBytes(),
            c.maxInFlight(), c.responseTimeout()), registry, tasks, clock, workers);
        return new UspSetup(config, controller, workers);
    }

    /** USP devices are woken by sending on their agent's connection; the others by CWMP connection request. */
    DeviceWakeup wakeup(DeviceWakeup cwmp) {
        return d -> UspController.PROTOCOL.equals(d.protocol()) ? controller.wake(d) : cwmp.wake(d);
    }

    /**
     * Starts every enabled MTP binding. Each MTP adds its binding here when its settings enable it;
     * all hand their records to the one controller.
     */
    void start(ScheduledExecutorService housekeeping, AcsMetrics metrics) throws InterruptedException {
        AcsConfig.Usp c = config.usp();
        if (c.webSocket().enabled()) {
            AcsConfig.UspWebSocket w = c.webSocket();
            webSocket = new WebSocketMtp(new WebSocketMtp.Options(w.bind(), w.port(), w.path(), c.endpointId(),
                c.maxRecordBytes(), c.rateLimit(), (int) w.pingInterval().toSeconds(), w.ioThreads(), tls(w)), workers);
            bindings.add(webSocket);
        }
        bindings.addAll(MtpBindings.fromConfig(config, c.endpointId(), metrics));
        for (MtpBinding b : bindings) {
            try {
                b.start(controller);
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the USP " + b.name() + " binding: " + e.getMessage(), e);
            }
        }
        housekeeping.scheduleWithFixedDelay(guard(controller::sweep), 1, 1, TimeUnit.SECONDS);
        long touch = Math.max(10, Math.min(300, config.offlineAfter().dividedBy(3).toSeconds()));
        housekeeping.scheduleWithFixedDelay(guard(controller::touchConnected), touch, touch, TimeUnit.SECONDS);
    }

    private SslContext tls(AcsConfig.UspWebSocket w) {
        if (!w.tls()) {
            return null;
        }
        TlsKeystore.Loaded k = TlsKeystore.open(config.cwmp().tls());
        return ServerTls.context(k.keyStore(), k.password());
    }

    String describe() {
        String others = bindings.stream().map(MtpBinding::name).filter(n -> !n.equals("websocket"))
            .collect(java.util.stream.Collectors.joining(", "));
        String also = others.isEmpty() ? "" : " and " + others;
        if (webSocket == null) {
            return "USP controller " + controller.endpointId() + " (no WebSocket MTP" + (others.isEmpty() ? "" : "; " + others) + ")";
        }
        AcsConfig.UspWebSocket w = config.usp().webSocket();
        return "USP controller " + controller.endpointId() + " on " + (w.tls() ? "wss" : "ws") + "://" + w.bind() + ":"
            + webSocket.port() + w.path() + also;
    }

    /** The started binding of this MTP ("mqtt", "stomp", "coap", "websocket"), if enabled. */
    java.util.Optional<MtpBinding> binding(String mtp) {
        return bindings.stream().filter(b -> b.name().equals(mtp)).findFirst();
    }

    /** The WebSocket MTP's port, or -1 when it is off. */
    int webSocketPort() {
        return webSocket == null ? -1 : webSocket.port();
    }

    UspController controller() {
        return controller;
    }

    private static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("USP housekeeping failed: {}", e.toString());
            }
        };
    }

    @Override
    public void close() {
        for (MtpBinding b : bindings) {
            b.close();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
