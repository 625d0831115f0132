package io.homeacs.server.cwmp.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The CWMP listener. The pipeline, top to bottom: (TLS) → idle timeout → HTTP codec → keep-alive →
 * small-body limit for anonymous clients → body aggregation with a size cap → hand-off to the
 * worker pool. Nothing in it blocks.
 */
public final class CwmpHttpServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private CwmpHttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    public record Options(String bind, int port, String path, int maxBodyBytes, int ioThreads, int idleSeconds,
                          int retryAfterSeconds, boolean trustForwardedFor, SslContext tls) {
    }

    public static CwmpHttpServer start(Options o, CwmpRequestHandler handler, Executor executor,
                                       OverloadListener overload) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(o.ioThreads(), NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (o.tls() != null) {
                        p.addLast("tls", o.tls().newHandler(ch.alloc()));
                    }
                    p.addLast("idle", new IdleStateHandler(0, 0, o.idleSeconds(), TimeUnit.SECONDS));
                    p.addLast("http", new HttpServerCodec());
                    p.addLast("keepAlive", new HttpServerKeepAliveHandler());
                    p.addLast("anonymousLimit", new EarlyLimitHandler());
                    p.addLast("aggregate", new LimitedAggregator(o.maxBodyBytes()));
                    p.addLast("dispatch", new DispatchHandler(o, handler, executor, overload));
                }
            });
        try {
            Channel ch = b.bind(new InetSocketAddress(o.bind(), o.port())).sync().channel();
            return new CwmpHttpServer(boss, io, ch);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Told when a request is turned away because the worker queue is full. */
    @FunctionalInterface
    public interface OverloadListener {
        void rejected();
    }
}
