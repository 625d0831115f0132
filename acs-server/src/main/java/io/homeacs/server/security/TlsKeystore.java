package io.homeacs.server.security;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key and certificate of the CWMP HTTPS listener: an operator's PKCS12 keystore, or one under
 * the data directory with a self-signed certificate generated on first start.
 *
 * <p>The JDK has no public API for creating X.509 certificates, and Netty's self-signed helper needs
 * BouncyCastle; rather than add a dependency, the JDK's own {@code keytool} generates the keystore.
 */
public final class TlsKeystore {
    private static final Logger LOG = LoggerFactory.getLogger(TlsKeystore.class);
    private static final String ALIAS = "cwmp";
    /** keytool reads the password from this variable, so it never shows in the process list. */
    private static final String PASSWORD_ENV = "HOMEACS_KEYSTORE_PASSWORD";

    /** A keystore ready for a key manager: its key entries are protected by {@code password} too. */
    public record Loaded(Path file, KeyStore keyStore, char[] password, X509Certificate certificate, boolean generated) {
        public String fingerprint() {
            return TlsKeystore.fingerprint(certificate);
        }
    }

    private TlsKeystore() {
    }

    public static Loaded open(AcsConfig.CwmpTls tls) {
        Path file = tls.keystore();
        if (!tls.generate()) {
            return load(file, tls.keystorePassword(), false);
        }
        Path passwordFile = passwordFile(file);
        try {
            OwnerOnlyFiles.createDirectory(file.getParent());
            if (!Files.exists(file)) {
                String password = tls.keystorePassword();
                if (password.isEmpty()) {
                    password = Passwords.random(32);
                    Files.deleteIfExists(passwordFile);
                    OwnerOnlyFiles.write(passwordFile, password);
                }
                generate(file, password, tls);
                return load(file, password, true);
            }
            String password = tls.keystorePassword();
            if (password.isEmpty()) {
                if (!Files.exists(passwordFile)) {
                    throw new ConfigException("TLS keystore " + file + " exists but its password file " + passwordFile
                        + " is missing; set cwmp.tls-keystore-password, or delete the keystore to generate a new certificate");
                }
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            }
            Loaded existing = load(file, password, false);
            warnIfHostnameChanged(existing, tls.hostname());
            return existing;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the TLS keystore " + file, e);
        }
    }

    /** The certificate is generated once; a later change of cwmp.tls-hostname alone would go unnoticed. */
    private static void warnIfHostnameChanged(Loaded existing, String hostname) {
        String subject = existing.certificate().getSubjectX500Principal().getName();
        if (!subject.equals("CN=" + hostname)) {
            LOG.warn("CWMP TLS certificate in {} is for {}, but cwmp.tls-hostname is {}; delete the keystore to "
                + "generate a new certificate", existing.file(), subject, hostname);
        }
    }

    /** Where the password of a generated keystore is kept: next to it, owner-only. */
    public static Path passwordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }

    /** SHA-256 over the DER certificate, as {@code AB:CD:…}: what keytool and openssl print, for pinning. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    private static void generate(Path file, String password, AcsConfig.CwmpTls tls) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        String host = tls.hostname();
        String san = (tls.hostnameIsIpAddress() ? "ip:" : "dns:") + host + (host.equals("127.0.0.1") ? "" : ",ip:127.0.0.1");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        // RSA 2048 rather than EC: many CPEs' TLS stacks (old embedded OpenSSL, mbed TLS builds) offer
        // only RSA cipher suites and would fail the handshake against an ECDSA certificate.
        List<String> command = List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
            "-sigalg", "SHA256withRSA", "-validity", "3650", "-dname", "CN=" + host, "-ext", "SAN=" + san,
            "-storetype", "PKCS12", "-keystore", tmp.toString(),
            "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV, "-noprompt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, password);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + keytool + " to generate the CWMP TLS certificate ("
                + e.getMessage() + "); configure cwmp.tls-keystore, or switch HTTPS off with cwmp.tls-port=-1", e);
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        int exit = waitFor(process);
        if (exit != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IllegalStateException("keytool could not generate the CWMP TLS keystore " + file
                + " (exit code " + exit + "): " + output);
        }
        // keytool creates the file under the process umask; narrow it before it gets its final name.
        OwnerOnlyFiles.restrict(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("generated a self-signed CWMP TLS certificate for {} in {}", host, file);
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 2 minutes");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the CWMP TLS keystore", e);
        }
    }

    private static Loaded load(Path file, String password, boolean generated) {
        char[] pw = password.toCharArray();
        KeyStore ks;
        try (InputStream in = Files.newInputStream(file)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot open TLS keystore " + file + " (PKCS12 with the configured or stored "
                + "password expected): " + e.getMessage());
        }
        String alias = keyAlias(ks, file);
        try {
            if (ks.getKey(alias, pw) == null) {
                throw new ConfigException("TLS keystore " + file + " entry '" + alias + "' has no private key");
            }
            Certificate cert = ks.getCertificate(alias);
            if (!(cert instanceof X509Certificate)) {
                throw new ConfigException("TLS keystore " + file + " entry '" + alias + "' has no X.509 certificate");
            }
            return new Loaded(file, ks, pw, (X509Certificate) cert, generated);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("TLS keystore " + file + ": the key of '" + alias
                + "' cannot be read with the keystore password (they must be the same): " + e.getMessage());
        }
    }

    /** {@code cwmp} when present (the generated keystore's alias), otherwise the first key entry. */
    private static String keyAlias(KeyStore ks, Path file) {
        try {
            if (ks.isKeyEntry(ALIAS)) {
                return ALIAS;
            }
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot read TLS keystore " + file + ": " + e.getMessage());
        }
        throw new ConfigException("TLS keystore " + file + " holds no private key entry");
    }
}
