package io.homeacs.firmware;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The file a device downloads: the signed manifest travels with the payload, as vendor images
 * carry their own signature, so a CPE can check what it fetched without asking the ACS.
 *
 * <pre>
 * bytes 0-7   magic "HACSFW1\n"
 * u32 (BE)    manifest length M, 2..65536
 * M bytes     the manifest, canonical JSON in UTF-8 (exactly {@link ImageManifest#canonicalBytes()})
 * u16 (BE)    signature length S, 64
 * S bytes     the Ed25519 signature of those M bytes
 * payload     exactly manifest.size bytes to the end of the file; its SHA-256 is manifest.sha256
 * </pre>
 */
public final class ImageContainer {

    public static final byte[] MAGIC = "HACSFW1\n".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_MANIFEST = 65_536;
    private static final int BUFFER = 64 * 1024;

    private ImageContainer() {
    }

    /**
     * A container's header as read, not yet trusted.
     *
     * @param length bytes from the start of the file to the payload
     */
    public record Header(ImageManifest manifest, byte[] manifestBytes, byte[] signature, int length) {

        /** The container's full size: header plus payload. */
        public long fileSize() {
            return length + manifest.size();
        }
    }

    public static byte[] header(ImageManifest manifest, byte[] signature) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            byte[] m = manifest.canonicalBytes();
            out.write(MAGIC);
            out.writeInt(m.length);
            out.write(m);
            out.writeShort(signature.length);
            out.write(signature);
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the header and leaves the stream at the first payload byte. */
    public static Header readHeader(InputStream in) throws IOException, ImageRejectedException {
        byte[] magic = readFully(in, MAGIC.length, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "not a HomeACS firmware container (bad magic)");
        }
        long mlen = readUnsigned(in, 4);
        if (mlen < 2 || mlen > MAX_MANIFEST) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "manifest length out of bounds: " + mlen);
        }
        byte[] mbytes = readFully(in, (int) mlen, "manifest");
        int slen = (int) readUnsigned(in, 2);
        if (slen != 64) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "signature length must be 64, is " + slen);
        }
        byte[] sig = readFully(in, slen, "signature");
        ImageManifest manifest;
        try {
            manifest = ImageManifest.fromJson(new String(mbytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "manifest: " + e.getMessage());
        }
        if (!Arrays.equals(manifest.canonicalBytes(), mbytes)) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "manifest is not in canonical form");
        }
        return new Header(manifest, mbytes, sig, MAGIC.length + 4 + mbytes.length + 2 + slen);
    }

    /** Throws unless a trusted key signed the header's manifest. Returns that key's id. */
    public static String checkSignature(Header header, ManifestVerifier verifier) throws ImageRejectedException {
        return verifier.verify(header.manifestBytes(), header.signature())
                .orElseThrow(() -> new ImageRejectedException(ImageRejectedException.Problem.SIGNATURE,
                        "manifest signature does not verify with any trusted key"));
    }

    /**
     * Copies the payload from {@code in} to {@code out} (which may be null), checking its length and
     * SHA-256 against the manifest while streaming; reads at most one byte beyond the declared size.
     */
    public static void copyPayload(InputStream in, OutputStream out, ImageManifest manifest) throws IOException, ImageRejectedException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[BUFFER];
        long remaining = manifest.size();
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new ImageRejectedException(ImageRejectedException.Problem.SIZE,
                        "payload ends " + remaining + " bytes short of the manifest's size " + manifest.size());
            }
            sha.update(buf, 0, n);
            if (out != null) {
                out.write(buf, 0, n);
            }
            remaining -= n;
        }
        if (in.read() >= 0) {
            throw new ImageRejectedException(ImageRejectedException.Problem.SIZE, "payload is longer than the manifest's size " + manifest.size());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(manifest.sha256())) {
            throw new ImageRejectedException(ImageRejectedException.Problem.CHECKSUM,
                    "payload SHA-256 " + actual + " differs from the manifest's " + manifest.sha256());
        }
    }

    /** Reads and fully checks a container, as a CPE does before flashing. Returns the trusted manifest. */
    public static ImageManifest verify(InputStream in, ManifestVerifier verifier) throws IOException, ImageRejectedException {
        Header h = readHeader(in);
        checkSignature(h, verifier);
        copyPayload(in, null, h.manifest());
        return h.manifest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException, ImageRejectedException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new ImageRejectedException(ImageRejectedException.Problem.MALFORMED, "file ends inside the " + what);
        }
        return b;
    }

    private static long readUnsigned(InputStream in, int bytes) throws IOException, ImageRejectedException {
        byte[] b = readFully(in, bytes, "header");
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }
}
