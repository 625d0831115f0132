package io.homeacs.server.usp.mtp.stomp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STOMP 1.2 client session on Netty that keeps itself connected: CONNECT (accept-version 1.2, host,
 * credentials, heart-beat and any extra headers), one SUBSCRIBE confirmed by a RECEIPT, heart-beats
 * both ways, and on any loss (socket closed, ERROR frame, silent broker) a new connection after a
 * backoff that doubles from 200 ms to 10 s.
 */
public final class StompClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StompClient.class);
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** What the owner of the session hears. Called on the Netty event loop: hand work elsewhere. */
    public interface Listener {
        /** Subscribed (the broker confirmed) to {@code destination}; records can flow. */
        void ready(String destination);

        void message(StompFrame frame);

        /** The session is gone; a new one is being made. */
        void lost(String reason);
    }

    /** Connection settings; {@code heartbeatMillis} 0 = no heart-beats. */
    public record Settings(String host, int port, boolean tls, String virtualHost, String login, String passcode,
                           int heartbeatMillis, String destination, Map<String, String> connectHeaders,
                           int maxBodyBytes) {
    }

    private final Settings settings;
    private final Listener listener;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SslContext ssl;
    private volatile Channel channel;
    private volatile String subscribedTo;
    private volatile boolean closed;
    private long backoffMs = MIN_BACKOFF_MS;

    public StompClient(Settings settings, Listener listener) throws SSLException {
        this.settings = settings;
        this.listener = listener;
        this.ssl = settings.tls() ? SslContextBuilder.forClient().build() : null;
    }

    public void start() {
        connect();
    }

    /** Whether the broker confirmed the subscription on the current connection. */
    public boolean isReady() {
        Channel c = channel;
        return c != null && c.isActive() && subscribedTo != null;
    }

    /** The destination subscribed to on the current connection (the broker's subscribe-dest or the configured one). */
    public String destination() {
        String d = subscribedTo;
        return d != null ? d : settings.destination();
    }

    /** Writes one frame on the current connection; fails at once when there is none. */
    public CompletableFuture<Void> send(StompFrame frame) {
        Channel c = channel;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (c == null || !c.isActive() || subscribedTo == null) {
            done.completeExceptionally(new IllegalStateException("not connected to the STOMP broker"));
            return done;
        }
        c.writeAndFlush(frame).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), settings.host(), settings.port()));
                    }
                    ch.pipeline().addLast(new StompDecoder(64 * 1024, settings.maxBodyBytes() + 64 * 1024),
                        new StompEncoder(), new Session());
                }
            });
        b.connect(settings.host(), settings.port()).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("STOMP: {}:{} not reachable: {}", settings.host(), settings.port(), f.cause().toString());
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** One connection's protocol: CONNECT, CONNECTED, SUBSCRIBE, RECEIPT, then MESSAGEs and heart-beats. */
    private final class Session extends SimpleChannelInboundHandler<Object> {
        private boolean established;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("accept-version", "1.2");
            h.put("host", settings.virtualHost());
            if (!settings.login().isEmpty()) {
                h.put("login", settings.login());
                h.put("passcode", settings.passcode());
            }
            int hb = settings.heartbeatMillis();
            h.put("heart-beat", hb + "," + hb);
            h.putAll(settings.connectHeaders());
            ctx.writeAndFlush(StompFrame.of("CONNECT", h));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg == StompDecoder.HEARTBEAT) {
                return;
            }
            StompFrame frame = (StompFrame) msg;
            switch (frame.command()) {
                case "CONNECTED" -> connected(ctx, frame);
                case "RECEIPT" -> {
                    if ("subscribe".equals(frame.header("receipt-id")) && !established) {
                        established = true;
                        backoffMs = MIN_BACKOFF_MS;
                        subscribedTo = pendingDestination;
                        listener.ready(subscribedTo);
                    }
                }
                case "MESSAGE" -> listener.message(frame);
                case "ERROR" -> {
                    LOG.warn("STOMP: broker error '{}': {}", frame.header("message"),
                        new String(frame.body(), java.nio.charset.StandardCharsets.UTF_8).trim());
                    ctx.close();
                }
                default -> LOG.debug("STOMP: ignoring {}", frame.command());
            }
        }

        private String pendingDestination;

        private void connected(ChannelHandlerContext ctx, StompFrame frame) {
            channel = ctx.channel();
            long[] beats = heartBeats(frame.header("heart-beat"));
            if (beats[0] > 0 || beats[1] > 0) {
                // Broker silence is judged with twice its promised interval, as the spec advises for network lag.
                ctx.pipeline().addFirst(new IdleStateHandler(beats[1] * 2, beats[0], 0, TimeUnit.MILLISECONDS));
            }
            String dest = frame.header("subscribe-dest");
            pendingDestination = dest != null && !dest.isEmpty() ? dest : settings.destination();
            Map<String, String> h = new LinkedHashMap<>();
            h.put("id", "0");
            h.put("destination", pendingDestination);
            h.put("ack", "auto");
            h.put("receipt", "subscribe");
            ctx.writeAndFlush(StompFrame.of("SUBSCRIBE", h));
        }

        /** [send every, expect every] in ms from the CONNECTED heart-beat (STOMP 1.2 negotiation). */
        private long[] heartBeats(String header) {
            int ours = settings.heartbeatMillis();
            if (header == null || ours == 0) {
                return new long[] {0, 0};
            }
            String[] parts = header.split(",");
            long sx = Long.parseLong(parts[0].trim());
            long sy = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 0;
            long send = sy == 0 ? 0 : Math.max(ours, sy);
            long expect = sx == 0 ? 0 : Math.max(ours, sx);
            return new long[] {send, expect};
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle) {
                if (idle == IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT || idle == IdleStateEvent.WRITER_IDLE_STATE_EVENT) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'}));
                } else if (idle == IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT || idle == IdleStateEvent.READER_IDLE_STATE_EVENT) {
                    LOG.warn("STOMP: broker silent past its heart-beat; reconnecting");
                    ctx.close();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("STOMP: closing the connection: {}", cause.toString());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel()) {
                channel = null;
            }
            boolean wasReady = established;
            subscribedTo = null;
            if (wasReady && !closed) {
                listener.lost("connection closed");
            }
            scheduleReconnect();
        }
    }

    @Override
    public void close() {
        closed = true;
        Channel c = channel;
        if (c != null && c.isActive()) {
            try {
                c.writeAndFlush(StompFrame.of("DISCONNECT", Map.of())).await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
