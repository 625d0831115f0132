package io.homeacs.server.provision;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commissioning at the wire: an order binds an already registered ONT, each service goes out as its
 * own SetParameterValues, the read-back verifies it, and suspend/resume flip the line and record
 * when the device took it. The CPE here is scripted, so every RPC the ACS sends is checked exactly.
 */
class CommissioningTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    ScriptedCpe cpe;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "ZT0001", "bootstrap", "bootstrap");
        onboardWithDataModel();
        assertThat(acs.post("/api/v1/plans", "{\"code\":\"FTTH-300\",\"name\":\"Fibre 300M\",\"downMbps\":300,"
            + "\"upMbps\":50,\"defaults\":{\"wanVlan\":41}}").status()).isEqualTo(201);
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"GD-0001\",\"name\":\"Li Wei\",\"address\":\"12 Garden Rd\","
            + "\"plans\":[\"FTTH-300\"],\"settings\":{\"pppoeUsername\":\"gd0001@isp\",\"pppoePassword\":\"s3cret-ppp\","
            + "\"wifiSsid\":\"LiHome\",\"wifiPassphrase\":\"family-pass-1\"}}").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    /** The bootstrap session, with a refresh that reveals the TR-181 objects commissioning writes. */
    private void onboardWithDataModel() {
        cpe.inform(events("0 BOOTSTRAP", "1 BOOT"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply spv = cpe.emptyPost();
        String user = Onboarding.valueOf(spv.body(), "Device.ManagementServer.Username");
        String pass = Onboarding.valueOf(spv.body(), "Device.ManagementServer.Password");
        ScriptedCpe.Reply gpv = cpe.respond(spv.cwmpId(), "<cwmp:SetParameterValuesResponse><Status>0</Status>"
            + "</cwmp:SetParameterValuesResponse>");
        assertThat(cpe.respond(gpv.cwmpId(), gpvResponse(Map.of("Device.PPP.Interface.1.Username", "",
            "Device.PPP.Interface.1.Password", "", "Device.PPP.Interface.1.Enable", "0",
            "Device.PPP.Interface.1.ConnectionStatus", "Disconnected", "Device.Ethernet.VLANTermination.1.VLANID", "0",
            "Device.WiFi.SSID.1.SSID", "ChinaNet-ABCD", "Device.WiFi.AccessPoint.1.Security.KeyPassphrase", ""))).status())
            .isEqualTo(204);
        cpe.newSession();
        cpe.credentials(user, pass);
    }

    private static String gpvResponse(Map<String, String> values) {
        StringBuilder sb = new StringBuilder("<cwmp:GetParameterValuesResponse><ParameterList>");
        values.forEach((k, v) -> sb.append("<ParameterValueStruct><Name>").append(k).append("</Name><Value xsi:type=\"")
            .append(k.endsWith("Enable") ? "xsd:boolean" : k.endsWith("VLANID") ? "xsd:int" : "xsd:string")
            .append("\">").append(v).append("</Value></ParameterValueStruct>"));
        return sb.append("</ParameterList></cwmp:GetParameterValuesResponse>").toString();
    }

    private static final String SPV_OK = "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>";

    @Test
    @SuppressWarnings("unchecked")
    void orderBindsPushesEachServiceAndVerifies() {
        TestAcs.ApiReply created = acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("state", "commissioning").containsEntry("deviceId", 1L);

        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply broadband = cpe.emptyPost();
        assertThat(broadband.body()).contains("SetParameterValues").contains("gd0001@isp").contains("s3cret-ppp")
            .contains("Device.Ethernet.VLANTermination.1.VLANID").contains(">41<").doesNotContain("SSID");
        ScriptedCpe.Reply wifi = cpe.respond(broadband.cwmpId(), SPV_OK);
        assertThat(wifi.body()).contains("LiHome").contains("family-pass-1").doesNotContain("gd0001");
        ScriptedCpe.Reply verify = cpe.respond(wifi.cwmpId(), SPV_OK);
        assertThat(verify.body()).as(acs.get("/api/v1/devices/1/tasks").body() + acs.get("/api/v1/orders/1").body()).contains("GetParameterValues").contains("Device.PPP.Interface.1.ConnectionStatus")
            .doesNotContain("Password").doesNotContain("KeyPassphrase");
        assertThat(cpe.respond(verify.cwmpId(), gpvResponse(Map.of("Device.PPP.Interface.1.Username", "gd0001@isp",
            "Device.PPP.Interface.1.Enable", "1", "Device.Ethernet.VLANTermination.1.VLANID", "41",
            "Device.WiFi.SSID.1.SSID", "LiHome", "Device.PPP.Interface.1.ConnectionStatus", "Connected"))).status())
            .isEqualTo(204);

        Map<String, Object> order = acs.get("/api/v1/orders/1").json();
        assertThat(order).containsEntry("state", "completed");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) order.get("steps");
        assertThat(steps).extracting(s -> s.get("step") + "=" + s.get("state"))
            .containsExactly("bind=done", "broadband=done", "wifi=done", "verify=done");
        assertThat(steps.get(3).get("detail").toString()).contains("verified").contains("WAN Connected");
        assertThat(acs.get("/api/v1/subscribers/1").json().get("deviceIds")).isEqualTo(List.of(1L));
        assertThat(acs.get("/api/v1/subscribers/1").body()).doesNotContain("s3cret-ppp").doesNotContain("family-pass-1");
        assertThat(acs.get("/api/v1/audit?limit=100").body()).doesNotContain("s3cret-ppp").doesNotContain("family-pass-1");

        // Suspend for arrears: the line goes down at the next contact, and when is recorded.
        TestAcs.ApiReply suspended = acs.post("/api/v1/subscribers/1/suspend", "{\"reason\":\"arrears\"}");
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"pending\"");
        cpe.newSession();
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply off = cpe.emptyPost();
        assertThat(off.body()).contains("Device.PPP.Interface.1.Enable").contains(">false<");
        assertThat(cpe.respond(off.cwmpId(), SPV_OK).status()).isEqualTo(204);
        List<Map<String, Object>> actions = (List<Map<String, Object>>) acs.get("/api/v1/subscribers/1/service-actions")
            .json().get("actions");
        assertThat(actions.get(0)).containsEntry("action", "suspend").containsEntry("state", "applied");
        assertThat(actions.get(0).get("effectiveAt")).isNotNull();

        acs.post("/api/v1/subscribers/1/resume", "{\"reason\":\"payment received\"}");
        assertThat(acs.get("/api/v1/service-actions?pending=true").body()).contains("\"resume\"");
        cpe.newSession();
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply on = cpe.emptyPost();
        assertThat(on.body()).contains("Device.PPP.Interface.1.Enable").contains(">true<");
        cpe.respond(on.cwmpId(), SPV_OK);
        assertThat(acs.get("/api/v1/service-actions?pending=true").body()).doesNotContain("\"resume\"");
        assertThat(acs.get("/api/v1/subscribers/1").json().get("suspended")).isEqualTo(List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedValueFailsItsStepWithTheDevicesReason() {
        acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}");
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply broadband = cpe.emptyPost();
        ScriptedCpe.Reply next = cpe.respond(broadband.cwmpId(), "<soap-env:Fault><faultcode>Client</faultcode>"
            + "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode>"
            + "<FaultString>Invalid arguments</FaultString><SetParameterValuesFault><ParameterName>"
            + "Device.Ethernet.VLANTermination.1.VLANID</ParameterName><FaultCode>9007</FaultCode>"
            + "<FaultString>VLAN not allowed</FaultString></SetParameterValuesFault></cwmp:Fault></detail></soap-env:Fault>");
        assertThat(next.body()).contains("LiHome");
        cpe.respond(next.cwmpId(), SPV_OK);
        Map<String, Object> order = acs.get("/api/v1/orders/1").json();
        assertThat(order).containsEntry("state", "failed");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) order.get("steps");
        assertThat(steps).extracting(s -> s.get("step") + "=" + s.get("state"))
            .containsExactly("bind=done", "broadband=failed", "wifi=done", "verify=skipped");
        assertThat(steps.get(1).get("detail").toString()).contains("9003").contains("VLANTermination.1.VLANID")
            .contains("VLAN not allowed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSuspensionDuringCommissioningHasTheLastWord() {
        acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}");
        TestAcs.ApiReply suspended = acs.post("/api/v1/subscribers/1/suspend", "{\"services\":[\"broadband\"]}");
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply broadband = cpe.emptyPost();
        assertThat(broadband.body()).contains("gd0001@isp");
        ScriptedCpe.Reply wifi = cpe.respond(broadband.cwmpId(), SPV_OK);
        ScriptedCpe.Reply off = cpe.respond(wifi.cwmpId(), SPV_OK);
        assertThat(off.body()).as("the suspension goes after the service it suspends")
            .contains("Device.PPP.Interface.1.Enable").contains(">false<").doesNotContain("gd0001");
        ScriptedCpe.Reply verify = cpe.respond(off.cwmpId(), SPV_OK);
        assertThat(verify.body()).contains("GetParameterValues");
        cpe.respond(verify.cwmpId(), gpvResponse(Map.of("Device.PPP.Interface.1.Username", "gd0001@isp",
            "Device.PPP.Interface.1.Enable", "0", "Device.Ethernet.VLANTermination.1.VLANID", "41",
            "Device.WiFi.SSID.1.SSID", "LiHome", "Device.PPP.Interface.1.ConnectionStatus", "Disconnected")));
        assertThat(acs.get("/api/v1/orders/1").json()).as("a suspended line is verified down, not up")
            .containsEntry("state", "completed");
        List<Map<String, Object>> actions = (List<Map<String, Object>>) acs.get("/api/v1/subscribers/1/service-actions")
            .json().get("actions");
        assertThat(actions).extracting(a -> a.get("state")).containsExactly("applied");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLineNotYetUpIsReadAgainAtTheNextContactBeforeItCountsAsFailed() {
        acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}");
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply broadband = cpe.emptyPost();
        ScriptedCpe.Reply wifi = cpe.respond(broadband.cwmpId(), SPV_OK);
        ScriptedCpe.Reply verify = cpe.respond(wifi.cwmpId(), SPV_OK);
        Map<String, String> connecting = Map.of("Device.PPP.Interface.1.Username", "gd0001@isp",
            "Device.PPP.Interface.1.Enable", "1", "Device.Ethernet.VLANTermination.1.VLANID", "41",
            "Device.WiFi.SSID.1.SSID", "LiHome", "Device.PPP.Interface.1.ConnectionStatus", "Connecting");
        ScriptedCpe.Reply callBack = cpe.respond(verify.cwmpId(), gpvResponse(connecting));
        assertThat(callBack.body()).as("the device is asked to call back soon").contains("ScheduleInform");
        cpe.respond(callBack.cwmpId(), "<cwmp:ScheduleInformResponse/>");
        Map<String, Object> order = acs.get("/api/v1/orders/1").json();
        assertThat(order).containsEntry("state", "commissioning");
        assertThat(order.get("steps").toString()).contains("waiting").contains("Connecting");

        cpe.newSession();
        cpe.inform(events("3 SCHEDULED", "M ScheduleInform"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply again = cpe.emptyPost();
        assertThat(again.body()).contains("GetParameterValues").contains("ConnectionStatus");
        Map<String, String> up = new java.util.HashMap<>(connecting);
        up.put("Device.PPP.Interface.1.ConnectionStatus", "Connected");
        cpe.respond(again.cwmpId(), gpvResponse(up));
        assertThat(acs.get("/api/v1/orders/1").json()).containsEntry("state", "completed");
    }
}
