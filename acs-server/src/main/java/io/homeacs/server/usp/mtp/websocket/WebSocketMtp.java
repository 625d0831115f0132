package io.homeacs.server.usp.mtp.websocket;

import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.RecordSink;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket MTP (TR-369 section 6.2 / Annex "WebSocket Binding"): agents open
 * {@code ws[s]://host:port/usp?eid=<EndpointID>} with subprotocol {@code v1.usp}; each binary frame
 * is one Record. One connection per agent: a new one from the same EndpointID closes the old.
 * Per-connection state is the handler and its link; event loops are shared, records are handed to
 * the controller on the given executor, in order per connection.
 */
public final class WebSocketMtp implements MtpBinding {
    public static final String SUBPROTOCOL = "v1.usp";

    /**
     * rateLimit: records per second per connection (bursts of 4x); pingSeconds: interval of pings
     * to a quiet agent, which is closed after three silent intervals.
     */
    public record Options(String bind, int port, String path, String controllerId, int maxRecordBytes, int rateLimit,
                          int pingSeconds, int ioThreads, SslContext tls) {
    }

    private final Options options;
    private final Executor executor;
    private final ConcurrentHashMap<String, Channel> byEndpoint = new ConcurrentHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel server;

    public WebSocketMtp(Options options, Executor executor) {
        this.options = options;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public void start(RecordSink sink) throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (options.tls() != null) {
                        p.addLast("tls", options.tls().newHandler(ch.alloc()));
                    }
                    p.addLast("idle", new IdleStateHandler(options.pingSeconds() * 3, options.pingSeconds(), 0,
                        TimeUnit.SECONDS));
                    p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
                    p.addLast("handshake-body", new HttpObjectAggregator(8192));
                    p.addLast("usp", new AgentConnection(options, sink, executor, byEndpoint));
                }
            });
        try {
            server = b.bind(new InetSocketAddress(options.bind(), options.port())).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Agents connected now. */
    public int connections() {
        return byEndpoint.size();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
        }
    }
}
