package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's day with simulated ONTs: orders wait for their LOIDs, the ONTs call in unbound and
 * are bound by what they report, the subscriber's service is pushed and verified on the device; a
 * broken ONT is swapped for one of another data model; suspension for arrears and restoration.
 */
class ZeroTouchE2ETest {
    @TempDir
    Path dataDir;

    private static final String FIBRE = "{\"code\":\"FTTH-300-IPTV-VOICE\",\"name\":\"Fibre 300M, IPTV, voice\","
        + "\"downMbps\":300,\"upMbps\":50,\"iptv\":true,\"voip\":true,\"defaults\":{\"wanVlan\":41,\"iptvVlan\":45,"
        + "\"iptvMulticastVlan\":4000,\"sipProxy\":\"sip.isp.example\"}}";

    private static String subscriber(String account, String ssid) {
        return "{\"account\":\"" + account + "\",\"name\":\"Family " + account + "\",\"address\":\"" + account
            + " Garden Rd\",\"plans\":[\"FTTH-300-IPTV-VOICE\"],\"settings\":{\"pppoeUsername\":\"" + account
            + "@isp\",\"pppoePassword\":\"pw-" + account + "\",\"sipUsername\":\"+8620" + account + "\","
            + "\"sipPassword\":\"sip-" + account + "\",\"sipNumber\":\"020-" + account + "\",\"wifiSsid\":\"" + ssid
            + "\",\"wifiPassphrase\":\"passphrase-" + account + "\"}}";
    }

