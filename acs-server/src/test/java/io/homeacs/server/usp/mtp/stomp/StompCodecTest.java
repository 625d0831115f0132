package io.homeacs.server.usp.mtp.stomp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's STOMP 1.2 frame codec against the grammar: escaping, bodies, heart-beats, broken frames. */
class StompCodecTest {

    private static List<Object> decode(byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new StompDecoder(1024, 1024));
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void escapedHeadersAndBinaryBodiesRoundTrip() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("destination", "/queue/usp.agent.os::012345-SN1");
        h.put("odd", "a\\b\nc\rd:e");
        byte[] body = new byte[] {0, 1, 0, (byte) 0xff, '\n', 0};
        EmbeddedChannel enc = new EmbeddedChannel(new StompEncoder());
        enc.writeOutbound(new StompFrame("SEND", h, body));
        ByteBuf wire = enc.readOutbound();
        String text = wire.toString(UTF_8);
        assertThat(text).contains("destination:/queue/usp.agent.os\\c\\c012345-SN1\n")
            .contains("odd:a\\\\b\\nc\\rd\\ce\n").contains("content-length:6\n");
        byte[] raw = new byte[wire.readableBytes()];
        wire.readBytes(raw);
        wire.release();

        List<Object> frames = decode(raw);
        assertThat(frames).hasSize(1);
        StompFrame f = (StompFrame) frames.get(0);
        assertThat(f.command()).isEqualTo("SEND");
        assertThat(f.headers()).isEqualTo(Map.of("destination", "/queue/usp.agent.os::012345-SN1", "odd", "a\\b\nc\rd:e",
            "content-length", "6"));
        assertThat(f.body()).isEqualTo(body);
    }

    @Test
    void connectHeadersAreNotEscaped() {
        EmbeddedChannel enc = new EmbeddedChannel(new StompEncoder());
        enc.writeOutbound(StompFrame.of("CONNECT", Map.of("endpoint-id", "proto::acs")));
        ByteBuf wire = enc.readOutbound();
        assertThat(wire.toString(UTF_8)).isEqualTo("CONNECT\nendpoint-id:proto::acs\n\n\0");
        wire.release();
        StompFrame connected = (StompFrame) decode(bytes("CONNECTED\nversion:1.2\nserver:x\\y\n\n\0")).get(0);
        assertThat(connected.header("server")).isEqualTo("x\\y");
    }

    @Test
    void heartBeatsCrLfRepeatedHeadersAndBodiesWithoutLength() {
        List<Object> out = decode(bytes("\n\r\nMESSAGE\r\nfoo:first\r\nfoo:second\r\n\r\nhello\0\nERROR\nmessage:bad\n\n\0"));
        assertThat(out).hasSize(5);
        assertThat(out.get(0)).isSameAs(StompDecoder.HEARTBEAT);
        assertThat(out.get(1)).isSameAs(StompDecoder.HEARTBEAT);
        StompFrame m = (StompFrame) out.get(2);
        assertThat(m.command()).isEqualTo("MESSAGE");
        assertThat(m.header("foo")).isEqualTo("first");
        assertThat(new String(m.body(), UTF_8)).isEqualTo("hello");
        assertThat(out.get(3)).isSameAs(StompDecoder.HEARTBEAT);
        assertThat(((StompFrame) out.get(4)).header("message")).isEqualTo("bad");
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        byte[] wire = bytes("MESSAGE\ncontent-length:3\n\na\0b\0");
        byte[][] oneByOne = new byte[wire.length][];
        for (int i = 0; i < wire.length; i++) {
            oneByOne[i] = new byte[] {wire[i]};
        }
        List<Object> out = decode(oneByOne);
        assertThat(out).hasSize(1);
        assertThat(((StompFrame) out.get(0)).body()).isEqualTo(new byte[] {'a', 0, 'b'});
    }

    @Test
    void brokenFramesAreRefused() {
        assertThatThrownBy(() -> decode(bytes("MESSAGE\nx:bad\\t\n\n\0"))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("undefined escape");
        assertThatThrownBy(() -> decode(bytes("MESSAGE\nno colon here\n\n\0"))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("bad header line");
        assertThatThrownBy(() -> decode(bytes("message\n\n\0"))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("bad STOMP command");
        assertThatThrownBy(() -> decode(bytes("MESSAGE\ncontent-length:2000\n\n"))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> decode(bytes("MESSAGE\ncontent-length:1\n\nab\0"))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("no NUL");
        assertThatThrownBy(() -> decode(bytes("MESSAGE\ncontent-length:x\n\n\0"))).isInstanceOf(DecoderException.class);
        assertThatThrownBy(() -> decode(bytes("MESSAGE\n\n" + "x".repeat(1100)))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> decode(bytes("MESSAGE\nh:" + "x".repeat(1100)))).isInstanceOf(DecoderException.class)
            .hasMessageContaining("headers exceed");
    }
}
