package io.homeacs.server.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyBuilderTest {

    @Test
    void buildsNodesBackhaulLinksAndClientsFromDataElements() {
        ParameterDocument doc = MeshFixtures.controller(120, 100, 50);
        MeshTopology t = TopologyBuilder.build(9, new TopologyBuilder.Held(MeshFixtures.device(1, "GW1"), doc), List.of());

        assertThat(t.networkId()).isEqualTo("home-1");
        assertThat(t.nodes()).extracting(MeshTopology.Node::id)
            .containsExactly("00:D0:9E:00:00:01", "00:D0:9E:00:00:02", "00:D0:9E:00:00:03");
        MeshTopology.Node gw = t.nodes().get(0);
        assertThat(gw.controller()).isTrue();
        assertThat(gw.deviceId()).isEqualTo(1L);
        assertThat(gw.radios().get(0).channel()).as("from the controller's own radio table").isEqualTo(6);
        assertThat(gw.radios().get(0).utilizationPercent()).isEqualTo(20);
        assertThat(gw.ssids()).containsExactly("Family", "Family-5G");

        assertThat(t.links()).hasSize(2);
        MeshTopology.Link wifi = t.uplinkOf("00:d0:9e:00:00:02").orElseThrow();
        assertThat(wifi.parent()).isEqualTo("00:D0:9E:00:00:01");
        assertThat(wifi.signalDbm()).as("RCPI 120 = -50 dBm").isEqualTo(-50);
        assertThat(wifi.downKbps()).isEqualTo(600_000L);
        MeshTopology.Link wired = t.uplinkOf("00:D0:9E:00:00:03").orElseThrow();
        assertThat(wired.wired()).isTrue();
        assertThat(wired.signalDbm()).isNull();

        MeshTopology.Node sat = t.node("00:D0:9E:00:00:02").orElseThrow();
        assertThat(sat.clients()).hasSize(2);
        assertThat(sat.clients().get(0).signalDbm()).isEqualTo(-60);
        assertThat(sat.deviceId()).as("not held as its own device").isNull();
        assertThat(t.clientCount()).isEqualTo(3);
        assertThat(t.readAt()).isEqualTo(MeshFixtures.T0);
    }

    @Test
    void satellitesHeldAsTheirOwnDevicesAreMatchedBySerialOrMac() {
        ParameterDocument doc = MeshFixtures.controller(120, 100, 50);
        ParameterDocument bySerial = ParameterDocument.empty();
        ParameterDocument byMac = ParameterDocument.empty();
        byMac.merge(List.of(new ParamValue("Device.Ethernet.Interface.1.MACAddress", "00:d0:9e:00:00:03", "xsd:string")),
            MeshFixtures.T0);
        MeshTopology t = TopologyBuilder.build(9, new TopologyBuilder.Held(MeshFixtures.device(1, "GW1"), doc), List.of(
            new TopologyBuilder.Held(MeshFixtures.device(2, "SAT1"), bySerial),
            new TopologyBuilder.Held(MeshFixtures.device(3, "OTHER"), byMac)));
        assertThat(t.nodes()).extracting(MeshTopology.Node::deviceId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDocumentWithoutDataElementsIsNoController() {
        assertThat(TopologyBuilder.isController(ParameterDocument.empty())).isFalse();
        assertThat(TopologyBuilder.isController(MeshFixtures.controller(120, 100, 50))).isTrue();
        assertThat(TopologyBuilder.rcpiToDbm(255)).as("not measured").isNull();
        assertThat(TopologyBuilder.rcpiToDbm(0)).isEqualTo(-110);
    }
}
