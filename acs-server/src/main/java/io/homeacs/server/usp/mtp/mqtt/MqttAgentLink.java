package io.homeacs.server.usp.mtp.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.homeacs.server.usp.mtp.AgentLink;
import java.util.concurrent.CompletableFuture;

/**
 * An agent reached through the MQTT broker: the Response Topic its last PUBLISH named. Two links to
 * the same topic are equal, so the controller sees one agent address however often it publishes.
 */
final class MqttAgentLink implements AgentLink {
    static final String CONTENT_TYPE = "usp.msg";

    private final Mqtt5AsyncClient client;
    private final String topic;
    private final String ownTopic;
    private final MqttBinding binding;

    MqttAgentLink(Mqtt5AsyncClient client, String topic, String ownTopic, MqttBinding binding) {
        this.client = client;
        this.topic = topic;
        this.ownTopic = ownTopic;
        this.binding = binding;
    }

    @Override
    public String mtp() {
        return "mqtt";
    }

    @Override
    public String address() {
        return topic;
    }

    @Override
    public CompletableFuture<Void> send(byte[] record) {
        if (record.length > binding.maxRecordBytes()) {
            binding.count("send-too-large");
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                "record of " + record.length + " bytes exceeds usp.max-record-bytes"));
        }
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(record)
            .contentType(CONTENT_TYPE).responseTopic(ownTopic).send()
            .thenAccept(result -> {
                if (result.getError().isPresent()) {
                    throw new IllegalStateException("broker refused the PUBLISH to " + topic, result.getError().get());
                }
                binding.count("sent");
            })
            .whenComplete((v, e) -> {
                if (e != null) {
                    binding.count("send-failed");
                }
            });
    }

    @Override
    public boolean isOpen() {
        return client.getState().isConnected();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttAgentLink other && other.topic.equals(topic) && other.client == client;
    }

    @Override
    public int hashCode() {
        return topic.hashCode();
    }

    @Override
    public String toString() {
        return "mqtt:" + topic;
    }
}
