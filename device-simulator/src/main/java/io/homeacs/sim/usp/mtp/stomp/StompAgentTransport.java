package io.homeacs.sim.usp.mtp.stomp;

import io.homeacs.sim.usp.mtp.AgentTransport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A simulated agent's STOMP 1.2 transport on a plain socket: CONNECT with its {@code endpoint-id},
 * SUBSCRIBE to its own destination (or the broker's {@code subscribe-dest}) confirmed by a RECEIPT,
 * SEND with content-type {@code application/vnd.bbf.usp.msg} and {@code reply-to-dest}; answers go to the
 * controller's reply-to-dest. One reader thread per agent; reconnects by itself with backoff, calling
 * {@code onLost} each time the session goes, and {@link #connect} waits for the next session.
 */
public final class StompAgentTransport implements AgentTransport {
    static final String CONTENT_TYPE = "application/vnd.bbf.usp.msg";
    private static final int MAX_BODY = 16 << 20;

    /** {@code heartbeatMillis} 0 = none; login empty = the broker's default user. */
    public record Settings(String host, int port, String virtualHost, String login, String passcode, String endpointId,
                           String agentDestination, String controllerDestination, int heartbeatMillis) {
        public Settings(String host, int port, String endpointId, String controllerDestination) {
            this(host, port, "/", "", "", endpointId, "/queue/usp.agent." + endpointId, controllerDestination, 10_000);
        }
    }

    private final Settings settings;
    private volatile Consumer<byte[]> onRecord = r -> { };
    private volatile Runnable onLost = () -> { };
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String subscribed;
    private volatile String replyDestination;
    private volatile Socket socket;
    private volatile OutputStream out;
    // The current session's token: the reader thread runs while it is current; close() clears it.
    private volatile Object run;
    private final Object writeLock = new Object();
    private Thread reader;

    public StompAgentTransport(Settings settings) {
        this.settings = settings;
        this.replyDestination = settings.controllerDestination();
    }

    /** Broker at host:port, agent destination {@code /queue/usp.agent.<endpointId>}, default user. */
    public static StompAgentTransport of(String host, int port, String endpointId, String controllerDestination) {
        return new StompAgentTransport(new Settings(host, port, endpointId, controllerDestination));
    }

    /**
     * From a controller URL {@code stomp://[login:passcode@]host[:61613]/<controller destination>}, e.g.
     * {@code stomp://127.0.0.1:61613/queue/usp.controller}; the agent subscribes to
     * {@code /queue/usp.agent.<agentEndpointId>} on the default virtual host.
     */
    public static StompAgentTransport fromUrl(java.net.URI url, String agentEndpointId) {
        if (!"stomp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPath() == null
            || url.getPath().length() < 2) {
            throw new IllegalArgumentException("STOMP controller URL must be stomp://host[:port]/<destination>, got " + url);
        }
        String info = url.getUserInfo() == null ? "" : url.getUserInfo();
        int colon = info.indexOf(':');
        String login = colon < 0 ? info : info.substring(0, colon);
        String passcode = colon < 0 ? "" : info.substring(colon + 1);
        return new StompAgentTransport(new Settings(url.getHost(), url.getPort() < 0 ? 61613 : url.getPort(), "/", login,
            passcode, agentEndpointId, "/queue/usp.agent." + agentEndpointId, url.getPath(), 10_000));
    }

    @Override
    public String mtp() {
        return "stomp";
    }

    @Override
    public synchronized void connect(Consumer<byte[]> onRecord, Runnable onLost) throws IOException {
        this.onRecord = onRecord;
        this.onLost = onLost;
        if (run == null) {
            Object me = new Object();
            run = me;
            ready = new CompletableFuture<>();
            reader = new Thread(() -> run(me), "sim-stomp-" + settings.endpointId());
            reader.setDaemon(true);
            reader.start();
        }
        try {
            ready.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("STOMP broker " + settings.host() + ":" + settings.port() + " not reachable", e);
        }
    }

    private void run(Object me) {
        long backoff = 200;
        while (run == me) {
            boolean wasReady = false;
            Socket s = new Socket();
            try (s) {
                s.connect(new InetSocketAddress(settings.host(), settings.port()), 10_000);
                socket = s;
                InputStream in = new BufferedInputStream(s.getInputStream());
                out = new BufferedOutputStream(s.getOutputStream());
                long expect = handshake(in);
                s.setSoTimeout(expect > 0 ? (int) (expect * 2) : 0);
                wasReady = true;
                backoff = 200;
                ready.complete(null);
                while (run == me) {
                    StompWire.Frame f = StompWire.read(in, MAX_BODY);
                    if (f.command().equals("MESSAGE")) {
                        String replyTo = f.headers().get("reply-to-dest");
                        if (replyTo != null && !replyTo.isBlank()) {
                            replyDestination = replyTo;
                        }
                        onRecord.accept(f.body());
                    } else if (f.command().equals("ERROR")) {
                        throw new IOException("broker ERROR: " + f.headers().get("message"));
                    }
                }
            } catch (SocketTimeoutException e) {
                // The broker missed its heart-beats: treat as lost.
            } catch (IOException | RuntimeException e) {
                // Lost or refused; reconnect below.
            } finally {
                // Only this session's state: a new session (connect after close) may already be starting.
                if (socket == s || socket == null) {
                    subscribed = null;
                    out = null;
                    socket = null;
                }
            }
            if (wasReady) {
                if (run == me) {
                    ready = new CompletableFuture<>();
                }
                onLost.run();
            }
            if (run != me) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(5_000, backoff * 2);
        }
    }

    /** CONNECT, CONNECTED, SUBSCRIBE, RECEIPT; starts the heart-beat writer; returns the broker's beat interval. */
    private long handshake(InputStream in) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("accept-version", "1.2");
        h.put("host", settings.virtualHost());
        if (!settings.login().isEmpty()) {
            h.put("login", settings.login());
            h.put("passcode", settings.passcode());
        }
        h.put("heart-beat", settings.heartbeatMillis() + "," + settings.heartbeatMillis());
        h.put("endpoint-id", settings.endpointId());
        StompWire.write(out, "CONNECT", h, new byte[0]);
        StompWire.Frame connected = StompWire.read(in, MAX_BODY);
        if (!connected.command().equals("CONNECTED")) {
            throw new IOException("broker answered CONNECT with " + connected.command() + ": "
                + connected.headers().get("message"));
        }
        String dest = connected.headers().getOrDefault("subscribe-dest", "");
        String destination = dest.isEmpty() ? settings.agentDestination() : dest;
        synchronized (writeLock) {
            StompWire.write(out, "SUBSCRIBE", Map.of("id", "0", "destination", destination, "ack", "auto",
                "receipt", "sub"), new byte[0]);
        }
        StompWire.Frame receipt = StompWire.read(in, MAX_BODY);
        if (!receipt.command().equals("RECEIPT")) {
            throw new IOException("broker answered SUBSCRIBE with " + receipt.command());
        }
        subscribed = destination;
        long[] beats = beats(connected.headers().get("heart-beat"));
        if (beats[0] > 0) {
            startHeartbeats(socket, beats[0]);
        }
        return beats[1];
    }

    private long[] beats(String header) {
        long ours = settings.heartbeatMillis();
        if (header == null || ours == 0) {
            return new long[] {0, 0};
        }
        String[] p = header.split(",");
        long sx = Long.parseLong(p[0].trim());
        long sy = Long.parseLong(p[1].trim());
        return new long[] {sy == 0 ? 0 : Math.max(ours, sy), sx == 0 ? 0 : Math.max(ours, sx)};
    }

    private void startHeartbeats(Socket s, long every) {
        Thread t = new Thread(() -> {
            while (socket == s) {
                try {
                    Thread.sleep(every);
                    synchronized (writeLock) {
                        OutputStream o = out;
                        if (o == null || socket != s) {
                            return;
                        }
                        o.write('\n');
                        o.flush();
                    }
                } catch (InterruptedException | IOException e) {
                    return;
                }
            }
        }, "sim-stomp-beat-" + settings.endpointId());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void send(byte[] record) throws IOException {
        synchronized (writeLock) {
            OutputStream o = out;
            if (o == null || subscribed == null) {
                throw new IOException("not connected to the STOMP broker");
            }
            Map<String, String> h = new LinkedHashMap<>();
            h.put("destination", replyDestination);
            h.put("content-type", CONTENT_TYPE);
            h.put("reply-to-dest", subscribed);
            StompWire.write(o, "SEND", h, record);
        }
    }

    @Override
    public Optional<String> subscribedAddress() {
        String s = subscribed;
        return Optional.of(s != null ? s : settings.agentDestination());
    }

    /** Where Records currently go: the controller destination, or the reply-to-dest the controller last gave. */
    public String controllerAddress() {
        return replyDestination;
    }

    @Override
    public boolean isConnected() {
        return subscribed != null && out != null;
    }

    /**
     * Ends the session (DISCONNECT, socket closed; {@code onLost} runs as for a dropped connection); a later
     * {@link #connect} opens a new one.
     */
    @Override
    public void close() {
        Object me = run;
        if (me == null) {
            return;
        }
        run = null;
        Socket s = socket;
        synchronized (writeLock) {
            OutputStream o = out;
            if (o != null) {
                try {
                    StompWire.write(o, "DISCONNECT", Map.of(), new byte[0]);
                } catch (IOException e) {
                    // Closing anyway.
                }
            }
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing more to release.
            }
        }
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
    }
}
