package io.homeacs.server.firmware;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ManifestSigner;
import io.homeacs.firmware.VersionRange;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Signed image containers for tests, made the way SignTool makes them. */
public final class FirmwareFixtures {

    private FirmwareFixtures() {
    }

    public static final KeyPair OPERATOR = Ed25519Keys.generate();

    public static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ImageManifest manifest(String vendor, String productClass, String version, byte[] payload, String... from) {
        return new ImageManifest(vendor, "", List.of(productClass), List.of(), version, payload.length, sha256(payload),
            "test image " + version, Arrays.stream(from).map(VersionRange::parse).toList(), null, null);
    }

    public static byte[] container(ImageManifest m, byte[] payload, KeyPair signer) {
        byte[] header = ImageContainer.header(m, new ManifestSigner(signer.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    public static String publicPem(KeyPair k) {
        return Ed25519Keys.publicPem(k.getPublic());
    }
}
