package io.homeacs.server.nbi;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.homeacs.server.events.WebhookSigner;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events reach the OSS signed, survive a failing receiver by retrying, and carry what happened. */
class WebhookTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    HttpServer receiver;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToGive = new AtomicInteger(1);

    @BeforeEach
    void start() throws Exception {
        acs = TestAcs.start(dataDir, "--webhooks-retry-base-seconds", "1");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/oss", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failuresToGive.getAndDecrement() > 0;
            if (!fail) {
                received.add(Map.of("event", ex.getRequestHeaders().getFirst("X-HomeACS-Event"),
                    "delivery", ex.getRequestHeaders().getFirst("X-HomeACS-Delivery"),
                    "timestamp", ex.getRequestHeaders().getFirst("X-HomeACS-Timestamp"),
                    "signature", ex.getRequestHeaders().getFirst("X-HomeACS-Signature"), "body", body));
            }
            ex.sendResponseHeaders(fail ? 500 : 204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        acs.close();
    }

    private Map<String, String> await(String event) {
        Instant end = Instant.now().plusSeconds(20);
        while (true) {
            for (Map<String, String> r : received) {
                if (r.get("event").equals(event)) {
                    return r;
                }
            }
            assertThat(Instant.now()).as("no %s delivered; got %s", event, received).isBefore(end);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void signedEventsAreRetriedUntilTheReceiverTakesThem() {
        TestAcs.ApiReply sub = acs.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
            + "/oss\",\"events\":[\"device.registered\",\"task.failed\"]}");
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        String secret = (String) sub.json().get("secret");
        long hook = ((Number) sub.json().get("id")).longValue();
        assertThat(acs.get("/api/v1/webhooks").body()).doesNotContain(secret);

        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "HOOK01", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        Map<String, String> registered = await("device.registered");
        assertThat(registered.get("body")).contains(cpe.deviceKey()).contains("\"event\":\"device.registered\"");
        assertThat(registered.get("signature")).isEqualTo(
            WebhookSigner.sign(secret, Long.parseLong(registered.get("timestamp")), registered.get("body")));
        assertThat(acs.get("/api/v1/webhooks/" + hook + "/deliveries").body())
            .contains("\"state\":\"delivered\"").contains("\"attempts\":2");

        long task = ((Number) acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
            "{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.Nope.\"]}").json().get("id")).longValue();
        cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        ScriptedCpe.Reply rpc = cpe.emptyPost();
        cpe.respond(rpc.cwmpId(), "<soap-env:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring>"
            + "<detail><cwmp:Fault><FaultCode>9005</FaultCode><FaultString>Invalid parameter name</FaultString></cwmp:Fault>"
            + "</detail></soap-env:Fault>");
        Map<String, String> failed = await("task.failed");
        assertThat(failed.get("body")).contains("\"taskId\":" + task).contains("\"faultCode\":9005");
    }

    @Test
    void subscriptionsAreValidatedAndAdminOnly() {
        assertThat(acs.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"device.exploded\"]}").status())
            .isEqualTo(400);
        assertThat(acs.post("/api/v1/webhooks", "{\"url\":\"file:///etc/passwd\"}").status()).isEqualTo(400);
        acs.post("/api/v1/users", "{\"name\":\"qian.viewer\",\"role\":\"viewer\"}");
        String viewer = (String) acs.post("/api/v1/tokens", "{\"user\":\"qian.viewer\"}").json().get("token");
        assertThat(acs.call("GET", "/api/v1/webhooks", null, viewer).status()).isEqualTo(403);
        assertThat(acs.call("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1/x\"}", viewer).status()).isEqualTo(403);
        long id = ((Number) acs.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/x\"}").json().get("id")).longValue();
        assertThat(acs.call("DELETE", "/api/v1/webhooks/" + id, null, acs.token).status()).isEqualTo(200);
        assertThat(acs.call("DELETE", "/api/v1/webhooks/" + id, null, acs.token).status()).isEqualTo(404);
    }
}
