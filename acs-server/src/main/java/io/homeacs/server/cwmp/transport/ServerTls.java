package io.homeacs.server.cwmp.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/** The server side of CWMP over TLS: a Netty {@link SslContext} built from a loaded keystore. */
public final class ServerTls {
    private ServerTls() {
    }

    /**
     * TLS 1.2 and 1.3 only: TLS 1.0 and 1.1 are deprecated (RFC 8996) and a CPE that offers nothing
     * newer is better refused than protected by them. The JDK provider keeps the build free of native code.
     */
    public static SslContext context(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            return SslContextBuilder.forServer(kmf)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot build the CWMP TLS context: " + e.getMessage(), e);
        }
    }
}
