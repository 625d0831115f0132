package io.homeacs.server.usp.mtp.stomp;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.RecordSink;
import io.homeacs.server.usp.mtp.SinkDispatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's STOMP 1.2 binding (TR-369 STOMP MTP): one broker session, CONNECT carrying the
 * controller's {@code endpoint-id}, subscribed to the controller destination (or the broker's
 * {@code subscribe-dest}); each MESSAGE's {@code reply-to-dest} is where the answer goes, sent with
 * content-type {@code application/vnd.bbf.usp.msg} and the controller's own destination as reply-to-dest.
 */
public final class StompBinding implements MtpBinding {
    private static final Logger LOG = LoggerFactory.getLogger(StompBinding.class);
    public static final String CONTENT_TYPE = "application/vnd.bbf.usp.msg";

    private final MtpConfig.Stomp settings;
    private final int maxRecordBytes;
    private final String endpointId;
    private final AcsMetrics metrics;
    private final Set<StompAgentLink> links = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstReady = new CountDownLatch(1);
    private SinkDispatch dispatch;
    private StompClient client;

    public StompBinding(MtpConfig.Stomp settings, int maxRecordBytes, String controllerEndpointId, AcsMetrics metrics) {
        this.settings = settings;
        this.maxRecordBytes = maxRecordBytes;
        this.endpointId = controllerEndpointId;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "stomp";
    }

    @Override
    public void start(RecordSink sink) throws Exception {
        dispatch = new SinkDispatch("stomp", sink, metrics, 4, 10_000);
        StompClient.Settings s = new StompClient.Settings(settings.host(), settings.port(), settings.tls(),
            settings.virtualHost(), settings.username(), settings.password(), settings.heartbeatSeconds() * 1000,
            settings.destination(), Map.of("endpoint-id", endpointId), maxRecordBytes);
        client = new StompClient(s, new StompClient.Listener() {
            @Override
            public void ready(String destination) {
                metrics.uspMtp("stomp", "connected");
                LOG.info("USP STOMP: subscribed to {} at {}:{}", destination, settings.host(), settings.port());
                firstReady.countDown();
            }

            @Override
            public void message(StompFrame frame) {
                onMessage(frame);
            }

            @Override
            public void lost(String reason) {
                metrics.uspMtp("stomp", "disconnected");
                LOG.warn("USP STOMP: lost the broker ({}); reconnecting", reason);
                for (StompAgentLink link : links) {
                    links.remove(link);
                    dispatch.closed(link);
                }
            }
        });
        client.start();
        // As with MQTT: wait briefly so early records are not missed, but never hold the ACS hostage to a broker.
        if (!firstReady.await(10, TimeUnit.SECONDS)) {
            LOG.warn("USP STOMP: not subscribed after 10 s; the client keeps reconnecting to {}:{}",
                settings.host(), settings.port());
        }
    }

    public boolean isConnected() {
        return client != null && client.isReady();
    }

    /** The destination the controller listens on (the configured one unless the broker assigned another). */
    public String destination() {
        return client == null ? settings.destination() : client.destination();
    }

    private void onMessage(StompFrame frame) {
        String replyTo = frame.header("reply-to-dest");
        String type = frame.header("content-type");
        if (frame.body().length > maxRecordBytes) {
            reject("rejected-too-large", frame, "record of " + frame.body().length + " bytes exceeds usp.max-record-bytes");
        } else if (replyTo == null || replyTo.isBlank()) {
            reject("rejected-no-reply-to", frame, "no reply-to-dest: there is nowhere to answer");
        } else if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE)) {
            reject("rejected-content-type", frame, "content-type '" + type + "' is not " + CONTENT_TYPE);
        } else {
            StompAgentLink link = new StompAgentLink(this, replyTo);
            links.add(link);
            dispatch.received(frame.body(), link);
        }
    }

    private void reject(String event, StompFrame frame, String why) {
        metrics.uspMtp("stomp", event);
        LOG.warn("USP STOMP: dropped a message on {}: {}", frame.header("destination"), why);
    }

    CompletableFuture<Void> send(String destination, byte[] record) {
        if (record.length > maxRecordBytes) {
            metrics.uspMtp("stomp", "send-too-large");
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                "record of " + record.length + " bytes exceeds usp.max-record-bytes"));
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("destination", destination);
        h.put("content-type", CONTENT_TYPE);
        h.put("reply-to-dest", destination());
        return client.send(new StompFrame("SEND", h, record)).whenComplete((v, e) ->
            metrics.uspMtp("stomp", e == null ? "sent" : "send-failed"));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (dispatch != null) {
            dispatch.close();
        }
    }
}
