package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageManifestTest {

    @Test
    void canonicalJsonIsSortedCompactAndComplete() throws Exception {
        ImageManifest m = Fixtures.manifest(Fixtures.payload());
        String json = m.toCanonicalJson();
        assertThat(json).startsWith("{\"fileName\":\"hg8145v5.bin\",\"fileType\":\"1 Firmware Upgrade Image\",\"hardwareVersions\":[\"HW1\",\"HW2\"],"
                + "\"oui\":\"00259E\",\"productClasses\":[\"HG8145V5\"],\"releaseNotes\":\"Fixes \\\"Wi-Fi\\\" drops\\nand more\",\"sha256\":\"");
        assertThat(json).endsWith("\"upgradeFrom\":[\"[V3R017C10S100,V3R017C10S200)\"],\"vendor\":\"Huawei\",\"version\":\"V3R017C10S200\"}");
        assertThat(json).doesNotContain(" :").doesNotContain(", ");
    }

    @Test
    void anyLayoutReadsToTheSameCanonicalBytes() throws Exception {
        ImageManifest m = Fixtures.manifest(Fixtures.payload());
        String pretty = "{\n  \"version\" : \"V3R017C10S200\",\n  \"vendor\": \"Huawei\", \"oui\": \"00259E\",\n"
                + "  \"productClasses\": [ \"HG8145V5\" ], \"hardwareVersions\": [\"HW1\",\"HW2\"],\n"
                + "  \"size\": " + m.size() + ", \"sha256\": \"" + m.sha256().toUpperCase() + "\",\n"
                + "  \"releaseNotes\": \"Fixes \\\"Wi-Fi\\\" drops\\u000aand more\",\n"
                + "  \"upgradeFrom\": [\"[ V3R017C10S100 , V3R017C10S200 )\"], \"fileName\": \"hg8145v5.bin\"\n}\n";
        ImageManifest read = ImageManifest.fromJson(pretty);
        assertThat(read).isEqualTo(m);
        assertThat(read.canonicalBytes()).isEqualTo(m.canonicalBytes());
        assertThat(ImageManifest.fromJson(m.toCanonicalJson())).isEqualTo(m);
    }

    @Test
    void refusesUnknownFieldsDuplicatesAndBadValues() throws Exception {
        String ok = Fixtures.manifest(Fixtures.payload()).toCanonicalJson();
        assertThatThrownBy(() -> ImageManifest.fromJson(ok.replace("{\"fileName\"", "{\"extra\":\"x\",\"fileName\"")))
                .hasMessageContaining("unknown manifest field \"extra\"");
        assertThatThrownBy(() -> ImageManifest.fromJson(ok.replace("{\"fileName\":\"hg8145v5.bin\"", "{\"vendor\":\"ZTE\"")))
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\",\"version\":\"1.0\",\"size\":1.5,\"sha256\":\"00\"}"))
                .hasMessageContaining("only integers");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\",\"version\":\"1.0\",\"size\":1}"))
                .hasMessageContaining("sha256 is required");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\",\"version\":\"latest\",\"size\":1,\"sha256\":\"" + "a".repeat(64) + "\"}"))
                .hasMessageContaining("no digits");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\",\"version\":\"1\",\"size\":1,\"sha256\":\"" + "a".repeat(64) + "\",\"oui\":\"XYZ\"}"))
                .hasMessageContaining("oui");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\",\"version\":\"1\",\"size\":1,\"sha256\":\"" + "a".repeat(64) + "\",\"fileName\":\"../x\"}"))
                .hasMessageContaining("bare file name");
        assertThatThrownBy(() -> ImageManifest.fromJson("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ImageManifest.fromJson("{\"vendor\":\"X\"} x")).hasMessageContaining("trailing");
    }

    @Test
    void draftWithoutMeasurementsIsAcceptedOnlyForTheSigningTool() {
        String draft = "{\"vendor\":\"ZTE\",\"version\":\"V6.0.10P2N1\",\"productClasses\":[\"F660\"]}";
        assertThatThrownBy(() -> ImageManifest.fromJson(draft)).hasMessageContaining("size is required");
        ImageManifest m = ImageManifest.fromJson(draft, true).withPayload(10, "b".repeat(64));
        assertThat(m.size()).isEqualTo(10);
        assertThat(m.fileType()).isEqualTo(ImageManifest.FIRMWARE_FILE_TYPE);
        assertThat(m.upgradeFrom()).isEmpty();
    }

    @Test
    void signatureVerifiesAndAnyChangeBreaksIt() throws Exception {
        KeyPair operator = Ed25519Keys.generate();
        KeyPair stranger = Ed25519Keys.generate();
        ImageManifest m = Fixtures.manifest(Fixtures.payload());
        byte[] sig = new ManifestSigner(operator.getPrivate()).sign(m);
        assertThat(sig).hasSize(64);
        ManifestVerifier verifier = new ManifestVerifier(List.of(stranger.getPublic(), operator.getPublic()));
        assertThat(verifier.verify(m, sig)).contains(Ed25519Keys.keyId(operator.getPublic()));

        ImageManifest tampered = new ImageManifest(m.vendor(), m.oui(), m.productClasses(), m.hardwareVersions(), m.version(),
                m.size(), m.sha256(), m.releaseNotes(), List.of(VersionRange.ANY), m.fileType(), m.fileName());
        assertThat(verifier.verify(tampered, sig)).isEmpty();
        assertThat(new ManifestVerifier(List.of(stranger.getPublic())).verify(m, sig)).isEmpty();
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        assertThat(verifier.verify(m, flipped)).isEmpty();
        assertThat(verifier.verify(m, "not base64!")).isEmpty();
        assertThat(verifier.verify(m, new byte[3])).isEmpty();
        assertThat(verifier.verify(m, new ManifestSigner(operator.getPrivate()).signBase64(m))).isPresent();
    }

    @Test
    void keysRoundTripThroughPemAndBase64() {
        KeyPair kp = Ed25519Keys.generate();
        String pubPem = Ed25519Keys.publicPem(kp.getPublic());
        assertThat(pubPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Ed25519Keys.readPublic(pubPem)).isEqualTo(kp.getPublic());
        assertThat(Ed25519Keys.readPrivate(Ed25519Keys.privatePem(kp.getPrivate())).getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
        String bare = java.util.Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
        assertThat(Ed25519Keys.keyId(Ed25519Keys.readPublic(bare))).isEqualTo(Ed25519Keys.keyId(kp.getPublic())).hasSize(16);
        assertThatThrownBy(() -> Ed25519Keys.readPublic("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public key");
        assertThatThrownBy(() -> Ed25519Keys.readPublic(new String("garbage".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
