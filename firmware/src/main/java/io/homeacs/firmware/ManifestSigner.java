package io.homeacs.firmware;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/** Signs a manifest's canonical bytes with the operator's Ed25519 private key. */
public final class ManifestSigner {

    private final PrivateKey key;

    public ManifestSigner(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
        if (!Ed25519Keys.ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("an Ed25519 key is needed, not " + key.getAlgorithm());
        }
    }

    /** The raw 64-byte Ed25519 signature of {@link ImageManifest#canonicalBytes()}. */
    public byte[] sign(ImageManifest manifest) {
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initSign(key);
            s.update(manifest.canonicalBytes());
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public String signBase64(ImageManifest manifest) {
        return Base64.getEncoder().encodeToString(sign(manifest));
    }
}
