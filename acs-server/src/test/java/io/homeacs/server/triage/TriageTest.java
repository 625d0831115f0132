package io.homeacs.server.triage;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault report at the wire: the ACS reads the gateway's key values fresh, judges them, keeps a
 * health sample, and runs the repair clock to restoration and its KPIs.
 */
class TriageTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    ScriptedCpe cpe;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir, "--health-sample-interval-hours", "0");
        cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "TRI001", "bootstrap", "bootstrap");
        cpe.inform(events("0 BOOTSTRAP", "1 BOOT"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply spv = cpe.emptyPost();
        String user = Onboarding.valueOf(spv.body(), "Device.ManagementServer.Username");
        String pass = Onboarding.valueOf(spv.body(), "Device.ManagementServer.Password");
        ScriptedCpe.Reply gpv = cpe.respond(spv.cwmpId(), "<cwmp:SetParameterValuesResponse><Status>0</Status>"
            + "</cwmp:SetParameterValuesResponse>");
        cpe.respond(gpv.cwmpId(), values(-19500, "Connected", "ERROR_NONE", "tri1@isp"));
        cpe.newSession();
        cpe.credentials(user, pass);
        acs.post("/api/v1/plans", "{\"code\":\"F300\",\"name\":\"Fibre 300M\",\"downMbps\":300,\"upMbps\":50}");
        acs.post("/api/v1/subscribers", "{\"account\":\"TRI-1\",\"name\":\"Wu Fang\",\"address\":\"8 Pine St\","
            + "\"plans\":[\"F300\"],\"settings\":{\"pppoeUsername\":\"tri1@isp\",\"pppoePassword\":\"x-secret\"}}");
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"TRI001\"}").json())
            .containsEntry("deviceId", 1L);
        // Let commissioning run its course so its tasks are out of the way.
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply r = cpe.emptyPost();
        while (r.status() == 200) {
            r = r.body().contains("GetParameterValues")
                ? cpe.respond(r.cwmpId(), values(-19500, "Connected", "ERROR_NONE", "tri1@isp"))
                : cpe.respond(r.cwmpId(), "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>");
        }
        cpe.newSession();
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private static String values(int rxMilliDbm, String wan, String error, String ppp) {
        return "<cwmp:GetParameterValuesResponse><ParameterList>"
            + pv("Device.Optical.Interface.1.OpticalSignalLevel", "xsd:int", String.valueOf(rxMilliDbm))
            + pv("Device.PPP.Interface.1.ConnectionStatus", "xsd:string", wan)
            + pv("Device.PPP.Interface.1.LastConnectionError", "xsd:string", error)
            + pv("Device.PPP.Interface.1.Username", "xsd:string", ppp)
            + pv("Device.PPP.Interface.1.Password", "xsd:string", "")
            + pv("Device.PPP.Interface.1.Enable", "xsd:boolean", "1")
            + pv("Device.Hosts.HostNumberOfEntries", "xsd:unsignedInt", "4")
            + "</ParameterList></cwmp:GetParameterValuesResponse>";
    }

    private static String pv(String name, String type, String value) {
        return "<ParameterValueStruct><Name>" + name + "</Name><Value xsi:type=\"" + type + "\">" + value
            + "</Value></ParameterValueStruct>";
    }

    private Map<String, Object> answerTriage(int rx, String wan, String error, String ppp) {
        cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply read = cpe.emptyPost();
        assertThat(read.body()).contains("GetParameterValues").contains("OpticalSignalLevel")
            .contains("Device.PPP.Interface.1.ConnectionStatus");
        assertThat(cpe.respond(read.cwmpId(), values(rx, wan, error, ppp)).status()).isEqualTo(204);
        cpe.newSession();
        return acs.get("/api/v1/fault-reports?limit=1").json();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWeakLineIsTheOperatorsAndTheClockRunsToRestoration() {
        TestAcs.ApiReply created = acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"no-internet\","
            + "\"description\":\"no internet since this morning\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("state", "triaging").containsEntry("deviceId", 1L);

        Map<String, Object> report = ((List<Map<String, Object>>) answerTriage(-29500, "Disconnected", "ERROR_NONE",
            "tri1@isp").get("reports")).get(0);
        assertThat(report).containsEntry("state", "triaged");
        Map<String, Object> verdict = (Map<String, Object>) report.get("verdict");
        assertThat(verdict).containsEntry("category", "access-line").containsEntry("responsible", "operator");
        assertThat((Map<String, Object>) verdict.get("evidence")).containsEntry("optical", "critical");
        assertThat(acs.get("/api/v1/devices/1/health/samples").json().get("samples").toString()).contains("-29.5");
        assertThat(acs.get("/api/v1/devices/1/health").json()).containsEntry("optical", "critical");

        assertThat(acs.post("/api/v1/fault-reports/1/action", "{\"action\":\"technician dispatched: replace connector\"}")
            .json()).containsEntry("state", "action-taken");
        Map<String, Object> restored = acs.post("/api/v1/fault-reports/1/restore", "{\"note\":\"connector replaced\"}").json();
        assertThat(restored).containsEntry("state", "restored").containsEntry("withinDeadline", true);
        assertThat(acs.post("/api/v1/fault-reports/1/restore", "{}").status()).isEqualTo(409);
        Map<String, Object> kpis = acs.get("/api/v1/fault-reports/kpis").json();
        assertThat(kpis).containsEntry("reports", 1L).containsEntry("restoredWithinDeadline", 1L);
        assertThat(kpis.get("byCategory").toString()).contains("access-line=1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWrongAccountIsFixableRemotelyAndALateReportIsOverdue() {
        String yesterday = Instant.now().minus(30, ChronoUnit.HOURS).toString();
        acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"no-internet\",\"reportedAt\":\"" + yesterday + "\"}");
        Map<String, Object> report = ((List<Map<String, Object>>) answerTriage(-19000, "Disconnected",
            "ERROR_AUTHENTICATION_FAILURE", "old-account").get("reports")).get(0);
        assertThat(((Map<String, Object>) report.get("verdict"))).containsEntry("category", "service-configuration");
        assertThat(acs.get("/api/v1/fault-reports?overdue=true").json().get("reports").toString()).contains("id=1");

        assertThat(acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"smoke\"}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"slow\",\"deviceId\":99}").status())
            .isEqualTo(400);
        assertThat(acs.post("/api/v1/fault-reports", "{\"subscriberId\":42,\"symptom\":\"slow\"}").status()).isEqualTo(404);
        acs.post("/api/v1/users", "{\"name\":\"v\",\"role\":\"viewer\"}");
        String viewer = (String) acs.post("/api/v1/tokens", "{\"user\":\"v\"}").json().get("token");
        assertThat(acs.call("POST", "/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"slow\"}", viewer).status())
            .isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/fault-reports/1", null, viewer).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClockIs24HoursAnd48ForEnterpriseAndOnlyOpenLateReportsAreOverdue() {
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"ENT-1\",\"name\":\"Harbour Logistics\","
            + "\"address\":\"1 Quay\",\"accountType\":\"enterprise\",\"plans\":[\"F300\"],"
            + "\"settings\":{\"pppoeUsername\":\"ent1@isp\",\"pppoePassword\":\"x\"}}").status()).isEqualTo(201);
        Instant reported = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> home = acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"other\","
            + "\"reportedAt\":\"" + reported + "\"}").json();
        Map<String, Object> business = acs.post("/api/v1/fault-reports", "{\"subscriberId\":2,\"symptom\":\"other\","
            + "\"reportedAt\":\"" + reported + "\"}").json();
        assertThat(home).containsEntry("deadlineAt", reported.plus(24, ChronoUnit.HOURS).toString());
        assertThat(business).containsEntry("deadlineAt", reported.plus(48, ChronoUnit.HOURS).toString())
            .as("no device to read: judged at once").containsEntry("state", "triaged");

        List<Map<String, Object>> overdue = (List<Map<String, Object>>) acs.get("/api/v1/fault-reports?overdue=true").json()
            .get("reports");
        assertThat(overdue).extracting(r -> r.get("id")).containsExactly(home.get("id"));

        // Restored late: off the overdue list, and counted as outside the deadline.
        Map<String, Object> restored = acs.post("/api/v1/fault-reports/" + home.get("id") + "/restore", "{}").json();
        assertThat(restored).containsEntry("withinDeadline", false);
        assertThat(((Number) restored.get("repairSeconds")).longValue()).isGreaterThanOrEqualTo(30 * 3600L);
        assertThat((List<Object>) acs.get("/api/v1/fault-reports?overdue=true").json().get("reports")).isEmpty();
        Map<String, Object> kpis = acs.get("/api/v1/fault-reports/kpis").json();
        assertThat(kpis).containsEntry("restored", 1L).containsEntry("restoredWithinDeadline", 0L);
    }
}
