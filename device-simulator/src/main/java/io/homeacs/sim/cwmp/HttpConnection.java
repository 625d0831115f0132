package io.homeacs.sim.cwmp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One keep-alive HTTP/1.1 connection carrying one request at a time. */
public final class HttpConnection {
    private final Channel channel;
    private final ResponseHandler handler;
    private final String host;
    private int requests;

    HttpConnection(Channel channel, ResponseHandler handler, String host) {
        this.channel = channel;
        this.handler = handler;
        this.host = host;
    }

    /** Requests sent so far; a server may close an idle keep-alive connection just as a later one goes out. */
    public synchronized int requestsSent() {
        return requests;
    }

    public boolean isOpen() {
        return channel.isActive() && !handler.closeRequested;
    }

    public void close() {
        channel.close();
    }

    /** Sends a request; headers are added verbatim. The future fails on close, error or timeout. */
    public CompletableFuture<HttpResult> send(HttpMethod method, String uri, Map<String, String> headers, byte[] body,
                                              Duration timeout) {
        CompletableFuture<HttpResult> f = new CompletableFuture<>();
        synchronized (this) {
            requests++;
        }
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        req.headers().set(HttpHeaderNames.HOST, host);
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> req.headers().set(k, v));
        Runnable task = () -> {
            handler.start(channel, f, timeout);
            if (f.isDone()) {
                req.release();
                return;
            }
            channel.writeAndFlush(req).addListener(w -> {
                if (!w.isSuccess()) {
                    f.completeExceptionally(w.cause());
                }
            });
        };
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
        return f;
    }

    static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private CompletableFuture<HttpResult> pending;
        private ScheduledFuture<?> timer;
        volatile boolean closeRequested;

        void start(Channel ch, CompletableFuture<HttpResult> f, Duration timeout) {
            if (pending != null && !pending.isDone()) {
                f.completeExceptionally(new IllegalStateException("request already in flight"));
                return;
            }
            if (!ch.isActive()) {
                f.completeExceptionally(new ConnectException("connection closed"));
                return;
            }
            pending = f;
            timer = ch.eventLoop().schedule(() -> {
                if (f.completeExceptionally(new TimeoutException("no HTTP response within " + timeout.toSeconds() + " s"))) {
                    ch.close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            boolean keepAlive = HttpUtil.isKeepAlive(r);
            if (!keepAlive) {
                closeRequested = true;
            }
            HttpResult result = new HttpResult(r.status().code(), List.copyOf(r.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE)),
                    List.copyOf(r.headers().getAll(HttpHeaderNames.SET_COOKIE)), r.headers().get(HttpHeaderNames.RETRY_AFTER),
                    r.headers().get(HttpHeaderNames.CONTENT_TYPE), keepAlive, ByteBufUtil.getBytes(r.content()));
            complete(result, null);
            if (!keepAlive) {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            complete(null, new ConnectException("connection closed by peer"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            complete(null, cause instanceof IOException ? cause : new IOException(cause));
            ctx.close();
        }

        private void complete(HttpResult r, Throwable error) {
            CompletableFuture<HttpResult> f = pending;
            pending = null;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            if (f == null) {
                return;
            }
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(r);
            }
        }
    }
}
