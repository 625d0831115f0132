package io.homeacs.firmware;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's tool: {@code java -cp firmware.jar io.homeacs.firmware.SignTool <command>}.
 * <pre>
 * keygen  PRIVATE.pem PUBLIC.pem                       new Ed25519 key pair (private file owner-only)
 * pack    --key PRIVATE.pem --manifest M.json --payload FW.bin --out IMAGE.hfw
 *                                                       measure the payload, sign, write the container
 * sign    --key PRIVATE.pem --manifest M.json          print the base64 signature of a complete manifest
 * verify  --trust PUBLIC.pem IMAGE.hfw                 check a container as a device would
 * show    IMAGE.hfw                                    print a container's manifest
 * </pre>
 * Exit status 0 on success, 1 when a check fails, 2 on a usage error.
 */
public final class SignTool {

    private SignTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: SignTool keygen|pack|sign|verify|show ... (see docs/firmware.md)");
            return 2;
        }
        try {
            switch (args[0]) {
                case "keygen":
                    return keygen(args, out);
                case "pack":
                    return pack(options(args), out);
                case "sign":
                    return sign(options(args), out);
                case "verify":
                    return verify(options(args), out, err);
                case "show":
                    return show(args, out, err);
                default:
                    err.println("unknown command " + args[0]);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    /** Options as "--name value"; a trailing bare argument is stored as "file". */
    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                m.put(args[i].substring(2), args[++i]);
            } else {
                m.put("file", args[i]);
            }
        }
        return m;
    }

    private static String need(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static int keygen(String[] args, PrintStream out) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("keygen PRIVATE.pem PUBLIC.pem");
        }
        Path priv = Path.of(args[1]);
        Path pub = Path.of(args[2]);
        if (Files.exists(priv)) {
            throw new IllegalArgumentException(priv + " exists; refusing to overwrite a private key");
        }
        KeyPair kp = Ed25519Keys.generate();
        Files.createFile(priv);
        try {
            Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the operator protects the file
        }
        Files.writeString(priv, Ed25519Keys.privatePem(kp.getPrivate()));
        Files.writeString(pub, Ed25519Keys.publicPem(kp.getPublic()));
        out.println("key id " + Ed25519Keys.keyId(kp.getPublic()));
        return 0;
    }

    private static int pack(Map<String, String> o, PrintStream out) throws IOException {
        ManifestSigner signer = new ManifestSigner(Ed25519Keys.readPrivate(Files.readString(Path.of(need(o, "key")))));
        ImageManifest draft = ImageManifest.fromJson(Files.readString(Path.of(need(o, "manifest"))), true);
        Path payload = Path.of(need(o, "payload"));
        Path target = Path.of(need(o, "out"));
        MessageDigest sha = ImageContainer.sha256();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(payload))) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        ImageManifest manifest = draft.withPayload(Files.size(payload), HexFormat.of().formatHex(sha.digest()));
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            w.write(ImageContainer.header(manifest, signer.sign(manifest)));
            Files.copy(payload, w);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println(manifest.toCanonicalJson());
        return 0;
    }

    private static int sign(Map<String, String> o, PrintStream out) throws IOException {
        ManifestSigner signer = new ManifestSigner(Ed25519Keys.readPrivate(Files.readString(Path.of(need(o, "key")))));
        ImageManifest manifest = ImageManifest.fromJson(Files.readString(Path.of(need(o, "manifest"))));
        out.println(signer.signBase64(manifest));
        return 0;
    }

    private static int verify(Map<String, String> o, PrintStream out, PrintStream err) throws IOException {
        ManifestVerifier verifier = new ManifestVerifier(List.of(Ed25519Keys.readPublic(Files.readString(Path.of(need(o, "trust"))))));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(need(o, "file"))))) {
            ImageManifest m = ImageContainer.verify(in, verifier);
            out.println("OK " + m.vendor() + " " + m.version() + " " + m.size() + " bytes sha256 " + m.sha256());
            return 0;
        } catch (ImageRejectedException e) {
            err.println("REJECTED (" + e.problem() + "): " + e.getMessage());
            return 1;
        }
    }

    private static int show(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("show IMAGE.hfw");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[1])))) {
            ImageContainer.Header h = ImageContainer.readHeader(in);
            out.println(new String(h.manifestBytes(), StandardCharsets.UTF_8));
            return 0;
        } catch (ImageRejectedException e) {
            err.println("MALFORMED: " + e.getMessage());
            return 1;
        }
    }
}
