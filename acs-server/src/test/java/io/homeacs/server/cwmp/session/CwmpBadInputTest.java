package io.homeacs.server.cwmp.session;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken requests get a clear answer, change nothing, and leave the server serving. */
class CwmpBadInputTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    ScriptedCpe cpe;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir, "--cwmp-max-body-bytes", "16384");
        cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "BAD0001", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    @Test
    void externalEntityIsRefusedAndNothingIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + cpe.informXml(events("2 PERIODIC"), cpe.standardParams("&xxe;", "")).substring(38);
        ScriptedCpe.Reply r = cpe.post(xxe);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("malformed SOAP").doesNotContain("root:");
        assertSessionsStillWork();
    }

    @Test
    void entityExpansionBombIsRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append(i == 1 ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            dtd.append("\">");
        }
        dtd.append("]><lolz>&lol9;</lolz>");
        assertThat(cpe.post(dtd.toString()).status()).isEqualTo(400);
        assertSessionsStillWork();
    }

    @Test
    void oversizedBodyGets413() {
        String huge = cpe.informXml(events("2 PERIODIC"), cpe.standardParams("x".repeat(20_000), ""));
        assertThat(cpe.post(huge).status()).isEqualTo(413);
        assertSessionsStillWork();
    }

    @Test
    void chunkedBodyIsAccepted() throws Exception {
        cpe.newSession();
        String inform = cpe.informXml(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        // An authenticated first request: reuse the scripted CPE for the challenge, then send chunked.
        ScriptedCpe.Reply ok = cpe.post(inform);
        assertThat(ok.status()).isEqualTo(200);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/"))
            .header("Cookie", ok.header("Set-Cookie").split(";")[0])
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                cpe.envelope("g1", "<cwmp:GetRPCMethods/>").getBytes(StandardCharsets.UTF_8)))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("GetRPCMethodsResponse");
    }

    @Test
    void unknownMethodGetsFault8000AndTheSessionContinues() {
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply r = cpe.respond("u1", "<cwmp:Teleport><Where>Mars</Where></cwmp:Teleport>");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text("FaultCode")).isEqualTo("8000");
        assertThat(r.cwmpId()).isEqualTo("u1");
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
    }

    @Test
    void unknownCwmpNamespaceGetsFault8006() {
        cpe.namespace = "urn:dslforum-org:cwmp-9-9";
        ScriptedCpe.Reply r = cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text("FaultCode")).isEqualTo("8006");
    }

    @Test
    void requestsOutOfSessionOrderAreRefused() {
        ScriptedCpe.Reply first = cpe.post(cpe.envelope("t1", "<cwmp:TransferComplete><CommandKey>x</CommandKey>"
            + "<FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct>"
            + "<StartTime>2026-01-01T00:00:00Z</StartTime><CompleteTime>2026-01-01T00:00:00Z</CompleteTime>"
            + "</cwmp:TransferComplete>"));
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.text("FaultCode")).isEqualTo("8003");
        cpe.newSession();
        assertThat(cpe.emptyPost().status()).as("empty POST without a session").isEqualTo(400);
        assertThat(cpe.post("<notsoap/>").status()).isEqualTo(400);
        assertThat(cpe.post("<Envelope><unclosed>").status()).isEqualTo(400);
    }

    @Test
    void wrongHttpMethodAndPathAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + acs.cwmpPort());
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/")).GET().build(), HttpResponse.BodyHandlers.ofString())
            .statusCode()).isEqualTo(405);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/other")).POST(HttpRequest.BodyPublishers.ofString("x"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aSecondInformSupersedesTheOpenSessionAndReturnsItsRpcToTheQueue() {
        TestAcs.ApiReply q = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
            "{\"type\":\"getParameterNames\",\"parameterPath\":\"Device.\",\"nextLevel\":true}");
        long taskId = ((Number) q.json().get("id")).longValue();
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(cpe.emptyPost().body()).contains("GetParameterNames");
        cpe.newSession();
        assertThat(cpe.inform(events("6 CONNECTION REQUEST"), cpe.standardParams("1.0", "")).status()).isEqualTo(200);
        assertThat(acs.get("/api/v1/tasks/" + taskId).json()).containsEntry("state", "queued");
    }

    private void assertSessionsStillWork() {
        cpe.newSession();
        assertThat(cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", "")).status()).isEqualTo(200);
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
    }
}
