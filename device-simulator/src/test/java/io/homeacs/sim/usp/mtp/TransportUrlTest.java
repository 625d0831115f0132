package io.homeacs.sim.usp.mtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.sim.usp.mtp.coap.CoapAgentTransport;
import io.homeacs.sim.usp.mtp.mqtt.MqttAgentTransport;
import io.homeacs.sim.usp.mtp.stomp.StompAgentTransport;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The controller URLs the agent core passes for --mtp mqtt|stomp|coap, and the addresses they give. */
class TransportUrlTest {

    @Test
    void mqttUrlNamesBrokerAndControllerTopic() {
        try (MqttAgentTransport t = MqttAgentTransport.fromUrl(URI.create("mqtt://127.0.0.1:1883/usp/controller"), "os::X")) {
            assertThat(t.mtp()).isEqualTo("mqtt");
            assertThat(t.controllerAddress()).isEqualTo("usp/controller");
            assertThat(t.subscribedAddress()).contains("usp/agent/os::X");
        }
        assertThatThrownBy(() -> MqttAgentTransport.fromUrl(URI.create("mqtt://127.0.0.1:1883"), "os::X"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stompUrlNamesBrokerAndControllerDestination() {
        try (StompAgentTransport t = StompAgentTransport.fromUrl(URI.create("stomp://guest:guest@127.0.0.1/queue/usp.controller"),
            "os::X")) {
            assertThat(t.mtp()).isEqualTo("stomp");
            assertThat(t.controllerAddress()).isEqualTo("/queue/usp.controller");
            assertThat(t.subscribedAddress()).contains("/queue/usp.agent.os::X");
        }
        assertThatThrownBy(() -> StompAgentTransport.fromUrl(URI.create("ws://127.0.0.1/usp"), "os::X"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coapUrlsPlainAndWithAPreSharedKey() {
        try (CoapAgentTransport t = CoapAgentTransport.fromUrl(URI.create("coap://127.0.0.1/usp"), "os::X")) {
            assertThat(t.controllerAddress()).isEqualTo("coap://127.0.0.1:5683/usp");
            assertThat(t.subscribedAddress()).isEmpty();
        }
        try (CoapAgentTransport t = CoapAgentTransport.fromUrl(URI.create("coaps://agents:secret@127.0.0.1/usp"), "os::X")) {
            assertThat(t.controllerAddress()).isEqualTo("coaps://127.0.0.1:5684/usp");
        }
        assertThatThrownBy(() -> CoapAgentTransport.fromUrl(URI.create("coaps://127.0.0.1/usp"), "os::X"))
            .hasMessageContaining("identity:secret");
    }
}
