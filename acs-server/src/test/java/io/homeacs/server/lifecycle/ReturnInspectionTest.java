package io.homeacs.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equipment record and the end of a lease, over the API with a played ONT: the warranty runs
 * from the installation the order made, the pre-return check reports what the ACS knows, and each
 * counter outcome gets the verdict and compensation the agreements fix.
 */
class ReturnInspectionTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    PlayedDevice ont;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        ont = new PlayedDevice(acs.cwmpPort(), "ZT0001", "LOID-0001");
        ont.onboard();
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"GD-0001\",\"name\":\"Li Wei\",\"address\":\"12 Garden Rd\"}")
            .status()).isEqualTo(201);
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}").status()).isEqualTo(201);
        ont.inform(List.of("6 CONNECTION REQUEST"));
        acs.post("/api/v1/equipment-catalog/software", "{\"model\":\"HG8245H\",\"softwareVersion\":\"1.0\"}");
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void warrantyRunsTwelveMonthsFromTheInstallationTheOrderMade() {
        Map<String, Object> e = acs.get("/api/v1/equipment/00259E-HG8245H-ZT0001").json();
        List<Map<String, Object>> history = (List<Map<String, Object>>) e.get("assignments");
        assertThat(history).hasSize(1);
        Instant installed = Instant.parse((String) history.get(0).get("assignedAt"));
        assertThat(e).containsEntry("ownership", "leased").containsEntry("holderId", 1L)
            .containsEntry("installedFrom", "assignment").containsEntry("installedAt", installed.toString())
            .containsEntry("leaseStart", installed.toString()).containsEntry("warrantyMonths", 12L)
            .containsEntry("warrantyEnd", installed.atZone(ZoneOffset.UTC).plusMonths(12).toInstant().toString())
            .containsEntry("inWarranty", true).containsEntry("kind", "gateway").containsEntry("serialNumber", "ZT0001")
            .containsEntry("hardwareVersion", "HW1").containsEntry("lineId", "LOID-0001").containsEntry("openEvidence", 0L);
        assertThat(e.get("compensationValue").toString()).isEqualTo("150.00");

        TestAcs.ApiReply patched = acs.call("PATCH", "/api/v1/equipment/1", "{\"installedAt\":\"2024-01-31T08:00:00Z\","
            + "\"purchasePrice\":320.5,\"note\":\"installed before the ACS knew it\"}", acs.token);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json()).containsEntry("installedFrom", "record").containsEntry("installedAt", "2024-01-31T08:00:00Z")
            .containsEntry("warrantyEnd", "2025-01-31T08:00:00Z").containsEntry("inWarranty", false)
            .containsEntry("updatedBy", "admin");
        assertThat(patched.json().get("purchasePrice").toString()).isEqualTo("320.50");
        assertThat(acs.call("PATCH", "/api/v1/equipment/1", "{\"installedAt\":null}", acs.token).json())
            .as("back to the order's date").containsEntry("installedFrom", "assignment");
        assertThat(acs.call("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"rented\"}", acs.token).status()).isEqualTo(400);
        assertThat(acs.call("PATCH", "/api/v1/equipment/1", "{\"warranty\":1}", acs.token).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void preReturnCheckReportsWhatTheAcsKnows() {
        TestAcs.ApiReply r = checkWithSelfTest("Complete", "memory, optics, switch: ok");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json()).containsEntry("outcome", "clean").containsEntry("subscriberId", 1L);
        List<Map<String, Object>> items = (List<Map<String, Object>>) r.json().get("items");
        assertThat(items).extracting(i -> i.get("name") + "=" + i.get("status")).containsExactly("reachable=pass",
            "selfTest=pass", "opticalRxPower=pass", "tamperEvidence=pass", "software=pass");
        assertThat(items.get(0).get("detail").toString()).contains("connection request not answered").contains("last contact");
        assertThat(items.get(2).get("detail").toString()).startsWith("-18.00 dBm");
        assertThat(items.get(1).get("detail").toString()).startsWith("fresh self-test").contains("memory, optics, switch: ok");
        long run = ((Number) items.get(1).get("diagnosticRunId")).longValue();
        assertThat(acs.get("/api/v1/diagnostics/" + run).json()).containsEntry("type", "selfTest")
            .containsEntry("state", "completed");

        // The unit fails its own self-test now: the last result it reported (Complete) does not count.
        TestAcs.ApiReply failing = checkWithSelfTest("Error_Internal", "");
        assertThat(failing.json()).containsEntry("outcome", "problems");
        assertThat(((List<Map<String, Object>>) failing.json().get("items")).get(1)).containsEntry("status", "fail");
        assertThat(((List<Map<String, Object>>) failing.json().get("items")).get(1).get("detail").toString())
            .contains("Error_Internal");
        ont.values.put("Device.SelfTestDiagnostics.DiagnosticsState", "Complete");

        // A weak line and firmware the operator never approved.
        ont.values.put("Device.Optical.Interface.1.OpticalSignalLevel", "-26500");
        ont.values.put("Device.DeviceInfo.SoftwareVersion", "2.0-custom");
        acs.post("/api/v1/devices/1/tasks", "{\"type\":\"refresh\"}");
        ont.inform(List.of("1 BOOT"));
        Map<String, Object> again = acs.post("/api/v1/equipment/1/pre-return-checks", "{\"wake\":false}").json();
        assertThat(again).containsEntry("outcome", "problems");
        assertThat((List<Map<String, Object>>) again.get("items")).extracting(i -> i.get("name") + "=" + i.get("status"))
            .containsExactly("reachable=pass", "selfTest=pass", "opticalRxPower=warn", "tamperEvidence=fail", "software=fail");
        assertThat(acs.get("/api/v1/equipment/1/pre-return-checks").json().get("checks").toString()).contains("clean")
            .contains("problems");
    }

    @Test
    void eachCounterOutcomeGetsItsVerdictAndCompensation() {
        Map<String, Object> lost = inspect("{\"returned\":false}");
        assertThat(lost).containsEntry("meetsReleaseCondition", false).containsEntry("released", false)
            .containsEntry("reasons", List.of("not returned")).containsEntry("currency", "CNY");
        assertThat(lost.get("compensation").toString()).isEqualTo("150.00");

        assertThat(inspect("{\"returned\":false,\"unreturnable\":true}").get("compensation").toString())
            .as("no purchase price recorded: the table's value").isEqualTo("150.00");
        acs.call("PATCH", "/api/v1/equipment/1", "{\"purchasePrice\":320}", acs.token);
        Map<String, Object> unreturnable = inspect("{\"returned\":false,\"unreturnable\":true}");
        assertThat(unreturnable.get("compensation").toString()).isEqualTo("320.00");
        assertThat(unreturnable.get("compensationBasis").toString()).contains("100 % of the purchase price");

        acs.call("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"purchased\"}", acs.token);
        assertThat(inspect("{\"returned\":false}").get("compensation").toString()).as("the subscriber's own unit")
            .isEqualTo("0.00");
        acs.call("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"leased\"}", acs.token);

        Map<String, Object> pre = acs.post("/api/v1/equipment/1/pre-return-checks", "{\"wake\":false}").json();
        Map<String, Object> good = inspect("{\"returned\":true,\"intact\":true,\"working\":true,"
            + "\"accessories\":[\"power adapter\",\"fibre patch cord\"],\"note\":\"box missing\"}");
        assertThat(good).containsEntry("meetsReleaseCondition", true).containsEntry("released", true)
            .containsEntry("reasons", List.of()).containsEntry("preReturnCheckId", pre.get("id"))
            .containsEntry("accessories", List.of("power adapter", "fibre patch cord")).containsEntry("subscriberId", 1L);
        assertThat(good.get("compensation").toString()).isEqualTo("0.00");
        assertThat(acs.get("/api/v1/subscribers/1").json().get("deviceIds")).as("released at the counter").isEqualTo(List.of());
        assertThat(acs.get("/api/v1/equipment/1").json()).containsEntry("holderId", null);

        Map<String, Object> damaged = inspect("{\"returned\":true,\"intact\":false,\"working\":true}");
        assertThat(damaged).containsEntry("meetsReleaseCondition", false).containsEntry("reasons", List.of("not intact"))
            .containsEntry("subscriberId", 1L).containsEntry("released", false);
        assertThat(damaged.get("compensation").toString()).isEqualTo("150.00");
        assertThat(acs.get("/api/v1/equipment/1/inspections").json().get("inspections").toString()).contains("320.00");

        assertThat(acs.post("/api/v1/equipment/1/inspections", "{\"returned\":true}").status()).as("findings missing")
            .isEqualTo(400);
        assertThat(acs.post("/api/v1/equipment/1/inspections", "{\"returned\":false,\"intact\":true}").status()).isEqualTo(400);
    }

    @Test
    void aUnitWhoseSoftwareWasAlteredIsNotIntactUntilTheEvidenceIsDismissed() {
        ont.values.put("Device.DeviceInfo.SoftwareVersion", "2.0-custom");
        ont.inform(List.of("1 BOOT"));
        Map<String, Object> altered = inspect("{\"returned\":true,\"intact\":true,\"working\":true}");
        assertThat(altered).containsEntry("meetsReleaseCondition", false);
        assertThat(altered.get("reasons").toString()).contains("software-not-approved").contains("2.0-custom");
        assertThat(altered.get("compensation").toString()).isEqualTo("150.00");
        assertThat(altered.get("evidenceIds")).isEqualTo(List.of(1L));

        TestAcs.ApiReply dismissed = acs.post("/api/v1/evidence/1/dismiss", "{\"reason\":\"reflashed with 1.0 at the counter\"}");
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.json()).containsEntry("open", false).containsEntry("dismissedBy", "admin");
        assertThat(acs.post("/api/v1/evidence/1/dismiss", "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(inspect("{\"returned\":true,\"intact\":true,\"working\":true}")).containsEntry("meetsReleaseCondition", true);
    }

    /**
     * Posts a check (which blocks until the self-test ends) while playing the device: it takes the request
     * in the session the ACS asks for, then reports the test finished with this state.
     */
    private TestAcs.ApiReply checkWithSelfTest(String state, String results) {
        CompletableFuture<TestAcs.ApiReply> pending = CompletableFuture.supplyAsync(
            () -> acs.post("/api/v1/equipment/1/pre-return-checks", "{}"));
        ont.values.put("Device.SelfTestDiagnostics.DiagnosticsState", "None");
        for (int i = 0; i < 400 && !"Requested".equals(ont.values.get("Device.SelfTestDiagnostics.DiagnosticsState")); i++) {
            ont.inform(List.of("6 CONNECTION REQUEST"));
            pause();
        }
        assertThat(ont.values).containsEntry("Device.SelfTestDiagnostics.DiagnosticsState", "Requested");
        ont.values.put("Device.SelfTestDiagnostics.DiagnosticsState", state);
        ont.values.put("Device.SelfTestDiagnostics.Results", results);
        ont.inform(List.of("8 DIAGNOSTICS COMPLETE"));
        return pending.join();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> inspect(String body) {
        TestAcs.ApiReply r = acs.post("/api/v1/equipment/1/inspections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }
}
