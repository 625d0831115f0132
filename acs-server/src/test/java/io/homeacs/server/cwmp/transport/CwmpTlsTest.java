package io.homeacs.server.cwmp.transport;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.config.ConfigException;
import io.homeacs.server.security.TlsKeystore;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import io.homeacs.server.testsupport.TlsTestSupport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CWMP over TLS on real sockets: the generated or configured certificate, sessions, and Basic only over TLS. */
class CwmpTlsTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;
    TestAcs acs;

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    private Path generatedKeystore() {
        return dataDir.resolve("tls").resolve("cwmp.p12");
    }

    private ScriptedCpe httpsCpe(SSLContext trust, String serial) {
        return new ScriptedCpe(TlsTestSupport.httpsUri(acs.cwmpTlsPort()), trust, "00A0C9", "HG8245Q2", serial,
            "bootstrap", "bootstrap");
    }

    @Test
    void generatesAKeystoreAndServesAFullSessionOverHttps() throws Exception {
        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-hostname", "acs.example.test");
        assertThat(acs.cwmpTlsPort()).isPositive();
        assertThat(acs.cwmpPort()).isPositive().isNotEqualTo(acs.cwmpTlsPort());

        X509Certificate cert = TlsTestSupport.generatedCertificate(generatedKeystore());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=acs.example.test");
        assertThat(cert.getSubjectAlternativeNames())
            .containsExactlyInAnyOrder(List.of(2, "acs.example.test"), List.of(7, "127.0.0.1"));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generatedKeystore()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                TlsKeystore.passwordFile(generatedKeystore())))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generatedKeystore().getParent())))
                .isEqualTo("rwx------");
        }

        SSLContext trust = TlsTestSupport.trusting(cert);
        assertThat(TlsTestSupport.handshake(acs.cwmpTlsPort(), trust).getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        ScriptedCpe cpe = httpsCpe(trust, "TLS0001");
        Onboarding.run(cpe);
        ScriptedCpe.Reply inform = cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", ""));
        assertThat(inform.status()).isEqualTo(200);
        assertThat(inform.body()).contains("InformResponse");
        assertThat(cpe.emptyPost().status()).isEqualTo(204);
        assertThat(acs.get("/api/v1/devices/" + cpe.deviceKey()).status()).isEqualTo(200);
    }

    @Test
    void sessionCookieIsSecureOnlyOverTls() {
        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0");
        SSLContext trust = TlsTestSupport.trusting(TlsTestSupport.generatedCertificate(generatedKeystore()));
        ScriptedCpe overTls = httpsCpe(trust, "COOKIE1");
        ScriptedCpe.Reply secure = overTls.inform(events("0 BOOTSTRAP"), overTls.standardParams("1.0", ""));
        assertThat(secure.status()).isEqualTo(200);
        assertThat(secure.header("Set-Cookie")).startsWith("ACSSESSIONID=").contains("; HttpOnly").endsWith("; Secure");

        ScriptedCpe plain = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "COOKIE2", "bootstrap", "bootstrap");
        ScriptedCpe.Reply clear = plain.inform(events("0 BOOTSTRAP"), plain.standardParams("1.0", ""));
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.header("Set-Cookie")).startsWith("ACSSESSIONID=").doesNotContain("Secure");
    }

    @Test
    void basicIsAcceptedOverHttpsAndRefusedOverPlainHttp() {
        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-auth", "basic");
        SSLContext trust = TlsTestSupport.trusting(TlsTestSupport.generatedCertificate(generatedKeystore()));

        ScriptedCpe plain = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", "BASIC02", "bootstrap", "bootstrap")
            .useBasic();
        ScriptedCpe.Reply refused = plain.inform(events("0 BOOTSTRAP"), plain.standardParams("1.0", ""));
        assertThat(refused.status()).isEqualTo(401);
        // On plain HTTP the ACS never asks for Basic, so a CPE is not invited to send its password in clear.
        assertThat(refused.header("WWW-Authenticate")).startsWith("Digest ");

        ScriptedCpe overTls = httpsCpe(trust, "BASIC01").useBasic();
        ScriptedCpe.Reply challenge = overTls.postUnauthenticated(
            overTls.informXml(events("0 BOOTSTRAP"), overTls.standardParams("1.0", "")));
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Basic realm=\"HomeACS\"");
        Onboarding.run(overTls);
        ScriptedCpe.Reply ownLogin = overTls.inform(events("2 PERIODIC"), overTls.standardParams("1.0", ""));
        assertThat(ownLogin.status()).isEqualTo(200);
        assertThat(overTls.emptyPost().status()).isEqualTo(204);
    }

    @Test
    void plainHttpCanBeSwitchedOffLeavingOnlyHttps() throws Exception {
        int plainPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            plainPort = s.getLocalPort();
        }
        acs = TestAcs.start(dataDir, "--cwmp-port", Integer.toString(plainPort), "--cwmp-http-enabled", "false",
            "--cwmp-tls-port", "0");
        assertThat(acs.cwmpPort()).isEqualTo(-1);
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", plainPort), 5000);
            }
        }).isInstanceOf(ConnectException.class);

        SSLContext trust = TlsTestSupport.trusting(TlsTestSupport.generatedCertificate(generatedKeystore()));
        Onboarding.run(httpsCpe(trust, "ONLYTLS"));
    }

    @Test
    void refusesToStartWithNoCwmpListener() {
        assertThatThrownBy(() -> TestAcs.start(dataDir, "--cwmp-http-enabled", "false", "--cwmp-tls-port", "-1"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cwmp.http-enabled").hasMessageContaining("cwmp.tls-port");
        assertThat(dataDir.resolve("tls")).doesNotExist();
    }

    @Test
    void usesTheOperatorsKeystoreInsteadOfGeneratingOne() {
        Path own = elsewhere.resolve("operator.p12");
        TlsTestSupport.keytool(own, "operator-secret", "acs.operator.test");
        X509Certificate expected = TlsTestSupport.certificateIn(own, "operator-secret");

        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-keystore", own.toString(),
            "--cwmp-tls-keystore-password", "operator-secret");
        SSLContext trust = TlsTestSupport.trusting(expected);
        X509Certificate served = TlsTestSupport.serverCertificate(acs.cwmpTlsPort(), trust);
        assertThat(TlsKeystore.fingerprint(served)).isEqualTo(TlsKeystore.fingerprint(expected));
        assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=acs.operator.test");
        assertThat(dataDir.resolve("tls")).doesNotExist();
        Onboarding.run(httpsCpe(trust, "OWNCERT"));
    }

    @Test
    void aConfiguredKeystoreMustExistAndComeWithItsPassword() {
        Path missing = elsewhere.resolve("missing.p12");
        assertThatThrownBy(() -> TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-keystore", missing.toString(),
            "--cwmp-tls-keystore-password", "x"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        Path own = elsewhere.resolve("operator.p12");
        TlsTestSupport.keytool(own, "operator-secret", "acs.operator.test");
        assertThatThrownBy(() -> TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-keystore", own.toString()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cwmp.tls-keystore-password");
        assertThatThrownBy(() -> TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-keystore", own.toString(),
            "--cwmp-tls-keystore-password", "wrong"))
            .isInstanceOf(ConfigException.class).hasMessageContaining(own.toString());
    }

    @Test
    void restartReusesTheGeneratedKeystore() throws IOException {
        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0");
        X509Certificate generated = TlsTestSupport.generatedCertificate(generatedKeystore());
        SSLContext trust = TlsTestSupport.trusting(generated);
        String first = TlsKeystore.fingerprint(TlsTestSupport.serverCertificate(acs.cwmpTlsPort(), trust));
        String password = TlsTestSupport.generatedPassword(generatedKeystore());
        acs.close();
        acs = null;

        // The host name only shapes a certificate being generated; the existing one is kept.
        acs = TestAcs.start(dataDir, "--cwmp-tls-port", "0", "--cwmp-tls-hostname", "renamed.example.test");
        String second = TlsKeystore.fingerprint(TlsTestSupport.serverCertificate(acs.cwmpTlsPort(), trust));
        assertThat(second).isEqualTo(first).isEqualTo(TlsKeystore.fingerprint(generated));
        assertThat(TlsTestSupport.generatedPassword(generatedKeystore())).isEqualTo(password);
    }
}
