package io.homeacs.server.store;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server on PostgreSQL: onboarding, a task round trip, restart. */
class PostgresSessionTest {
    @TempDir
    Path dataDir;

    @Test
    void serverRunsOnPostgresql() {
        try (PostgresDatabase pg = PostgresDatabase.create()) {
            String[] flags = {"--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()};
            TestAcs acs = TestAcs.start(dataDir, flags);
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "PG0001", "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            TestAcs.ApiReply q = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks", "{\"type\":\"getRpcMethods\"}");
            long id = ((Number) q.json().get("id")).longValue();
            cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
            ScriptedCpe.Reply rpc = cpe.emptyPost();
            assertThat(rpc.body()).contains("GetRPCMethods");
            cpe.respond(rpc.cwmpId(), "<cwmp:GetRPCMethodsResponse><MethodList><string>Inform</string>"
                + "<string>GetParameterValues</string></MethodList></cwmp:GetRPCMethodsResponse>");
            acs.close();

            acs = TestAcs.start(dataDir, flags);
            assertThat(acs.get("/api/v1/tasks/" + id).body()).contains("\"state\":\"done\"").contains("GetParameterValues");
            assertThat(acs.get("/api/v1/devices?kind=gateway").json()).containsEntry("total", 1L);
            acs.close();
        }
    }
}
