package io.homeacs.sim.usp.mtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.coap.CoapBinding;
import io.homeacs.sim.usp.mtp.coap.CoapAgentTransport;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;

/**
 * The controller's CoAP binding and the simulator's CoAP transport, both real Californium over loopback UDP:
 * records both ways (block-wise when larger than a datagram), replies to each agent's reply-to, CoAP over DTLS
 * with a pre-shared key, and requests the controller must refuse with the right code.
 */
class CoapMtpTest {
    private static final int MAX = 8192;

    private static MtpConfig.Coap plain() {
        return new MtpConfig.Coap(true, "127.0.0.1", 0, "/usp", "127.0.0.1", -1, "", "", null, "");
    }

    @Test
    void recordsGoBothWaysAndRepliesGoToEachAgentsReplyTo() throws Exception {
        EchoSink sink = new EchoSink();
        try (CoapBinding binding = new CoapBinding(plain(), MAX, new AcsMetrics())) {
            binding.start(sink);
            String uri = "coap://127.0.0.1:" + binding.port() + "/usp";
            try (CoapAgentTransport a = CoapAgentTransport.of("os::A", uri);
                 CoapAgentTransport b = CoapAgentTransport.of("os::B", uri)) {
                BlockingQueue<String> toA = new LinkedBlockingQueue<>();
                BlockingQueue<String> toB = new LinkedBlockingQueue<>();
                a.connect(r -> toA.add(new String(r, ISO_8859_1)), () -> { });
                b.connect(r -> toB.add(new String(r, ISO_8859_1)), () -> { });
                a.send("from-a".getBytes(ISO_8859_1));
                b.send("from-b".getBytes(ISO_8859_1));
                // Larger than one datagram: travels block-wise both ways; every byte value survives.
                byte[] big = new byte[3000];
                for (int i = 0; i < big.length; i++) {
                    big[i] = (byte) i;
                }
                a.send(big);

                assertThat(Await.take(toA, "echo to A")).isEqualTo("echo:from-a");
                assertThat(Await.take(toA, "big echo to A")).isEqualTo("echo:" + new String(big, ISO_8859_1));
                assertThat(Await.take(toB, "echo to B")).isEqualTo("echo:from-b");
                assertThat(sink.links).extracting(l -> l.address()).contains(a.ownUri(), b.ownUri());
                assertThat(sink.threads).allSatisfy(t -> assertThat(t).startsWith("usp-coap-sink"));
                // The controller's reply-to names its own resource, where the agent now sends.
                assertThat(a.controllerAddress()).isEqualTo(uri);
            }
        }
    }

    @Test
    void dtlsWithAPreSharedKeyCarriesRecordsBothWays() throws Exception {
        EchoSink sink = new EchoSink();
        MtpConfig.Coap dtls = new MtpConfig.Coap(true, "127.0.0.1", -1, "/usp", "127.0.0.1", 0, "agents",
            "a shared secret", null, "");
        try (CoapBinding binding = new CoapBinding(dtls, MAX, new AcsMetrics())) {
            binding.start(sink);
            String uri = "coaps://127.0.0.1:" + binding.dtlsPort() + "/usp";
            try (CoapAgentTransport agent = new CoapAgentTransport(CoapAgentTransport.Settings.dtls("os::D", uri,
                     "agents", "a shared secret"));
                 CoapAgentTransport intruder = new CoapAgentTransport(new CoapAgentTransport.Settings("os::X", uri,
                     "127.0.0.1", 0, "/usp/agent", "agents", "a wrong secret", 3000))) {
                BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
                agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), () -> { });
                agent.send("secure".getBytes(ISO_8859_1));
                assertThat(Await.take(toAgent, "echo over DTLS")).isEqualTo("echo:secure");
                assertThat(sink.links.get(0).address()).startsWith("coaps://");

                intruder.connect(r -> { }, () -> { });
                assertThatThrownBy(() -> intruder.send("sneaky".getBytes(ISO_8859_1))).isInstanceOf(IOException.class);
                assertThat(sink.received).containsExactly("secure");
            }
        }
    }

    @Test
    void badRequestsGetCoapErrorCodesAndTheBindingStaysUp() throws Exception {
        EchoSink sink = new EchoSink();
        AcsMetrics metrics = new AcsMetrics();
        try (CoapBinding binding = new CoapBinding(plain(), MAX, metrics)) {
            binding.start(sink);
            String base = "coap://127.0.0.1:" + binding.port() + "/usp";
            CoapClient client = new CoapClient(base);
            try {
                assertThat(post(client, base + "?reply-to=coap://127.0.0.1:9/x", "r", MediaTypeRegistry.TEXT_PLAIN))
                    .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
                assertThat(post(client, base, "r", MediaTypeRegistry.APPLICATION_OCTET_STREAM))
                    .isEqualTo(ResponseCode.BAD_REQUEST);
                assertThat(post(client, base + "?reply-to=http://127.0.0.1/x", "r", MediaTypeRegistry.APPLICATION_OCTET_STREAM))
                    .isEqualTo(ResponseCode.BAD_REQUEST);
                assertThat(post(client, base + "?reply-to=coap://127.0.0.1:9/x", "", MediaTypeRegistry.APPLICATION_OCTET_STREAM))
                    .isEqualTo(ResponseCode.BAD_REQUEST);
                char[] tooBig = new char[MAX + 1];
                Arrays.fill(tooBig, 'x');
                assertThat(post(client, base + "?reply-to=coap://127.0.0.1:9/x", new String(tooBig),
                    MediaTypeRegistry.APPLICATION_OCTET_STREAM)).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
                CoapResponse get = client.get();
                assertThat(get.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
                assertThat(sink.received).isEmpty();

                // (A block-wise body over the cap is refused with 4.13 by Californium's block-wise layer itself.)
                // Still serving: a proper record (percent-encoded reply-to, as some agents send it) is accepted.
                try (CoapAgentTransport agent = CoapAgentTransport.of("os::G", base)) {
                    BlockingQueue<String> toAgent = new LinkedBlockingQueue<>();
                    agent.connect(r -> toAgent.add(new String(r, ISO_8859_1)), () -> { });
                    String encoded = agent.ownUri().replace(":", "%3A").replace("/", "%2F");
                    assertThat(post(client, base + "?reply-to=" + encoded, "good", MediaTypeRegistry.APPLICATION_OCTET_STREAM))
                        .isEqualTo(ResponseCode.CHANGED);
                    assertThat(Await.take(toAgent, "echo")).isEqualTo("echo:good");
                }
                assertThat(metrics.scrape()).contains("event=\"rejected-content-format\"")
                    .contains("event=\"rejected-no-reply-to\"").contains("event=\"rejected-empty\"");
            } finally {
                client.shutdown();
            }
        }
    }

    private static ResponseCode post(CoapClient client, String uri, String payload, int format) throws Exception {
        Request post = Request.newPost();
        post.setURI(uri);
        post.getOptions().setContentFormat(format);
        post.setPayload(payload.getBytes(ISO_8859_1));
        CoapResponse response = client.advanced(post);
        assertThat(response).as("answer to POST " + uri).isNotNull();
        return response.getCode();
    }
}
