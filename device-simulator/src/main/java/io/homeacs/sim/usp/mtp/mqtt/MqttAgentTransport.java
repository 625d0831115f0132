package io.homeacs.sim.usp.mtp.mqtt;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.homeacs.sim.usp.mtp.AgentTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A simulated agent's MQTT 5 transport: subscribes to its own topic, publishes to the controller topic
 * with Content Type {@code usp.msg} and its own topic as Response Topic, and answers on whatever Response
 * Topic the controller gave. Reconnects (and re-subscribes) by itself after the broker goes away;
 * {@code onLost} tells the agent each time, and calling {@link #connect} again waits for the new session.
 */
public final class MqttAgentTransport implements AgentTransport {
    private static final long CONNECT_TIMEOUT_SECONDS = 30;

    private final Settings settings;
    private final ExecutorService inbound;
    private volatile Mqtt5AsyncClient client;
    private volatile Consumer<byte[]> onRecord = r -> { };
    private volatile Runnable onLost = () -> { };
    private volatile String replyTopic;
    private volatile java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();

    /**
     * @param agentTopic      the topic this agent subscribes to, e.g. {@code usp/agent/<endpoint id>}
     * @param controllerTopic where Records go until the controller names another Response Topic
     */
    public record Settings(String host, int port, String endpointId, String agentTopic, String controllerTopic,
                           String username, String password) {
        public Settings(String host, int port, String endpointId, String controllerTopic) {
            this(host, port, endpointId, "usp/agent/" + endpointId, controllerTopic, "", "");
        }
    }

    public MqttAgentTransport(Settings settings) {
        this.settings = settings;
        this.replyTopic = settings.controllerTopic();
        // One delivery thread, gone when idle: the transport outlives close() (agents reconnect on it).
        this.inbound = new java.util.concurrent.ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "sim-mqtt-in-" + settings.endpointId());
                t.setDaemon(true);
                return t;
            });
    }

    /** Broker at host:port, agent topic {@code usp/agent/<endpointId>}, no credentials. */
    public static MqttAgentTransport of(String host, int port, String endpointId, String controllerTopic) {
        return new MqttAgentTransport(new Settings(host, port, endpointId, controllerTopic));
    }

    /**
     * From a controller URL {@code mqtt://[user:password@]host[:1883]/<controller topic>}, e.g.
     * {@code mqtt://127.0.0.1:1883/usp/controller}; the agent subscribes to {@code usp/agent/<agentEndpointId>}.
     */
    public static MqttAgentTransport fromUrl(java.net.URI url, String agentEndpointId) {
        if (!"mqtt".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPath() == null
            || url.getPath().length() < 2) {
            throw new IllegalArgumentException("MQTT controller URL must be mqtt://host[:port]/<topic>, got " + url);
        }
        String[] user = userInfo(url);
        return new MqttAgentTransport(new Settings(url.getHost(), url.getPort() < 0 ? 1883 : url.getPort(), agentEndpointId,
            "usp/agent/" + agentEndpointId, url.getPath().substring(1), user[0], user[1]));
    }

    private static String[] userInfo(java.net.URI url) {
        String info = url.getUserInfo();
        if (info == null) {
            return new String[] {"", ""};
        }
        int colon = info.indexOf(':');
        return colon < 0 ? new String[] {info, ""} : new String[] {info.substring(0, colon), info.substring(colon + 1)};
    }

    @Override
    public String mtp() {
        return "mqtt";
    }

    @Override
    public synchronized void connect(Consumer<byte[]> onRecord, Runnable onLost) throws IOException {
        this.onRecord = onRecord;
        this.onLost = onLost;
        if (client == null) {
            Mqtt5AsyncClient[] self = new Mqtt5AsyncClient[1];
            Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier(settings.endpointId())
                .serverHost(settings.host()).serverPort(settings.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(5, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> subscribe(self[0]))
                .addDisconnectedListener(ctx -> disconnected(ctx, self[0]));
            if (!settings.username().isEmpty()) {
                builder = builder.simpleAuth().username(settings.username())
                    .password(settings.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
            }
            self[0] = builder.buildAsync();
            client = self[0];
            // Should the executor ever refuse, late publishes are dropped rather than reported to RxJava.
            client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::deliver, r -> {
                try {
                    inbound.execute(r);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Closing.
                }
            });
            // A session the broker keeps for an hour: records the controller sends while this agent reconnects
            // wait in it (QoS 1) instead of being lost.
            client.connectWith().cleanStart(false).sessionExpiryInterval(3600).keepAlive(30).send();
        }
        try {
            subscribed.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("MQTT broker " + settings.host() + ":" + settings.port() + " not reachable", e);
        }
    }

    private void subscribe(Mqtt5AsyncClient c) {
        if (c == null || c != client) {
            return;
        }
        c.subscribeWith().topicFilter(settings.agentTopic()).qos(MqttQos.AT_LEAST_ONCE).send()
            .whenComplete((ack, e) -> {
                if (e == null) {
                    subscribed.complete(null);
                }
            });
    }

    private void disconnected(MqttClientDisconnectedContext ctx, Mqtt5AsyncClient which) {
        if (which == null || which != client) {
            // A client this transport closed: let it go.
            ctx.getReconnector().reconnect(false);
            return;
        }
        if (subscribed.isDone()) {
            subscribed = new java.util.concurrent.CompletableFuture<>();
            onLost.run();
        }
    }

    private void deliver(Mqtt5Publish publish) {
        // The controller's Response Topic is where this agent's later Records go (TR-369 MQTT binding).
        publish.getResponseTopic().ifPresent(t -> replyTopic = t.toString());
        onRecord.accept(publish.getPayloadAsBytes());
    }

    @Override
    public void send(byte[] record) throws IOException {
        Mqtt5AsyncClient c = client;
        if (c == null) {
            throw new IOException("not connected");
        }
        try {
            c.publishWith().topic(replyTopic).qos(MqttQos.AT_LEAST_ONCE).payload(record).contentType("usp.msg")
                .responseTopic(settings.agentTopic()).send().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PUBLISH to " + replyTopic + " failed", e);
        }
    }

    @Override
    public Optional<String> subscribedAddress() {
        return Optional.of(settings.agentTopic());
    }

    /** The topic Records currently go to: the controller topic, or the Response Topic it last named. */
    public String controllerAddress() {
        return replyTopic;
    }

    @Override
    public boolean isConnected() {
        Mqtt5AsyncClient c = client;
        return c != null && c.getState() == MqttClientState.CONNECTED && subscribed.isDone();
    }

    /**
     * Ends the broker session (as a dropped connection would: {@code onLost} runs); a later {@link #connect}
     * opens a new one.
     */
    @Override
    public synchronized void close() {
        Mqtt5AsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        boolean wasUp = subscribed.isDone();
        subscribed = new java.util.concurrent.CompletableFuture<>();
        try {
            c.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Already gone.
        }
        if (wasUp) {
            onLost.run();
        }
    }
}
