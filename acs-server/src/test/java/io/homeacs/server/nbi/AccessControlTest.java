package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each role's allowed and forbidden calls over real HTTP, and the audit trail they leave. */
class AccessControlTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    String device;
    String support;
    String viewer;
    String installer;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "ROLE001", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        device = "/api/v1/devices/" + cpe.deviceKey();
        assertThat(acs.post("/api/v1/users", "{\"name\":\"li.support\",\"role\":\"support\",\"password\":\"correct horse battery\"}")
            .status()).isEqualTo(201);
        acs.post("/api/v1/users", "{\"name\":\"wang.viewer\",\"role\":\"viewer\"}");
        acs.post("/api/v1/users", "{\"name\":\"zhao.installer\",\"role\":\"installer\"}");
        support = login("li.support", "correct horse battery");
        viewer = token("wang.viewer");
        installer = token("zhao.installer");
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private String login(String name, String password) {
        TestAcs.ApiReply r = acs.call("POST", "/api/v1/login",
            "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.json().get("token");
    }

    private String token(String user) {
        TestAcs.ApiReply r = acs.post("/api/v1/tokens", "{\"user\":\"" + user + "\",\"name\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) r.json().get("token");
    }

    private int status(String method, String path, String json, String token) {
        return acs.call(method, path, json, token).status();
    }

    private int taskCount() {
        return ((List<?>) acs.get(device + "/tasks").json().get("tasks")).size();
    }

    @Test
    void viewerReadsButChangesNothing() {
        assertThat(status("GET", "/api/v1/devices", null, viewer)).isEqualTo(200);
        assertThat(status("GET", device, null, viewer)).isEqualTo(200);
        assertThat(status("GET", "/api/v1/me", null, viewer)).isEqualTo(200);
        int before = taskCount();
        assertThat(status("POST", device + "/tasks", "{\"type\":\"getRpcMethods\"}", viewer)).isEqualTo(403);
        assertThat(status("PATCH", device, "{\"kind\":\"stb\"}", viewer)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/users", null, viewer)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/audit", null, viewer)).isEqualTo(403);
        assertThat(taskCount()).isEqualTo(before);
        assertThat(acs.get(device).json()).containsEntry("kind", "gateway").containsEntry("kindOverridden", false);
    }

    @Test
    void supportDiagnosesAndRebootsButDoesNotReconfigure() {
        int before = taskCount();
        assertThat(status("POST", device + "/tasks", "{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.\"]}",
            support)).isEqualTo(201);
        assertThat(status("POST", device + "/tasks", "{\"type\":\"reboot\"}", support)).isEqualTo(201);
        assertThat(status("POST", device + "/tasks", "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.WiFi.SSID.1.SSID\",\"value\":\"x\"}]}", support)).isEqualTo(403);
        assertThat(status("POST", device + "/tasks", "{\"type\":\"factoryReset\"}", support)).isEqualTo(403);
        assertThat(taskCount()).as("only the two allowed tasks were queued").isEqualTo(before + 2);
        assertThat(status("POST", device + "/allow-rebootstrap", "{}", support)).isEqualTo(200);
        assertThat(status("PATCH", device, "{\"kind\":\"stb\"}", support)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/users", "{\"name\":\"x\",\"role\":\"admin\"}", support)).isEqualTo(403);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        assertThat(acs.call("PATCH", "/api/v1/users/admin", "{\"role\":\"viewer\"}", acs.token).status()).isEqualTo(409);
        assertThat(acs.call("PATCH", "/api/v1/users/admin", "{\"disabled\":true}", acs.token).status()).isEqualTo(409);
        assertThat(status("GET", "/api/v1/users", null, acs.token)).as("still admin").isEqualTo(200);
        acs.post("/api/v1/users", "{\"name\":\"second.admin\",\"role\":\"admin\"}");
        assertThat(acs.call("PATCH", "/api/v1/users/admin", "{\"role\":\"support\"}", acs.token).status())
            .as("another admin exists now").isEqualTo(200);
    }

    @Test
    void installerSeesNoDevicesOutsideAnOrder() {
        assertThat(status("GET", "/api/v1/devices", null, installer)).isEqualTo(403);
        assertThat(status("GET", device, null, installer)).isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/me", null, installer).body()).contains("\"role\":\"installer\"");
    }

    @Test
    void wrongPasswordRevokedTokenAndDisabledUserAreRefused() {
        assertThat(status("POST", "/api/v1/login", "{\"name\":\"li.support\",\"password\":\"wrong password!\"}", null))
            .isEqualTo(401);
        assertThat(status("POST", "/api/v1/login", "{\"name\":\"nobody\",\"password\":\"whatever it is\"}", null))
            .isEqualTo(401);
        long viewerTokenId = ((Number) acs.call("GET", "/api/v1/me", null, viewer).json().get("tokenId")).longValue();
        assertThat(status("DELETE", "/api/v1/tokens/" + viewerTokenId, null, support)).as("not their token").isEqualTo(403);
        assertThat(status("DELETE", "/api/v1/tokens/" + viewerTokenId, null, viewer)).as("logging out").isEqualTo(200);
        assertThat(status("GET", "/api/v1/devices", null, viewer)).isEqualTo(401);

        assertThat(acs.call("PATCH", "/api/v1/users/li.support", "{\"disabled\":true}", acs.token).status()).isEqualTo(200);
        assertThat(status("GET", "/api/v1/devices", null, support)).isEqualTo(401);
        assertThat(acs.get("/api/v1/tokens").body()).doesNotContain(support).doesNotContain("token_hash");
        assertThat(acs.get("/api/v1/users").body()).doesNotContain("pbkdf2").contains("\"hasPassword\":true");
    }

    @Test
    void repeatedFailedLoginsAreThrottledEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(status("POST", "/api/v1/login", "{\"name\":\"li.support\",\"password\":\"guess number " + i + "\"}",
                null)).isEqualTo(401);
        }
        assertThat(status("POST", "/api/v1/login", "{\"name\":\"li.support\",\"password\":\"correct horse battery\"}",
            null)).as("throttled before the password is even checked").isEqualTo(429);
    }

    @Test
    void aTokenOverItsRateGets429(@TempDir Path other) {
        acs.close();
        acs = TestAcs.start(other, "--api-rate-limit", "1");
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            limited += status("GET", "/api/v1/me", null, acs.token) == 429 ? 1 : 0;
        }
        assertThat(limited).as("burst of 4, then refused").isGreaterThanOrEqualTo(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFloodWithoutTokenIsThrottledAndCannotGrowTheAuditLog() {
        int refused = 0;
        int throttled = 0;
        for (int i = 0; i < 300; i++) {
            int status = status("POST", "/api/v1/bulk", "{}", "not-a-token");
            refused += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        assertThat(refused + throttled).isEqualTo(300);
        assertThat(throttled).as("beyond a burst, anonymous requests from one address are refused").isPositive();
        List<Object> entries = (List<Object>) acs.get("/api/v1/audit?limit=1000").json().get("entries");
        assertThat(entries.size()).as("only the refusals that were answered 401 are audited").isLessThanOrEqualTo(refused + 20);
        assertThat(status("GET", "/api/v1/me", null, acs.token)).as("a valid token is not affected").isEqualTo(200);
    }

    @Test
    void everyWriteIsAuditedWithSecretsMasked() {
        status("POST", device + "/tasks", "{\"type\":\"reboot\"}", support);
        status("POST", device + "/tasks", "{\"type\":\"factoryReset\"}", support);
        acs.post(device + "/tasks", "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.WiFi.AccessPoint.1.Security.KeyPassphrase\",\"value\":\"hunter2-secret\"}]}");
        status("POST", "/api/v1/login", "{\"name\":\"li.support\",\"password\":\"not the password\"}", null);

        String audit = acs.get("/api/v1/audit?limit=50").body();
        assertThat(audit).doesNotContain("hunter2-secret").doesNotContain("not the password").contains("********");
        List<?> entries = (List<?>) acs.get("/api/v1/audit?actor=li.support").json().get("entries");
        assertThat(entries).anySatisfy(e -> assertThat(e.toString()).contains("type=reboot").contains("status=201"))
            .anySatisfy(e -> assertThat(e.toString()).contains("type=factoryReset").contains("status=403"))
            .anySatisfy(e -> assertThat(e.toString()).contains("POST /api/v1/login").contains("status=401"));
        long deviceId = ((Number) acs.get(device).json().get("id")).longValue();
        assertThat(acs.get("/api/v1/audit?deviceId=" + deviceId).body()).contains("KeyPassphrase").contains("\"actor\":\"admin\"");
        assertThat(status("DELETE", "/api/v1/audit", null, acs.token)).as("append-only: no way to delete").isIn(404, 405);
    }
}
