package io.homeacs.server.cwmp.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Body aggregation (chunked or not) with a cap; oversized bodies get 413 and a log line. */
final class LimitedAggregator extends HttpObjectAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(LimitedAggregator.class);

    LimitedAggregator(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        LOG.warn("CWMP request from {} refused: body larger than {} bytes", ctx.channel().remoteAddress(), maxContentLength());
        super.handleOversizedMessage(ctx, oversized);
    }
}
