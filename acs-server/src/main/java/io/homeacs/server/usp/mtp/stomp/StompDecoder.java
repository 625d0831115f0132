package io.homeacs.server.usp.mtp.stomp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes to {@link StompFrame}s (STOMP 1.2): EOLs between frames are heart-beats and skipped; a body is
 * read by its content-length when given (so it may contain NULs), else up to the NUL. Nothing is decoded
 * as text except the command and headers. A frame over the size cap or that breaks the grammar raises a
 * {@link DecoderException}, and the connection is closed by the handler: its framing can no longer be trusted.
 */
public final class StompDecoder extends ByteToMessageDecoder {
    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    public StompDecoder(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Heart-beat EOLs seen, for the reader-idle logic and tests. */
    public static final Object HEARTBEAT = new Object() {
        @Override
        public String toString() {
            return "HEARTBEAT";
        }
    };

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '\n') {
                in.skipBytes(1);
                out.add(HEARTBEAT);
                continue;
            }
            if (b == '\r') {
                if (in.readableBytes() < 2) {
                    return;
                }
                if (in.getByte(in.readerIndex() + 1) != '\n') {
                    throw new DecoderException("bare CR between frames");
                }
                in.skipBytes(2);
                out.add(HEARTBEAT);
                continue;
            }
            StompFrame frame = tryFrame(in);
            if (frame == null) {
                return;
            }
            out.add(frame);
        }
    }

    /** One frame from the reader index, or null (index untouched) when not all of it has arrived. */
    private StompFrame tryFrame(ByteBuf in) {
        int start = in.readerIndex();
        int headerEnd = findHeaderEnd(in, start);
        if (headerEnd < 0) {
            if (in.readableBytes() > maxHeaderBytes) {
                throw new DecoderException("frame headers exceed " + maxHeaderBytes + " bytes");
            }
            return null;
        }
        String head = in.toString(start, headerEnd - start, StandardCharsets.UTF_8);
        String[] lines = head.split("\n", -1);
        String command = stripCr(lines[0]);
        if (command.isEmpty() || !command.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new DecoderException("bad STOMP command '" + command + "'");
        }
        boolean escaped = !command.equals("CONNECT") && !command.equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new DecoderException("bad header line '" + line + "'");
            }
            String name = escaped ? unescape(line.substring(0, colon)) : line.substring(0, colon);
            String value = escaped ? unescape(line.substring(colon + 1)) : line.substring(colon + 1);
            headers.putIfAbsent(name, value);
        }
        int bodyStart = skipBlankLine(in, headerEnd);
        String length = headers.get("content-length");
        int bodyLength;
        if (length != null) {
            try {
                bodyLength = Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                throw new DecoderException("bad content-length '" + length + "'");
            }
            if (bodyLength < 0 || bodyLength > maxBodyBytes) {
                throw new DecoderException("body of " + bodyLength + " bytes exceeds " + maxBodyBytes);
            }
            if (in.writerIndex() < bodyStart + bodyLength + 1) {
                return null;
            }
            if (in.getByte(bodyStart + bodyLength) != 0) {
                throw new DecoderException("no NUL after a body of content-length " + bodyLength);
            }
        } else {
            int nul = in.indexOf(bodyStart, in.writerIndex(), (byte) 0);
            if (nul < 0) {
                if (in.writerIndex() - bodyStart > maxBodyBytes) {
                    throw new DecoderException("body exceeds " + maxBodyBytes + " bytes");
                }
                return null;
            }
            bodyLength = nul - bodyStart;
            if (bodyLength > maxBodyBytes) {
                throw new DecoderException("body exceeds " + maxBodyBytes + " bytes");
            }
        }
        byte[] body = new byte[bodyLength];
        in.getBytes(bodyStart, body);
        in.readerIndex(bodyStart + bodyLength + 1);
        return new StompFrame(command, headers, body);
    }

    /** Index of the "\n" that ends the blank line closing the headers' block (the LF of "\n\n" or "\n\r\n"), or -1. */
    private static int findHeaderEnd(ByteBuf in, int start) {
        int end = in.writerIndex();
        for (int i = start; i < end; i++) {
            if (in.getByte(i) == '\n') {
                int next = i + 1;
                if (next < end && in.getByte(next) == '\n') {
                    return i;
                }
                if (next + 1 < end && in.getByte(next) == '\r' && in.getByte(next + 1) == '\n') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int skipBlankLine(ByteBuf in, int headerEnd) {
        int i = headerEnd + 1;
        return in.getByte(i) == '\r' ? i + 2 : i + 1;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i == s.length()) {
                throw new DecoderException("header ends in a lone backslash");
            }
            switch (s.charAt(i)) {
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                case 'c' -> sb.append(':');
                case '\\' -> sb.append('\\');
                // STOMP 1.2: undefined escape sequences are fatal protocol errors.
                default -> throw new DecoderException("undefined escape \\" + s.charAt(i) + " in a header");
            }
        }
        return sb.toString();
    }
}
