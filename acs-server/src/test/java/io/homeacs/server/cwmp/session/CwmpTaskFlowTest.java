package io.homeacs.server.cwmp.session;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks queued through the API travel to the device as RPCs and come back as outcomes. */
class CwmpTaskFlowTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    ScriptedCpe cpe;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "ONT0001", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void getParameterValuesResultReachesTheApiAndTheRegistry() {
        TestAcs.ApiReply queued = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
            "{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.WiFi.SSID.1.SSID\"]}");
        assertThat(queued.status()).isEqualTo(201);
        long taskId = ((Number) queued.json().get("id")).longValue();
        assertThat(queued.json()).containsEntry("state", "queued");

        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = cpe.emptyPost();
        assertThat(rpc.body()).contains("GetParameterValues").contains("Device.WiFi.SSID.1.SSID");
        assertThat(rpc.cwmpId()).isEqualTo("task-" + taskId + ".1");
        ScriptedCpe.Reply end = cpe.respond(rpc.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList>"
            + "<ParameterValueStruct><Name>Device.WiFi.SSID.1.SSID</Name><Value xsi:type=\"xsd:string\">Home&amp;Co</Value>"
            + "</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>");
        assertThat(end.status()).isEqualTo(204);

        Map<String, Object> task = acs.get("/api/v1/tasks/" + taskId).json();
        assertThat(task).containsEntry("state", "done");
        assertThat(task.get("result").toString()).contains("Home&Co");
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey() + "?parameters=Device.WiFi.").body()).contains("Home&Co");
    }

    @Test
    void cpeFaultIsRecordedAgainstTheTaskWithParameterDetail() {
        long taskId = queue("{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":\"Device.DeviceInfo.SerialNumber\","
            + "\"value\":\"X\",\"type\":\"xsd:string\"}]}");
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = cpe.emptyPost();
        assertThat(rpc.body()).contains("SetParameterValues").contains("<ParameterKey>task-" + taskId + "</ParameterKey>");
        ScriptedCpe.Reply end = cpe.respond(rpc.cwmpId(), "<soap-env:Fault><faultcode>Client</faultcode>"
            + "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid "
            + "arguments</FaultString><SetParameterValuesFault><ParameterName>Device.DeviceInfo.SerialNumber</ParameterName>"
            + "<FaultCode>9008</FaultCode><FaultString>not writable</FaultString></SetParameterValuesFault></cwmp:Fault>"
            + "</detail></soap-env:Fault>");
        assertThat(end.status()).isEqualTo(204);
        Map<String, Object> task = acs.get("/api/v1/tasks/" + taskId).json();
        assertThat(task).containsEntry("state", "fault");
        assertThat(task.get("fault").toString()).contains("9003");
        assertThat(task.get("result").toString()).contains("9008").contains("Device.DeviceInfo.SerialNumber");
    }

    @Test
    void transientFaultIsRetriedInALaterSessionNotTheSameOne() {
        long taskId = queue("{\"type\":\"reboot\"}");
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = cpe.emptyPost();
        assertThat(rpc.body()).contains("<cwmp:Reboot>").contains("task-" + taskId);
        ScriptedCpe.Reply end = cpe.respond(rpc.cwmpId(), "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP "
            + "fault</faultstring><detail><cwmp:Fault><FaultCode>9004</FaultCode><FaultString>busy</FaultString></cwmp:Fault>"
            + "</detail></soap-env:Fault>");
        assertThat(end.status()).as("backoff: not resent at once").isEqualTo(204);
        Map<String, Object> task = acs.get("/api/v1/tasks/" + taskId).json();
        assertThat(task).containsEntry("state", "queued").containsEntry("attempts", 1L);
        assertThat(task.get("fault").toString()).contains("9004");
    }

    @Test
    void cpeRequestsInsideTheSessionAreAnswered() {
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply methods = cpe.respond("c1", "<cwmp:GetRPCMethods/>");
        assertThat(methods.body()).contains("GetRPCMethodsResponse").contains("TransferComplete");
        ScriptedCpe.Reply rd = cpe.respond("c2", "<cwmp:RequestDownload><FileType>1 Firmware Upgrade Image</FileType>"
            + "<FileTypeArg></FileTypeArg></cwmp:RequestDownload>");
        assertThat(rd.body()).contains("RequestDownloadResponse");
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey()).body()).contains("RequestDownload");
    }

    @Test
    void downloadIsAcceptedThenCompletedByTransferComplete() {
        long taskId = queue("{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"http://127.0.0.1:9/fw.bin\",\"fileSize\":1024}");
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = cpe.emptyPost();
        assertThat(rpc.body()).contains("<cwmp:Download>").contains("<CommandKey>task-" + taskId + "</CommandKey>");
        assertThat(cpe.respond(rpc.cwmpId(), "<cwmp:DownloadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z"
            + "</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime></cwmp:DownloadResponse>").status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/tasks/" + taskId).json()).containsEntry("state", "accepted");

        cpe.newSession();
        cpe.inform(events("1 BOOT", "7 TRANSFER COMPLETE", "M Download|task-" + taskId), cpe.standardParams("2.0", ""));
        ScriptedCpe.Reply tcr = cpe.respond("tc", "<cwmp:TransferComplete><CommandKey>task-" + taskId + "</CommandKey>"
            + "<FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct><StartTime>2026-11-21T10:00:00Z"
            + "</StartTime><CompleteTime>2026-11-21T10:01:00Z</CompleteTime></cwmp:TransferComplete>");
        assertThat(tcr.body()).contains("TransferCompleteResponse");
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/tasks/" + taskId).json()).containsEntry("state", "done");
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey()).json()).containsEntry("softwareVersion", "2.0");
    }

    @Test
    void apiRejectsBadTaskRequestsWithoutQueueingAnything() {
        String path = "/api/v1/devices/" + cpe.deviceKey() + "/tasks";
        assertThat(acs.post(path, "{\"type\":\"teleport\"}").status()).isEqualTo(400);
        assertThat(acs.post(path, "{\"type\":\"getParameterValues\"}").status()).isEqualTo(400);
        assertThat(acs.post(path, "{not json").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/devices/nope/tasks", "{\"type\":\"reboot\"}").status()).isEqualTo(404);
        assertThat(acs.call("GET", "/api/v1/devices", null, "wrong-token").status()).isEqualTo(401);
        assertThat(acs.call("GET", "/api/v1/devices", null, null).status()).isEqualTo(401);
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey() + "/tasks").body()).doesNotContain("\"api\"");
    }

    @Test
    void queuedTaskCanBeCancelledButNotTwice() {
        long taskId = queue("{\"type\":\"factoryReset\"}");
        assertThat(acs.call("DELETE", "/api/v1/tasks/" + taskId, null, acs.token).status()).isEqualTo(200);
        assertThat(acs.call("DELETE", "/api/v1/tasks/" + taskId, null, acs.token).status()).isEqualTo(409);
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
    }

    private long queue(String json) {
        TestAcs.ApiReply r = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return ((Number) r.json().get("id")).longValue();
    }
}
