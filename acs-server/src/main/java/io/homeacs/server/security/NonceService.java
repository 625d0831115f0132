package io.homeacs.server.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless digest nonces: a timestamp signed with a per-process key, so verifying needs no
 * shared table (any worker, any number of devices) and an old nonce is recognisably stale.
 */
public final class NonceService {
    public enum Check { VALID, STALE, INVALID }

    private final SecretKeySpec key;
    private final Duration lifetime;

    public NonceService(Duration lifetime) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.lifetime = lifetime;
    }

    public String issue(Instant now) {
        String ts = Long.toString(now.getEpochSecond());
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((ts + ":" + sign(ts)).getBytes(StandardCharsets.US_ASCII));
    }

    public Check check(String nonce, Instant now) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Check.INVALID;
        }
        String ts = text.substring(0, colon);
        if (!Digest.constantTimeEquals(sign(ts), text.substring(colon + 1))) {
            return Check.INVALID;
        }
        try {
            long issued = Long.parseLong(ts);
            return now.getEpochSecond() - issued > lifetime.toSeconds() ? Check.STALE : Check.VALID;
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
    }

    private String sign(String ts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Digest.hex(mac.doFinal(ts.getBytes(StandardCharsets.US_ASCII))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
