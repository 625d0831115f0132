package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.device.Device;
import io.homeacs.server.firmware.FirmwareException;
import io.homeacs.server.firmware.FirmwareFixtures;
import io.homeacs.server.json.Json;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firmware catalogue through the REST API: trusted keys, streamed uploads refused when unsigned,
 * tampered, truncated or duplicated (and then nothing is kept), compatibility against a registered
 * device, the Download a device is sent, fetching it over the file server, and withdrawal.
 */
class FirmwareApiTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        acs = TestAcs.start(dataDir);
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    TestAcs.ApiReply upload(byte[] body, String contentType) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server.apiPort() + "/api/v1/firmware/images"))
            .header("Authorization", "Bearer " + acs.token).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            return new TestAcs.ApiReply(resp.statusCode(), resp.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    TestAcs.ApiReply upload(byte[] body) {
        return upload(body, "application/octet-stream");
    }

    long storedFiles() throws IOException {
        try (Stream<Path> s = Files.list(dataDir.resolve("firmware"))) {
            return s.count();
        }
    }

    @Test
    void uploadCheckDownloadWithdraw() throws Exception {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "GW100", "FW0001", "bootstrap", "bootstrap");
        Onboarding.run(cpe);
        List<String[]> params = new ArrayList<>(cpe.standardParams("1.0", ""));
        params.add(new String[] {cpe.root + "ManagementServer.URL", "http://127.0.0.1:" + acs.cwmpPort() + "/"});
        assertThat(cpe.inform(ScriptedCpe.events("2 PERIODIC"), params).status()).isEqualTo(200);
        assertThat(cpe.emptyPost().status()).isEqualTo(204);

        byte[] payload = FirmwareFixtures.payload(200_000, 1);
        ImageManifest m = FirmwareFixtures.manifest("TestCo", "GW100", "2.0", payload, "[1.0,2.0)");
        byte[] image = FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR);

        TestAcs.ApiReply untrusted = upload(image);
        assertThat(untrusted.status()).as(untrusted.body()).isEqualTo(422);
        assertThat(untrusted.body()).contains("does not verify");
        assertThat(storedFiles()).isZero();

        TestAcs.ApiReply key = acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "release signing 2026",
            "publicKey", FirmwareFixtures.publicPem(FirmwareFixtures.OPERATOR))));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertMatches(key.json(), "TrustedKey");
        assertThat(key.json()).containsEntry("keyId", Ed25519Keys.keyId(FirmwareFixtures.OPERATOR.getPublic()))
            .containsEntry("source", "api");
        assertThat(acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "again",
            "publicKey", FirmwareFixtures.publicPem(FirmwareFixtures.OPERATOR)))).status()).isEqualTo(409);
        assertThat(acs.post("/api/v1/firmware/keys", "{\"name\":\"bad\",\"publicKey\":\"nonsense\"}").status()).isEqualTo(400);
        assertMatches(acs.get("/api/v1/firmware/keys").json(), "TrustedKeyList");

        TestAcs.ApiReply created = upload(image);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertMatches(created.json(), "FirmwareImage");
        long id = ((Number) created.json().get("id")).longValue();
        assertThat(created.json()).containsEntry("state", "active").containsEntry("fileSize", (long) image.length)
            .containsEntry("fileSha256", FirmwareFixtures.sha256(image)).containsEntry("uploadedBy", "admin");
        assertThat(created.json().get("manifest").toString()).contains("[1.0,2.0)");
        assertThat(storedFiles()).isEqualTo(1);

        assertThat(upload(image).status()).as("the same image again").isEqualTo(409);
        byte[] tampered = image.clone();
        tampered[tampered.length - 3] ^= 1;
        TestAcs.ApiReply corrupt = upload(tampered);
        assertThat(corrupt.status()).isEqualTo(422);
        assertThat(corrupt.body()).contains("SHA-256");
        TestAcs.ApiReply shortened = upload(java.util.Arrays.copyOf(image, image.length - 100));
        assertThat(shortened.status()).isEqualTo(422);
        assertThat(shortened.body()).contains("manifest says");
        assertThat(upload("<html>".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(upload(image, "application/json").status()).isEqualTo(415);
        assertThat(storedFiles()).as("refused uploads leave nothing behind").isEqualTo(1);

        assertMatches(acs.get("/api/v1/firmware/images/" + id).json(), "FirmwareImage");
        Map<String, Object> list = acs.get("/api/v1/firmware/images?vendor=TestCo&state=active").json();
        assertMatches(list, "FirmwareImageList");
        assertThat((List<?>) list.get("images")).hasSize(1);
        assertThat((List<?>) acs.get("/api/v1/firmware/images?state=withdrawn").json().get("images")).isEmpty();
        assertThat(acs.get("/api/v1/firmware/images?state=gone").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/firmware/images/999").status()).isEqualTo(404);

        Map<String, Object> ok = acs.get("/api/v1/firmware/images/" + id + "/compatibility?deviceId=" + cpe.deviceKey()).json();
        assertMatches(ok, "FirmwareCompatibility");
        assertThat(ok).containsEntry("allowed", true).containsEntry("reason", null);
        assertThat(ok.get("detail").toString()).contains("[1.0,2.0)");

        // Another model's image, uploaded too, is refused for this device with its reason.
        byte[] otherPayload = FirmwareFixtures.payload(1000, 2);
        ImageManifest other = FirmwareFixtures.manifest("TestCo", "GW200", "2.0", otherPayload);
        long otherId = ((Number) upload(FirmwareFixtures.container(other, otherPayload, FirmwareFixtures.OPERATOR)).json()
            .get("id")).longValue();
        Map<String, Object> wrong = acs.get("/api/v1/firmware/images/" + otherId + "/compatibility?deviceId="
            + cpe.deviceKey()).json();
        assertThat(wrong).containsEntry("allowed", false).containsEntry("reason", "wrong-model");
        assertThat(acs.get("/api/v1/firmware/images/" + id + "/compatibility").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/firmware/images/" + id + "/compatibility?deviceId=" + cpe.deviceKey() + "&intent=sideways")
            .status()).isEqualTo(400);

        // The Download a campaign sends: a URL signed for this device, fetched from the file server.
        Device d = acs.server.registry().findByKey(cpe.deviceKey()).orElseThrow();
        TaskSpec.Download dl = acs.server.firmware().downloadFor(id, d);
        assertThat(dl.fileType()).isEqualTo("1 Firmware Upgrade Image");
        assertThat(dl.fileSize()).isEqualTo(image.length);
        assertThat(dl.url()).startsWith("http://127.0.0.1:" + acs.server.firmwarePort() + "/fw/" + id + "/" + d.id() + "/");
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(dl.url())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(image);

        TestAcs.ApiReply withdrawn = acs.post("/api/v1/firmware/images/" + id + "/withdraw", "{\"reason\":\"bricks HW2 units\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertMatches(withdrawn.json(), "FirmwareImage");
        assertThat(withdrawn.json()).containsEntry("state", "withdrawn").containsEntry("withdrawReason", "bricks HW2 units");
        assertThat(acs.post("/api/v1/firmware/images/" + id + "/withdraw", "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(acs.post("/api/v1/firmware/images/" + id + "/withdraw", "{}").status()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(dl.url())).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode()).as("a withdrawn image is no longer served").isEqualTo(410);
        assertThatThrownBy(() -> acs.server.firmware().downloadFor(id, d)).isInstanceOf(FirmwareException.class)
            .hasMessageContaining("withdrawn");
        assertThat(acs.get("/api/v1/firmware/images/" + id + "/compatibility?deviceId=" + d.id()).json())
            .containsEntry("reason", "withdrawn");
        assertThat(acs.get("/api/v1/audit?limit=50").body()).contains("firmware/images").contains("bricks HW2 units");

        // Restarted, the ACS still has the catalogue and still honours the link it signed.
        String path = URI.create(acs.server.firmware().downloadUrl(otherId, d, java.time.Duration.ofHours(1))).getRawPath();
        acs.close();
        acs = TestAcs.start(dataDir);
        assertThat(acs.get("/api/v1/firmware/images/" + otherId).json()).containsEntry("state", "active");
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + acs.server.firmwarePort() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).hasSize((int) acs.server.firmware().get(otherId).fileSize());
    }

    @Test
    void keysAreManagedByAdminsAndFileKeysAreTrustedToo() throws Exception {
        KeyPair fileKey = Ed25519Keys.generate();
        acs.close();
        Files.createDirectories(dataDir.resolve("firmware-keys"));
        Files.writeString(dataDir.resolve("firmware-keys/lab.pem"), Ed25519Keys.publicPem(fileKey.getPublic()));
        acs = TestAcs.start(dataDir);
        Map<String, Object> keys = acs.get("/api/v1/firmware/keys").json();
        assertThat(keys.get("keys").toString()).contains("lab.pem").contains("source=file");
        String fileKeyId = Ed25519Keys.keyId(fileKey.getPublic());
        assertThat(acs.call("DELETE", "/api/v1/firmware/keys/" + fileKeyId, null, acs.token).status()).isEqualTo(409);

        byte[] payload = FirmwareFixtures.payload(5000, 3);
        ImageManifest m = FirmwareFixtures.manifest("TestCo", "GW100", "3.0", payload);
        TestAcs.ApiReply created = upload(FirmwareFixtures.container(m, payload, fileKey));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("keyId", fileKeyId);

        KeyPair apiKey = Ed25519Keys.generate();
        String apiKeyId = (String) acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "temp",
            "publicKey", Ed25519Keys.publicPem(apiKey.getPublic())))).json().get("keyId");
        assertThat(acs.call("DELETE", "/api/v1/firmware/keys/" + apiKeyId, null, acs.token).status()).isEqualTo(200);
        assertThat(acs.call("DELETE", "/api/v1/firmware/keys/" + apiKeyId, null, acs.token).status()).isEqualTo(404);
        byte[] p2 = FirmwareFixtures.payload(5000, 4);
        ImageManifest m2 = FirmwareFixtures.manifest("TestCo", "GW100", "3.1", p2);
        assertThat(upload(FirmwareFixtures.container(m2, p2, apiKey)).status()).as("a removed key signs nothing").isEqualTo(422);

        assertThat(acs.call("GET", "/api/v1/firmware/images", null, null).status()).isEqualTo(401);
    }

    @Test
    void anImageLargerThanTheLimitIsRefusedBeforeAnythingIsStored() throws Exception {
        acs.close();
        acs = TestAcs.start(dataDir, "--firmware-max-image-mb", "1");
        assertThat(acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "ops",
            "publicKey", FirmwareFixtures.publicPem(FirmwareFixtures.OPERATOR)))).status()).isEqualTo(201);
        byte[] payload = FirmwareFixtures.payload(1_100_000, 6);
        ImageManifest m = FirmwareFixtures.manifest("TestCo", "GW100", "4.0", payload);
        TestAcs.ApiReply big = upload(FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR));
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.body()).contains("firmware.max-image-mb");
        assertThat(storedFiles()).isZero();
    }

    private static void assertMatches(Map<String, Object> actual, String schema) {
        Map<String, Object> s = obj(obj(obj(openApi().get("components")).get("schemas")).get(schema));
        Set<String> documented = obj(s.get("properties")).keySet();
        assertThat(documented).as("undocumented fields of " + schema).containsAll(actual.keySet());
        Set<String> required = new HashSet<>();
        ((List<?>) s.get("required")).forEach(r -> required.add((String) r));
        assertThat(actual.keySet()).as("required fields of " + schema).containsAll(required);
    }

    private static Map<String, Object> openApi() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
