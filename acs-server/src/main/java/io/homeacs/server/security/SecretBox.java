package io.homeacs.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.homeacs.server.task.SecretSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets the ACS must be able to read back (connection-request passwords) with
 * AES-GCM under a key kept in the data directory, readable only by the server's user.
 */
public final class SecretBox implements SecretSealer {
    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public static SecretBox open(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] k = new byte[32];
                RANDOM.nextBytes(k);
                OwnerOnlyFiles.write(keyFile, Base64.getEncoder().encodeToString(k));
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret key " + keyFile, e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static final String SEALED = "sealed:";

    @Override
    public String seal(String plain) {
        return SEALED + encrypt(plain);
    }

    @Override
    public String open(String stored) {
        return stored.startsWith(SEALED) ? decrypt(stored.substring(SEALED.length())) : stored;
    }

    public String decrypt(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret cannot be decrypted with this data directory's key", e);
        }
    }
}
