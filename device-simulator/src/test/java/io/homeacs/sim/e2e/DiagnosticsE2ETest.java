package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.LineRate;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote diagnostics against simulated ONTs that really transfer over HTTP: a speed test on a line
 * faster than the plan is compliant, one on a line at half the plan's downstream is not; ping and trace
 * route results come back through the API; a device that is gone leaves its run requested until it
 * times out.
 */
class DiagnosticsE2ETest {
    @TempDir
    Path dataDir;

    private static final String PLAN = "{\"code\":\"FTTH-100\",\"name\":\"Fibre 100M\",\"downMbps\":100,\"upMbps\":20}";

    @Test
    void speedTestsAreJudgedAgainstThePlanAndPingAndTraceRouteReport() {
        try (RunningAcs acs = RunningAcs.start(dataDir, "--diagnostics-timeout-seconds", "30")) {
            assertThat(post(acs, "/api/v1/plans", PLAN).statusCode()).isEqualTo(201);
            for (String account : List.of("2001", "2002")) {
                assertThat(post(acs, "/api/v1/subscribers", "{\"account\":\"" + account + "\",\"name\":\"Family " + account
                    + "\",\"address\":\"" + account + " Harbour Rd\",\"plans\":[\"FTTH-100\"],\"settings\":{\"pppoeUsername\":\""
                    + account + "@isp\",\"pppoePassword\":\"pw-" + account + "\"}}").statusCode()).isEqualTo(201);
            }
            assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":1,\"registrationId\":\"LDGAO000001\"}").statusCode())
                .isEqualTo(201);
            assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":2,\"registrationId\":\"LDGBO000001\"}").statusCode())
                .isEqualTo(201);

            // A device that called in once and is gone: its run can only wait, then time out.
            long goneId;
            try (Fleet gone = Fleet.start(fleet(acs, "DGC", 0.0, new LineRate(100, 20)))) {
                SimulatedDevice d = gone.device("DGCO000001");
                goneId = awaitDevice(acs, d.deviceId());
            }
            HttpResponse<String> offline = post(acs, "/api/v1/devices/" + goneId + "/diagnostics",
                "{\"type\":\"ipPing\",\"host\":\"dns.isp.example\"}");
            assertThat(offline.statusCode()).as(offline.body()).isEqualTo(201);
            long offlineRun = id(offline);
            assertThat(json(offline)).containsEntry("state", "requested");

            // Fast: a 300/60 line for a 100/20 plan (TR-181). Slow: 50/60, half the contracted downstream (TR-098).
                // Lines well above the threshold and 10 MB transfers keep the verdicts safe from a stall on a busy machine.
            try (Fleet fast = Fleet.start(fleet(acs, "DGA", 0.0, new LineRate(300, 60)));
                 Fleet slow = Fleet.start(fleet(acs, "DGB", 1.0, new LineRate(50, 60)))) {
                awaitState(acs, "/api/v1/orders/1", "completed");
                awaitState(acs, "/api/v1/orders/2", "completed");
                long fastId = ((Number) acs.get("/api/v1/orders/1").get("deviceId")).longValue();
                long slowId = ((Number) acs.get("/api/v1/orders/2").get("deviceId")).longValue();
                assertThat(slow.device("DGBO000001").tr098()).isTrue();

                long fastRun = start(acs, fastId, "{\"type\":\"speedTest\",\"testBytes\":10000000}");
                long slowRun = start(acs, slowId, "{\"type\":\"speedTest\",\"testBytes\":10000000}");
                // One run per device at a time: the device's completion event does not say which test finished.
                assertThat(post(acs, "/api/v1/devices/" + fastId + "/diagnostics", "{\"type\":\"ipPing\",\"host\":\"a.example\"}")
                    .statusCode()).isEqualTo(409);

                Map<String, Object> f = awaitRun(acs, fastRun, "completed");
                assertThat(f).containsEntry("compliant", true);
                assertThat(((Number) f.get("downMbps")).doubleValue()).isBetween(90.0, 300.5);
                assertThat(((Number) f.get("upMbps")).doubleValue()).isBetween(18.0, 60.5);
                Map<String, Object> result = obj(f.get("result"));
                assertThat(obj(result.get("download")).get("url").toString())
                    .isEqualTo("http://127.0.0.1:" + acs.server.speedTestPort() + "/download/10000000");
                assertThat(obj(result.get("download"))).containsEntry("testBytes", 10000000L);
                assertThat(obj(result.get("compliance"))).containsEntry("thresholdPercent", 90L)
                    .containsEntry("contractedDownMbps", 100L);
                assertThat(obj(obj(f.get("request")).get("contract"))).containsEntry("account", "2001");

                Map<String, Object> s = awaitRun(acs, slowRun, "completed");
                assertThat(s).containsEntry("compliant", false);
                assertThat(((Number) s.get("downMbps")).doubleValue()).isLessThan(50.5);
                assertThat(s.get("detail").toString()).contains("not compliant").contains("downstream");
                assertThat(obj(obj(s.get("result")).get("compliance")).get("reason").toString()).doesNotContain("upstream");

                Map<String, Object> ping = awaitRun(acs, start(acs, fastId,
                    "{\"type\":\"ipPing\",\"host\":\"dns.isp.example\",\"repetitions\":3}"), "completed");
                assertThat(obj(ping.get("result"))).containsEntry("host", "dns.isp.example").containsEntry("successCount", 3L)
                    .containsEntry("failureCount", 0L);
                assertThat(((Number) obj(ping.get("result")).get("averageMs")).longValue()).isPositive();

                Map<String, Object> trace = awaitRun(acs, start(acs, slowId,
                    "{\"type\":\"traceRoute\",\"host\":\"203.0.113.10\",\"tries\":2}"), "completed");
                List<Object> hops = list(obj(trace.get("result")).get("hops"));
                assertThat(hops.size()).isGreaterThanOrEqualTo(4);
                assertThat(obj(hops.get(0))).containsEntry("address", "100.64.0.1");
                assertThat(obj(hops.get(hops.size() - 1))).containsEntry("address", "203.0.113.10");
                assertThat(list(obj(hops.get(0)).get("rttMs"))).hasSize(2);

                // The device cannot resolve the name: the run fails with the device's own error.
                Map<String, Object> unresolved = awaitRun(acs, start(acs, fastId,
                    "{\"type\":\"traceRoute\",\"host\":\"nowhere.invalid\"}"), "failed");
                assertThat(unresolved.get("detail").toString()).contains("Error_CannotResolveHostName");

                Map<String, Object> listed = acs.get("/api/v1/devices/" + fastId + "/diagnostics");
                assertThat(list(listed.get("runs"))).extracting(r -> obj(r).get("type"))
                    .containsExactly("traceRoute", "ipPing", "speedTest");
            }
            Map<String, Object> timedOut = awaitRun(acs, offlineRun, "timedOut");
            assertThat(timedOut.get("detail").toString()).contains("did not take the request");
            assertThat(timedOut.get("finishedAt")).isNotNull();
        }
    }

    private static SimulatorConfig fleet(RunningAcs acs, String prefix, double tr098Share, LineRate rate) {
        return SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1).withKind(DeviceKind.ONT).withSerialPrefix(prefix)
            .withTr098Share(tr098Share).withInformInterval(300).withRetryMinWaitSeconds(1).withLineRate(rate);
    }

    private static long start(RunningAcs acs, long deviceId, String body) {
        HttpResponse<String> r = post(acs, "/api/v1/devices/" + deviceId + "/diagnostics", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/diagnostics/" + id(r)));
        return id(r);
    }

    private static Map<String, Object> awaitRun(RunningAcs acs, long run, String state) {
        return await(acs, "/api/v1/diagnostics/" + run, r -> state.equals(r.get("state")));
    }

    private static void awaitState(RunningAcs acs, String path, String state) {
        await(acs, path, r -> state.equals(r.get("state")));
    }

    private static long awaitDevice(RunningAcs acs, String key) {
        return ((Number) await(acs, "/api/v1/devices/" + key, r -> r.get("id") != null && r.get("parameters") instanceof Map<?, ?> p
            && p.keySet().stream().anyMatch(k -> k.toString().endsWith("ManagementServer.URL"))).get("id")).longValue();
    }

    private static Map<String, Object> await(RunningAcs acs, String path, Predicate<Map<String, Object>> done) {
        Instant end = Instant.now().plusSeconds(90);
        while (true) {
            Map<String, Object> r = acs.get(path);
            if (done.test(r)) {
                return r;
            }
            if (Instant.now().isAfter(end) || "failed".equals(r.get("state")) && !path.contains("diagnostics")) {
                throw new AssertionError(path + " did not reach the expected state: " + r);
            }
            RunningAcs.sleep(200);
        }
    }

    private static HttpResponse<String> post(RunningAcs acs, String path, String json) {
        return acs.call("POST", path, json);
    }

    private static long id(HttpResponse<String> r) {
        return ((Number) json(r).get("id")).longValue();
    }

    private static Map<String, Object> json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
