package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mixed fleet bootstraps against a real ACS, is classified, gets its own credentials and keeps informing. */
class FleetCheckInE2ETest {
    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void mixedFleetOnboardsAndKeepsInforming() {
        try (RunningAcs acs = RunningAcs.start(dataDir);
             Fleet fleet = Fleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(30).withKind(DeviceKind.MIXED)
                 .withInformInterval(2).withRetryMinWaitSeconds(1))) {
            assertThat(fleet.awaitAllBooted(Duration.ofSeconds(90))).isTrue();
            Map<String, Object> list = awaitKinds(acs, 30);
            Map<String, Integer> byKind = new HashMap<>();
            for (Map<String, Object> d : (List<Map<String, Object>>) list.get("devices")) {
                byKind.merge((String) d.get("kind"), 1, Integer::sum);
            }
            assertThat(byKind).containsEntry("gateway", 10).containsEntry("mesh", 10).containsEntry("stb", 10);

            for (SimulatedDevice d : fleet.devices()) {
                assertThat(d.value(d.root() + "ManagementServer.Username")).as("own credentials").contains(d.deviceId());
                Map<String, Object> stored = acs.get("/api/v1/devices/" + d.deviceId());
                assertThat(stored.get("dataModel")).isEqualTo(d.tr098() ? "tr098" : "tr181");
                assertThat(stored.get("softwareVersion")).isEqualTo(d.value(d.root() + "DeviceInfo.SoftwareVersion").orElseThrow());
                assertThat(stored.get("parameters").toString()).doesNotContain(d.value(d.root() + "ManagementServer.Password")
                    .filter(p -> !p.isEmpty()).orElse("\u0000"));
            }
            SimulatedDevice stb = fleet.devices().stream().filter(d -> d.kind() == DeviceKind.STB).findFirst().orElseThrow();
            assertThat(acs.get("/api/v1/devices/" + stb.deviceId()).get("parameters").toString())
                .contains("Device.Services.STBService.1.");

            for (SimulatedDevice d : fleet.devices()) {
                if (d.kind() == DeviceKind.ONT) {
                    Map<String, Object> values = (Map<String, Object>) acs.get("/api/v1/devices/" + d.deviceId()
                        + "/values?names=opticalRxPower").get("values");
                    Map<String, Object> rx = (Map<String, Object>) values.get("opticalRxPower");
                    assertThat(rx).as("optical power of %s (%s)", d.deviceId(), d.root()).isNotNull();
                    assertThat(((Number) rx.get("number")).doubleValue()).as("a plausible receive level in dBm")
                        .isBetween(-40.0, 0.0);
                }
            }

            awaitAtLeastSessions(fleet, 3);
            assertThat(fleet.devices()).allSatisfy(d -> assertThat(d.failedSessions()).as(d.deviceId() + " " + d.lastError()).isZero());
            String metrics = acs.call("GET", "/metrics", null).body();
            assertThat(metrics).contains("acs_cwmp_inform_events_total{event=\"2 PERIODIC\"}")
                .contains("acs_session_duration_seconds_count");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitKinds(RunningAcs acs, int expected) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, Object> list = acs.get("/api/v1/devices?limit=100");
            long unknown = ((List<Map<String, Object>>) list.get("devices")).stream()
                .filter(d -> "unknown".equals(d.get("kind"))).count();
            if (((Number) list.get("total")).intValue() == expected && unknown == 0) {
                return list;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("fleet not classified: " + list);
            }
            RunningAcs.sleep(200);
        }
    }

    private static void awaitAtLeastSessions(Fleet fleet, int n) {
        Instant end = Instant.now().plusSeconds(60);
        while (fleet.devices().stream().anyMatch(d -> d.completedSessions() < n)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("periodic informs stalled");
            }
            RunningAcs.sleep(200);
        }
    }
}
