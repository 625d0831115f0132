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

            List<SimulatedDevice> onts = fleet.devices().stream().filter(d -> d.kind() == DeviceKind.ONT).toList();
            assertThat(onts).as("both ONT flavours").anyMatch(SimulatedDevice::tr098).anyMatch(d -> !d.tr098());
            for (SimulatedDevice d : onts) {
                factoryFreshServiceConcepts(acs, d);
            }

            awaitAtLeastSessions(fleet, 3);
            assertThat(fleet.devices()).allSatisfy(d -> assertThat(d.failedSessions()).as(d.deviceId() + " " + d.lastError()).isZero());
            String metrics = acs.call("GET", "/metrics", null).body();
            assertThat(metrics).contains("acs_cwmp_inform_events_total{event=\"2 PERIODIC\"}")
                .contains("acs_session_duration_seconds_count");
        }
    }

    /** Every service concept resolves on both data models, in one logical spelling, while the ONT is unconfigured. */
    @SuppressWarnings("unchecked")
    private static void factoryFreshServiceConcepts(RunningAcs acs, SimulatedDevice d) {
        String what = d.deviceId() + " (" + d.root() + ")";
        Map<String, Map<String, Object>> v = awaitValues(acs, d.deviceId(), SERVICE_CONCEPTS);
        assertThat(((Number) v.get("opticalRxPower").get("number")).doubleValue()).as("a plausible receive level in dBm of " + what)
            .isBetween(-40.0, 0.0);
        assertThat(v.get("registrationId").get("value")).as(what).isEqualTo("L" + d.serialNumber());
        assertThat(v.get("wanPppUsername").get("value")).as(what).isEqualTo("");
        assertThat(v.get("wanEnable").get("value")).as(what).isEqualTo("false");
        assertThat(v.get("wanConnectionStatus").get("value")).as(what).isEqualTo("Unconfigured");
        assertThat(((Number) v.get("wanVlan").get("number")).intValue()).as(what).isZero();
        assertThat(((Number) v.get("iptvVlan").get("number")).intValue()).as(what).isZero();
        assertThat(((Number) v.get("iptvMulticastVlan").get("number")).intValue()).as(what).isEqualTo(-1);
        assertThat(v.get("iptvEnable").get("value")).as(what).isEqualTo("false");
        assertThat(v.get("wifiEnable2g").get("value")).as(what + ": 1 reads as true").isEqualTo("true");
        assertThat(v.get("wifiEnable5g").get("value")).as(what).isEqualTo("true");
        assertThat(v.get("voipEnable").get("value")).as(what).isEqualTo("false");
        assertThat(v.get("voipEnable").get("raw")).as(what + ": TR-104 v1 says Disabled")
            .isEqualTo(d.tr098() ? "Disabled" : null);
        assertThat(v.get("sipUsername").get("value")).as(what).isEqualTo("");
        assertThat(v.get("sipDirectoryNumber").get("value")).as(what).isEqualTo("");
        assertThat(v.get("sipProxy").get("value")).as(what).isEqualTo("");
        for (String secret : List.of("wanPppPassword", "wifiPassphrase2g", "wifiPassphrase5g", "sipPassword")) {
            assertThat(v.get(secret).get("value")).as(what + " " + secret).isEqualTo("********");
        }
    }

    static final List<String> SERVICE_CONCEPTS = List.of("opticalRxPower", "registrationId", "wanPppUsername",
        "wanPppPassword", "wanEnable", "wanVlan", "wanConnectionStatus", "iptvEnable", "iptvVlan", "iptvMulticastVlan",
        "wifiPassphrase2g", "wifiPassphrase5g", "wifiEnable2g", "wifiEnable5g", "voipEnable", "sipUsername",
        "sipPassword", "sipDirectoryNumber", "sipProxy");

    /** The device's normalised values once all of {@code names} resolve (the onboarding refresh may still run). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> awaitValues(RunningAcs acs, String deviceId, List<String> names) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, Map<String, Object>> values = (Map<String, Map<String, Object>>) acs.get("/api/v1/devices/"
                + deviceId + "/values?names=" + String.join(",", names)).get("values");
            if (values.keySet().containsAll(names)) {
                return values;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(deviceId + " never resolved " + names + ": " + values.keySet());
            }
            RunningAcs.sleep(200);
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
