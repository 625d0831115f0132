package io.homeacs.server.usp.mtp.coap;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.RecordSink;
import io.homeacs.server.usp.mtp.SinkDispatch;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's CoAP binding (TR-369 CoAP MTP) on Californium: serves {@code usp.coap.path} over CoAP and,
 * when configured, CoAPS (DTLS with a PSK and/or an x509 certificate). Each accepted POST is answered 2.04 at
 * once and its record handed to the controller; the controller's records go to the sender's reply-to URI as
 * new POSTs from the same endpoint. There is no connection, so {@link RecordSink#closed} is never called.
 */
public final class CoapBinding implements MtpBinding {
    private static final Logger LOG = LoggerFactory.getLogger(CoapBinding.class);

    private final MtpConfig.Coap settings;
    private final int maxRecordBytes;
    private final AcsMetrics metrics;
    private CoapServer server;
    private CoapEndpoint udp;
    private CoapEndpoint dtls;
    private SinkDispatch dispatch;
    private String host;
    private volatile boolean running;

    public CoapBinding(MtpConfig.Coap settings, int maxRecordBytes, AcsMetrics metrics) {
        this.settings = settings;
        this.maxRecordBytes = maxRecordBytes;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "coap";
    }

    @Override
    public void start(RecordSink sink) throws Exception {
        dispatch = new SinkDispatch("coap", sink, metrics, 4, 10_000);
        host = advertisedHost();
        Configuration cfg = CoapEndpoints.configuration(maxRecordBytes);
        server = new CoapServer(cfg);
        if (settings.port() >= 0) {
            udp = CoapEndpoints.udp(cfg, settings.bind(), settings.port());
            server.addEndpoint(udp);
        }
        if (settings.dtlsEnabled()) {
            dtls = CoapEndpoints.dtls(cfg, settings);
            server.addEndpoint(dtls);
        }
        server.add(resourceTree());
        server.start();
        running = true;
        LOG.info("USP CoAP: serving {}{}", udp == null ? "" : ownUri("coap") + " ",
            dtls == null ? "" : ownUri("coaps"));
    }

    /** The first segment of the path, with the USP resource at the end of its chain. */
    private Resource resourceTree() {
        String[] segments = settings.path().substring(1).split("/");
        Resource leaf = new UspResource(segments[segments.length - 1], this);
        for (int i = segments.length - 2; i >= 0; i--) {
            CoapResource parent = new CoapResource(segments[i]);
            parent.add(leaf);
            leaf = parent;
        }
        return leaf;
    }

    private String advertisedHost() throws UnknownHostException {
        if (!settings.host().isEmpty()) {
            return settings.host();
        }
        InetAddress bind = InetAddress.getByName(settings.bind());
        return bind.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress() : settings.bind();
    }

    /** The URI agents reach this controller at over {@code scheme}, for the reply-to of what it sends. */
    String ownUri(String scheme) {
        Endpoint e = endpointFor(scheme);
        int port = e == null ? -1 : e.getAddress().getPort();
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + settings.path();
    }

    /** The actual UDP port of the CoAP endpoint, or -1 (for tests with port 0). */
    public int port() {
        return udp == null ? -1 : udp.getAddress().getPort();
    }

    /** The actual UDP port of the CoAPS endpoint, or -1. */
    public int dtlsPort() {
        return dtls == null ? -1 : dtls.getAddress().getPort();
    }

    Endpoint endpointFor(String scheme) {
        return "coaps".equalsIgnoreCase(scheme) ? dtls : "coap".equalsIgnoreCase(scheme) ? udp : null;
    }

    void received(byte[] record, URI replyTo) {
        dispatch.received(record, new CoapAgentLink(this, replyTo));
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }

    void count(String event) {
        metrics.uspMtp("coap", event);
    }

    boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        if (server != null) {
            server.stop();
            server.destroy();
        }
        if (dispatch != null) {
            dispatch.close();
        }
    }
}