    @Test
    void ontsAreBoundByTheirLoidCommissionedSwappedSuspendedAndRestored() {
        try (RunningAcs acs = RunningAcs.start(dataDir)) {
            HttpResponse<String> plan = post(acs, "/api/v1/plans", FIBRE);
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
            assertThat(post(acs, "/api/v1/subscribers", subscriber("1001", "Home-1001")).statusCode()).isEqualTo(201);
            assertThat(post(acs, "/api/v1/subscribers", subscriber("1002", "Home-1002")).statusCode()).isEqualTo(201);
            // Orders come from the BSS before the installer plugs anything in: LOIDs only.
            assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":1,\"registrationId\":\"LZTAO000001\"}").statusCode())
                .isEqualTo(201);
            assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":2,\"registrationId\":\"LZTBO000001\"}").statusCode())
                .isEqualTo(201);

            try (Fleet tr181 = Fleet.start(fleet(acs, "ZTA", 0.0, 2));
                 Fleet tr098 = Fleet.start(fleet(acs, "ZTB", 1.0, 1))) {
                SimulatedDevice first = tr181.device("ZTAO000001");
                SimulatedDevice spare = tr098.device("ZTBO000001");
                Map<String, Object> order1 = awaitOrder(acs, 1, "completed");
                Map<String, Object> order2 = awaitOrder(acs, 2, "completed");
                assertThat(order1.get("boundBy").toString()).contains("LOID LZTAO000001");
                assertCommissioned(first, "1001", "Home-1001");
                assertCommissioned(spare, "1002", "Home-1002");
                assertThat(acs.get("/api/v1/devices?subscriberId=1").toString()).contains(first.deviceId());

                // The first ONT fails; its replacement is a TR-181 unit the installer names by serial.
                SimulatedDevice replacement = tr181.device("ZTAO000002");
                HttpResponse<String> swap = post(acs, "/api/v1/subscribers/1/swap", "{\"oldDeviceId\":"
                    + order1.get("deviceId") + ",\"serialNumber\":\"ZTAO000002\"}");
                assertThat(swap.statusCode()).as(swap.body()).isEqualTo(201);
                Map<String, Object> swapOrder = awaitOrder(acs, 3, "completed");
                assertThat(swapOrder).containsEntry("kind", "swap");
                assertCommissioned(replacement, "1001", "Home-1001");
                assertThat(acs.get("/api/v1/subscribers/1").get("deviceIds").toString())
                    .isEqualTo("[" + swapOrder.get("deviceId") + "]");
                assertThat(acs.get("/api/v1/subscribers/1/assignments").toString()).contains("replaced by device");

                // Arrears: broadband, IPTV and voice go off on the TR-098 unit; payment brings them back.
                assertThat(post(acs, "/api/v1/subscribers/2/suspend", "{\"reason\":\"arrears\"}").statusCode())
                    .isEqualTo(200);
                String ppp = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.";
                awaitValue(spare, ppp + "ConnectionStatus", "Disconnected");
                awaitApplied(acs, 2, 3);
                assertThat(post(acs, "/api/v1/subscribers/2/resume", "{\"reason\":\"payment received\"}").statusCode())
                    .isEqualTo(200);
                awaitValue(spare, ppp + "ConnectionStatus", "Connected");
                awaitApplied(acs, 2, 6);
            }
        }
    }

    private static SimulatorConfig fleet(RunningAcs acs, String prefix, double tr098Share, int devices) {
        return SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(devices).withKind(DeviceKind.ONT).withSerialPrefix(prefix)
            .withTr098Share(tr098Share).withInformInterval(30).withRetryMinWaitSeconds(1);
    }

    private static void assertCommissioned(SimulatedDevice d, String account, String ssid) {
        String root = d.root();
        boolean tr098 = root.startsWith("InternetGatewayDevice");
        String ppp = tr098 ? root + "WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1." : root + "PPP.Interface.1.";
        assertThat(d.value(ppp + "Username")).as(d.deviceId()).contains(account + "@isp");
        assertThat(d.value(ppp + "Password")).contains("pw-" + account);
        assertThat(d.value(ppp + "ConnectionStatus")).contains("Connected");
        assertThat(d.value(tr098 ? root + "LANDevice.1.WLANConfiguration.1.SSID" : root + "WiFi.SSID.1.SSID")).contains(ssid);
        assertThat(d.value(tr098 ? root + "WANDevice.1.WANConnectionDevice.1.X_CT-COM_WANGponLinkConfig.VLANIDMark"
            : root + "Ethernet.VLANTermination.1.VLANID")).contains("41");
        // TR-098 ONTs carry TR-104 v1 voice profiles, TR-181 ONTs the v2 SIP client: one plan serves both.
        assertThat(d.value(tr098 ? root + "Services.VoiceService.1.VoiceProfile.1.Line.1.SIP.AuthUserName"
            : root + "Services.VoiceService.1.SIP.Client.1.AuthUserName")).contains("+8620" + account);
    }

    private static HttpResponse<String> post(RunningAcs acs, String path, String json) {
        return acs.call("POST", path, json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitOrder(RunningAcs acs, long id, String state) {
        Instant end = Instant.now().plusSeconds(90);
        while (true) {
            Map<String, Object> o = acs.get("/api/v1/orders/" + id);
            if (state.equals(o.get("state"))) {
                return o;
            }
            if (Instant.now().isAfter(end) || "failed".equals(o.get("state"))) {
                throw new AssertionError("order " + id + " did not reach " + state + ": " + o);
            }
            RunningAcs.sleep(250);
        }
    }

    private static void awaitValue(SimulatedDevice d, String path, String value) {
        Instant end = Instant.now().plusSeconds(60);
        while (!d.value(path).orElse("").equals(value)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(path + " of " + d.deviceId() + " is " + d.value(path) + ", expected " + value);
            }
            RunningAcs.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static void awaitApplied(RunningAcs acs, long subscriber, int count) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            List<Map<String, Object>> actions = (List<Map<String, Object>>) acs.get("/api/v1/subscribers/" + subscriber
                + "/service-actions").get("actions");
            long applied = actions.stream().filter(a -> "applied".equals(a.get("state")) && a.get("effectiveAt") != null).count();
            if (applied >= count) {
                return;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("service actions not applied: " + actions);
            }
            RunningAcs.sleep(200);
        }
    }
}
