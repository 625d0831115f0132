package io.homeacs.server.firmware.files;

import io.homeacs.server.firmware.DownloadLinks;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.store.ImageStorage;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP(S) server devices fetch firmware from, on its own port. Only signed per-device paths
 * ({@link DownloadLinks}) name a file; there is no directory and no listing. Pipeline: (TLS) → idle
 * timeout → HTTP codec → keep-alive → chunked writer → the file handler, which answers each request on
 * one thread of a small executor group (the connection's own, so pipelined requests keep their
 * order) because an image lookup may touch the store; the bytes themselves go out from the file by
 * zero-copy on plain HTTP, in chunks over TLS.
 */
public final class FirmwareFileServer implements AutoCloseable {

    /** Finds a catalogue entry by id; may block (the store). */
    public interface Images {
        Optional<FirmwareImage> find(long id);
    }

    /**
     * @param maxConcurrent downloads sent at once; more get 503 with Retry-After
     * @param tls           null for plain HTTP
     */
    public record Options(String bind, int port, int maxConcurrent, int retryAfterSeconds, int idleSeconds, int ioThreads,
                          SslContext tls) {
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final EventExecutorGroup lookups;
    private final Channel channel;

    private FirmwareFileServer(EventLoopGroup boss, EventLoopGroup io, EventExecutorGroup lookups, Channel channel) {
        this.boss = boss;
        this.io = io;
        this.lookups = lookups;
        this.channel = channel;
    }

    /** Listeners of one server (HTTP and HTTPS) share the count, so the cap is for the server as a whole. */
    public static final class Shared {
        final AtomicInteger active = new AtomicInteger();
        final FileServerMetrics metrics;

        public Shared(MeterRegistry registry) {
            this.metrics = new FileServerMetrics(registry, active);
        }

        public int active() {
            return active.get();
        }
    }

    public static FirmwareFileServer start(Options o, DownloadLinks links, Images images, ImageStorage storage, Shared shared,
                                           Clock clock) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(o.ioThreads(), NioIoHandler.newFactory());
        EventExecutorGroup lookups = new DefaultEventExecutorGroup(4);
        FileHandler.Context context = new FileHandler.Context(links, images, storage, shared.active, shared.metrics, clock,
            o.maxConcurrent(), o.retryAfterSeconds(), o.tls() != null);
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
                    p.addLast("chunked", new ChunkedWriteHandler());
                    p.addLast("files", new FileHandler(context, lookups.next()));
                }
            });
        try {
            Channel ch = b.bind(new InetSocketAddress(o.bind(), o.port())).sync().channel();
            return new FirmwareFileServer(boss, io, lookups, ch);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            lookups.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
