package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnostics over the API and CWMP, with a scripted device: the request goes out as
 * SetParameterValues, "8 DIAGNOSTICS COMPLETE" brings the read-back, bad input is refused with a
 * clear 4xx, a device that never returns leaves the run requested until it times out, installers
 * reach only their devices, and responses match openapi.json.
 */
class DiagnosticsApiTest {
    private static final String PING = "Device.IP.Diagnostics.IPPing.";

    @TempDir
    Path dataDir;
    TestAcs acs;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir, "--diagnostics-timeout-seconds", "10");
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void aPingRunsThroughTheRequestTheCompletionEventAndTheReadBack() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "DIAG01", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        TestAcs.ApiReply created = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/diagnostics",
            "{\"type\":\"ipPing\",\"host\":\"dns.isp.example\",\"repetitions\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertMatches(created.json(), "DiagnosticRun");
        long run = ((Number) created.json().get("id")).longValue();

        assertThat(cpe.inform(ScriptedCpe.events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", "")).status())
            .isEqualTo(200);
        ScriptedCpe.Reply spv = cpe.emptyPost();
        assertThat(spv.body()).contains("SetParameterValues").contains(PING + "Host").contains("dns.isp.example")
            .contains(PING + "NumberOfRepetitions").contains(PING + "DiagnosticsState").contains("Requested");
        assertThat(cpe.respond(spv.cwmpId(), "<cwmp:SetParameterValuesResponse><Status>0</Status>"
            + "</cwmp:SetParameterValuesResponse>").status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/diagnostics/" + run).json()).containsEntry("state", "running");

        cpe.newSession();
        assertThat(cpe.inform(ScriptedCpe.events("8 DIAGNOSTICS COMPLETE"), cpe.standardParams("1.0", "")).status())
            .isEqualTo(200);
        ScriptedCpe.Reply gpv = cpe.emptyPost();
        assertThat(gpv.body()).contains("GetParameterValues").contains("<string>" + PING + "</string>");
        assertThat(cpe.respond(gpv.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList>"
            + value("DiagnosticsState", "Complete") + value("SuccessCount", "2") + value("FailureCount", "0")
            + value("AverageResponseTime", "7") + value("MinimumResponseTime", "6") + value("MaximumResponseTime", "8")
            + "</ParameterList></cwmp:GetParameterValuesResponse>").status()).isEqualTo(204);

        Map<String, Object> done = acs.get("/api/v1/diagnostics/" + run).json();
        assertMatches(done, "DiagnosticRun");
        assertThat(done).containsEntry("state", "completed").containsEntry("compliant", null);
        assertThat((Map<String, Object>) obj(done.get("result"))).containsEntry("successCount", 2L)
            .containsEntry("averageMs", 7L).containsEntry("averageUs", null);
        Map<String, Object> listed = acs.get("/api/v1/devices/" + cpe.deviceKey() + "/diagnostics").json();
        assertMatches(listed, "DiagnosticRunList");
        assertThat(listed.get("runs").toString()).contains("dns.isp.example");
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey() + "/tasks").body()).contains("\"origin\":\"diagnostics\"");
    }

    @Test
    void aTr098DeviceIsAskedAtItsOwnPathsAndItsRefusalFailsTheRun() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00D0B8", "HG8145V5", "DIAG05", "bootstrap", "bootstrap");
        cpe.namespace = "urn:dslforum-org:cwmp-1-0";
        cpe.root = "InternetGatewayDevice.";
        Onboarding.run(cpe);
        TestAcs.ApiReply created = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/diagnostics",
            "{\"type\":\"traceRoute\",\"host\":\"203.0.113.10\",\"maxHops\":12,\"connectionRequest\":false}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long run = ((Number) created.json().get("id")).longValue();

        cpe.inform(ScriptedCpe.events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply spv = cpe.emptyPost();
        String trace = "InternetGatewayDevice.TraceRouteDiagnostics.";
        assertThat(spv.body()).contains(trace + "MaxHopCount").contains(">12<").contains(trace + "DiagnosticsState");
        assertThat(cpe.respond(spv.cwmpId(), "<soap-env:Fault><faultcode>Client</faultcode><faultstring>CWMP fault"
            + "</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>"
            + "<SetParameterValuesFault><ParameterName>" + trace + "MaxHopCount</ParameterName><FaultCode>9005</FaultCode>"
            + "<FaultString>Invalid parameter name</FaultString></SetParameterValuesFault></cwmp:Fault></detail>"
            + "</soap-env:Fault>").status()).isEqualTo(204);

        Map<String, Object> failed = acs.get("/api/v1/diagnostics/" + run).json();
        assertThat(failed).containsEntry("state", "failed").containsEntry("phase", "trace");
        assertThat(failed.get("detail").toString()).contains("the trace request failed")
            .contains("the device refused: fault 9003").contains(trace + "MaxHopCount (9005 Invalid parameter name)");
        assertThat(failed.get("finishedAt")).isNotNull();
    }

    @Test
    void badInputIsRefusedAndAnOfflineDeviceTimesOut() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "DIAG02", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        String path = "/api/v1/devices/" + cpe.deviceKey() + "/diagnostics";
        assertRefused(acs.post(path, "{\"type\":\"bandwidth\"}"), 400, "unknown diagnostic type 'bandwidth'");
        assertRefused(acs.post(path, "{}"), 400, "type");
        assertRefused(acs.post(path, "{\"type\":\"ipPing\",\"host\":\"http://dns.isp.example\"}"), 400,
            "host must be a host name or an IP address");
        assertRefused(acs.post(path, "{\"type\":\"traceRoute\"}"), 400, "host is required");
        assertRefused(acs.post(path, "{\"type\":\"ipPing\",\"host\":\"a.example\",\"repetitions\":1000}"), 400,
            "repetitions must be between 1 and 100");
        // The device's ManagementServer.URL was never read, so the ACS cannot tell it where its test server is.
        assertRefused(acs.post(path, "{\"type\":\"speedTest\"}"), 400, "does not know yet how device");
        assertRefused(acs.post(path, "{\"type\":\"speedTest\",\"downloadUrl\":\"ftp://x.example/f\","
            + "\"uploadUrl\":\"http://x.example/u\"}"), 400, "downloadUrl must be an http:// or https:// URL");
        assertRefused(acs.post("/api/v1/devices/NO-SUCH-DEVICE/diagnostics", "{\"type\":\"ipPing\",\"host\":\"a.example\"}"),
            404, "device NO-SUCH-DEVICE not found");
        assertThat(acs.get("/api/v1/diagnostics/999").status()).isEqualTo(404);
        assertThat(acs.get("/api/v1/diagnostics/abc").status()).isEqualTo(404);
        assertThat(acs.get(path + "?limit=0").status()).isEqualTo(400);

        TestAcs.ApiReply created = acs.post(path, "{\"type\":\"speedTest\",\"testBytes\":2000000,"
            + "\"downloadUrl\":\"http://speed.isp.example/2MB.bin\",\"uploadUrl\":\"http://speed.isp.example/upload\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("state", "requested");
        assertThat(obj(obj(created.json().get("request")).get("contract"))).containsEntry("subscriberId", null);
        assertRefused(acs.post(path, "{\"type\":\"ipPing\",\"host\":\"a.example\"}"), 409, "already running diagnostics run");

        // The device never calls back: the run stays requested, then times out and its task is cancelled.
        long run = ((Number) created.json().get("id")).longValue();
        long task = ((Number) created.json().get("taskId")).longValue();
        Map<String, Object> timedOut = awaitState(run, "timedOut");
        assertThat(timedOut.get("detail").toString()).contains("no result within 10 s").contains("did not take the request");
        assertThat(acs.get("/api/v1/tasks/" + task).json()).containsEntry("state", "cancelled");
        assertThat(acs.post(path, "{\"type\":\"ipPing\",\"host\":\"a.example\"}").status())
            .as("a timed-out run no longer blocks the device").isEqualTo(201);
    }

    @Test
    void installersReachOnlyTheDevicesOfTheirOrdersAndViewersOnlyRead() {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "DIAG03", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        ScriptedCpe other = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "DIAG04", "bootstrap", "bootstrap");
        Onboarding.run(other);
        String zhao = token("zhao.installer", "installer");
        String viewer = token("wang.viewer", "viewer");
        assertThat(acs.post("/api/v1/plans", "{\"code\":\"FTTH-100\",\"name\":\"Fibre 100M\",\"downMbps\":100,\"upMbps\":20}")
            .status()).isEqualTo(201);
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"GD-7\",\"name\":\"Li\",\"address\":\"7 Hill Rd\","
            + "\"plans\":[\"FTTH-100\"]}").status()).isEqualTo(201);
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"DIAG03\",\"installer\":\"zhao.installer\"}")
            .json()).as("bound at once: the device is registered").containsEntry("deviceId", 1L);

        String body = "{\"type\":\"ipPing\",\"host\":\"192.0.2.1\",\"connectionRequest\":false}";
        TestAcs.ApiReply mine = acs.call("POST", "/api/v1/devices/" + cpe.deviceKey() + "/diagnostics", body, zhao);
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(acs.call("POST", "/api/v1/devices/" + other.deviceKey() + "/diagnostics", body, zhao).status())
            .isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/diagnostics/" + mine.json().get("id"), null, zhao).status()).isEqualTo(200);
        TestAcs.ApiReply notHis = acs.post("/api/v1/devices/" + other.deviceKey() + "/diagnostics", body);
        assertThat(acs.call("GET", "/api/v1/diagnostics/" + notHis.json().get("id"), null, zhao).status()).isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/devices/" + other.deviceKey() + "/diagnostics", null, zhao).status())
            .isEqualTo(403);

        assertThat(acs.call("POST", "/api/v1/devices/" + other.deviceKey() + "/diagnostics", body, viewer).status())
            .isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/diagnostics/" + notHis.json().get("id"), null, viewer).status()).isEqualTo(200);
        assertThat(acs.get("/api/v1/audit?limit=20").body()).contains("/api/v1/devices/" + cpe.deviceKey() + "/diagnostics");
    }

    private String token(String user, String role) {
        acs.post("/api/v1/users", "{\"name\":\"" + user + "\",\"role\":\"" + role + "\"}");
        return (String) acs.post("/api/v1/tokens", "{\"user\":\"" + user + "\"}").json().get("token");
    }

    private Map<String, Object> awaitState(long run, String state) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, Object> r = acs.get("/api/v1/diagnostics/" + run).json();
            if (state.equals(r.get("state")) || Instant.now().isAfter(end)) {
                assertThat(r).containsEntry("state", state);
                return r;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void assertRefused(TestAcs.ApiReply r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(message);
    }

    private static String value(String name, String v) {
        return "<ParameterValueStruct><Name>" + PING + name + "</Name><Value xsi:type=\"xsd:string\">" + v
            + "</Value></ParameterValueStruct>";
    }

    /** The object has every property the schema requires and none it does not document. */
    private static void assertMatches(Map<String, Object> actual, String schema) {
        Map<String, Object> s = obj(obj(obj(openApi().get("components")).get("schemas")).get(schema));
        Set<String> documented = obj(s.get("properties")).keySet();
        assertThat(documented).as("undocumented fields of " + schema).containsAll(actual.keySet());
        Set<String> required = new HashSet<>();
        ((List<?>) s.get("required")).forEach(r -> required.add((String) r));
        assertThat(actual.keySet()).as("required fields of " + schema).containsAll(required);
    }

    private static Map<String, Object> openApi() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
