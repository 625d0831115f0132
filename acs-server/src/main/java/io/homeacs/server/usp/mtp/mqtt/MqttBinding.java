package io.homeacs.server.usp.mtp.mqtt;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.AgentLink;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.RecordSink;
import io.homeacs.server.usp.mtp.SinkDispatch;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's MQTT 5 binding (TR-369 MQTT MTP): one client session with the broker, subscribed to
 * the controller topic; each PUBLISH's Response Topic is where the answer goes. The HiveMQ client
 * reconnects by itself with backoff; the subscription is made again on every (re)connect, because a
 * restarted broker may have forgotten the session.
 */
public final class MqttBinding implements MtpBinding {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBinding.class);

    private final MtpConfig.Mqtt settings;
    private final int maxRecordBytes;
    private final String clientId;
    private final AcsMetrics metrics;
    private final Set<MqttAgentLink> links = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private ExecutorService inbound;
    private SinkDispatch dispatch;
    private Mqtt5AsyncClient client;
    private volatile boolean closed;

    public MqttBinding(MtpConfig.Mqtt settings, int maxRecordBytes, String controllerEndpointId, AcsMetrics metrics) {
        this.settings = settings;
        this.maxRecordBytes = maxRecordBytes;
        this.clientId = settings.clientId().isEmpty() ? controllerEndpointId : settings.clientId();
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    /** The topic agents publish to, and the Response Topic of everything the controller sends. */
    public String topic() {
        return settings.topic();
    }

    @Override
    public void start(RecordSink sink) throws Exception {
        dispatch = new SinkDispatch("mqtt", sink, metrics, 4, 10_000);
        inbound = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "usp-mqtt-in");
            t.setDaemon(true);
            return t;
        });
        Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier(clientId)
            .serverHost(settings.host()).serverPort(settings.port())
            .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS)
            .applyAutomaticReconnect()
            .addConnectedListener(ctx -> onConnected())
            .addDisconnectedListener(this::onDisconnected);
        if (settings.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (!settings.username().isEmpty()) {
            builder = builder.simpleAuth().username(settings.username())
                .password(settings.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = builder.buildAsync();
        // Publishes still in flight while closing find the executor shut: they are dropped, not reported to RxJava.
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::onPublish, r -> {
            try {
                inbound.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("USP MQTT: closing; a publish arrived too late");
            }
        });
        // The broker keeps the controller's session (and the QoS 1 records for it) for an hour across
        // reconnects and restarts of the ACS; a restarted broker without persistence forgets it, hence the
        // subscription on every connect.
        client.connectWith().cleanStart(false).sessionExpiryInterval(3600).keepAlive(settings.keepAliveSeconds()).send()
            .whenComplete((ack, e) -> {
                if (e != null) {
                    LOG.warn("USP MQTT: broker {}:{} not reachable yet ({}); retrying in the background",
                        settings.host(), settings.port(), e.getMessage());
                }
            });
        // Start-up waits a little for the subscription so records sent right after are not lost; a broker
        // that is down must not keep the ACS from starting, so past that the client goes on retrying.
        if (!firstSubscription.await(10, TimeUnit.SECONDS)) {
            LOG.warn("USP MQTT: not subscribed to {} after 10 s; the client keeps reconnecting", settings.topic());
        }
    }

    /** Whether the client is connected and has subscribed (for tests and health). */
    public boolean isConnected() {
        return client != null && client.getState() == MqttClientState.CONNECTED;
    }

    private void onConnected() {
        metrics.uspMtp("mqtt", "connected");
        client.subscribeWith().topicFilter(settings.topic()).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send()
            .whenComplete((subAck, e) -> {
                if (e != null) {
                    LOG.warn("USP MQTT: subscribing to {} failed: {}", settings.topic(), e.getMessage());
                } else {
                    LOG.info("USP MQTT: subscribed to {} at {}:{}", settings.topic(), settings.host(), settings.port());
                    firstSubscription.countDown();
                }
            });
    }

    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        if (closed) {
            ctx.getReconnector().reconnect(false);
            return;
        }
        metrics.uspMtp("mqtt", "disconnected");
        LOG.warn("USP MQTT: lost the broker ({}); reconnecting", ctx.getCause().getMessage());
        // Every agent address learnt through this session is unreachable until the agent publishes again.
        for (MqttAgentLink link : links) {
            links.remove(link);
            dispatch.closed(link);
        }
    }

    private void onPublish(Mqtt5Publish publish) {
        byte[] payload = publish.getPayloadAsBytes();
        if (payload.length > maxRecordBytes) {
            count("rejected-too-large");
            LOG.warn("USP MQTT: dropped a {}-byte record on {} (usp.max-record-bytes {})", payload.length,
                publish.getTopic(), maxRecordBytes);
            return;
        }
        if (publish.getResponseTopic().isEmpty()) {
            count("rejected-no-response-topic");
            LOG.warn("USP MQTT: dropped a record on {} without a Response Topic: there is nowhere to answer",
                publish.getTopic());
            return;
        }
        String replyTopic = publish.getResponseTopic().get().toString();
        MqttAgentLink link = new MqttAgentLink(client, replyTopic, settings.topic(), this);
        links.add(link);
        dispatch.received(payload, link);
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }

    void count(String event) {
        metrics.uspMtp("mqtt", event);
    }

    /** Exposed for diagnostics: the agent addresses currently known. */
    public Set<AgentLink> links() {
        return Set.copyOf(links);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("USP MQTT: disconnect: {}", e.toString());
            }
        }
        if (inbound != null) {
            inbound.shutdownNow();
        }
        if (dispatch != null) {
            dispatch.close();
        }
    }
}
