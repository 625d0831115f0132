package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageContainerTest {

    private final KeyPair operator = Ed25519Keys.generate();
    private final ManifestVerifier verifier = new ManifestVerifier(List.of(operator.getPublic()));

    private byte[] container(ImageManifest m, byte[] payload) {
        byte[] header = ImageContainer.header(m, new ManifestSigner(operator.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    private ImageRejectedException.Problem rejection(byte[] file, ManifestVerifier v) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> ImageContainer.verify(new ByteArrayInputStream(file), v));
        assertThat(e).as("rejected").isNotNull();
        return e.problem();
    }

    @Test
    void aSignedIntactContainerVerifiesAndYieldsItsPayload() throws Exception {
        byte[] payload = Fixtures.payload();
        ImageManifest m = Fixtures.manifest(payload);
        byte[] file = container(m, payload);
        assertThat(ImageContainer.verify(new ByteArrayInputStream(file), verifier)).isEqualTo(m);

        ByteArrayInputStream in = new ByteArrayInputStream(file);
        ImageContainer.Header h = ImageContainer.readHeader(in);
        assertThat(h.fileSize()).isEqualTo(file.length);
        assertThat(ImageContainer.checkSignature(h, verifier)).isEqualTo(Ed25519Keys.keyId(operator.getPublic()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageContainer.copyPayload(in, out, h.manifest());
        assertThat(out.toByteArray()).isEqualTo(payload);
    }

    @Test
    void corruptionTruncationAndStrangersAreTold() throws Exception {
        byte[] payload = Fixtures.payload();
        byte[] file = container(Fixtures.manifest(payload), payload);

        byte[] corrupt = file.clone();
        corrupt[corrupt.length - 5] ^= 0x20;
        assertThat(rejection(corrupt, verifier)).isEqualTo(ImageRejectedException.Problem.CHECKSUM);
        assertThat(rejection(Arrays.copyOf(file, file.length - 1), verifier)).isEqualTo(ImageRejectedException.Problem.SIZE);
        assertThat(rejection(Arrays.copyOf(file, file.length + 1), verifier)).isEqualTo(ImageRejectedException.Problem.SIZE);
        assertThat(rejection(Arrays.copyOf(file, 20), verifier)).isEqualTo(ImageRejectedException.Problem.MALFORMED);
        assertThat(rejection("<html>404</html>".getBytes(), verifier)).isEqualTo(ImageRejectedException.Problem.MALFORMED);
        assertThat(rejection(file, new ManifestVerifier(List.of(Ed25519Keys.generate().getPublic()))))
                .isEqualTo(ImageRejectedException.Problem.SIGNATURE);

        // A manifest edited in place (version bumped) no longer matches its signature.
        String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).replace("V3R017C10S200\"}", "V3R017C10S201\"}");
        assertThat(rejection(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), verifier))
                .isEqualTo(ImageRejectedException.Problem.SIGNATURE);
    }
}
