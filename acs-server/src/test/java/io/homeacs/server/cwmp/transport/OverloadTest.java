package io.homeacs.server.cwmp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the worker queue is full the endpoint sheds load with 503 + Retry-After instead of queueing forever. */
class OverloadTest {

    @Test
    void fullWorkQueueAnswers503WithRetryAfter() {
        AtomicInteger rejected = new AtomicInteger();
        CwmpHttpServer.Options options = new CwmpHttpServer.Options("127.0.0.1", 0, "/", 1 << 20, 1, 60, 17, false, null);
        EmbeddedChannel ch = new EmbeddedChannel(new DispatchHandler(options,
            r -> CwmpHttpResponse.text(200, "never"), new RejectingExecutor(), rejected::incrementAndGet));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
            Unpooled.copiedBuffer("<x/>", StandardCharsets.UTF_8)));
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("17");
        assertThat(rejected.get()).isEqualTo(1);
        response.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void requestIsHandedToTheWorkerAndAnswered() {
        CwmpHttpServer.Options options = new CwmpHttpServer.Options("127.0.0.1", 0, "/acs", 1 << 20, 1, 60, 5, false, null);
        EmbeddedChannel ch = new EmbeddedChannel(new DispatchHandler(options,
            r -> CwmpHttpResponse.text(200, "got " + r.body().length), Runnable::run, () -> { }));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/acs?x=1",
            Unpooled.copiedBuffer("abc", StandardCharsets.UTF_8)));
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("got 3\n");
        response.release();
        ch.finishAndReleaseAll();
    }

    private static final class RejectingExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            throw new RejectedExecutionException("full");
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
