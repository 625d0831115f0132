package io.homeacs.server.cwmp.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of the pipeline: copies the request out of Netty and hands it to the worker pool.
 * Reading pauses until the answer is written, so one connection is served one request at a time.
 */
final class DispatchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);

    private final CwmpHttpServer.Options options;
    private final CwmpRequestHandler handler;
    private final Executor executor;
    private final CwmpHttpServer.OverloadListener overload;

    DispatchHandler(CwmpHttpServer.Options options, CwmpRequestHandler handler, Executor executor,
                    CwmpHttpServer.OverloadListener overload) {
        this.options = options;
        this.handler = handler;
        this.executor = executor;
        this.overload = overload;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            write(ctx, CwmpHttpResponse.text(400, "malformed HTTP request"), false);
            return;
        }
        String path = pathOf(req.uri());
        if (!path.equals(options.path())) {
            write(ctx, CwmpHttpResponse.text(404, "not the CWMP endpoint"), keepAlive);
            return;
        }
        if (!req.method().equals(HttpMethod.POST)) {
            write(ctx, new CwmpHttpResponse(405, Map.of("Allow", "POST", "Content-Type", "text/plain"),
                "CWMP uses POST\n".getBytes(StandardCharsets.UTF_8)), keepAlive);
            return;
        }
        CwmpHttpRequest request = new CwmpHttpRequest(path, ByteBufUtil.getBytes(req.content()),
            req.headers().get(HttpHeaderNames.COOKIE), req.headers().get(HttpHeaderNames.AUTHORIZATION),
            remoteIp(ctx, req), ctx.channel().id().asLongText(), options.tls() != null);
        ctx.channel().config().setAutoRead(false);
        try {
            executor.execute(() -> {
                CwmpHttpResponse response;
                try {
                    response = handler.handle(request);
                } catch (RuntimeException e) {
                    LOG.error("CWMP request from {} failed", request.remoteIp(), e);
                    response = CwmpHttpResponse.text(500, "internal error");
                }
                write(ctx, response, keepAlive);
            });
        } catch (RejectedExecutionException e) {
            overload.rejected();
            write(ctx, new CwmpHttpResponse(503, Map.of("Retry-After", Integer.toString(options.retryAfterSeconds()),
                "Content-Type", "text/plain"), "busy, retry later\n".getBytes(StandardCharsets.UTF_8)), keepAlive);
        }
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        String p = q >= 0 ? uri.substring(0, q) : uri;
        if (p.startsWith("http://") || p.startsWith("https://")) {
            int slash = p.indexOf('/', p.indexOf("//") + 2);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        return p.isEmpty() ? "/" : p;
    }

    private String remoteIp(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (options.trustForwardedFor()) {
            String xff = req.headers().get("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                int comma = xff.indexOf(',');
                return (comma < 0 ? xff : xff.substring(0, comma)).trim();
            }
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.channel().remoteAddress());
    }

    private static void write(ChannelHandlerContext ctx, CwmpHttpResponse r, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((k, v) -> resp.headers().set(k, v));
        HttpUtil.setContentLength(resp, r.body().length);
        HttpUtil.setKeepAlive(resp, keepAlive);
        var future = ctx.writeAndFlush(resp);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        } else {
            future.addListener(f -> ctx.channel().config().setAutoRead(true));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String id = ctx.channel().id().asLongText();
        try {
            executor.execute(() -> handler.connectionClosed(id));
        } catch (RejectedExecutionException e) {
            // Under overload the cookie-less fallback entry is left for the session reaper.
            LOG.debug("connection-closed notice dropped under overload");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("CWMP connection {} error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
