package io.homeacs.server.firmware.files;

import io.homeacs.server.firmware.DownloadLinks;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.store.ImageStorage;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedNioStream;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one GET or HEAD of a signed image path: 200/206/304/403/404/410/416/503. */
final class FileHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final Logger LOG = LoggerFactory.getLogger(FileHandler.class);

    record Context(DownloadLinks links, FirmwareFileServer.Images images, ImageStorage storage, AtomicInteger active,
                   FileServerMetrics metrics, Clock clock, int maxConcurrent, int retryAfterSeconds, boolean tls) {
    }

    private final Context c;
    private final EventExecutor lookups;

    FileHandler(Context c, EventExecutor lookups) {
        this.c = c;
        this.lookups = lookups;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!(msg instanceof HttpRequest)) {
            return; // request bodies are ignored; the codec releases them
        }
        HttpRequest req = (HttpRequest) msg;
        lookups.execute(() -> {
            try {
                handle(ctx, req);
            } catch (RuntimeException e) {
                LOG.warn("firmware download request failed: {}", e.toString());
                ctx.close();
            }
        });
    }

    private void handle(ChannelHandlerContext ctx, HttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            plain(ctx, req, HttpResponseStatus.BAD_REQUEST, "malformed request", false);
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        if (!head && !req.method().equals(HttpMethod.GET)) {
            c.metrics().refused("method");
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, req, r);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).rawPath();
        Instant now = c.clock().instant();
        Optional<DownloadLinks.Grant> grant = c.links().verify(path, now);
        if (grant.isEmpty()) {
            boolean expired = c.links().authenticButExpired(path, now);
            c.metrics().refused(expired ? "expired" : "forbidden");
            plain(ctx, req, HttpResponseStatus.FORBIDDEN, expired ? "download link expired" : "forbidden", head);
            return;
        }
        Optional<FirmwareImage> found = c.images().find(grant.get().imageId());
        if (found.isEmpty()) {
            c.metrics().refused("not-found");
            plain(ctx, req, HttpResponseStatus.NOT_FOUND, "no such image", head);
            return;
        }
        FirmwareImage image = found.get();
        if (image.withdrawn()) {
            c.metrics().refused("gone");
            plain(ctx, req, HttpResponseStatus.GONE, "image withdrawn", head);
            return;
        }
        serve(ctx, req, image, head);
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest req, FirmwareImage image, boolean head) {
        String etag = "\"" + image.fileSha256() + "\"";
        HttpHeaders h = req.headers();
        if (matches(h.get(HttpHeaderNames.IF_NONE_MATCH), etag)) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            r.headers().set(HttpHeaderNames.ETAG, etag);
            send(ctx, req, r);
            return;
        }
        long size = image.fileSize();
        ByteRange.Request range = ByteRange.parse(h.get(HttpHeaderNames.RANGE), size);
        String ifRange = h.get(HttpHeaderNames.IF_RANGE);
        if (ifRange != null && !ifRange.trim().equals(etag)) {
            range = new ByteRange.Whole(); // the file changed since the client's part: start over
        }
        if (range instanceof ByteRange.Unsatisfiable) {
            c.metrics().refused("unsatisfiable");
            FullHttpResponse r = text(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable");
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            send(ctx, req, r);
            return;
        }
        ByteRange part = range instanceof ByteRange.Partial ? ((ByteRange.Partial) range).range() : new ByteRange(0, size - 1);
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
            range instanceof ByteRange.Partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
            .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
            .set(HttpHeaderNames.ETAG, etag)
            .set(HttpHeaderNames.CACHE_CONTROL, "private")
            .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + image.fileName() + "\"");
        HttpUtil.setContentLength(r, size == 0 ? 0 : part.length());
        if (range instanceof ByteRange.Partial) {
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + size);
        }
        if (head || size == 0) {
            ctx.write(r);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        if (c.active().incrementAndGet() > c.maxConcurrent()) {
            c.active().decrementAndGet();
            c.metrics().refused("busy");
            FullHttpResponse busy = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "too many downloads; retry later");
            busy.headers().set(HttpHeaderNames.RETRY_AFTER, c.retryAfterSeconds());
            send(ctx, req, busy);
            return;
        }
        Object body;
        try {
            body = body(image.storageKey(), part);
        } catch (IOException e) {
            c.active().decrementAndGet();
            LOG.warn("firmware image {} cannot be read from the storage: {}", image.id(), e.toString());
            plain(ctx, req, HttpResponseStatus.NOT_FOUND, "image file missing", false);
            return;
        }
        AtomicLong sent = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ChannelProgressivePromise progress = ctx.newProgressivePromise();
        progress.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture f, long p, long total) {
                sent.set(p);
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture f) {
                if (f.isSuccess()) {
                    sent.set(part.length());
                }
            }
        });
        ctx.write(r);
        ctx.write(body, progress);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
            if (done.compareAndSet(false, true)) {
                c.active().decrementAndGet();
                c.metrics().finished(f.isSuccess(), sent.get());
            }
        });
    }

    /** Zero-copy from a local file on plain HTTP; TLS must encrypt, so it reads the file in chunks. */
    private Object body(String key, ByteRange part) throws IOException {
        Optional<Path> local = c.storage().localFile(key);
        if (local.isPresent() && !c.tls()) {
            return new DefaultFileRegion(FileChannel.open(local.get(), StandardOpenOption.READ), part.first(), part.length());
        }
        SeekableByteChannel ch = c.storage().open(key);
        ch.position(part.first());
        return new ChunkedNioStream(new Bounded(ch, part.length()), 64 * 1024);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals("*") || s.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(r, r.content().readableBytes());
        return r;
    }

    private static void plain(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String message, boolean head) {
        FullHttpResponse r = text(status, message);
        if (head) {
            r.content().clear();
        }
        send(ctx, req, r);
    }

    private static void send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse r) {
        if (!HttpUtil.isContentLengthSet(r)) {
            HttpUtil.setContentLength(r, r.content().readableBytes());
        }
        ctx.writeAndFlush(r);
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("firmware download connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** A channel that ends after {@code limit} bytes: a Range's last byte. */
    private static final class Bounded implements ReadableByteChannel {
        private final SeekableByteChannel ch;
        private long remaining;

        Bounded(SeekableByteChannel ch, long limit) {
            this.ch = ch;
            this.remaining = limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (dst.remaining() > remaining) {
                dst.limit(dst.position() + (int) remaining);
            }
            int n = ch.read(dst);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
