package io.homeacs.sim.usp.mtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.stomp.StompBinding;
import io.homeacs.sim.usp.mtp.stomp.StompAgentTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's STOMP binding (Netty codec) and the simulator's STOMP transport (its own socket codec)
 * exchanging records through the real RabbitMQ STOMP plugin on 61613: both directions with binary bodies,
 * reply routing by reply-to-dest, connections cut by a proxy, and messages the controller must refuse.
 */
class StompMtpTest {
    private static final int MAX = 4096;
    private final List<String> queues = new ArrayList<>();

    private MtpConfig.Stomp settings(int port, String destination) {
        queues.add(destination);
        return new MtpConfig.Stomp(true, "127.0.0.1", port, false, "/", "guest", "guest", destination, 1);
    }

    private String unique(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        queues.add("/queue/usp.agent." + name);
        return name;
    }

    @AfterEach
    void dropQueues() throws Exception {
        // The tests' queues are durable on a shared broker: remove them so runs leave nothing behind.
        for (String q : queues) {
            String name = q.substring(q.lastIndexOf('/') + 1);
            try {
                new ProcessBuilder("rabbitmqctl", "-q", "delete_queue", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                // Best effort: without rabbitmqctl (not root, not on PATH) the empty queues stay.
            }
        }
    }

    @Test
    void recordsGoBothWaysAndRepliesFollowEachAgentsReplyToDest() throws Exception {
        String dest = "/queue/usp.controller." + UUID.randomUUID().toString().substring(0, 8);
        EchoSink sink = new EchoSink();
        try (StompBinding binding = new StompBinding(settings(61613, dest), MAX, "proto::ctl", new AcsMetrics());
             StompAgentTransport a = StompAgentTransport.of("127.0.0.1", 61613, unique("os::A-"), dest);
             StompAgentTransport b = StompAgentTransport.of("127.0.0.1", 61613, unique("os::B-"), dest)) {
            binding.start(sink);
            assertThat(binding.isConnected()).isTrue();
            BlockingQueue<String> toA = new LinkedBlockingQueue<>();
            BlockingQueue<String> toB = new LinkedBlockingQueue<>();
            a.connect(r -> toA.add(new String(r, ISO_8859_1)), () -> { });
            b.connect(r -> toB.add(new String(r, ISO_8859_1)), () -> { });
            byte[] binary = new byte[256];
            for (int i = 0; i < 256; i++) {
                binary[i] = (byte) i;
            }
            a.send("from-a".getBytes(ISO_8859_1));
            b.send("from-b".getBytes(ISO_8859_1));
            a.send(binary);

            assertThat(Await.take(toA, "echo to A")).isEqualTo("echo:from-a");
            assertThat(Await.take(toA, "binary echo to A")).isEqualTo("echo:" + new String(binary, ISO_8859_1));
            assertThat(Await.take(toB, "echo to B")).isEqualTo("echo:from-b");
            assertThat(sink.links).extracting(l -> l.address())
                .contains(a.subscribedAddress().orElseThrow(), b.subscribedAddress().orElseThrow());
            assertThat(a.subscribedAddress().orElseThrow()).contains("os::A-");
            assertThat(a.controllerAddress()).isEqualTo(dest);
            assertThat(sink.threads).allSatisfy(t -> assertThat(t).startsWith("usp-stomp-sink"));
        }
    }

    @Test
    void bothSidesReconnectWhenTheirConnectionsAreCut() throws Exception {
        String dest = "/queue/usp.controller." + UUID.randomUUID().toString().substring(0, 8);
        EchoSink sink = new EchoSink();
        AtomicInteger lost = new AtomicInteger();
        BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
        try (CuttingProxy proxy = new CuttingProxy("127.0.0.1", 61613);
             StompBinding binding = new StompBinding(settings(proxy.port(), dest), MAX, "proto::ctl", new AcsMetrics());
             StompAgentTransport agent = StompAgentTransport.of("127.0.0.1", proxy.port(), unique("os::R-"), dest)) {
            binding.start(sink);
            agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), lost::incrementAndGet);
            agent.send("before".getBytes(ISO_8859_1));
            assertThat(Await.take(toAgent, "echo before the cut")).isEqualTo("echo:before");

            proxy.cutAll();
            Await.until("agent notices", () -> lost.get() == 1);
            Await.until("controller told the link is closed", () -> sink.closed.size() == 1);

            agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), lost::incrementAndGet);
            Await.until("binding back", binding::isConnected);
            agent.send("after".getBytes(ISO_8859_1));
            assertThat(Await.take(toAgent, "echo after the cut")).isEqualTo("echo:after");
        }
    }

    @Test
    void messagesWithoutReplyToOrWithAnotherContentTypeOrTooLargeAreDropped() throws Exception {
        String dest = "/queue/usp.controller." + UUID.randomUUID().toString().substring(0, 8);
        String replyQueue = "/queue/usp.agent." + unique("raw-");
        EchoSink sink = new EchoSink();
        AcsMetrics metrics = new AcsMetrics();
        try (StompBinding binding = new StompBinding(settings(61613, dest), MAX, "proto::ctl", metrics);
             Socket raw = new Socket("127.0.0.1", 61613)) {
            binding.start(sink);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            write(out, "CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n");
            assertThat(readFrame(in)).startsWith("CONNECTED");
            write(out, "SUBSCRIBE\nid:0\ndestination:" + replyQueue + "\nreceipt:r\n\n");
            assertThat(readFrame(in)).startsWith("RECEIPT");
            write(out, "SEND\ndestination:" + dest + "\ncontent-type:application/vnd.bbf.usp.msg\n\nno-reply");
            write(out, "SEND\ndestination:" + dest + "\ncontent-type:text/plain\nreply-to-dest:" + replyQueue + "\n\nplain");
            out.write(("SEND\ndestination:" + dest + "\ncontent-type:application/vnd.bbf.usp.msg\nreply-to-dest:"
                + replyQueue + "\ncontent-length:" + (MAX + 1) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[MAX + 1]);
            out.write(0);
            write(out, "SEND\ndestination:" + dest + "\ncontent-type:application/vnd.bbf.usp.msg\nreply-to-dest:"
                + replyQueue + "\n\ngood");

            String answer = readFrame(in);
            assertThat(answer).startsWith("MESSAGE").contains("content-type:application/vnd.bbf.usp.msg")
                .contains("reply-to-dest:" + dest).endsWith("echo:good");
            assertThat(sink.received).containsExactly("good");
            assertThat(metrics.scrape()).contains("event=\"rejected-no-reply-to\"").contains("event=\"rejected-content-type\"")
                .contains("event=\"rejected-too-large\"");
            assertThat(binding.isConnected()).isTrue();
        }
    }

    private static void write(OutputStream out, String frameWithoutNul) throws IOException {
        out.write(frameWithoutNul.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.flush();
    }

    private static String readFrame(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed: " + sb);
            }
            if (sb.length() == 0 && b == '\n') {
                continue;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
