package io.homeacs.server.nbi;

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

/** Searching the registry by tags, stored parameter values and liveness, sorted, as JSON and CSV. */
class DeviceSearchTest {
    @TempDir
    Path dataDir;
    TestAcs acs;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        for (String serial : List.of("S-A", "S-B", "S-C")) {
            Onboarding.run(new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", serial, "bootstrap", "bootstrap"));
        }
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @SuppressWarnings("unchecked")
    private List<String> serials(String query) {
        TestAcs.ApiReply r = acs.get("/api/v1/devices?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) r.json().get("devices")).stream().map(d -> (String) d.get("serialNumber")).toList();
    }

    @Test
    void tagsSelectDevicesAndShowOnThem() {
        assertThat(acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-A/tags/pilot-2026", null, acs.token).status()).isEqualTo(200);
        acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-A/tags/vip", null, acs.token);
        acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-B/tags/pilot-2026", null, acs.token);
        acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-B/tags/pilot-2026", null, acs.token);
        assertThat(serials("tag=pilot-2026")).containsExactlyInAnyOrder("S-A", "S-B");
        assertThat(serials("tag=pilot-2026&tag=vip")).containsExactly("S-A");
        assertThat(acs.get("/api/v1/devices/00A0C9-HG8245Q2-S-A").json().get("tags")).isEqualTo(List.of("pilot-2026", "vip"));
        assertThat(acs.call("DELETE", "/api/v1/devices/00A0C9-HG8245Q2-S-A/tags/vip", null, acs.token).status()).isEqualTo(200);
        assertThat(acs.call("DELETE", "/api/v1/devices/00A0C9-HG8245Q2-S-A/tags/vip", null, acs.token).status()).isEqualTo(404);
        assertThat(acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-A/tags/bad%20tag", null, acs.token).status()).isEqualTo(400);
    }

    @Test
    void storedParameterValuesLivenessAndSorting() {
        assertThat(serials("param=Device.Optical.Interface.1.OpticalSignalLevel=-18000")).hasSize(3);
        assertThat(serials("param=Device.Optical.Interface.1.OpticalSignalLevel=-18")).isEmpty();
        assertThat(acs.get("/api/v1/devices?param=nonsense").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?param=Device.WiFi.AccessPoint.1.Security.KeyPassphrase=guess").status())
            .as("no confirming guesses of secrets").isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?contactedAfter=%2B1000000-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(serials("online=true")).hasSize(3);
        assertThat(serials("online=false")).isEmpty();
        assertThat(serials("sort=-serialNumber")).containsExactly("S-C", "S-B", "S-A");
        assertThat(acs.get("/api/v1/devices?sort=sideways").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?limit=2").json()).containsEntry("total", 3L);
    }

    @Test
    void exportIsCsvWithTheSameFilters() {
        acs.call("PUT", "/api/v1/devices/00A0C9-HG8245Q2-S-C/tags/export-me", null, acs.token);
        TestAcs.ApiReply csv = acs.get("/api/v1/devices/export.csv?tag=export-me");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,key,oui,productClass,serialNumber");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("00A0C9-HG8245Q2-S-C").contains(",gateway,tr181,").endsWith(",true,export-me");
        assertThat(acs.get("/api/v1/devices/export.csv").body().split("\r\n")).hasSize(4);
    }

    @Test
    void valuesComeUnderTheirLogicalNames() {
        TestAcs.ApiReply r = acs.get("/api/v1/devices/00A0C9-HG8245Q2-S-A/values");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"opticalRxPower\":{\"value\":\"-18000\",\"number\":-18.0,\"unit\":\"dBm\"");
        assertThat(acs.get("/api/v1/devices/00A0C9-HG8245Q2-S-A/values?names=softwareVersion").body())
            .contains("softwareVersion").doesNotContain("opticalRxPower");
        assertThat(acs.get("/api/v1/devices/00A0C9-HG8245Q2-S-A/values?names=flux").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/normalization").body()).contains("X_CT-COM_GponInterfaceConfig.RXPower");
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        StringBuilder sb = new StringBuilder();
        DeviceCsv.field(sb, "=HYPERLINK(\"x\")");
        DeviceCsv.field(sb, "a,b");
        DeviceCsv.field(sb, "plain");
        assertThat(sb.toString()).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",plain,");
    }
}
