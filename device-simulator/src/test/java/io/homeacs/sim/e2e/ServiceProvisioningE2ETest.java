package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.DataModel;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.json.Json;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What zero-touch commissioning does, against a real ACS and both ONT data models: find the ONT by the
 * LOID it reports, write the subscriber's service by concept name (Normalization.writeTarget on the
 * stored parameters), watch the device bring its services up, then suspend the internet service.
 */
class ServiceProvisioningE2ETest {
    @TempDir
    static Path dataDir;
    static RunningAcs acs;
    static Fleet tr181;
    static Fleet tr098;
    static final Normalization NORMALIZATION = Normalization.load(null);

    @BeforeAll
    static void start() {
        acs = RunningAcs.start(dataDir);
        SimulatorConfig base = SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1).withKind(io.homeacs.sim.DeviceKind.ONT)
            .withRetryMinWaitSeconds(1);
        tr181 = Fleet.start(base.withTr098Share(0).withSerialPrefix("ZTA"));
        tr098 = Fleet.start(base.withTr098Share(1).withSerialPrefix("ZTB").withLoidPattern("CT-{serial}"));
        assertThat(tr181.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
        assertThat(tr098.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        tr181.close();
        tr098.close();
        acs.close();
    }

    private static List<SimulatedDevice> onts() {
        return List.of(tr181.devices().get(0), tr098.devices().get(0));
    }

    @Test
    void loidIsInformedStoredAndNormalised() {
        for (SimulatedDevice d : onts()) {
            String expected = d.tr098() ? "CT-" + d.serialNumber() : "L" + d.serialNumber();
            String path = d.root() + "X_CT-COM_UserInfo.UserName";
            assertThat(d.value(path)).contains(expected);
            Map<String, Map<String, Object>> stored = awaitRefreshed(d);
            assertThat(stored.get(path)).as("stored from the Inform and the refresh").containsEntry("value", expected);
            assertThat(FleetCheckInE2ETest.awaitValues(acs, d.deviceId(), List.of("registrationId")).get("registrationId"))
                .containsEntry("value", expected).containsEntry("path", path);
        }
    }

    @Test
    void servicePushedByConceptComesUpAndSuspends() {
        for (SimulatedDevice d : onts()) {
            Map<String, String> service = new LinkedHashMap<>();
            service.put("wanPppUsername", "sub-" + d.serialNumber() + "@fiber.example");
            service.put("wanPppPassword", "ppp-secret-1");
            service.put("wanVlan", "100");
            service.put("wanEnable", "true");
            service.put("iptvVlan", "200");
            service.put("iptvMulticastVlan", "4000");
            service.put("iptvEnable", "true");
            service.put("sipUsername", "+4930555" + d.serialNumber().substring(d.serialNumber().length() - 4));
            service.put("sipPassword", "sip-secret-1");
            service.put("sipDirectoryNumber", "+49305550001");
            service.put("sipProxy", "sip.example.net");
            service.put("voipEnable", "true");
            service.put("wifiPassphrase2g", "correct horse battery");
            push(d, service);

            String what = d.deviceId() + " (" + d.root() + ")";
            refresh(d);
            Map<String, Map<String, Object>> v = FleetCheckInE2ETest.awaitValues(acs, d.deviceId(),
                FleetCheckInE2ETest.SERVICE_CONCEPTS);
            assertThat(v.get("wanConnectionStatus")).as(what).containsEntry("value", "Connected");
            assertThat((String) FleetCheckInE2ETest.awaitValues(acs, d.deviceId(), List.of("wanIpAddress"))
                .get("wanIpAddress").get("value")).as(what).startsWith("100.");
            assertThat(v.get("wanPppUsername")).containsEntry("value", service.get("wanPppUsername"));
            assertThat(v.get("wanEnable")).as(what).containsEntry("value", "true");
            assertThat(((Number) v.get("wanVlan").get("number")).intValue()).as(what).isEqualTo(100);
            assertThat(((Number) v.get("iptvVlan").get("number")).intValue()).as(what).isEqualTo(200);
            assertThat(((Number) v.get("iptvMulticastVlan").get("number")).intValue()).as(what).isEqualTo(4000);
            assertThat(v.get("iptvEnable")).as(what).containsEntry("value", "true");
            assertThat(v.get("voipEnable")).as(what).containsEntry("value", "true");
            assertThat(v.get("sipProxy")).as(what).containsEntry("value", "sip.example.net");
            assertThat(v.get("sipPassword")).containsEntry("value", "********");
            assertThat(d.value(d.root() + (d.tr098() ? "WANDevice.1.WANConnectionDevice.2.WANIPConnection.1.ConnectionStatus"
                : "X_CT-COM_IPTV.ConnectionStatus"))).as(what).contains("Connected");
            assertThat(d.value(d.root() + (d.tr098() ? "Services.VoiceService.1.VoiceProfile.1.Line.1.Status"
                : "Services.VoiceService.1.CallControl.Line.1.Status"))).as(what).contains("Up");
            assertThat(acs.get("/api/v1/devices/" + d.deviceId()).toString()).as("no secret in the device view")
                .doesNotContain("ppp-secret-1", "sip-secret-1", "correct horse battery");

            push(d, Map.of("wanEnable", "false"));
            refresh(d);
            Map<String, Map<String, Object>> suspended = FleetCheckInE2ETest.awaitValues(acs, d.deviceId(),
                List.of("wanConnectionStatus", "wanIpAddress", "wanEnable"));
            assertThat(suspended.get("wanConnectionStatus")).as(what).containsEntry("value", "Disconnected");
            assertThat(suspended.get("wanIpAddress")).as(what).containsEntry("value", "");
            assertThat(suspended.get("wanEnable")).as(what).containsEntry("value", "false");
        }
    }

    /** One SetParameterValues with the concrete parameter of each concept, as commissioning computes it. */
    private static void push(SimulatedDevice d, Map<String, String> concepts) {
        Map<String, Map<String, Object>> stored = awaitRefreshed(d);
        ParameterDocument doc = ParameterDocument.empty();
        stored.forEach((name, e) -> doc.merge(List.of(new ParamValue(name, (String) e.get("value"), (String) e.get("type"))),
            Instant.now()));
        Device device = new Device(0, d.deviceId(), new DeviceIdentity(d.oui(), d.productClass(), d.serialNumber()),
            d.manufacturer(), null, null, null, DeviceKind.GATEWAY, false, d.tr098() ? DataModel.TR098 : DataModel.TR181,
            "CWMP", null, null, null, null, null, null, null, null, null, null);
        List<Map<String, Object>> values = new ArrayList<>();
        concepts.forEach((concept, value) -> {
            ParamValue target = NORMALIZATION.writeTarget(concept, device, doc, value)
                .orElseThrow(() -> new AssertionError(d.deviceId() + " has no parameter for " + concept));
            values.add(Map.of("name", target.name(), "value", target.value(), "type", target.type()));
        });
        Map<String, Object> task = runToEnd(d, Json.write(Map.of("type", "setParameterValues", "parameterValues", values,
            "connectionRequest", true, "waitSeconds", 30)));
        assertThat(task.get("state")).as(task.toString()).isEqualTo("done");
    }

    private static void refresh(SimulatedDevice d) {
        Map<String, Object> task = runToEnd(d, "{\"type\":\"refresh\",\"connectionRequest\":true,\"waitSeconds\":30}");
        assertThat(task.get("state")).as(task.toString()).isEqualTo("done");
    }

    private static Map<String, Object> runToEnd(SimulatedDevice d, String json) {
        long id = ((Number) acs.task(d.deviceId(), json).get("id")).longValue();
        return acs.awaitTask(id, t -> !List.of("queued", "sent", "accepted").contains(t.get("state")), Duration.ofSeconds(60));
    }

    /** The stored parameters once the onboarding refresh is in: its values are stored at once, voice among them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> awaitRefreshed(SimulatedDevice d) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) acs.get("/api/v1/devices/" + d.deviceId())
                .get("parameters");
            if (p.keySet().stream().anyMatch(n -> n.startsWith(d.root() + "Services.VoiceService.1."))) {
                return p;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(d.deviceId() + " never refreshed");
            }
            RunningAcs.sleep(200);
        }
    }
}
