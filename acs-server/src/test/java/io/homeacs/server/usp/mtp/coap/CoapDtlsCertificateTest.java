package io.homeacs.server.usp.mtp.coap;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.AgentLink;
import io.homeacs.server.usp.mtp.RecordSink;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CoAP over DTLS with the controller's x509 certificate from an operator's PKCS12 keystore: an agent that
 * trusts that certificate exchanges records with the controller both ways.
 */
class CoapDtlsCertificateTest {
    @TempDir
    Path dir;

    @Test
    void anAgentTrustingTheControllersCertificateExchangesRecords() throws Exception {
        Path store = dir.resolve("coap.p12");
        keytool(store, "store-pass");
        Certificate cert = certificate(store, "store-pass");
        MtpConfig.Coap settings = new MtpConfig.Coap(true, "127.0.0.1", -1, "/usp", "127.0.0.1", 0, "", "", store,
            "store-pass");
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordSink echo = new RecordSink() {
            @Override
            public void received(byte[] record, AgentLink replyVia) {
                received.add(new String(record, ISO_8859_1));
                replyVia.send(("echo:" + new String(record, ISO_8859_1)).getBytes(ISO_8859_1));
            }

            @Override
            public void closed(AgentLink link) {
            }
        };
        try (CoapBinding binding = new CoapBinding(settings, 8192, new AcsMetrics())) {
            binding.start(echo);
            Configuration cfg = CoapEndpoints.configuration(8192);
            cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cfg).setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(cert).build()).build();
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(dtls))
                .build();
            CoapServer agent = new CoapServer(cfg);
            agent.addEndpoint(endpoint);
            BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
            agent.add(new CoapResource("agent") {
                @Override
                public void handlePOST(CoapExchange exchange) {
                    exchange.respond(ResponseCode.CHANGED);
                    toAgent.add(new String(exchange.getRequestPayload(), ISO_8859_1));
                }
            });
            agent.start();
            try {
                Request post = Request.newPost();
                post.setURI("coaps://127.0.0.1:" + binding.dtlsPort() + "/usp");
                post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM)
                    .addUriQuery("reply-to=coaps://127.0.0.1:" + endpoint.getAddress().getPort() + "/agent");
                post.setPayload("over-x509".getBytes(ISO_8859_1));
                endpoint.sendRequest(post);
                Response response = post.waitForResponse(60_000);
                assertThat(response).isNotNull();
                assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                assertThat(toAgent.poll(60, TimeUnit.SECONDS)).isEqualTo("echo:over-x509");
                assertThat(received).containsExactly("over-x509");
            } finally {
                agent.stop();
                agent.destroy();
            }
        }
    }

    private static Certificate certificate(Path store, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        return ks.getCertificate("usp");
    }

    /** An operator's keystore: an EC key (DTLS's usual certificate cipher suites are ECDSA) made with keytool. */
    private static void keytool(Path store, String password) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "usp", "-keyalg", "EC", "-groupname", "secp256r1",
            "-validity", "30", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", store.toString(), "-storepass", password, "-keypass", password, "-noprompt")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), ISO_8859_1);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
