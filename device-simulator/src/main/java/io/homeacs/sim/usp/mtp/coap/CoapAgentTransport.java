package io.homeacs.sim.usp.mtp.coap;

import io.homeacs.sim.usp.mtp.AgentTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A simulated agent's CoAP transport (TR-369 CoAP MTP): a Californium server for the agent's own resource,
 * whose URI goes as {@code reply-to} on every POST to the controller; the controller's records arrive as POSTs
 * there and are answered 2.04. With a {@code coaps://} controller URI one DTLS endpoint (PSK) serves both
 * directions. CoAP has no connection: {@code onLost} never runs and {@link #send} fails when the controller
 * does not answer.
 */
public final class CoapAgentTransport implements AgentTransport {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    /**
     * @param controllerUri where records go, e.g. {@code coap://acs.example:5683/usp}
     * @param bindHost      address the agent's endpoint binds to, also put in its reply-to
     * @param port          the agent's port; 0 picks a free one
     * @param path          the agent's resource, e.g. {@code /usp/agent}
     * @param pskIdentity   DTLS identity for a {@code coaps://} controller (empty otherwise)
     * @param answerMillis  how long {@link #send} waits for the controller's 2.04 (CoAP retransmits meanwhile)
     */
    public record Settings(String endpointId, String controllerUri, String bindHost, int port, String path,
                           String pskIdentity, String pskSecret, int answerMillis) {
        public Settings(String endpointId, String controllerUri) {
            this(endpointId, controllerUri, "127.0.0.1", 0, "/usp/agent", "", "", 60_000);
        }

        /** CoAPS with a pre-shared key, free loopback port, resource {@code /usp/agent}. */
        public static Settings dtls(String endpointId, String controllerUri, String pskIdentity, String pskSecret) {
            return new Settings(endpointId, controllerUri, "127.0.0.1", 0, "/usp/agent", pskIdentity, pskSecret, 60_000);
        }
    }

    private final Settings settings;
    private volatile URI controller;
    private volatile Consumer<byte[]> onRecord = r -> { };
    private volatile Runnable onLost = () -> { };
    private CoapServer server;
    private CoapEndpoint endpoint;
    private volatile boolean started;
    private volatile int boundPort;
    // Records are handed to the agent off Californium's threads: an agent answering from its callback
    // blocks on the response to its own POST, which those threads deliver.
    private final java.util.concurrent.ExecutorService inbound;

    public CoapAgentTransport(Settings settings) {
        this.settings = settings;
        try {
            this.controller = new URI(settings.controllerUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad controller URI " + settings.controllerUri(), e);
        }
        // One delivery thread, gone when idle: the transport outlives close() (agents reconnect on it).
        this.inbound = new java.util.concurrent.ThreadPoolExecutor(0, 1, 30, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "sim-coap-in-" + settings.endpointId());
                t.setDaemon(true);
                return t;
            });
    }

    /** Plain CoAP on a free loopback port, resource {@code /usp/agent}. */
    public static CoapAgentTransport of(String endpointId, String controllerUri) {
        return new CoapAgentTransport(new Settings(endpointId, controllerUri));
    }

    /**
     * From a controller URL: {@code coap://host[:5683]/usp}, or {@code coaps://identity:secret@host[:5684]/usp}
     * for DTLS with a pre-shared key. The agent serves {@code /usp/agent} on a free loopback port.
     */
    public static CoapAgentTransport fromUrl(java.net.URI url, String agentEndpointId) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("coap") || scheme.equals("coaps")) || url.getHost() == null) {
            throw new IllegalArgumentException("CoAP controller URL must be coap://host[:port]/path or "
                + "coaps://identity:secret@host[:port]/path, got " + url);
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("coaps") ? 5684 : 5683;
        String target = scheme + "://" + url.getHost() + ":" + port + (url.getRawPath() == null ? "" : url.getRawPath());
        if (scheme.equals("coap")) {
            return of(agentEndpointId, target);
        }
        String info = url.getUserInfo();
        int colon = info == null ? -1 : info.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("coaps:// controller URL needs identity:secret@ for the pre-shared key");
        }
        return new CoapAgentTransport(Settings.dtls(agentEndpointId, target, info.substring(0, colon),
            info.substring(colon + 1)));
    }

    @Override
    public String mtp() {
        return "coap";
    }

    @Override
    public synchronized void connect(Consumer<byte[]> onRecord, Runnable onLost) throws IOException {
        this.onRecord = onRecord;
        this.onLost = onLost;
        if (started) {
            return;
        }
        Configuration cfg = Configuration.createStandardWithoutFile();
        cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 16 << 20);
        cfg.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        cfg.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        cfg.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        cfg.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        cfg.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        // The port picked the first time is kept: the controller knows the agent by its reply-to URI.
        InetSocketAddress bind = new InetSocketAddress(settings.bindHost(), boundPort > 0 ? boundPort : settings.port());
        if ("coaps".equalsIgnoreCase(controller.getScheme())) {
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(cfg).setAddress(bind)
                .setAdvancedPskStore(new AdvancedSinglePskStore(settings.pskIdentity(),
                    settings.pskSecret().getBytes(StandardCharsets.UTF_8)))
                .setLoggingTag("sim-" + settings.endpointId()).build();
            endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(new DTLSConnector(dtls)).build();
        } else {
            endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setInetSocketAddress(bind).build();
        }
        server = new CoapServer(cfg);
        server.addEndpoint(endpoint);
        String[] segments = settings.path().substring(1).split("/");
        CoapResource leaf = new AgentResource(segments[segments.length - 1]);
        CoapResource top = leaf;
        for (int i = segments.length - 2; i >= 0; i--) {
            CoapResource parent = new CoapResource(segments[i]);
            parent.add(top);
            top = parent;
        }
        server.add(top);
        server.start();
        boundPort = endpoint.getAddress().getPort();
        started = true;
    }

    /** The agent's own URI, sent as reply-to. */
    public String ownUri() {
        return controller.getScheme() + "://" + settings.bindHost() + ":" + endpoint.getAddress().getPort()
            + settings.path();
    }

    /** Where records go now: the configured controller URI, or the reply-to the controller last gave. */
    public String controllerAddress() {
        return controller.toString();
    }

    @Override
    public void send(byte[] record) throws IOException {
        if (!started) {
            throw new IOException("not started");
        }
        Request post = Request.newPost();
        post.setURI(controller);
        post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM).addUriQuery("reply-to=" + ownUri());
        post.setPayload(record);
        java.util.concurrent.CompletableFuture<Response> answer = new java.util.concurrent.CompletableFuture<>();
        post.addMessageObserver(new org.eclipse.californium.core.coap.MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answer.complete(response);
            }

            @Override
            protected void failed() {
                // Timeout, rejection, cancellation or a send error (e.g. a DTLS handshake that failed).
                answer.completeExceptionally(new IOException("no answer from " + post.getURI()
                    + (post.getSendError() == null ? "" : ": " + post.getSendError())));
            }
        });
        Response response;
        try {
            endpoint.sendRequest(post);
            response = answer.get(settings.answerMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            post.cancel();
            throw new IOException("controller " + controller + " did not answer", e);
        }
        if (!response.isSuccess()) {
            throw new IOException("controller answered " + response.getCode() + " " + response.getPayloadString());
        }
    }

    @Override
    public Optional<String> subscribedAddress() {
        return Optional.empty();
    }

    @Override
    public boolean isConnected() {
        return started;
    }

    /**
     * Stops the agent's endpoint; {@code onLost} runs (as a dropped WebSocket would report it) so an agent
     * that should come back calls {@link #connect}, which starts a new endpoint.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!started) {
                return;
            }
            started = false;
            server.stop();
            server.destroy();
        }
        onLost.run();
    }

    /** The agent's resource: the controller's records arrive here. */
    private final class AgentResource extends CoapResource {
        AgentResource(String name) {
            super(name);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            if (exchange.getRequestOptions().getContentFormat() != MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
                exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
                return;
            }
            for (String q : exchange.getRequestOptions().getUriQuery()) {
                if (q.startsWith("reply-to=")) {
                    try {
                        controller = new URI(q.substring("reply-to=".length()));
                    } catch (URISyntaxException e) {
                        exchange.respond(ResponseCode.BAD_REQUEST, "bad reply-to");
                        return;
                    }
                }
            }
            exchange.respond(ResponseCode.CHANGED);
            byte[] record = exchange.getRequestPayload();
            inbound.execute(() -> onRecord.accept(record));
        }
    }
}
