package io.homeacs.sim.cwmp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Shared non-blocking HTTP client resources: one event loop group for every simulated CPE. */
public final class HttpTransport implements AutoCloseable {
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private volatile SslContext ssl;

    public HttpTransport(int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    public EventLoopGroup group() {
        return group;
    }

    public CompletableFuture<HttpConnection> connect(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        CompletableFuture<HttpConnection> result = new CompletableFuture<>();
        HttpConnection.ResponseHandler handler = new HttpConnection.ResponseHandler();
        SslContext sslContext;
        try {
            sslContext = tls ? sslContext() : null;
        } catch (SSLException e) {
            result.completeExceptionally(e);
            return result;
        }
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (sslContext != null) {
                    ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), uri.getHost(), port));
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY), handler);
            }
        });
        ChannelFuture cf = b.connect(uri.getHost(), port);
        cf.addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = cf.channel();
                result.complete(new HttpConnection(ch, handler, hostHeader(uri, tls, port)));
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private static String hostHeader(URI uri, boolean tls, int port) {
        boolean defaultPort = tls ? port == 443 : port == 80;
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private SslContext sslContext() throws SSLException {
        SslContext c = ssl;
        if (c == null) {
            // Lab ACS instances use self-signed certificates; the simulator is not a security boundary.
            c = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            ssl = c;
        }
        return c;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
