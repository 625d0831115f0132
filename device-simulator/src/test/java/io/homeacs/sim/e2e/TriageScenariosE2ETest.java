package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.LineRate;
import io.homeacs.sim.Scenario;
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
 * Every fault scenario of the simulator reported as a subscriber would, triaged by the ACS over the
 * wire (fresh read, the diagnostic that fits the symptom) to the expected verdict and responsibility;
 * then the return of a healthy, a tampered and an unreturned unit.
 */
class TriageScenariosE2ETest {
    @TempDir
    Path dataDir;

    private static final String PLAN = "{\"code\":\"FTTH-100\",\"name\":\"Fibre 100M\",\"downMbps\":100,\"upMbps\":20}";
    /** Subscriber (1-based) per device of the fast fleet, in fleet order; the slow line's is the last. */
    private static final List<Scenario> FAST = List.of(Scenario.DEGRADING_OPTICAL, Scenario.REBOOT_LOOP,
        Scenario.WIFI_INTERFERENCE, Scenario.WEAK_COVERAGE, Scenario.TOO_MANY_HOSTS, Scenario.MISCONFIGURED_WAN,
        Scenario.HEALTHY, Scenario.TAMPERED);

    @Test
    void eachScenarioGetsItsVerdictAndEachReturnItsCompensation() {
        try (RunningAcs acs = RunningAcs.start(dataDir, "--diagnostics-timeout-seconds", "60", "--diagnostics-test-bytes",
            "4000000", "--health-sample-interval-hours", "0", "--lifecycle-self-test-wait-seconds", "60")) {
            assertThat(post(acs, "/api/v1/plans", PLAN).statusCode()).isEqualTo(201);
            int subscribers = FAST.size() + 1;
            for (int i = 1; i <= subscribers; i++) {
                String account = "30" + String.format("%02d", i);
                assertThat(post(acs, "/api/v1/subscribers", "{\"account\":\"" + account + "\",\"name\":\"Family " + account
                    + "\",\"address\":\"" + i + " Harbour Rd\",\"plans\":[\"FTTH-100\"],\"settings\":{\"pppoeUsername\":\""
                    + account + "@isp\",\"pppoePassword\":\"pw-" + account + "\"}}").statusCode()).isEqualTo(201);
            }
            for (int i = 1; i <= FAST.size(); i++) {
                assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":" + i + ",\"registrationId\":\"LSCFO"
                    + String.format("%06d", i) + "\"}").statusCode()).isEqualTo(201);
            }
            assertThat(post(acs, "/api/v1/orders", "{\"subscriberId\":" + subscribers + ",\"registrationId\":\"LSCSO000001\"}")
                .statusCode()).isEqualTo(201);

