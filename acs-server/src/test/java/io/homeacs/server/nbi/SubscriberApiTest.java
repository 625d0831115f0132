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

/** Subscribers, plans and orders over HTTP: validation, secrets, roles and the installer's order scope. */
class SubscriberApiTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    String support;
    String viewer;
    String zhao;
    String qian;

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
        support = token("li.support", "support");
        viewer = token("wang.viewer", "viewer");
        zhao = token("zhao.installer", "installer");
        qian = token("qian.installer", "installer");
        assertThat(acs.post("/api/v1/plans", "{\"code\":\"FTTH-500-IPTV\",\"name\":\"Fibre 500M + IPTV\",\"downMbps\":500,"
            + "\"upMbps\":100,\"iptv\":true,\"defaults\":{\"wanVlan\":41,\"iptvVlan\":45,\"iptvMulticastVlan\":4000}}")
            .status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private String token(String user, String role) {
        acs.post("/api/v1/users", "{\"name\":\"" + user + "\",\"role\":\"" + role + "\"}");
        return (String) acs.post("/api/v1/tokens", "{\"user\":\"" + user + "\"}").json().get("token");
    }

    private int status(String method, String path, String body, String bearer) {
        return acs.call(method, path, body, bearer).status();
    }

    private static final String SUBSCRIBER = "{\"account\":\"SZ-1001\",\"name\":\"Chen Jing\",\"address\":\"3-502 Lake View\","
        + "\"accountType\":\"enterprise\",\"plans\":[\"FTTH-500-IPTV\"],\"settings\":{\"pppoeUsername\":\"sz1001\","
        + "\"pppoePassword\":\"ppp-secret-9\",\"wifiPassphrase\":\"wifi-secret-9\"}}";

    @Test
    @SuppressWarnings("unchecked")
    void subscribersKeepSecretsAndRefuseBadInput() {
        TestAcs.ApiReply created = acs.post("/api/v1/subscribers", SUBSCRIBER);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> s = created.json();
        assertThat(s).containsEntry("accountType", "enterprise").containsEntry("services", List.of("broadband", "iptv"));
        assertThat((Map<String, Object>) s.get("contractedRate")).containsEntry("downMbps", 500L);
        assertThat((Map<String, Object>) s.get("settings")).containsEntry("pppoePassword", "********")
            .containsEntry("pppoeUsername", "sz1001");
        assertThat(created.body() + acs.get("/api/v1/audit?limit=50").body()).doesNotContain("ppp-secret-9")
            .doesNotContain("wifi-secret-9");
        assertThat(acs.get("/api/v1/subscribers?q=lake").json().get("subscribers").toString()).contains("SZ-1001");
        assertThat(acs.get("/api/v1/subscribers?account=SZ-1001").json().get("subscribers").toString()).contains("Chen Jing");

        assertThat(acs.post("/api/v1/subscribers", SUBSCRIBER).status()).as("duplicate account").isEqualTo(409);
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"X1\",\"name\":\"A\",\"address\":\"B\",\"colour\":1}")
            .body()).contains("unknown field 'colour'");
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"X1\",\"name\":\"A\",\"address\":\"B\","
            + "\"settings\":{\"wanVlan\":5000}}").body()).contains("wanVlan must be a VLAN ID");
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"X1\",\"name\":\"A\",\"address\":\"B\","
            + "\"settings\":{\"wifiPassphrase\":\"short\"}}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"X1\",\"name\":\"A\",\"address\":\"B\","
            + "\"plans\":[\"NOPE\"]}").body()).contains("unknown plan 'NOPE'");
        assertThat(acs.get("/api/v1/subscribers?account=X1").json().get("subscribers")).isEqualTo(List.of());
        assertThat(acs.get("/api/v1/subscribers/999").status()).isEqualTo(404);

        TestAcs.ApiReply patched = acs.call("PATCH", "/api/v1/subscribers/1", "{\"settings\":{\"wifiSsid\":\"Chen5G\","
            + "\"pppoePassword\":null}}", acs.token);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat((Map<String, Object>) patched.json().get("settings")).containsEntry("wifiSsid", "Chen5G")
            .doesNotContainKey("pppoePassword").containsEntry("wifiPassphrase", "********");
        assertThat(status("PATCH", "/api/v1/subscribers/1", "{\"name\":\"X\"}", support)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/subscribers", SUBSCRIBER.replace("SZ-1001", "SZ-2"), viewer)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/subscribers/1", null, zhao)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/subscribers/1/suspend", "{}", viewer)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/subscribers/1/suspend", "{\"services\":[\"voip\"]}", support))
            .as("not on the plan").isEqualTo(400);
        assertThat(acs.get("/api/v1/subscribers/1").json().get("suspended")).isEqualTo(List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void installersSeeAndBindOnlyTheirOrders() {
        acs.post("/api/v1/subscribers", SUBSCRIBER);
        assertThat(status("POST", "/api/v1/orders", "{\"subscriberId\":1,\"registrationId\":\"LOID-77\"}", zhao))
            .as("installers do not create orders").isEqualTo(403);
        TestAcs.ApiReply mine = acs.call("POST", "/api/v1/orders", "{\"subscriberId\":1,\"registrationId\":\"LOID-77\","
            + "\"installer\":\"zhao.installer\"}", support);
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(mine.json()).containsEntry("state", "open");
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"registrationId\":\"LOID-77\"}").status())
            .as("LOID already awaited").isEqualTo(409);
        acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"OTHER1\",\"installer\":\"qian.installer\"}");
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":99}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":\"one\"}").status()).isEqualTo(400);

        List<Map<String, Object>> seen = (List<Map<String, Object>>) acs.call("GET", "/api/v1/orders?installer=qian.installer",
            null, zhao).json().get("orders");
        assertThat(seen).extracting(o -> o.get("installer")).containsOnly("zhao.installer");
        assertThat(status("GET", "/api/v1/orders/2", null, zhao)).isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/orders/1", null, zhao).json().get("subscriber").toString())
            .as("the installer gets the address").contains("3-502 Lake View");

        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "INST01", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        assertThat(status("GET", "/api/v1/devices/" + cpe.deviceKey(), null, zhao)).as("not yet his").isEqualTo(403);
        assertThat(status("POST", "/api/v1/orders/2/bind", "{\"serialNumber\":\"INST01\"}", zhao)).isEqualTo(403);
        assertThat(acs.call("POST", "/api/v1/orders/1/bind", "{\"serialNumber\":\"NOPE\"}", zhao).body())
            .contains("no registered device has serial number NOPE");
        TestAcs.ApiReply bound = acs.call("POST", "/api/v1/orders/1/bind", "{\"serialNumber\":\"INST01\"}", zhao);
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json()).containsEntry("deviceId", 1L).containsEntry("boundBy", "bound by zhao.installer");
        assertThat(status("GET", "/api/v1/devices/" + cpe.deviceKey(), null, zhao)).as("now his").isEqualTo(200);
        assertThat(status("GET", "/api/v1/devices/" + cpe.deviceKey(), null, qian)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/devices/" + cpe.deviceKey() + "/tasks", "{\"type\":\"reboot\"}", zhao))
            .isEqualTo(201);
        assertThat(status("POST", "/api/v1/devices/" + cpe.deviceKey() + "/tasks", "{\"type\":\"factoryReset\"}", zhao))
            .isEqualTo(403);
        assertThat(acs.get("/api/v1/devices?subscriberId=1").json().get("devices").toString()).contains("INST01");
        assertThat(acs.get("/api/v1/devices?subscriberId=2").json().get("devices")).as("search by subscriber")
            .isEqualTo(List.of());
        assertThat(status("POST", "/api/v1/orders/1/bind", "{\"deviceId\":1}", zhao)).as("no longer open").isEqualTo(409);
        String tasksBefore = acs.get("/api/v1/devices/" + cpe.deviceKey() + "/tasks").body();
        assertThat(status("POST", "/api/v1/subscribers/1/suspend", "{\"reason\":\"" + "x".repeat(201) + "\"}", support))
            .as("an oversized reason changes nothing").isEqualTo(400);
        assertThat(acs.get("/api/v1/subscribers/1").json().get("suspended")).isEqualTo(List.of());
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey() + "/tasks").body()).as("and queues nothing")
            .isEqualTo(tasksBefore);

        // The lease ends: the installer's access and any re-run of the order end with it.
        assertThat(acs.post("/api/v1/subscribers/1/devices/1/release", "{\"reason\":\"lease ended\"}").status())
            .isEqualTo(200);
        assertThat(status("GET", "/api/v1/devices/" + cpe.deviceKey(), null, zhao)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/orders/1/commission", null, zhao)).isEqualTo(409);
        assertThat(acs.get("/api/v1/subscribers/1/assignments").body()).contains("lease ended");
        assertThat(acs.get("/api/v1/audit?limit=50").body()).contains("/api/v1/orders/1/bind").contains("zhao.installer");
    }
}
