package io.homeacs.server.testsupport;

import io.homeacs.server.security.TlsKeystore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * Clients for the CWMP HTTPS listener that trust exactly the certificate under test (never a
 * trust-all manager), so every test also proves the certificate validates for 127.0.0.1.
 */
public final class TlsTestSupport {
    private TlsTestSupport() {
    }

    /** The certificate of the keystore's {@code cwmp} entry, or of its only key entry. */
    public static X509Certificate certificateIn(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            String alias = ks.isKeyEntry("cwmp") ? "cwmp" : ks.aliases().nextElement();
            return (X509Certificate) ks.getCertificate(alias);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keystore, e);
        }
    }

    /** The certificate the server generated into its data directory, read with the stored password. */
    public static X509Certificate generatedCertificate(Path keystore) {
        return certificateIn(keystore, generatedPassword(keystore));
    }

    public static String generatedPassword(Path keystore) {
        try {
            return Files.readString(TlsKeystore.passwordFile(keystore), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext trusting(X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("acs", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static URI httpsUri(int port) {
        return URI.create("https://127.0.0.1:" + port + "/");
    }

    /** The TLS session of one real request to the listener (an empty POST, answered without a session). */
    public static SSLSession handshake(int port, SSLContext trust) {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(httpsUri(port))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return r.sslSession().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate serverCertificate(int port, SSLContext trust) {
        try {
            return (X509Certificate) handshake(port, trust).getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A keystore an operator might bring: made with keytool, as a test would do it by hand. */
    public static void keytool(Path keystore, String password, String hostname) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = List.of(keytool, "-genkeypair", "-alias", "operator", "-keyalg", "RSA", "-keysize", "2048",
            "-validity", "30", "-dname", "CN=" + hostname, "-ext", "SAN=dns:" + hostname + ",ip:127.0.0.1",
            "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password,
            "-noprompt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