            try (Fleet fast = Fleet.start(fleet(acs, "SCF", FAST.size(), new LineRate(300, 60)));
                 Fleet slow = Fleet.start(fleet(acs, "SCS", 1, new LineRate(40, 60)))) {
                long[] ids = new long[subscribers + 1];
                for (int i = 1; i <= subscribers; i++) {
                    await(acs, "/api/v1/orders/" + i, r -> "completed".equals(r.get("state")));
                    ids[i] = ((Number) acs.get("/api/v1/orders/" + i).get("deviceId")).longValue();
                }
                Map<String, Object> sample = acs.get("/api/v1/devices/" + ids[1]);
                assertThat(post(acs, "/api/v1/equipment-catalog/software", "{\"model\":\"" + sample.get("modelName")
                    + "\",\"softwareVersion\":\"" + sample.get("softwareVersion") + "\"}").statusCode()).isEqualTo(201);
                for (int i = 0; i < FAST.size(); i++) {
                    device(fast, i + 1).scenario(FAST.get(i));
                }
                // A unit that restarts three times by itself: wait until the ACS has seen the boots.
                await(acs, "/api/v1/devices/" + ids[2] + "/health",
                    h -> ((Number) h.get("unexpectedReboots7d")).intValue() >= 3);

                Map<String, Object> optical = triage(acs, 1, "intermittent");
                assertVerdict(optical, "access-line", "operator");
                assertThat(evidence(optical).get("optical")).isIn("warn", "critical");

                assertVerdict(triage(acs, 2, "intermittent"), "leased-device-in-warranty", "operator");

                Map<String, Object> noisy = triage(acs, 3, "wifi");
                assertVerdict(noisy, "in-home-wifi", "subscriber");
                assertThat(verdict(noisy).get("recommendation").toString()).contains("interference");
                assertThat(evidence(noisy)).containsEntry("wifiInterference", true);
                Map<String, Object> health3 = acs.get("/api/v1/devices/" + ids[3] + "/health");
                assertThat(obj(list(health3.get("radios")).get(0))).containsEntry("noiseDbm", -62L)
                    .containsEntry("interference", true);

                Map<String, Object> far = triage(acs, 4, "wifi");
                assertVerdict(far, "in-home-wifi", "subscriber");
                assertThat(verdict(far).get("recommendation").toString()).contains("weak Wi-Fi coverage");
                assertThat(evidence(far)).containsEntry("weakWifiClients", 2L).containsEntry("weakestWifiSignalDbm", -86L);
                List<Object> samples = list(acs.get("/api/v1/devices/" + ids[4] + "/health/samples").get("samples"));
                assertThat(obj(samples.get(samples.size() - 1))).as("the triage's sample keeps the Wi-Fi trend")
                    .containsEntry("weakWifiClients", 2L);
                assertThat(((Number) obj(samples.get(samples.size() - 1)).get("wifiClients")).intValue())
                    .as("three on the 2.4 GHz access point, and the 5 GHz one's").isGreaterThanOrEqualTo(3);

                assertVerdict(triage(acs, 5, "slow"), "subscriber-equipment", "subscriber");

                Map<String, Object> wan = triage(acs, 6, "no-internet");
                assertVerdict(wan, "service-configuration", "operator");
                assertThat(verdict(wan).get("recommendation").toString()).contains("fixable remotely");
                // The remote fix the verdict offers: commissioning again brings the session back.
                assertThat(post(acs, "/api/v1/orders/6/commission", "{}").statusCode()).isEqualTo(200);
                await(acs, "/api/v1/orders/6", r -> "completed".equals(r.get("state")));
                HttpResponse<String> again = post(acs, "/api/v1/fault-reports/6/triage", "{}");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                Map<String, Object> fixed = awaitVerdict(acs, 6);
                assertThat(evidence(fixed).get("wanStatus")).isEqualTo("Connected");
                assertThat(verdict(fixed).get("category")).isNotEqualTo("service-configuration");

                Map<String, Object> healthy = triage(acs, 7, "slow");
                assertVerdict(healthy, "subscriber-equipment", "subscriber");
                Map<String, Object> test = obj(evidence(healthy).get("diagnostic"));
                assertThat(test).containsEntry("type", "speedTest").containsEntry("state", "completed")
                    .containsEntry("compliant", true);
                assertThat(acs.get(test.get("href").toString())).containsEntry("compliant", true)
                    .containsEntry("requestedBy", "triage of fault report 7");

                Map<String, Object> slowLine = triage(acs, subscribers, "slow");
                assertVerdict(slowLine, "access-line", "operator");
                assertThat(obj(evidence(slowLine).get("diagnostic"))).containsEntry("compliant", false);

                Map<String, Object> kpis = acs.get("/api/v1/fault-reports/kpis");
                assertThat(kpis.get("byCategory").toString()).contains("access-line=2").contains("in-home-wifi=2");

                returns(acs, ids);
            }
        }
    }

    /** The tampered unit, a healthy one and one never brought back, at the end of their leases. */
    private static void returns(RunningAcs acs, long[] ids) {
        long tampered = ids[8];
        await(acs, "/api/v1/equipment/" + tampered + "/evidence", e -> {
            String kinds = e.get("evidence").toString();
            return kinds.contains("factory-reset") && kinds.contains("software-not-approved");
        });
        Map<String, Object> bad = inspect(acs, tampered, "{\"returned\":true,\"intact\":true,\"working\":true}");
        assertThat(bad).containsEntry("meetsReleaseCondition", false);
        assertThat(bad.get("compensation").toString()).isEqualTo("150.00");
        assertThat(bad.get("reasons").toString()).contains("software-not-approved").contains("9.9.9-custom");

        long healthy = ids[7];
        HttpResponse<String> check = post(acs, "/api/v1/equipment/" + healthy + "/pre-return-checks", "{}");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(201);
        Map<String, Object> pre = Json.parseObject(check.body());
        assertThat(pre).as(check.body()).containsEntry("outcome", "clean");
        assertThat(obj(list(pre.get("items")).get(1)).get("detail").toString()).contains("fresh self-test").contains("PASS");
        Map<String, Object> good = inspect(acs, healthy, "{\"returned\":true,\"intact\":true,\"working\":true}");
        assertThat(good).containsEntry("meetsReleaseCondition", true).containsEntry("released", true);
        assertThat(good.get("compensation").toString()).isEqualTo("0.00");

        Map<String, Object> failing = Json.parseObject(post(acs, "/api/v1/equipment/" + ids[2] + "/pre-return-checks", "{}")
            .body());
        assertThat(failing).containsEntry("outcome", "problems");
        assertThat(obj(list(failing.get("items")).get(1))).containsEntry("status", "fail");

        Map<String, Object> lost = inspect(acs, ids[5], "{\"returned\":false}");
        assertThat(lost).containsEntry("meetsReleaseCondition", false);
        assertThat(lost.get("compensation").toString()).isEqualTo("150.00");

        reports(acs, ids);
    }

    /** What the operator pulls at the end of the month, as JSON and as CSV. */
    private static void reports(RunningAcs acs, long[] ids) {
        // The failing unit's subscriber cancels: the unit is due back until the counter records it.
        assertThat(acs.call("POST", "/api/v1/subscribers/2/devices/" + ids[2] + "/release",
            "{\"reason\":\"service cancelled\"}").statusCode()).isEqualTo(200);
        Map<String, Object> due = acs.get("/api/v1/reports/devices-due-for-return");
        assertThat(list(due.get("rows"))).extracting(r -> obj(r).get("deviceId")).containsExactly(ids[2]);
        assertThat(obj(list(due.get("rows")).get(0))).containsEntry("account", "3002")
            .containsEntry("releaseReason", "service cancelled").containsEntry("ownership", "leased");

        Map<String, Object> owed = acs.get("/api/v1/reports/compensation-owed");
        assertThat(list(owed.get("rows"))).extracting(r -> obj(r).get("deviceId")).containsExactlyInAnyOrder(ids[8], ids[5]);
        String owedCsv = acs.call("GET", "/api/v1/reports/compensation-owed.csv", null).body();
        assertThat(owedCsv).startsWith("deviceId,deviceKey,kind,modelName,softwareVersion,inspectionId,subscriberId,account,"
            + "returned,compensation,currency,").contains(",150.00,CNY,").contains("9.9.9-custom");
        assertThat(owedCsv.split("\r\n")).hasSize(3);

        Map<String, Object> tampered = acs.get("/api/v1/reports/tampered-devices");
        Map<String, Object> row = list(tampered.get("rows")).stream().map(TriageScenariosE2ETest::obj)
            .filter(r -> ((Number) r.get("deviceId")).longValue() == ids[8]).findFirst().orElseThrow();
        assertThat(list(row.get("kinds"))).contains("factory-reset", "software-not-approved");
        assertThat(acs.call("GET", "/api/v1/reports/tampered-devices.csv", null).body()).contains("factory-reset")
            .contains("software-not-approved").containsPattern("(factory-reset|software-not-approved);");

        // Every unit was installed today: none runs out within a month, all within 366 days.
        assertThat(acs.get("/api/v1/reports/warranty-expiring").get("count")).isEqualTo(0L);
        Map<String, Object> year = acs.get("/api/v1/reports/warranty-expiring?days=366");
        assertThat(((Number) year.get("count")).intValue()).isEqualTo(6);
        assertThat(acs.call("GET", "/api/v1/reports/warranty-expiring.csv?days=0", null).statusCode()).isEqualTo(400);

        String kpis = acs.call("GET", "/api/v1/reports/fault-kpis.csv", null).body();
        assertThat(kpis).startsWith("metric,key,value\r\n").contains("byCategory,access-line,2")
            .contains("byResponsible,operator,");
    }

    private static Map<String, Object> inspect(RunningAcs acs, long device, String body) {
        HttpResponse<String> r = post(acs, "/api/v1/equipment/" + device + "/inspections", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parseObject(r.body());
    }

    private static SimulatedDevice device(Fleet f, int index) {
        return f.device("SCFO" + String.format("%06d", index));
    }

    private static Map<String, Object> triage(RunningAcs acs, long subscriber, String symptom) {
        HttpResponse<String> r = post(acs, "/api/v1/fault-reports", "{\"subscriberId\":" + subscriber + ",\"symptom\":\""
            + symptom + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return awaitVerdict(acs, ((Number) Json.parseObject(r.body()).get("id")).longValue());
    }

    private static Map<String, Object> awaitVerdict(RunningAcs acs, long report) {
        return await(acs, "/api/v1/fault-reports/" + report, r -> "triaged".equals(r.get("state")));
    }

    private static void assertVerdict(Map<String, Object> report, String category, String responsible) {
        assertThat(verdict(report)).as(report.toString()).containsEntry("category", category)
            .containsEntry("responsible", responsible);
    }

    private static Map<String, Object> verdict(Map<String, Object> report) {
        return obj(report.get("verdict"));
    }

    private static Map<String, Object> evidence(Map<String, Object> report) {
        return obj(verdict(report).get("evidence"));
    }

    private static SimulatorConfig fleet(RunningAcs acs, String prefix, int devices, LineRate rate) {
        return SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(devices).withKind(DeviceKind.ONT).withSerialPrefix(prefix)
            .withTr098Share(0.0).withInformInterval(300).withRetryMinWaitSeconds(1).withLineRate(rate);
    }

    private static Map<String, Object> await(RunningAcs acs, String path, Predicate<Map<String, Object>> done) {
        Instant end = Instant.now().plusSeconds(120);
        while (true) {
            Map<String, Object> r = acs.get(path);
            if (done.test(r)) {
                return r;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(path + " did not reach the expected state: " + r);
            }
            RunningAcs.sleep(200);
        }
    }

    private static HttpResponse<String> post(RunningAcs acs, String path, String json) {
        return acs.call("POST", path, json);
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
