package io.homeacs.server.usp.mtp.websocket;

import io.homeacs.server.usp.mtp.AgentLink;
import io.homeacs.server.usp.mtp.EndpointBound;
import io.homeacs.server.usp.mtp.RecordSink;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's WebSocket: the handshake (path, {@code v1.usp}, EndpointID), then binary frames as
 * records, handed to the controller one at a time in arrival order. Kept small: it is the whole
 * per-agent state of the MTP.
 */
final class AgentConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final Pattern EXTENSION_EID = Pattern.compile("bbf-usp-protocol\\s*;\\s*eid\\s*=\\s*\"?([^\";,]+)\"?");
    /** Records waiting for the controller before reading from the socket pauses. */
    private static final int PAUSE_AT = 16;

    private final WebSocketMtp.Options options;
    private final RecordSink sink;
    private final Executor executor;
    private final ConcurrentHashMap<String, Channel> byEndpoint;
    private WebSocketServerHandshaker handshaker;
    private Link link;
    // Token bucket: lean (two numbers) rather than a limiter object per agent.
    private double tokens;
    private long refilledAt;
    private int dropped;
    /** Records (byte[]) and the closing marker waiting for the controller; null while nothing waits. */
    private ArrayDeque<Object> pending;
    private boolean draining;

    private static final Object CLOSED = new Object();

    AgentConnection(WebSocketMtp.Options options, RecordSink sink, Executor executor,
                    ConcurrentHashMap<String, Channel> byEndpoint) {
        this.options = options;
        this.sink = sink;
        this.executor = executor;
        this.byEndpoint = byEndpoint;
        this.tokens = options.rateLimit() * 4.0;
        this.refilledAt = System.nanoTime();
    }

    /** The link records to this agent take; the controller keeps the newest per EndpointID. */
    static final class Link implements AgentLink, EndpointBound {
        private final Channel channel;
        private final String endpointId;

        Link(Channel channel, String endpointId) {
            this.channel = channel;
            this.endpointId = endpointId;
        }

        @Override
        public String mtp() {
            return "websocket";
        }

        @Override
        public String address() {
            InetSocketAddress a = (InetSocketAddress) channel.remoteAddress();
            return a == null ? "ws://?" : "ws://" + a.getAddress().getHostAddress() + ":" + a.getPort();
        }

        @Override
        public CompletableFuture<Void> send(byte[] record) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (!channel.isActive()) {
                f.completeExceptionally(new IllegalStateException("WebSocket to " + endpointId + " is closed"));
                return f;
            }
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record))).addListener(w -> {
                if (w.isSuccess()) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(w.cause());
                }
            });
            return f;
        }

        @Override
        public boolean isOpen() {
            return channel.isActive();
        }

        @Override
        public String endpointId() {
            return endpointId;
        }

        void close(WebSocketCloseStatus status, String reason) {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
                    .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req) {
            try {
                handshake(ctx, req);
            } finally {
                req.release();
            }
            return;
        }
        if (!(msg instanceof WebSocketFrame frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            frame(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (!uri.path().equals(options.path())) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "no USP endpoint at " + uri.path());
            return;
        }
        if (req.method() != HttpMethod.GET || !req.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "a USP agent opens a WebSocket here");
            return;
        }
        if (!offersSubprotocol(req.headers())) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "subprotocol " + WebSocketMtp.SUBPROTOCOL + " required");
            return;
        }
        String eid = endpointId(uri, req.headers());
        if (eid == null || eid.isBlank() || eid.length() > 255) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "the agent's EndpointID is required (eid query parameter "
                + "or Sec-WebSocket-Extensions bbf-usp-protocol; eid=...)");
            return;
        }
        String scheme = options.tls() == null ? "ws" : "wss";
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
            scheme + "://" + req.headers().get(HttpHeaderNames.HOST) + options.path(), WebSocketMtp.SUBPROTOCOL, false,
            options.maxRecordBytes());
        handshaker = factory.newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        HttpHeaders extra = new DefaultHttpHeaders();
        if (req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            extra.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "bbf-usp-protocol; eid=\"" + options.controllerId() + "\"");
        }
        Channel ch = ctx.channel();
        handshaker.handshake(ch, req, extra, ch.newPromise()).addListener(done -> {
            if (!done.isSuccess()) {
                ch.close();
                return;
            }
            ch.pipeline().addBefore("usp", "ws-aggregate", new WebSocketFrameAggregator(options.maxRecordBytes()));
            link = new Link(ch, eid);
            Channel previous = byEndpoint.put(eid, ch);
            if (previous != null && previous != ch) {
                LOG.info("USP agent {} opened a new WebSocket; the old one is closed", eid);
                previous.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION.code(),
                    "replaced by a newer connection of the same EndpointID")).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    private static boolean offersSubprotocol(HttpHeaders h) {
        for (String v : h.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String p : v.split(",")) {
                if (p.trim().equals(WebSocketMtp.SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String endpointId(QueryStringDecoder uri, HttpHeaders h) {
        List<String> q = uri.parameters().get("eid");
        if (q != null && !q.isEmpty()) {
            return q.get(0).trim();
        }
        for (String v : h.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            Matcher m = EXTENSION_EID.matcher(v);
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            if (!takeToken()) {
                dropped++;
                if (dropped == 1 || dropped % 100 == 0) {
                    LOG.warn("USP agent {} exceeds {} records/s; {} records dropped", link.endpointId(),
                        options.rateLimit(), dropped);
                }
                if (dropped > options.rateLimit() * 10) {
                    link.close(WebSocketCloseStatus.POLICY_VIOLATION, "record rate limit exceeded");
                }
                return;
            }
            enqueue(ctx, ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
        } else if (!(frame instanceof PongWebSocketFrame)) {
            link.close(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "USP records travel in binary frames");
        }
    }

    private boolean takeToken() {
        long now = System.nanoTime();
        double burst = options.rateLimit() * 4.0;
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * options.rateLimit());
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        if (dropped > 0 && tokens >= burst / 2) {
            dropped = 0;
        }
        return true;
    }

    /** Hands records on in order; reading pauses while the controller is behind on this agent. */
    private void enqueue(ChannelHandlerContext ctx, Object item) {
        boolean start;
        synchronized (this) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(item);
            if (pending.size() >= PAUSE_AT) {
                ctx.channel().config().setAutoRead(false);
            }
            start = !draining;
            draining = true;
        }
        if (start) {
            try {
                executor.execute(() -> drain(ctx.channel()));
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    draining = false;
                    pending = null;
                }
                LOG.warn("USP workers are saturated; records from {} dropped", link.endpointId());
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private void drain(Channel ch) {
        while (true) {
            Object item;
            synchronized (this) {
                item = pending == null ? null : pending.poll();
                if (item == null) {
                    draining = false;
                    pending = null;
                    if (ch.isActive()) {
                        ch.config().setAutoRead(true);
                    }
                    return;
                }
            }
            try {
                if (item == CLOSED) {
                    sink.closed(link);
                } else {
                    sink.received((byte[]) item, link);
                }
            } catch (RuntimeException e) {
                LOG.warn("USP controller failed on a record from {}", link.endpointId(), e);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && link != null) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.info("USP agent {} silent for {} s; closing its WebSocket", link.endpointId(), options.pingSeconds() * 3);
                link.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no traffic");
            }
        } else if (evt instanceof IdleStateEvent) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            byEndpoint.remove(link.endpointId(), ctx.channel());
            enqueue(ctx, CLOSED);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
            LOG.warn("USP agent {}: {}; connection closed", link == null ? ctx.channel().remoteAddress() : link.endpointId(),
                cause.getMessage());
            if (link != null) {
                link.close(WebSocketCloseStatus.MESSAGE_TOO_BIG, "record larger than " + options.maxRecordBytes() + " bytes");
                return;
            }
        } else {
            LOG.debug("USP WebSocket error: {}", cause.toString());
        }
        ctx.close();
    }
}
