package io.homeacs.sim.usp.mtp.stomp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own STOMP 1.2 framing over blocking streams (independent of the server's Netty codec,
 * so a test is two implementations agreeing on the wire). A frame with a body always carries content-length.
 */
final class StompWire {
    record Frame(String command, Map<String, String> headers, byte[] body) {
    }

    private StompWire() {
    }

    static void write(OutputStream out, String command, Map<String, String> headers, byte[] body) throws IOException {
        boolean escape = !command.equals("CONNECT");
        StringBuilder sb = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> sb.append(escape ? escape(k) : k).append(':').append(escape ? escape(v) : v).append('\n'));
        if (body.length > 0 || command.equals("SEND")) {
            sb.append("content-length:").append(body.length).append('\n');
        }
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(0);
        out.flush();
    }

    /** The next frame, skipping heart-beat EOLs; throws on a broken frame or a body over {@code maxBody}. */
    static Frame read(InputStream in, int maxBody) throws IOException {
        String command;
        do {
            command = line(in);
        } while (command.isEmpty());
        boolean escaped = !command.equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad STOMP header line '" + line + "'");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            headers.putIfAbsent(escaped ? unescape(name) : name, escaped ? unescape(value) : value);
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.trim());
            if (n < 0 || n > maxBody) {
                throw new IOException("STOMP body of " + n + " bytes is over the limit");
            }
            body = in.readNBytes(n);
            if (body.length < n || in.read() != 0) {
                throw new IOException("STOMP frame not terminated by NUL");
            }
        } else {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int b = in.read(); b != 0; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed inside a frame");
                }
                if (buf.size() >= maxBody) {
                    throw new IOException("STOMP body over the limit");
                }
                buf.write(b);
            }
            body = buf.toByteArray();
        }
        return new Frame(command, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (buf.size() > 65_536) {
                throw new IOException("STOMP header line too long");
            }
            buf.write(b);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
    }

    static String unescape(String s) throws IOException {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
            } else if (i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'r' -> sb.append('\r');
                    case 'n' -> sb.append('\n');
                    case 'c' -> sb.append(':');
                    case '\\' -> sb.append('\\');
                    default -> throw new IOException("undefined STOMP escape \\" + e);
                }
            } else {
                throw new IOException("STOMP header ends in a backslash");
            }
        }
        return sb.toString();
    }
}
