package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/profiles over HTTP: strict validation, roles, masked and sealed secrets, explicit priorities, audit. */
class ProfileApiTest {
    static final String SSID = "Device.WiFi.SSID.1.SSID";
    static final String PASS = "Device.WiFi.AccessPoint.1.Security.KeyPassphrase";

    @TempDir
    static Path dataDir;
    static TestAcs acs;
    static String viewer;
    static String support;
    static String installer;

    @BeforeAll
    static void start() {
        acs = TestAcs.start(dataDir);
        viewer = token("api.viewer", "viewer");
        support = token("api.support", "support");
        installer = token("api.installer", "installer");
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    private static String token(String user, String role) {
        acs.post("/api/v1/users", "{\"name\":\"" + user + "\",\"role\":\"" + role + "\"}");
        return (String) acs.post("/api/v1/tokens", "{\"user\":\"" + user + "\"}").json().get("token");
    }

    private static TestAcs.ApiReply create(String json) {
        return acs.post("/api/v1/profiles", json);
    }

    private static String error(TestAcs.ApiReply r) {
        return String.valueOf(r.json().get("error"));
    }

    @Test
    void malformedProfilesAreRefusedWithAMessageNamingTheProblem() {
        Map<String, String> cases = Map.of(
            "{\"name\":\"a\",\"desired\":{\"tags\":[\"x\"]},\"matches\":{}}", "unknown field 'matches'",
            "{\"name\":\"a\",\"priority\":\"high\",\"desired\":{\"tags\":[\"x\"]}}", "'priority' must be a whole number",
            "{\"name\":\"a\",\"match\":{\"model\":\"X\"},\"desired\":{\"tags\":[\"x\"]}}", "unknown field 'model' in match",
            "{\"name\":\"a\",\"desired\":{\"parameters\":{\"Device.WiFi.\":\"x\"}}}", "is not a parameter path",
            "{\"name\":\"a\",\"desired\":{\"parameters\":{\"noSuchConcept\":\"x\"}}}", "unknown key 'noSuchConcept'",
            "{\"name\":\"a\",\"desired\":{\"parameters\":{\"" + SSID + "\":{\"v\":1}}}}", "must be a string, number or boolean",
            "{\"name\":\"a\",\"desired\":{\"objects\":[{\"path\":\"Device.NAT.PortMapping.1.\",\"key\":{\"A\":\"b\"}}]}}",
            "must be a table path",
            "{\"name\":\"a\",\"desired\":{\"objects\":[{\"path\":\"Device.NAT.PortMapping.\"}]}}", "must name the parameters",
            "{\"name\":\"a\",\"match\":{\"softwareVersion\":\"2*.1\"},\"desired\":{\"tags\":[\"x\"]}}", "only at its end",
            "{\"name\":\"a\",\"desired\":{}}", "desired sets nothing");
        cases.forEach((body, message) -> {
            TestAcs.ApiReply r = create(body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(error(r)).as(body).contains(message);
        });
        assertThat(create("{\"name\":\"a\",\"match\":{\"kind\":\"toaster\"},\"desired\":{\"tags\":[\"x\"]}}").status())
            .isEqualTo(400);
        assertThat(acs.get("/api/v1/profiles").json().get("profiles").toString()).doesNotContain("name=a,");
    }

    @Test
    void onlyAdminsWriteAndInstallersSeeNothing() {
        String body = "{\"name\":\"roles\",\"desired\":{\"tags\":[\"roles\"]}}";
        assertThat(acs.call("POST", "/api/v1/profiles", body, support).status()).isEqualTo(403);
        assertThat(acs.call("GET", "/api/v1/profiles", null, installer).status()).isEqualTo(403);
        TestAcs.ApiReply created = create(body);
        assertThat(created.status()).isEqualTo(201);
        String path = "/api/v1/profiles/" + created.json().get("id");
        assertThat(acs.call("GET", path, null, viewer).status()).isEqualTo(200);
        assertThat(acs.call("PUT", path, body, support).status()).isEqualTo(403);
        assertThat(acs.call("POST", path + "/apply", null, viewer).status()).isEqualTo(403);
        assertThat(acs.call("DELETE", path, null, viewer).status()).isEqualTo(403);
        assertThat(acs.call("DELETE", path, null, acs.token).status()).isEqualTo(200);
        assertThat(acs.get(path).status()).isEqualTo(404);
    }

    @Test
    void samePriorityOnTheSameParameterNeedsAnExplicitOrder() {
        assertThat(create("{\"name\":\"ssid-a\",\"priority\":5,\"match\":{\"modelName\":\"HGW-1\"},"
            + "\"desired\":{\"parameters\":{\"" + SSID + "\":\"A\"}}}").status()).isEqualTo(201);
        TestAcs.ApiReply clash = create("{\"name\":\"ssid-b\",\"priority\":5,\"desired\":{\"parameters\":{\"" + SSID
            + "\":\"B\"}}}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(error(clash)).contains("ssid-a").contains("same priority 5").contains(SSID);
        assertThat(create("{\"name\":\"ssid-c\",\"priority\":5,\"match\":{\"modelName\":\"HGW-2\"},"
            + "\"desired\":{\"parameters\":{\"" + SSID + "\":\"C\"}}}").status()).as("disjoint matches").isEqualTo(201);
        assertThat(create("{\"name\":\"ssid-d\",\"priority\":6,\"desired\":{\"parameters\":{\"" + SSID + "\":\"D\"}}}")
            .status()).as("a higher priority says which wins").isEqualTo(201);
        TestAcs.ApiReply sameName = create("{\"name\":\"ssid-a\",\"priority\":1,\"desired\":{\"tags\":[\"x\"]}}");
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(error(sameName)).contains("a profile named 'ssid-a' exists");
    }

    @Test
    void secretsAreMaskedSealedKeptOnMaskedPutAndNeverAudited() throws Exception {
        TestAcs.ApiReply created = create("{\"name\":\"wifi-secret\",\"priority\":77,\"desired\":{\"parameters\":{\""
            + PASS + "\":\"correct horse battery\",\"" + SSID + "\":\"Home\"}}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("correct horse").contains("********");
        String path = "/api/v1/profiles/" + created.json().get("id");
        TestAcs.ApiReply fetched = acs.get(path);
        assertThat(fetched.body()).doesNotContain("correct horse");

        // The fetched body goes back with a change: the masked secret keeps its value.
        String edited = fetched.body().replace("\"Home\"", "\"Home-2\"");
        TestAcs.ApiReply put = acs.call("PUT", path, edited, acs.token);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).containsEntry("version", 2L);
        assertThat(create("{\"name\":\"masked\",\"priority\":78,\"desired\":{\"parameters\":{\"" + PASS
            + "\":\"********\"}}}").status()).as("a mask is not a secret").isEqualTo(400);

        assertThat(acs.get("/api/v1/audit?limit=50").body()).contains("wifi-secret").doesNotContain("correct horse");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("stored in clear in " + f).doesNotContain("correct horse battery");
            }
        }
    }

    @Test
    void normalisedNamesAreKeysTheirSecretsMaskedAndTheirPathsCompete() {
        TestAcs.ApiReply concept = create("{\"name\":\"concepts\",\"priority\":40,\"desired\":{\"parameters\":"
            + "{\"wifiSsid2g\":\"Home\",\"wifiPassphrase2g\":\"another long secret\"}}}");
        assertThat(concept.status()).as(concept.body()).isEqualTo(201);
        assertThat(concept.body()).contains("wifiSsid2g").doesNotContain("another long secret");
        TestAcs.ApiReply byPath = create("{\"name\":\"by-path\",\"priority\":40,\"desired\":{\"parameters\":{\""
            + SSID + "\":\"Shop\"}}}");
        assertThat(byPath.status()).isEqualTo(409);
        assertThat(error(byPath)).contains("wifiSsid2g").contains(SSID);
    }

    @Test
    void unknownProfilesAndDevicesAre404() {
        assertThat(acs.get("/api/v1/profiles/999999").status()).isEqualTo(404);
        assertThat(acs.post("/api/v1/profiles/999999/apply", null).status()).isEqualTo(404);
        assertThat(acs.get("/api/v1/devices/no-such-device/profiles").status()).isEqualTo(404);
    }
}
