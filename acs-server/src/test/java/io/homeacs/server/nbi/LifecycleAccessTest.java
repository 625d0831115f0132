package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what with equipment records, over HTTP with real tokens: admin maintains records,
 * catalogue and evidence; support runs pre-return checks and records inspections; viewer reads;
 * installer has nothing here. Refused calls change nothing, and every write is audited.
 */
class LifecycleAccessTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    String support;
    String viewer;
    String installer;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        Onboarding.run(new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "LIFE001", "bootstrap", "bootstrap"));
        acs.post("/api/v1/users", "{\"name\":\"li.support\",\"role\":\"support\"}");
        acs.post("/api/v1/users", "{\"name\":\"wang.viewer\",\"role\":\"viewer\"}");
        acs.post("/api/v1/users", "{\"name\":\"zhao.installer\",\"role\":\"installer\"}");
        support = token("li.support");
        viewer = token("wang.viewer");
        installer = token("zhao.installer");
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void supportChecksAndInspectsViewerReadsInstallerHasNoAccess() {
        String[] reads = {"/api/v1/equipment/1", "/api/v1/equipment/1/evidence", "/api/v1/equipment/1/pre-return-checks",
            "/api/v1/equipment/1/inspections", "/api/v1/evidence", "/api/v1/equipment-catalog/software",
            "/api/v1/equipment-catalog/models", "/api/v1/equipment-catalog/values"};
        for (String path : reads) {
            assertThat(status("GET", path, null, viewer)).as("viewer " + path).isEqualTo(200);
            assertThat(status("GET", path, null, support)).as("support " + path).isEqualTo(200);
            assertThat(status("GET", path, null, installer)).as("installer " + path).isEqualTo(403);
        }
        String check = "/api/v1/equipment/1/pre-return-checks";
        String inspect = "/api/v1/equipment/1/inspections";
        assertThat(status("POST", check, "{\"wake\":false}", viewer)).isEqualTo(403);
        assertThat(status("POST", inspect, "{\"returned\":false}", viewer)).isEqualTo(403);
        assertThat(status("POST", check, "{\"wake\":false}", installer)).isEqualTo(403);
        assertThat(status("POST", inspect, "{\"returned\":false}", installer)).isEqualTo(403);
        assertThat(acs.get(inspect).body()).as("refused calls recorded nothing").contains("\"inspections\":[]");

        assertThat(status("POST", check, "{\"wake\":false}", support)).isEqualTo(201);
        assertThat(status("POST", inspect, "{\"returned\":false}", support)).isEqualTo(201);
        assertThat(acs.call("GET", inspect, null, viewer).body()).contains("\"inspectedBy\":\"li.support\"");

        // Records, the catalogue and dismissals are admin work.
        assertThat(status("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"free\"}", support)).isEqualTo(403);
        assertThat(status("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"free\"}", viewer)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/equipment-catalog/models", "{\"model\":\"X\"}", support)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/evidence/1/dismiss", "{\"reason\":\"x\"}", support)).isEqualTo(403);
        assertThat(acs.get("/api/v1/equipment/1").json()).containsEntry("ownership", "leased");
        assertThat(status("PATCH", "/api/v1/equipment/1", "{\"ownership\":\"free\"}", acs.token)).isEqualTo(200);
        assertThat(status("POST", "/api/v1/equipment-catalog/models", "{\"model\":\"HG8245Q2\"}", acs.token)).isEqualTo(201);
        assertThat(status("DELETE", "/api/v1/equipment-catalog/models/1", null, acs.token)).isEqualTo(204);
        assertThat(status("DELETE", "/api/v1/equipment-catalog/models/1", null, acs.token)).isEqualTo(404);

        String audit = acs.get("/api/v1/audit?limit=100").body();
        assertThat(audit).contains("POST /api/v1/equipment/1/pre-return-checks").contains("POST /api/v1/equipment/1/inspections")
            .contains("PATCH /api/v1/equipment/1").contains("POST /api/v1/equipment-catalog/models")
            .contains("DELETE /api/v1/equipment-catalog/models/1").contains("\"actor\":\"li.support\"")
            .contains("\"actor\":\"wang.viewer\"");
    }

    private String token(String user) {
        TestAcs.ApiReply r = acs.post("/api/v1/tokens", "{\"user\":\"" + user + "\",\"name\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) r.json().get("token");
    }

    private int status(String method, String path, String json, String token) {
        return acs.call(method, path, json, token).status();
    }
}
