package io.homeacs.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** RFC 2617 HTTP Digest arithmetic (MD5, qop=auth), used by the CWMP endpoint and connection requests. */
public final class Digest {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Digest() {
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    public static String md5Hex(String s) {
        return hex(MD5.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hex(byte[] d) {
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[i * 2] = HEX[(d[i] >> 4) & 0xf];
            out[i * 2 + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    public static String ha1(String username, String realm, String password) {
        return md5Hex(username + ":" + realm + ":" + password);
    }

    /** The response value a client sends; with qop absent the RFC 2069 form is used. */
    public static String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = md5Hex(method + ":" + uri);
        if (qop == null || qop.isEmpty()) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Parses the parameters of a Digest challenge or Authorization header (after the scheme word). */
    public static Map<String, String> parseParams(String header) {
        Map<String, String> out = new HashMap<>();
        String s = header.trim();
        int sp = s.indexOf(' ');
        if (sp > 0 && s.substring(0, sp).equalsIgnoreCase("Digest")) {
            s = s.substring(sp + 1);
        }
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                i++;
                value = sb.toString();
            } else {
                int end = s.indexOf(',', i);
                end = end < 0 ? n : end;
                value = s.substring(i, end).trim();
                i = end;
            }
            out.put(name, value);
        }
        return out;
    }

    public static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null
            && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
