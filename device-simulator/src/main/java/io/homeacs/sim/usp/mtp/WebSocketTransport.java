package io.homeacs.sim.usp.mtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The WebSocket MTP, agent side: opens {@code ws[s]://host:port/path?eid=<EndpointID>} with
 * subprotocol {@code v1.usp}, one binary frame per record, answers pings. All agents of a simulator
 * share one event loop group, so ten thousand agents are ten thousand sockets, not threads.
 */
public final class WebSocketTransport implements AgentTransport {
    private static final int MAX_RECORD = 8 << 20;
    private static volatile EventLoopGroup shared;

    private final TransportConfig config;
    private volatile Channel channel;

    public WebSocketTransport(TransportConfig config) {
        this.config = config;
    }

    private static EventLoopGroup group() {
        EventLoopGroup g = shared;
        if (g == null) {
            synchronized (WebSocketTransport.class) {
                if (shared == null) {
                    shared = new MultiThreadIoEventLoopGroup(0, r -> {
                        Thread t = new Thread(r, "usp-ws-client");
                        t.setDaemon(true);
                        return t;
                    }, NioIoHandler.newFactory());
                }
                g = shared;
            }
        }
        return g;
    }

    @Override
    public String mtp() {
        return "websocket";
    }

    @Override
    public void connect(Consumer<byte[]> onRecord, Runnable onLost) throws IOException {
        URI base = config.controllerUrl();
        String sep = base.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(base + sep + "eid=" + URLEncoder.encode(config.agentEndpointId(), StandardCharsets.UTF_8));
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        SslContext ssl = null;
        if (tls) {
            try {
                // The simulator is a lab tool: it accepts the ACS's self-signed certificate.
                ssl = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            } catch (javax.net.ssl.SSLException e) {
                throw new IOException(e);
            }
        }
        WebSocketClientHandshaker hs = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                "v1.usp", false, new DefaultHttpHeaders(), MAX_RECORD);
        Handler handler = new Handler(hs, onRecord, onLost);
        SslContext sslContext = ssl;
        Bootstrap b = new Bootstrap().group(group()).channel(NioSocketChannel.class)
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContext != null) {
                            ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), handler);
                    }
                });
        try {
            Channel ch = b.connect(uri.getHost(), port).sync().channel();
            if (!handler.handshake.await(10, TimeUnit.SECONDS) || !handler.handshake.isSuccess()) {
                ch.close();
                Throwable cause = handler.handshake.cause();
                throw new IOException("WebSocket handshake with " + base + " failed"
                        + (cause == null ? " (timeout)" : ": " + cause.getMessage()));
            }
            channel = ch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to " + base + ": " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot connect to " + base + ": " + e.getMessage(), e);
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final Consumer<byte[]> onRecord;
        private final Runnable onLost;
        ChannelPromise handshake;

        Handler(WebSocketClientHandshaker handshaker, Consumer<byte[]> onRecord, Runnable onLost) {
            this.handshaker = handshaker;
            this.onRecord = onRecord;
            this.onLost = onLost;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            handshake = ctx.newPromise();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!handshake.isDone()) {
                handshake.tryFailure(new IOException("connection closed during the handshake"));
            } else if (handshake.isSuccess()) {
                onLost.run();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                try {
                    handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                    ctx.pipeline().addBefore(ctx.name(), "ws-aggregate", new WebSocketFrameAggregator(MAX_RECORD));
                    handshake.trySuccess();
                } catch (RuntimeException e) {
                    handshake.tryFailure(e);
                }
                return;
            }
            if (msg instanceof BinaryWebSocketFrame f) {
                onRecord.accept(ByteBufUtil.getBytes(f.content()));
            } else if (msg instanceof PingWebSocketFrame p) {
                ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame) {
                ctx.close();
            } else if (msg instanceof WebSocketFrame) {
                // Text and pong frames carry nothing for USP.
                return;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.tryFailure(cause);
            ctx.close();
        }
    }

    @Override
    public void send(byte[] record) throws IOException {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            throw new IOException("not connected");
        }
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record)));
    }

    @Override
    public Optional<String> subscribedAddress() {
        return Optional.empty();
    }

    @Override
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public void close() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new CloseWebSocketFrame(1000, "agent closing")).addListener(f -> ch.close());
        }
    }
}
