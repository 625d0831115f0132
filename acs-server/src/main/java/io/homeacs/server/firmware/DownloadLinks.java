package io.homeacs.server.firmware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived download paths: {@code /fw/<imageId>/<deviceId>/<expiresEpochSeconds>/<mac>/<fileName>}
 * where mac is the base64url HMAC-SHA256, under the server's secret, of
 * {@code "fw1:" + imageId + ":" + deviceId + ":" + expires}. A path names one image for one device
 * until a time; it cannot be altered to reach another image, device or time, and the file name at
 * the end is decoration (some CPEs take the file name from the URL).
 */
public final class DownloadLinks {

    /** What a verified path grants. */
    public record Grant(long imageId, long deviceId, Instant expires) {
    }

    private final byte[] secret;

    public DownloadLinks(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("download-link secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public String path(long imageId, long deviceId, Instant expires, String fileName) {
        long exp = expires.getEpochSecond();
        return "/fw/" + imageId + "/" + deviceId + "/" + exp + "/" + mac(imageId, deviceId, exp) + "/" + fileName;
    }

    /** The grant of a request path, if it is well formed, authentic and not expired at {@code now}. */
    public Optional<Grant> verify(String path, Instant now) {
        String[] p = path.split("/", -1);
        // "", "fw", image, device, expires, mac, name
        if (p.length != 7 || !p[0].isEmpty() || !p[1].equals("fw")) {
            return Optional.empty();
        }
        long image;
        long device;
        long exp;
        try {
            image = Long.parseLong(p[2]);
            device = Long.parseLong(p[3]);
            exp = Long.parseLong(p[4]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] expected = mac(image, device, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, p[5].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        if (now.getEpochSecond() >= exp) {
            return Optional.empty();
        }
        return Optional.of(new Grant(image, device, Instant.ofEpochSecond(exp)));
    }

    /** Whether the path is authentic but past its time: the server tells such a device so. */
    public boolean authenticButExpired(String path, Instant now) {
        String[] p = path.split("/", -1);
        if (p.length != 7) {
            return false;
        }
        try {
            long exp = Long.parseLong(p[4]);
            byte[] expected = mac(Long.parseLong(p[2]), Long.parseLong(p[3]), exp).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, p[5].getBytes(StandardCharsets.US_ASCII)) && now.getEpochSecond() >= exp;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(long image, long device, long expires) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] d = m.doFinal(("fw1:" + image + ":" + device + ":" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
