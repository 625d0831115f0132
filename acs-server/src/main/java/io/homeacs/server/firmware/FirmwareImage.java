package io.homeacs.server.firmware;

import io.homeacs.firmware.ImageManifest;
import java.time.Instant;

/**
 * A catalogue entry: the signed manifest and where its container file is stored.
 *
 * @param signature  base64 Ed25519 signature of the manifest's canonical bytes
 * @param keyId      the trusted key that made it
 * @param fileSize   the container's size (what a device downloads), header plus payload
 * @param fileSha256 the container's SHA-256: the file server's ETag
 */
public record FirmwareImage(long id, ImageManifest manifest, String signature, String keyId, String storageKey,
                            long fileSize, String fileSha256, ImageState state, String uploadedBy, Instant uploadedAt,
                            String withdrawnBy, Instant withdrawnAt, String withdrawReason) {

    public boolean withdrawn() {
        return state == ImageState.WITHDRAWN;
    }

    /** The name a device is given for the file: the manifest's, else vendor and version. */
    public String fileName() {
        if (!manifest.fileName().isEmpty()) {
            return manifest.fileName();
        }
        return (manifest.vendor() + "-" + manifest.version()).replaceAll("[^A-Za-z0-9._-]", "_") + ".hfw";
    }
}
