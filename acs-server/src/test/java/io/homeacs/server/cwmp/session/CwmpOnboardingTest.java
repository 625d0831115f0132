package io.homeacs.server.cwmp.session;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A factory-fresh device's first sessions, spoken over real HTTP by a scripted CPE. */
class CwmpOnboardingTest {
    @TempDir
    Path dataDir;
    TestAcs acs;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void bootstrapProvisionsOwnCredentialsLearnsTheModelAndInfersKind() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "IPTV4K", "STB0001", "bootstrap", "bootstrap");
        String inform = cpe.informXml(events("0 BOOTSTRAP", "1 BOOT"), cpe.standardParams("1.0.0", ""));

        ScriptedCpe.Reply challenge = cpe.postUnauthenticated(inform);
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate")).startsWith("Digest realm=\"HomeACS\"").contains("qop=\"auth\"");

        ScriptedCpe.Reply informResponse = cpe.post(inform);
        assertThat(informResponse.status()).isEqualTo(200);
        assertThat(informResponse.body()).contains("InformResponse").contains("urn:dslforum-org:cwmp-1-2");
        assertThat(informResponse.text("MaxEnvelopes")).isEqualTo("1");
        assertThat(informResponse.header("Set-Cookie")).startsWith("ACSSESSIONID=");

        ScriptedCpe.Reply spv = cpe.emptyPost();
        assertThat(spv.body()).contains("SetParameterValues").contains("Device.ManagementServer.Username");
        String newUser = valueOf(spv.body(), "Device.ManagementServer.Username");
        String newPass = valueOf(spv.body(), "Device.ManagementServer.Password");
        assertThat(newUser).isEqualTo(cpe.deviceKey());
        assertThat(newPass).hasSizeGreaterThanOrEqualTo(20);
        assertThat(spv.text("ParameterKey")).startsWith("task-");

        ScriptedCpe.Reply gpv = cpe.respond(spv.cwmpId(),
            "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>");
        assertThat(gpv.body()).contains("GetParameterValues").contains("<string>Device.</string>");

        ScriptedCpe.Reply end = cpe.respond(gpv.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList>"
            + pv("Device.DeviceInfo.ModelName", "ViewBox 4K") + pv("Device.Services.STBService.1.Enable", "true")
            + pv("Device.ManagementServer.Password", "") + "</ParameterList></cwmp:GetParameterValuesResponse>");
        assertThat(end.status()).isEqualTo(204);

        Map<String, Object> device = acs.get("/api/v1/devices/" + cpe.deviceKey()).json();
        assertThat(device).containsEntry("kind", "stb").containsEntry("modelName", "ViewBox 4K")
            .containsEntry("softwareVersion", "1.0.0").containsEntry("protocolVersion", "cwmp-1-2");
        assertThat(device.get("parameters").toString()).contains("Device.Services.STBService.1.Enable");

        cpe.newSession();
        ScriptedCpe.Reply stillBootstrap = cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0.0", "task-1"));
        assertThat(stillBootstrap.status()).as("bootstrap login no longer valid for this device").isEqualTo(403);

        cpe.newSession();
        cpe.credentials(newUser, newPass);
        assertThat(cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0.0", "task-1")).status()).isEqualTo(200);
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
    }

    @Test
    void answersInTheCpesOwnCwmpVersion() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00E0FC", "HG8245", "OLD0001", "bootstrap", "bootstrap");
        cpe.namespace = "urn:dslforum-org:cwmp-1-0";
        cpe.root = "InternetGatewayDevice.";
        ScriptedCpe.Reply r = cpe.inform(events("0 BOOTSTRAP"), cpe.standardParams("V3R017", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("urn:dslforum-org:cwmp-1-0").doesNotContain("cwmp-1-2");
        ScriptedCpe.Reply spv = cpe.emptyPost();
        assertThat(spv.body()).contains("InternetGatewayDevice.ManagementServer.Password");
        Map<String, Object> device = acs.get("/api/v1/devices/" + cpe.deviceKey()).json();
        assertThat(device).containsEntry("dataModel", "tr098").containsEntry("kind", "gateway");
    }

    @Test
    void unknownDevicesAreRefusedWhenRegistrationIsClosed(@TempDir Path otherDir) {
        acs.close();
        acs = TestAcs.start(otherDir, "--cpe-allow-unknown", "false");
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "X", "NEW1", "bootstrap", "bootstrap");
        assertThat(cpe.inform(events("0 BOOTSTRAP"), cpe.standardParams("1", "")).status()).isEqualTo(403);
        assertThat(acs.get("/api/v1/devices").json()).containsEntry("total", 0L);
    }

    @Test
    void aProvisionedDeviceCannotBeTakenOverWithTheBootstrapLoginUnlessAnOperatorAllowsIt() {
        ScriptedCpe device = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "OWN0001", "bootstrap", "bootstrap");
        io.homeacs.server.testsupport.Onboarding.run(device);
        ScriptedCpe impostor = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "OWN0001", "bootstrap", "bootstrap");
        ScriptedCpe.Reply refused = impostor.inform(events("0 BOOTSTRAP", "1 BOOT"), impostor.standardParams("6.6.6", ""));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("allow-rebootstrap");
        assertThat(acs.get("/api/v1/devices/" + device.deviceKey()).json()).containsEntry("softwareVersion", "1.0");

        assertThat(acs.post("/api/v1/devices/" + device.deviceKey() + "/allow-rebootstrap", "{\"hours\":1}").status())
            .isEqualTo(200);
        impostor.newSession();
        assertThat(impostor.inform(events("0 BOOTSTRAP", "1 BOOT"), impostor.standardParams("1.0", "")).status())
            .as("after a reset-button factory reset the operator let it back in").isEqualTo(200);
    }

    @Test
    void newCredentialsWorkEvenIfTheirAcknowledgementWasLost() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "LOST001", "bootstrap", "bootstrap");
        cpe.inform(events("0 BOOTSTRAP"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply spv = cpe.emptyPost();
        String user = valueOf(spv.body(), "Device.ManagementServer.Username");
        String pass = valueOf(spv.body(), "Device.ManagementServer.Password");
        cpe.newSession();
        cpe.credentials(user, pass);
        assertThat(cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", "")).status())
            .as("device applied the credentials but its answer never arrived").isEqualTo(200);
        cpe.newSession();
        cpe.credentials("bootstrap", "bootstrap");
        assertThat(cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", "")).status())
            .as("once the new login was used, the bootstrap one is over").isEqualTo(403);
    }

    @Test
    void wrongPasswordIsChallengedAgainAndRecordsNothing() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "X", "BAD1", "bootstrap", "wrong");
        assertThat(cpe.inform(events("0 BOOTSTRAP"), cpe.standardParams("1", "")).status()).isEqualTo(401);
        assertThat(acs.get("/api/v1/devices").json()).containsEntry("total", 0L);
    }

    static String pv(String name, String value) {
        return "<ParameterValueStruct><Name>" + name + "</Name><Value xsi:type=\"xsd:string\">" + value
            + "</Value></ParameterValueStruct>";
    }

    static String valueOf(String body, String name) {
        int n = body.indexOf("<Name>" + name + "</Name>");
        int v = body.indexOf('>', body.indexOf("<Value", n)) + 1;
        return body.substring(v, body.indexOf("</Value>", v));
    }

    static List<String> lines(String s) {
        return List.of(s.split("\n"));
    }
}
