package io.homeacs.server.task;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queued task's secrets are encrypted in the store, reach the device intact, and are gone once it is done. */
class SecretsAtRestTest {
    @TempDir
    Path dataDir;

    @Test
    void transferPasswordIsSealedInTheStoreAndDeliveredToTheDevice() throws Exception {
        TestAcs acs = TestAcs.start(dataDir);
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "SEAL001", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        TestAcs.ApiReply q = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks", "{\"type\":\"download\","
            + "\"fileType\":\"3 Vendor Configuration File\",\"url\":\"http://files.example/cfg\",\"username\":\"cfg\","
            + "\"password\":\"s3cret-transfer-pw\"}");
        long id = ((Number) q.json().get("id")).longValue();
        assertThat(q.body()).doesNotContain("s3cret-transfer-pw");
        acs.close();

        assertThat(storedSpec(id)).doesNotContain("s3cret-transfer-pw").contains("sealed:");

        acs = TestAcs.start(dataDir);
        ScriptedCpe again = new ScriptedCpe(acs.cwmpPort(), cpe.oui, cpe.productClass, cpe.serial, null, null);
        again.credentials(cpe.username(), cpe.password());
        again.inform(events("2 PERIODIC"), again.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = again.emptyPost();
        assertThat(rpc.body()).contains("<Password>s3cret-transfer-pw</Password>");
        again.respond(rpc.cwmpId(), "<cwmp:DownloadResponse><Status>0</Status><StartTime>2026-11-21T10:00:00Z</StartTime>"
            + "<CompleteTime>2026-11-21T10:00:01Z</CompleteTime></cwmp:DownloadResponse>");
        assertThat(acs.get("/api/v1/tasks/" + id).json()).containsEntry("state", "done");
        acs.close();

        assertThat(storedSpec(id)).as("no use for the secret once done").doesNotContain("sealed:").contains("********");
    }

    private String storedSpec(long id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("acs")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT spec FROM task WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
