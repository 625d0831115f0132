package io.homeacs.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tamper evidence at the wire: a leased ONT (played by the test) is bound to a subscriber, then
 * does what a subscriber might do to it; each act must leave evidence with the ACS's proof, and
 * what the ACS itself did must leave none.
 */
class TamperEvidenceTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    PlayedDevice ont;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        ont = new PlayedDevice(acs.cwmpPort(), "ZT0001", "LOID-0001");
        ont.onboard();
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"GD-0001\",\"name\":\"Li Wei\",\"address\":\"12 Garden Rd\","
            + "\"settings\":{\"wifiSsid\":\"LiHome\"}}").status()).isEqualTo(201);
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"ZT0001\"}").json())
            .containsEntry("deviceId", 1L);
        // Commissioning pushes the subscriber's SSID: from now on that is the ACS's value.
        assertThat(ont.inform(List.of("6 CONNECTION REQUEST"))).isEqualTo(204);
        assertThat(ont.values).containsEntry("Device.WiFi.SSID.1.SSID", "LiHome");
        assertThat(evidence(1)).as("commissioning itself is no evidence").isEmpty();
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void softwareOutsideTheApprovedListIsEvidenceWithTheVersions() {
        assertThat(acs.post("/api/v1/equipment-catalog/software", "{\"model\":\"HG8245H\",\"softwareVersion\":\"1.0\"}")
            .status()).isEqualTo(201);
        assertThat(ont.inform(List.of("2 PERIODIC"))).isEqualTo(204);
        assertThat(evidence(1)).as("1.0 is approved").isEmpty();

        ont.values.put("Device.DeviceInfo.SoftwareVersion", "1.0-custom");
        ont.inform(List.of("1 BOOT"));
        List<Map<String, Object>> found = evidence(1);
        assertThat(found).hasSize(1);
        Map<String, Object> e = found.get(0);
        assertThat(e).containsEntry("kind", "software-not-approved").containsEntry("subject", "softwareVersion")
            .containsEntry("expected", "1.0").containsEntry("observed", "1.0-custom").containsEntry("subscriberId", 1L)
            .containsEntry("open", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = (Map<String, Object>) e.get("proof");
        assertThat(proof).containsEntry("source", "Inform").containsEntry("model", "HG8245H")
            .containsEntry("approvedVersions", List.of("1.0"));
        assertThat(proof.get("events")).isEqualTo(List.of("1 BOOT"));

        // Judged again when the catalogue changes (the version is still not approved): counted, not repeated.
        assertThat(acs.post("/api/v1/equipment-catalog/software", "{\"model\":\"*\",\"softwareVersion\":\"1.1\"}")
            .status()).isEqualTo(201);
        ont.inform(List.of("2 PERIODIC"));
        assertThat(evidence(1)).as("the same fact seen again is counted, not repeated").hasSize(1)
            .first().satisfies(again -> assertThat(again).containsEntry("occurrences", 2L));
    }

    @Test
    void aFactoryResetTheAcsSentIsNoEvidence() {
        String password = ont.cpe.password();
        assertThat(acs.post("/api/v1/devices/1/tasks", "{\"type\":\"factoryReset\"}").status()).isEqualTo(201);
        ont.inform(List.of("6 CONNECTION REQUEST"));
        assertThat(ont.lastRpcs).contains("FactoryReset");
        ont.cpe.credentials("bootstrap", "bootstrap");
        assertThat(ont.inform(List.of("0 BOOTSTRAP", "1 BOOT"))).isEqualTo(204);
        assertThat(ont.cpe.password()).as("new credentials were provisioned").isNotEqualTo(password);
        assertThat(evidence(1)).isEmpty();
    }

    @Test
    void aResetNobodyAuthorisedIsRecordedEvenThoughTheSessionIsRefused() {
        ont.cpe.credentials("bootstrap", "bootstrap");
        assertThat(ont.inform(List.of("0 BOOTSTRAP", "1 BOOT"))).isEqualTo(403);
        assertThat(ont.inform(List.of("0 BOOTSTRAP", "1 BOOT"))).as("the device retries").isEqualTo(403);
        List<Map<String, Object>> found = evidence(1);
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("kind", "factory-reset").containsEntry("subject", "0 BOOTSTRAP")
            .containsEntry("observed", "reset, session refused").containsEntry("occurrences", 2L)
            .containsEntry("subscriberId", 1L);
        assertThat(found.get(0).get("proof").toString()).contains("0 BOOTSTRAP").contains("accepted=false");
    }

    @Test
    void aValueChangedOutsideTheAcsIsEvidenceWithTheTaskThatSetIt() {
        ont.inform(List.of("4 VALUE CHANGE"), "Device.WiFi.SSID.1.SSID", "LiHome");
        assertThat(evidence(1)).as("the ACS's own value reported back").isEmpty();

        ont.inform(List.of("4 VALUE CHANGE"), "Device.WiFi.SSID.1.SSID", "FreeWifi");
        List<Map<String, Object>> found = evidence(1);
        assertThat(found).hasSize(1);
        Map<String, Object> e = found.get(0);
        assertThat(e).containsEntry("kind", "config-changed").containsEntry("subject", "Device.WiFi.SSID.1.SSID")
            .containsEntry("expected", "LiHome").containsEntry("observed", "FreeWifi");
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = (Map<String, Object>) e.get("proof");
        long task = (Long) proof.get("setByTask");
        assertThat(acs.get("/api/v1/tasks/" + task).body()).contains("setParameterValues").contains("LiHome");
        assertThat(proof.get("events")).isEqualTo(List.of("4 VALUE CHANGE"));
    }

    @Test
    void hardwareAndSerialMismatchesAreEvidence() {
        ont.values.put("Device.DeviceInfo.HardwareVersion", "HW9");
        ont.inform(List.of("1 BOOT"), "Device.DeviceInfo.SerialNumber", "ZT9999");
        assertThat(evidence(1)).extracting(e -> e.get("kind") + ":" + e.get("expected") + "->" + e.get("observed"))
            .containsExactlyInAnyOrder("hardware-mismatch:HW1->HW9", "serial-mismatch:ZT0001->ZT9999");
    }

    @Test
    void anUncertifiedModelIsFlaggedOnceTheOperatorKeepsAList() {
        ont.inform(List.of("2 PERIODIC"));
        assertThat(evidence(1)).as("no list, no judgement").isEmpty();
        assertThat(acs.post("/api/v1/equipment-catalog/models", "{\"model\":\"F660\",\"manufacturer\":\"ZTE\"}").status())
            .isEqualTo(201);
        ont.inform(List.of("2 PERIODIC"));
        Map<String, Object> fleet = acs.get("/api/v1/evidence?kind=uncertified-model").json();
        assertThat(fleet.get("evidence").toString()).contains("HG8245H").contains("deviceId=1");
        assertThat(acs.post("/api/v1/equipment-catalog/models", "{\"model\":\"hg8245h\"}").status()).isEqualTo(201);
        ont.inform(List.of("2 PERIODIC"));
        assertThat(evidence(1)).as("certified now; the old sighting stays").hasSize(1);
    }

    @Test
    void anotherUnitOnTheLeasedUnitsLineIsEvidenceAgainstTheLeasedOne() {
        PlayedDevice stranger = new PlayedDevice(acs.cwmpPort(), "XX0002", "LOID-0001");
        stranger.onboard();
        List<Map<String, Object>> found = evidence(1);
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("kind", "replaced-on-line").containsEntry("subject", "line LOID-0001")
            .containsEntry("expected", "00259E-HG8245H-ZT0001").containsEntry("observed", "00259E-HG8245H-XX0002")
            .containsEntry("subscriberId", 1L);
        assertThat(evidence(2)).as("the stranger is not held by anyone").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> evidence(long deviceId) {
        TestAcs.ApiReply r = acs.get("/api/v1/equipment/" + deviceId + "/evidence");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("evidence");
    }
}
