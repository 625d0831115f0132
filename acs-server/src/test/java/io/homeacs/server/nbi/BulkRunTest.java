package io.homeacs.server.nbi;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One request queues a task for every device of a search, at a bounded rate, with progress and cancel. */
class BulkRunTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    final List<ScriptedCpe> cpes = new ArrayList<>();

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        for (int i = 1; i <= 4; i++) {
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "BULK" + i, "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            cpes.add(cpe);
            if (i <= 3) {
                acs.call("PUT", "/api/v1/devices/" + cpe.deviceKey() + "/tags/wave1", null, acs.token);
            }
        }
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private Map<String, Object> awaitRun(long id, String state) {
        Instant end = Instant.now().plusSeconds(20);
        Map<String, Object> run = acs.get("/api/v1/bulk/" + id).json();
        while (!state.equals(run.get("state"))) {
            assertThat(Instant.now()).as("run %s", run).isBefore(end);
            sleep(100);
            run = acs.get("/api/v1/bulk/" + id).json();
        }
        return run;
    }

    @Test
    void queuesForTheMatchingDevicesReportsProgressAndCancels() {
        TestAcs.ApiReply created = acs.post("/api/v1/bulk", "{\"query\":{\"tag\":\"wave1\"},\"task\":{\"type\":\"getRpcMethods\"},"
            + "\"ratePerMinute\":6000}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = ((Number) created.json().get("id")).longValue();
        assertThat(created.json()).containsEntry("total", 3L);
        Map<String, Object> run = awaitRun(id, "dispatched");
        assertThat(run).containsEntry("dispatched", 3L);
        assertThat(run.get("tasks").toString()).contains("queued=3");

        ScriptedCpe first = cpes.get(0);
        first.newSession();
        first.inform(events("2 PERIODIC"), first.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = first.emptyPost();
        assertThat(rpc.body()).contains("GetRPCMethods");
        first.respond(rpc.cwmpId(), "<cwmp:GetRPCMethodsResponse><MethodList><string>Inform</string></MethodList>"
            + "</cwmp:GetRPCMethodsResponse>");
        ScriptedCpe untagged = cpes.get(3);
        untagged.newSession();
        untagged.inform(events("2 PERIODIC"), untagged.standardParams("1.0", ""));
        assertThat(untagged.emptyPost().status()).as("not in the run").isEqualTo(204);

        TestAcs.ApiReply cancelled = acs.call("DELETE", "/api/v1/bulk/" + id, null, acs.token);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json()).containsEntry("state", "cancelled");
        assertThat(cancelled.json().get("tasks").toString()).contains("done=1").contains("cancelled=2");
        assertThat(acs.call("DELETE", "/api/v1/bulk/" + id, null, acs.token).status()).isEqualTo(409);
    }

    @Test
    void dispatchNeverOutrunsTheRate() {
        Instant createdAt = Instant.now();
        long id = ((Number) acs.post("/api/v1/bulk", "{\"query\":{},\"task\":{\"type\":\"reboot\"},\"ratePerMinute\":60}")
            .json().get("id")).longValue();
        Map<String, Object> run = acs.get("/api/v1/bulk/" + id).json();
        long elapsed = Duration.between(createdAt, Instant.now()).toSeconds() + 1;
        assertThat(((Number) run.get("dispatched")).longValue()).as("one per second, two at most per tick")
            .isLessThanOrEqualTo(2 + elapsed);
        assertThat(awaitRun(id, "dispatched")).containsEntry("dispatched", 4L);
    }

    @Test
    void badRequestsAndForbiddenTaskTypesChangeNothing() {
        assertThat(acs.post("/api/v1/bulk", "{\"query\":{\"colour\":\"red\"},\"task\":{\"type\":\"reboot\"}}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/bulk", "{\"query\":{}}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/bulk", "{\"query\":{},\"task\":{\"type\":\"reboot\"},\"ratePerMinute\":0}").status())
            .isEqualTo(400);
        acs.post("/api/v1/users", "{\"name\":\"sun.support\",\"role\":\"support\"}");
        String support = (String) acs.post("/api/v1/tokens", "{\"user\":\"sun.support\"}").json().get("token");
        assertThat(acs.call("POST", "/api/v1/bulk", "{\"query\":{},\"task\":{\"type\":\"factoryReset\"}}", support).status())
            .isEqualTo(403);
        assertThat(((List<?>) acs.get("/api/v1/bulk").json().get("runs"))).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
