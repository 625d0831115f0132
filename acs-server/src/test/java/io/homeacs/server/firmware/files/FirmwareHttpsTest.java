package io.homeacs.server.firmware.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.device.Device;
import io.homeacs.server.firmware.FirmwareFixtures;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.json.Json;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import io.homeacs.server.testsupport.TlsTestSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file server on HTTPS only, with the CWMP keystore's certificate: derived download URLs are
 * https, and whole and ranged downloads go through the chunked (not zero-copy) path intact.
 */
class FirmwareHttpsTest {
    @TempDir
    Path dataDir;

    @Test
    void downloadsOverTlsWholeAndRanged() throws Exception {
        try (TestAcs acs = TestAcs.start(dataDir, "--firmware-server-port", "-1", "--firmware-server-tls-port", "0")) {
            assertThat(acs.server.firmwarePort()).isEqualTo(-1);
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "GW100", "TLS0001", "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            List<String[]> params = new ArrayList<>(cpe.standardParams("1.0", ""));
            params.add(new String[] {cpe.root + "ManagementServer.URL", "http://127.0.0.1:" + acs.cwmpPort() + "/"});
            assertThat(cpe.inform(ScriptedCpe.events("2 PERIODIC"), params).status()).isEqualTo(200);
            assertThat(cpe.emptyPost().status()).isEqualTo(204);

            assertThat(acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "ops",
                "publicKey", FirmwareFixtures.publicPem(FirmwareFixtures.OPERATOR)))).status()).isEqualTo(201);
            byte[] payload = FirmwareFixtures.payload(700_000, 9);
            ImageManifest m = FirmwareFixtures.manifest("TestCo", "GW100", "2.0", payload);
            byte[] file = FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR);
            FirmwareImage image = acs.server.firmware().upload(new ByteArrayInputStream(file), "admin");

            Device d = acs.server.registry().findByKey(cpe.deviceKey()).orElseThrow();
            TaskSpec.Download dl = acs.server.firmware().downloadFor(image.id(), d);
            assertThat(dl.url()).startsWith("https://127.0.0.1:" + acs.server.firmwareTlsPort() + "/fw/");

            HttpClient https = HttpClient.newBuilder().sslContext(TlsTestSupport.trusting(
                TlsTestSupport.generatedCertificate(dataDir.resolve("tls").resolve("cwmp.p12")))).build();
            HttpResponse<byte[]> whole = https.send(HttpRequest.newBuilder(URI.create(dl.url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(file);
            HttpResponse<byte[]> part = https.send(HttpRequest.newBuilder(URI.create(dl.url()))
                .header("Range", "bytes=100000-299999").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100_000, 300_000));
        }
    }
}
