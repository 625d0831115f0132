package io.homeacs.sim.usp.mtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.mqtt.MqttBinding;
import io.homeacs.sim.usp.mtp.mqtt.MqttAgentTransport;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The controller's MQTT binding and the simulator's MQTT transport exchanging records through a real
 * Mosquitto: both directions, reply routing by Response Topic, broker restarts, bad publishes.
 */
class MqttMtpTest {
    private static final int MAX = 4096;

    private static MtpConfig.Mqtt settings(int port, String topic) {
        return new MtpConfig.Mqtt(true, "127.0.0.1", port, false, "", "", "", topic, 10);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void recordsGoBothWaysAndRepliesFollowEachAgentsResponseTopic() throws Exception {
        String topic = unique("usp/controller/test-");
        EchoSink sink = new EchoSink();
        try (MqttBinding binding = new MqttBinding(settings(1883, topic), MAX, unique("proto::ctl-"), new AcsMetrics());
             MqttAgentTransport a = MqttAgentTransport.of("127.0.0.1", 1883, unique("os::A-"), topic);
             MqttAgentTransport b = MqttAgentTransport.of("127.0.0.1", 1883, unique("os::B-"), topic)) {
            binding.start(sink);
            BlockingQueue<String> toA = new LinkedBlockingQueue<>();
            BlockingQueue<String> toB = new LinkedBlockingQueue<>();
            a.connect(r -> toA.add(new String(r, ISO_8859_1)), () -> { });
            b.connect(r -> toB.add(new String(r, ISO_8859_1)), () -> { });

            a.send("from-a".getBytes(ISO_8859_1));
            b.send("from-b".getBytes(ISO_8859_1));
            // Binary content survives: every byte value.
            byte[] binary = new byte[256];
            for (int i = 0; i < 256; i++) {
                binary[i] = (byte) i;
            }
            a.send(binary);

            assertThat(Await.take(toA, "echo to A")).isEqualTo("echo:from-a");
            assertThat(Await.take(toA, "binary echo to A")).isEqualTo("echo:" + new String(binary, ISO_8859_1));
            assertThat(Await.take(toB, "echo to B")).isEqualTo("echo:from-b");
            assertThat(toA).isEmpty();
            assertThat(sink.links).extracting(l -> l.address()).contains(a.subscribedAddress().orElseThrow(),
                b.subscribedAddress().orElseThrow());
            assertThat(sink.links).allSatisfy(l -> assertThat(l.mtp()).isEqualTo("mqtt"));
            assertThat(sink.threads).allSatisfy(t -> assertThat(t).startsWith("usp-mqtt-sink"));
            // The agent answers on the Response Topic the controller set: its topic.
            assertThat(a.controllerAddress()).isEqualTo(topic);
            assertThat(binding.links()).hasSize(2);
        }
    }

    @Test
    void bothSidesReconnectAfterTheBrokerRestarts() throws Exception {
        try (PrivateMosquitto broker = new PrivateMosquitto()) {
            String topic = "usp/controller";
            EchoSink sink = new EchoSink();
            AtomicInteger lost = new AtomicInteger();
            BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
            try (MqttBinding binding = new MqttBinding(settings(broker.port(), topic), MAX, "proto::ctl", new AcsMetrics());
                 MqttAgentTransport agent = MqttAgentTransport.of("127.0.0.1", broker.port(), "os::R-1", topic)) {
                binding.start(sink);
                agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), lost::incrementAndGet);
                agent.send("before".getBytes(ISO_8859_1));
                assertThat(Await.take(toAgent, "echo before restart")).isEqualTo("echo:before");

                broker.stop();
                Await.until("agent notices the broker is gone", () -> lost.get() == 1);
                Await.until("binding notices the broker is gone", () -> !binding.isConnected());
                Await.until("controller told the agent link is closed", () -> sink.closed.size() == 1);
                assertThat(agent.isConnected()).isFalse();

                broker.start();
                Await.until("binding back", binding::isConnected);
                agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), lost::incrementAndGet);
                assertThat(agent.isConnected()).isTrue();
                // The restarted broker forgot both subscriptions; both sides made them again.
                Await.until("a record makes it through the new sessions", () -> {
                    try {
                        agent.send("after".getBytes(ISO_8859_1));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                    return sink.received.contains("after");
                });
                assertThat(Await.take(toAgent, "echo after restart")).isEqualTo("echo:after");
            }
        }
    }

    @Test
    void aBrokerDownAtStartUpDoesNotStopTheBindingFromConnectingLater() throws Exception {
        try (PrivateMosquitto broker = new PrivateMosquitto()) {
            broker.stop();
            EchoSink sink = new EchoSink();
            try (MqttBinding binding = new MqttBinding(settings(broker.port(), "usp/controller"), MAX, "proto::ctl",
                new AcsMetrics())) {
                binding.start(sink);
                assertThat(binding.isConnected()).isFalse();

                broker.start();
                Await.until("binding connects once the broker is up", binding::isConnected);
                try (MqttAgentTransport agent = MqttAgentTransport.of("127.0.0.1", broker.port(), "os::L-1", "usp/controller")) {
                    BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
                    agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), () -> { });
                    Await.until("the binding's subscription is in place", () -> {
                        try {
                            agent.send("late".getBytes(ISO_8859_1));
                        } catch (java.io.IOException e) {
                            return false;
                        }
                        return sink.received.contains("late");
                    });
                    assertThat(Await.take(toAgent, "echo")).isEqualTo("echo:late");
                }
            }
        }
    }

    @Test
    void badPublishesAreDroppedAndTheBindingStaysUp() throws Exception {
        String topic = unique("usp/controller/bad-");
        EchoSink sink = new EchoSink();
        AcsMetrics metrics = new AcsMetrics();
        Mqtt5BlockingClient raw = Mqtt5Client.builder().identifier(unique("raw-")).serverHost("127.0.0.1").serverPort(1883)
            .buildBlocking();
        try (MqttBinding binding = new MqttBinding(settings(1883, topic), MAX, unique("proto::ctl-"), metrics)) {
            binding.start(sink);
            raw.connect();
            // No Response Topic: nowhere to answer.
            raw.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("no-reply".getBytes(ISO_8859_1)).send();
            // Larger than the record cap.
            raw.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[MAX + 1])
                .responseTopic("usp/agent/raw").send();
            // Then a good one on the same connection, answered.
            raw.subscribeWith().topicFilter("usp/agent/raw-" + topic).send();
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            raw.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.SUBSCRIBED,
                p -> answers.add(new String(p.getPayloadAsBytes(), ISO_8859_1) + "|" + p.getContentType().orElseThrow()
                    + "|" + p.getResponseTopic().orElseThrow()));
            raw.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("good".getBytes(ISO_8859_1))
                .responseTopic("usp/agent/raw-" + topic).send();

            assertThat(Await.take(answers, "answer to the good record")).isEqualTo("echo:good|usp.msg|" + topic);
            assertThat(sink.received).containsExactly("good");
            assertThat(metrics.scrape()).contains("event=\"rejected-no-response-topic\"")
                .contains("event=\"rejected-too-large\"");
            // A record the controller itself tries to send past the cap fails instead of going out.
            assertThat(sink.links.get(0).send(new byte[MAX + 1])).isCompletedExceptionally();
        } finally {
            raw.disconnect();
        }
    }
}
