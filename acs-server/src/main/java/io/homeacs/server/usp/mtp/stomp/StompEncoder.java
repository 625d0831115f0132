package io.homeacs.server.usp.mtp.stomp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@link StompFrame}s to bytes. Every frame with a body carries content-length, so binary USP Records
 * (which contain NULs) pass intact; header names and values are escaped except in CONNECT/CONNECTED.
 */
public final class StompEncoder extends MessageToByteEncoder<StompFrame> {

    @Override
    protected void encode(ChannelHandlerContext ctx, StompFrame frame, ByteBuf out) {
        encode(frame, out);
    }

    static void encode(StompFrame frame, ByteBuf out) {
        StringBuilder head = new StringBuilder(128).append(frame.command()).append('\n');
        boolean escape = frame.escapesHeaders();
        for (Map.Entry<String, String> h : frame.headers().entrySet()) {
            if (h.getKey().equals("content-length")) {
                continue;
            }
            head.append(escape ? escape(h.getKey()) : h.getKey()).append(':')
                .append(escape ? escape(h.getValue()) : h.getValue()).append('\n');
        }
        if (frame.body().length > 0 || frame.command().equals("SEND")) {
            head.append("content-length:").append(frame.body().length).append('\n');
        }
        head.append('\n');
        out.writeCharSequence(head, StandardCharsets.UTF_8);
        out.writeBytes(frame.body());
        out.writeByte(0);
    }

    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case ':' -> "\\c";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
