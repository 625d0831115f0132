package io.homeacs.server.cwmp.session;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACS stops while RPCs are out. After a restart, what the device had already applied (its
 * ParameterKey shows it) is completed, not repeated; what it had not is sent again.
 */
class CrashRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void appliedTaskIsNotRepeatedAndUnappliedTaskIsResent() {
        TestAcs acs = TestAcs.start(dataDir);
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "CRASH01", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        long applied = queue(acs, cpe, "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.WiFi.SSID.1.SSID\",\"value\":\"Home\"}]}");
        long unapplied = queue(acs, cpe, "{\"type\":\"addObject\",\"objectName\":\"Device.Hosts.Host.\"}");

        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(cpe.emptyPost().body()).contains("SetParameterValues");
        acs.close();

        acs = TestAcs.start(dataDir);
        ScriptedCpe again = new ScriptedCpe(acs.cwmpPort(), cpe.oui, cpe.productClass, cpe.serial, null, null);
        again.credentials(cpeUser(cpe), cpePass(cpe));
        assertThat(again.inform(events("2 PERIODIC"), again.standardParams("1.0", "task-" + applied)).status()).isEqualTo(200);
        ScriptedCpe.Reply next = again.emptyPost();
        assertThat(next.body()).contains("AddObject").doesNotContain("SetParameterValues");
        assertThat(acs.get("/api/v1/tasks/" + applied).json()).containsEntry("state", "done");
        assertThat(acs.get("/api/v1/tasks/" + applied).body()).contains("ParameterKey");

        acs.close();
        acs = TestAcs.start(dataDir);
        again = new ScriptedCpe(acs.cwmpPort(), cpe.oui, cpe.productClass, cpe.serial, null, null);
        again.credentials(cpeUser(cpe), cpePass(cpe));
        again.inform(events("2 PERIODIC"), again.standardParams("1.0", "task-" + applied));
        ScriptedCpe.Reply resent = again.emptyPost();
        assertThat(resent.body()).as("never acknowledged, so sent again").contains("AddObject");
        assertThat(resent.cwmpId()).isEqualTo("task-" + unapplied + ".2");
        assertThat(again.respond(resent.cwmpId(), "<cwmp:AddObjectResponse><InstanceNumber>4</InstanceNumber>"
            + "<Status>0</Status></cwmp:AddObjectResponse>").status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/tasks/" + unapplied).json()).containsEntry("state", "done");
        assertThat(acs.get("/api/v1/tasks/" + unapplied).body()).contains("\"instanceNumber\":4");
        acs.close();
    }

    @Test
    void downloadSentBeforeACrashIsCompletedByTheDevicesTransferCompleteNotResent() {
        TestAcs acs = TestAcs.start(dataDir);
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "CRASH02", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        long download = queue(acs, cpe, "{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"http://127.0.0.1:9/fw.bin\"}");
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(cpe.emptyPost().body()).contains("<cwmp:Download>");
        acs.close();

        acs = TestAcs.start(dataDir);
        ScriptedCpe again = new ScriptedCpe(acs.cwmpPort(), cpe.oui, cpe.productClass, cpe.serial, null, null);
        again.credentials(cpeUser(cpe), cpePass(cpe));
        again.inform(events("1 BOOT", "7 TRANSFER COMPLETE", "M Download|task-" + download), again.standardParams("2.0", ""));
        again.respond("tc", "<cwmp:TransferComplete><CommandKey>task-" + download + "</CommandKey><FaultStruct>"
            + "<FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct><StartTime>2026-11-21T10:00:00Z</StartTime>"
            + "<CompleteTime>2026-11-21T10:01:00Z</CompleteTime></cwmp:TransferComplete>");
        assertThat(again.emptyPost().status()).as("no second Download").isEqualTo(204);
        assertThat(acs.get("/api/v1/tasks/" + download).json()).containsEntry("state", "done");
        acs.close();
    }

    private static long queue(TestAcs acs, ScriptedCpe cpe, String json) {
        TestAcs.ApiReply r = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return ((Number) r.json().get("id")).longValue();
    }

    private static String cpeUser(ScriptedCpe cpe) {
        return cpe.username();
    }

    private static String cpePass(ScriptedCpe cpe) {
        return cpe.password();
    }
}
