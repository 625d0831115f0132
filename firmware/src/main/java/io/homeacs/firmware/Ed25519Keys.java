package io.homeacs.firmware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys from the JDK in the forms operators handle: PEM ({@code PUBLIC KEY} = X.509
 * SubjectPublicKeyInfo, {@code PRIVATE KEY} = PKCS#8, as {@code openssl genpkey -algorithm ed25519}
 * writes them) or the bare base64 of the same DER.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A public key from PEM or base64 DER; a clear error for anything else. */
    public static PublicKey readPublic(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (PEM \"PUBLIC KEY\" or base64 X.509): " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivate(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PEM \"PRIVATE KEY\" or base64 PKCS#8): " + e.getMessage(), e);
        }
    }

    private static byte[] der(String text, String type) {
        String s = text.trim();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (s.startsWith("-----BEGIN")) {
            int b = s.indexOf(begin);
            int e = s.indexOf(end);
            if (b != 0 || e < 0) {
                throw new IllegalArgumentException("expected a PEM block of type " + type);
            }
            s = s.substring(begin.length(), e);
        }
        return Base64.getMimeDecoder().decode(s.replaceAll("\\s", ""));
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding: a short, stable name. */
    public static String keyId(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
