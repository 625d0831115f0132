package io.homeacs.sim.cwmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HTTP Digest (RFC 2617, MD5 / MD5-sess, qop=auth) and Basic authentication helpers. */
public final class DigestAuth {
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private DigestAuth() {
    }

    /** A parsed WWW-Authenticate challenge; scheme is "Digest" or "Basic". Parameter keys are lower case. */
    public record Challenge(String scheme, Map<String, String> params) {
        public String param(String name) {
            return params.getOrDefault(name, "");
        }

        public boolean isDigest() {
            return "digest".equalsIgnoreCase(scheme);
        }

        public boolean stale() {
            return "true".equalsIgnoreCase(param("stale"));
        }
    }

    /** Picks the strongest supported challenge: Digest with MD5/MD5-sess first, then Basic. */
    public static Optional<Challenge> select(List<String> wwwAuthenticate) {
        Challenge basic = null;
        for (String h : wwwAuthenticate) {
            Challenge c = parseChallenge(h);
            if (c.isDigest()) {
                String alg = c.param("algorithm").toUpperCase(Locale.ROOT);
                if (alg.isEmpty() || alg.equals("MD5") || alg.equals("MD5-SESS")) {
                    return Optional.of(c);
                }
            } else if ("basic".equalsIgnoreCase(c.scheme())) {
                basic = c;
            }
        }
        return Optional.ofNullable(basic);
    }

    public static Challenge parseChallenge(String header) {
        String h = header.strip();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        return new Challenge(scheme, parseParams(sp < 0 ? "" : h.substring(sp + 1)));
    }

    /** Parses comma-separated key=value / key="quoted value" pairs. */
    public static Map<String, String> parseParams(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    v.append(s.charAt(i++));
                }
            }
            out.put(key, v.toString().strip());
        }
        return out;
    }

    public static String md5Hex(String s) {
        MessageDigest md = MD5.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The request-digest of RFC 2617 section 3.2.2.1; qop empty means the RFC 2069 compatible form. */
    public static String response(String user, String realm, String password, String algorithm, String method,
                                  String uri, String nonce, String nc, String cnonce, String qop) {
        String ha1 = md5Hex(user + ":" + realm + ":" + password);
        if ("MD5-SESS".equalsIgnoreCase(algorithm)) {
            ha1 = md5Hex(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = md5Hex(method + ":" + uri);
        if (qop == null || qop.isEmpty()) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Client nonces only need to be unique, not secret; a fast PRNG keeps the bench client cheap. */
    public static String newCnonce() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /**
     * Per-client authentication state: remembers the last challenge so later requests can be authorised
     * pre-emptively with an incremented nonce count.
     */
    public static final class ClientAuth {
        private Challenge challenge;
        private int nonceCount;

        public synchronized void accept(Challenge c) {
            challenge = c;
            nonceCount = 0;
        }

        public synchronized void reset() {
            challenge = null;
            nonceCount = 0;
        }

        public synchronized boolean hasChallenge() {
            return challenge != null;
        }

        /** Authorization header for the request, or empty when no challenge is known yet. */
        public synchronized Optional<String> authorization(String method, String uri, String user, String password) {
            if (challenge == null) {
                return Optional.empty();
            }
            if (!challenge.isDigest()) {
                return Optional.of(basic(user, password));
            }
            String qop = selectQop(challenge.param("qop"));
            String nc = String.format("%08x", ++nonceCount);
            String cnonce = newCnonce();
            String realm = challenge.param("realm");
            String nonce = challenge.param("nonce");
            String alg = challenge.param("algorithm");
            String resp = response(user, realm, password, alg, method, uri, nonce, nc, cnonce, qop);
            StringBuilder sb = new StringBuilder(256).append("Digest username=\"").append(quote(user))
                    .append("\", realm=\"").append(quote(realm)).append("\", nonce=\"").append(quote(nonce))
                    .append("\", uri=\"").append(quote(uri)).append("\", response=\"").append(resp).append('"');
            if (!alg.isEmpty()) {
                sb.append(", algorithm=").append(alg);
            }
            if (!challenge.param("opaque").isEmpty()) {
                sb.append(", opaque=\"").append(quote(challenge.param("opaque"))).append('"');
            }
            if (!qop.isEmpty()) {
                sb.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
            }
            return Optional.of(sb.toString());
        }

        private static String selectQop(String offered) {
            if (offered.isEmpty()) {
                return "";
            }
            for (String q : offered.split(",")) {
                if (q.strip().equalsIgnoreCase("auth")) {
                    return "auth";
                }
            }
            return "";
        }

        private static String quote(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
