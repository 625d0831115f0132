package io.homeacs.firmware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

final class Fixtures {

    private Fixtures() {
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] payload() {
        return "firmware payload — not really\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    }

    static ImageManifest manifest(byte[] payload) throws Exception {
        return new ImageManifest("Huawei", "00259e", List.of("HG8145V5"), List.of("HW1", "HW2"), "V3R017C10S200",
                payload.length, sha256(payload), "Fixes \"Wi-Fi\" drops\nand more", List.of(VersionRange.parse("[V3R017C10S100,V3R017C10S200)")),
                null, "hg8145v5.bin");
    }
}
