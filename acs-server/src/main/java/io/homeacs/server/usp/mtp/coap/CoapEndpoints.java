package io.homeacs.server.usp.mtp.coap;

import io.homeacs.server.config.MtpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/** Californium set-up for the controller: one configuration (no properties file), the CoAP and CoAPS endpoints. */
final class CoapEndpoints {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private CoapEndpoints() {
    }

    /** Californium's settings for records up to {@code maxRecordBytes}; small thread counts (USP traffic is light per agent). */
    static Configuration configuration(int maxRecordBytes) {
        Configuration cfg = Configuration.createStandardWithoutFile();
        // Records larger than one datagram travel block-wise; the reassembled body is capped here (4.13 beyond).
        cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxRecordBytes);
        cfg.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
        cfg.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        cfg.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        cfg.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        cfg.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 2);
        // Agents authenticate with the PSK or not at all over x509: the controller does not ask for client certificates.
        cfg.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        return cfg;
    }

    static CoapEndpoint udp(Configuration cfg, String bind, int port) {
        return new CoapEndpoint.Builder().setConfiguration(cfg).setInetSocketAddress(new InetSocketAddress(bind, port))
            .build();
    }

    static CoapEndpoint dtls(Configuration cfg, MtpConfig.Coap s) throws IOException, GeneralSecurityException {
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(cfg)
            .setAddress(new InetSocketAddress(s.bind(), s.dtlsPort())).setLoggingTag("usp-coaps");
        if (!s.pskIdentity().isEmpty()) {
            b.setAdvancedPskStore(new AdvancedSinglePskStore(s.pskIdentity(), s.pskSecret().getBytes(StandardCharsets.UTF_8)));
        }
        if (s.keystore() != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] password = s.keystorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(s.keystore())) {
                ks.load(in, password);
            }
            String alias = Collections.list(ks.aliases()).stream().filter(a -> isKey(ks, a)).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no private key in " + s.keystore()));
            PrivateKey key = (PrivateKey) ks.getKey(alias, password);
            Certificate[] chain = ks.getCertificateChain(alias);
            b.setCertificateIdentityProvider(new SingleCertificateProvider(key, chain, CertificateType.X_509));
        }
        return new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(b.build())).build();
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
