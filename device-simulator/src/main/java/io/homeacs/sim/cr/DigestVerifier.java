package io.homeacs.sim.cr;

import io.homeacs.sim.cwmp.DigestAuth;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of RFC 2617 Digest for connection requests. Nonces are self-validating (timestamp plus
 * HMAC), so no per-client state is kept for 10,000 devices.
 */
final class DigestVerifier {
    enum Result { OK, STALE, DENIED }

    private static final long NONCE_TTL_MILLIS = 300_000;
    private final byte[] key = new byte[32];
    private final String realm;

    DigestVerifier(String realm) {
        this.realm = realm;
        new SecureRandom().nextBytes(key);
    }

    String challenge(boolean stale) {
        String opaque = HexFormat.of().formatHex(hmac("opaque"), 0, 8);
        return "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + newNonce() + "\", opaque=\"" + opaque
                + "\", algorithm=MD5" + (stale ? ", stale=true" : "");
    }

    String newNonce() {
        String ts = Long.toString(System.currentTimeMillis());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (ts + ":" + HexFormat.of().formatHex(hmac(ts))).getBytes(StandardCharsets.US_ASCII));
    }

    Result verify(String authorization, String method, String requestUri, String user, String password) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Result.DENIED;
        }
        Map<String, String> p = DigestAuth.parseParams(authorization.substring(7));
        String nonce = p.getOrDefault("nonce", "");
        String qop = p.getOrDefault("qop", "");
        if (!user.equals(p.get("username")) || !realm.equals(p.get("realm")) || !requestUri.equals(p.get("uri"))
                || !"auth".equals(qop)) {
            return Result.DENIED;
        }
        String expected = DigestAuth.response(user, realm, password, p.getOrDefault("algorithm", ""), method, requestUri,
                nonce, p.getOrDefault("nc", ""), p.getOrDefault("cnonce", ""), qop);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII))) {
            return Result.DENIED;
        }
        return nonceState(nonce);
    }

    private Result nonceState(String nonce) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Result.DENIED;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Result.DENIED;
        }
        String ts = decoded.substring(0, colon);
        if (!MessageDigest.isEqual(HexFormat.of().formatHex(hmac(ts)).getBytes(StandardCharsets.US_ASCII),
                decoded.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Result.DENIED;
        }
        long age = System.currentTimeMillis() - Long.parseLong(ts);
        return age >= 0 && age <= NONCE_TTL_MILLIS ? Result.OK : Result.STALE;
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
