package io.homeacs.server.firmware;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ImageRejectedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes an upload's payload through while measuring it, and fails the read — so the storage
 * keeps nothing — the moment the bytes cannot match the manifest: one byte too many, or at the end
 * a short count or another SHA-256.
 */
final class PayloadCheck extends FilterInputStream {

    /** The reason the upload was refused, carried through the storage's read loop. */
    static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ImageRejectedException rejection;

        Mismatch(ImageRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }

        ImageRejectedException rejection() {
            return rejection;
        }
    }

    private final ImageManifest manifest;
    private final MessageDigest sha;
    private long count;
    private boolean checked;

    PayloadCheck(InputStream in, ImageManifest manifest) {
        super(in);
        this.manifest = manifest;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            atEnd();
            return -1;
        }
        count += n;
        if (count > manifest.size()) {
            throw new Mismatch(new ImageRejectedException(ImageRejectedException.Problem.SIZE,
                "payload is longer than the manifest's size " + manifest.size()));
        }
        sha.update(b, off, n);
        return n;
    }

    private void atEnd() throws Mismatch {
        if (checked) {
            return;
        }
        checked = true;
        if (count != manifest.size()) {
            throw new Mismatch(new ImageRejectedException(ImageRejectedException.Problem.SIZE,
                "payload is " + count + " bytes, the manifest says " + manifest.size()));
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(manifest.sha256())) {
            throw new Mismatch(new ImageRejectedException(ImageRejectedException.Problem.CHECKSUM,
                "payload SHA-256 " + actual + " differs from the manifest's " + manifest.sha256()));
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes unchecked");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
