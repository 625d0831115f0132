package io.homeacs.server.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationsTest {

    private static List<Recommendations.Finding> judge(int backhaulRcpi, int clientRcpi, int util, Thresholds th, String pref) {
        MeshTopology t = TopologyBuilder.build(9, new TopologyBuilder.Held(MeshFixtures.device(1, "GW1"),
            MeshFixtures.controller(backhaulRcpi, clientRcpi, util)), List.of());
        return Recommendations.judge(t, th, pref);
    }

    @Test
    void aHealthyHomeNeedsNothing() {
        assertThat(judge(120, 100, 50, Thresholds.DEFAULTS, "auto")).isEmpty();
    }

    @Test
    void aWeakSlowBackhaulAsksToMoveTheSatelliteOrWireIt() {
        // RCPI 60 = -80 dBm, under -70; its rate (80 Mbit/s) is under 200.
        List<Recommendations.Finding> f = judge(60, 100, 50, Thresholds.DEFAULTS, "auto");
        assertThat(f).extracting(Recommendations.Finding::code).containsExactly("backhaul-weak");
        assertThat(f.get(0).node()).isEqualTo("00:D0:9E:00:00:02");
        assertThat(f.get(0).advice()).contains("Move satellite SAT1 closer to the gateway GW1").contains("-80 dBm")
            .contains("wired backhaul");
    }

    @Test
    void theThresholdsAreSettings() {
        // The same -80 dBm backhaul is fine for an operator who accepts down to -85 dBm and 50 Mbit/s.
        assertThat(judge(60, 100, 50, new Thresholds(-85, 50, -72, 60, 50), "auto")).isEmpty();
    }

    @Test
    void weakClientsOnANodeWithAGoodBackhaulCallForAnotherNode() {
        // RCPI 60 = -80 dBm for both clients of SAT1.
        List<Recommendations.Finding> f = judge(120, 60, 50, Thresholds.DEFAULTS, "auto");
        assertThat(f).extracting(Recommendations.Finding::code).containsExactly("clients-weak");
        assertThat(f.get(0).advice()).startsWith("Add a node: 2 of 2 clients on satellite SAT1");
    }

    @Test
    void busyRadiosAreChannelCongestionAndAWiredPreferenceIsNoted() {
        // 200/255 = 78 % busy on both gateway radios.
        List<Recommendations.Finding> f = judge(120, 100, 200, Thresholds.DEFAULTS, "ethernet");
        assertThat(f).extracting(Recommendations.Finding::code)
            .containsExactly("channel-congested", "channel-congested", "prefer-wired");
        assertThat(f.get(0).advice()).contains("channel 6").contains("78%");
    }
}
