package io.homeacs.server.cwmp.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a large body from a client that has neither credentials nor a session before a byte of
 * it is buffered: an Inform is a few KB, so only a session's later messages may be big.
 */
final class EarlyLimitHandler extends ChannelInboundHandlerAdapter {
    static final int ANONYMOUS_MAX_BYTES = 64 * 1024;

    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            discarding = false;
            boolean anonymous = !req.headers().contains(HttpHeaderNames.AUTHORIZATION)
                && !req.headers().contains(HttpHeaderNames.COOKIE);
            if (anonymous && HttpUtil.getContentLength(req, 0L) > ANONYMOUS_MAX_BYTES) {
                discarding = true;
                ReferenceCountUtil.release(msg);
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
                r.headers().set(HttpHeaderNames.CONNECTION, "close");
                HttpUtil.setContentLength(r, 0);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
