package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ManifestSigner;
import io.homeacs.firmware.VersionRange;
import io.homeacs.server.device.Device;
import io.homeacs.server.firmware.FirmwareException;
import io.homeacs.server.json.Json;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.FirmwareBehaviour;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole firmware path with nothing faked: the operator signs an image and uploads it over the
 * REST API, a Download task carries the file server's URL signed for each device, the simulated
 * ONTs fetch, verify with the operator's key, flash and come back on the new version — and the one
 * whose download arrives corrupted refuses it with 9018, which ends its task as a fault.
 */
class FirmwareE2ETest {
    private static final String NEW = "V5R020C10S200";
    private static final KeyPair OPERATOR = Ed25519Keys.generate();

    @TempDir
    static Path dataDir;
    static RunningAcs acs;
    static Fleet fleet;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        acs = RunningAcs.start(dataDir);
        SimulatorConfig c = SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(2).withKind(DeviceKind.ONT).withTr098Share(0)
            .withRetryMinWaitSeconds(1).withSerialPrefix("FWE");
        FirmwareBehaviour b = FirmwareBehaviour.DEFAULT.withTrustKeys(List.of(OPERATOR.getPublic())).withFlashMillis(200)
            .withFailures(FirmwareBehaviour.Selector.serials("FWEO000002"), FirmwareBehaviour.Selector.NONE,
                FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.NONE);
        fleet = Fleet.start(c, b);
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        fleet.close();
        acs.close();
    }

    private static byte[] signedImage() throws Exception {
        byte[] payload = new byte[1_000_000];
        new Random(5).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        ImageManifest m = new ImageManifest("OptiLink", "A4C3F0", List.of("HG8245Q2"), List.of(), NEW, payload.length, sha,
            "E2E image", List.of(VersionRange.parse("[V5R020C10S100,V5R020C10S200)")), null, "hg8245q2-s200.bin");
        byte[] header = ImageContainer.header(m, new ManifestSigner(OPERATOR.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    /** The Download for this device, once the ACS has read how the device reaches it (its first full read). */
    private static TaskSpec.Download downloadFor(long imageId, SimulatedDevice d) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Device dev = acs.server.registry().findByKey(d.deviceId()).orElseThrow();
            try {
                return acs.server.firmware().downloadFor(imageId, dev);
            } catch (FirmwareException e) {
                if (Instant.now().isAfter(end)) {
                    throw e;
                }
                RunningAcs.sleep(100);
            }
        }
    }

    @Test
    void anImageIsSignedUploadedDownloadedVerifiedAndInstalledAndACorruptedOneRefused() throws Exception {
        assertThat(acs.call("POST", "/api/v1/firmware/keys", Json.write(Map.of("name", "ops",
            "publicKey", Ed25519Keys.publicPem(OPERATOR.getPublic())))).statusCode()).isEqualTo(201);
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server.apiPort()
                + "/api/v1/firmware/images")).header("Authorization", "Bearer " + acs.token)
            .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(signedImage())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        long imageId = ((Number) ((Map<?, ?>) Json.parse(up.body())).get("id")).longValue();

        SimulatedDevice good = fleet.device("FWEO000001");
        SimulatedDevice noisy = fleet.device("FWEO000002");
        assertThat(acs.get("/api/v1/firmware/images/" + imageId + "/compatibility?deviceId=" + good.deviceId()))
            .containsEntry("allowed", true);

        long goodTask = queue(good, downloadFor(imageId, good));
        long noisyTask = queue(noisy, downloadFor(imageId, noisy));
        Map<String, Object> done = acs.awaitTask(goodTask, t -> isFinal(t.get("state")), Duration.ofSeconds(90));
        assertThat(done.get("state")).as(done.toString()).isEqualTo("done");
        assertThat(acs.get("/api/v1/devices/" + good.deviceId()).get("softwareVersion")).isEqualTo(NEW);
        assertThat(good.value("Device.DeviceInfo.SoftwareVersion")).contains(NEW);
        assertThat(acs.get("/api/v1/devices/" + good.deviceId()).get("recentEvents").toString())
            .contains("1 BOOT").contains("7 TRANSFER COMPLETE").contains("M Download");

        Map<String, Object> refused = acs.awaitTask(noisyTask, t -> isFinal(t.get("state")), Duration.ofSeconds(90));
        assertThat(refused.get("state")).as(refused.toString()).isEqualTo("fault");
        assertThat(refused.get("fault").toString()).contains("9018");
        assertThat(acs.get("/api/v1/devices/" + noisy.deviceId()).get("softwareVersion")).isNotEqualTo(NEW);

        // Upgraded, the device is now on the image's version: the check says so.
        assertThat(acs.get("/api/v1/firmware/images/" + imageId + "/compatibility?deviceId=" + good.deviceId()))
            .containsEntry("reason", "same-version");
    }

    private static boolean isFinal(Object state) {
        return List.of("done", "fault", "expired", "cancelled").contains(state);
    }

    private static long queue(SimulatedDevice d, TaskSpec.Download dl) {
        String body = Json.write(Map.of("type", "download", "fileType", dl.fileType(), "url", dl.url(),
            "fileSize", dl.fileSize(), "targetFileName", dl.targetFileName(), "connectionRequest", true));
        Map<String, Object> t = acs.task(d.deviceId(), body);
        return ((Number) t.get("id")).longValue();
    }
}
