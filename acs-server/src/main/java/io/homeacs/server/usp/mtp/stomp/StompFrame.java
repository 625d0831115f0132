package io.homeacs.server.usp.mtp.stomp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One STOMP 1.2 frame. Headers keep their order; when a header repeats on the wire only its first
 * value counts (STOMP 1.2, "Repeated Header Entries"), which the decoder applies.
 */
public record StompFrame(String command, Map<String, String> headers, byte[] body) {

    public StompFrame {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public static StompFrame of(String command, Map<String, String> headers) {
        return new StompFrame(command, headers, new byte[0]);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** CONNECT and CONNECTED carry their headers unescaped, for compatibility with STOMP 1.0 (spec 1.2). */
    boolean escapesHeaders() {
        return !command.equals("CONNECT") && !command.equals("CONNECTED");
    }

    @Override
    public String toString() {
        return command + headers + " (" + body.length + " bytes)";
    }
}
