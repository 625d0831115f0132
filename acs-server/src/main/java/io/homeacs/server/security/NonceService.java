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

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Duration lifetime;
    /** Highest nonce count seen per nonce; only authenticated requests add entries, and purge() drops stale ones. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /** Mac.getInstance looks the provider up reflectively; one initialised Mac per thread avoids that per request. */
    private final ThreadLocal<Mac> macs;

    public NonceService(Duration lifetime) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.lifetime = lifetime;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** timestamp:random:signature — unique per challenge, so nonce counts start afresh with each one. */
    public String issue(Instant now) {
        byte[] r = new byte[9];
        RANDOM.nextBytes(r);
        String body = now.getEpochSecond() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(r);
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((body + ":" + sign(body)).getBytes(StandardCharsets.US_ASCII));
    }

    public Check check(String nonce, Instant now) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        int last = text.lastIndexOf(':');
        int first = text.indexOf(':');
        if (first <= 0 || last <= first) {
            return Check.INVALID;
        }
        String body = text.substring(0, last);
        if (!Digest.constantTimeEquals(sign(body), text.substring(last + 1))) {
            return Check.INVALID;
        }
        try {
            long issued = Long.parseLong(text.substring(0, first));
            return now.getEpochSecond() - issued > lifetime.toSeconds() ? Check.STALE : Check.VALID;
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
    }

    /** Accepts a nonce count only if it is higher than any seen before with this nonce (no replays). */
    public boolean acceptCount(String nonce, String ncHex) {
        long nc;
        try {
            nc = Long.parseLong(ncHex, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean[] fresh = {false};
        counts.compute(nonce, (k, prev) -> {
            if (prev == null || nc > prev) {
                fresh[0] = true;
                return nc;
            }
            return prev;
        });
        return fresh[0];
    }

    /** Forgets counts of nonces that are stale anyway. */
    public void purge(Instant now) {
        counts.keySet().removeIf(n -> check(n, now) != Check.VALID);
    }

    private String sign(String ts) {
        Mac mac = macs.get();
        return Digest.hex(mac.doFinal(ts.getBytes(StandardCharsets.US_ASCII))).substring(0, 32);
    }
}
