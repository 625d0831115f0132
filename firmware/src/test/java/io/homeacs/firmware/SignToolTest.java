package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignToolTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return SignTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void keygenPackVerifyShowAsAnOperatorWould() throws Exception {
        Path priv = dir.resolve("op.key");
        Path pub = dir.resolve("op.pub");
        assertThat(run("keygen", priv.toString(), pub.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(priv)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(run("keygen", priv.toString(), pub.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to overwrite");

        Path payload = Files.write(dir.resolve("fw.bin"), Fixtures.payload());
        Path manifest = Files.writeString(dir.resolve("m.json"),
                "{\"vendor\": \"Huawei\", \"version\": \"V3R017C10S200\", \"productClasses\": [\"HG8145V5\"],\n"
                        + " \"upgradeFrom\": [\"[V3R017C10S100,V3R017C10S200)\"]}");
        Path image = dir.resolve("fw.hfw");
        assertThat(run("pack", "--key", priv.toString(), "--manifest", manifest.toString(), "--payload", payload.toString(),
                "--out", image.toString())).isZero();
        assertThat(out.toString()).contains("\"sha256\":\"" + Fixtures.sha256(Fixtures.payload()) + "\"");

        assertThat(run("verify", "--trust", pub.toString(), image.toString())).isZero();
        assertThat(out.toString()).startsWith("OK Huawei V3R017C10S200 " + Fixtures.payload().length + " bytes");
        assertThat(run("show", image.toString())).isZero();
        assertThat(out.toString()).contains("\"version\":\"V3R017C10S200\"");

        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length - 1] ^= 1;
        Files.write(image, bytes);
        assertThat(run("verify", "--trust", pub.toString(), image.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("CHECKSUM");

        Path complete = Files.writeString(dir.resolve("full.json"), ImageManifest.fromJson(
                new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8), true).withPayload(5, "d".repeat(64)).toCanonicalJson());
        assertThat(run("sign", "--key", priv.toString(), "--manifest", complete.toString())).isZero();
        ImageManifest signed = ImageManifest.fromJson(Files.readString(complete));
        assertThat(new ManifestVerifier(java.util.List.of(Ed25519Keys.readPublic(Files.readString(pub)))).verify(signed, out.toString().trim()))
                .isPresent();
        assertThat(run("bogus")).isEqualTo(2);
        assertThat(run("pack", "--key")).isEqualTo(2);
    }
}
