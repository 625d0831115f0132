package io.homeacs.firmware;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a manifest signature against a set of trusted Ed25519 public keys. Immutable: a changed
 * key set is a new verifier.
 */
public final class ManifestVerifier {

    private final Map<String, PublicKey> trusted;

    public ManifestVerifier(Iterable<PublicKey> keys) {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        for (PublicKey k : keys) {
            m.put(Ed25519Keys.keyId(k), k);
        }
        this.trusted = Map.copyOf(m);
    }

    public boolean hasKeys() {
        return !trusted.isEmpty();
    }

    /** The id of the trusted key that made this signature over exactly these bytes, if any. */
    public Optional<String> verify(byte[] signedBytes, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return Optional.empty();
        }
        for (Map.Entry<String, PublicKey> e : trusted.entrySet()) {
            try {
                Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
                s.initVerify(e.getValue());
                s.update(signedBytes);
                if (s.verify(signature)) {
                    return Optional.of(e.getKey());
                }
            } catch (GeneralSecurityException ex) {
                // a malformed signature is simply not a valid one
            }
        }
        return Optional.empty();
    }

    public Optional<String> verify(ImageManifest manifest, byte[] signature) {
        return verify(manifest.canonicalBytes(), signature);
    }

    /** As {@link #verify(ImageManifest, byte[])} with the signature in base64; bad base64 does not verify. */
    public Optional<String> verify(ImageManifest manifest, String signatureBase64) {
        try {
            return verify(manifest, Base64.getDecoder().decode(signatureBase64.trim()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
