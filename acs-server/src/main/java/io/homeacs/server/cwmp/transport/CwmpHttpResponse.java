package io.homeacs.server.cwmp.transport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What to answer: status, extra headers and body. A 204 or empty body ends nothing by itself. */
public record CwmpHttpResponse(int status, Map<String, String> headers, byte[] body) {
    public static final String XML = "text/xml; charset=\"utf-8\"";

    public CwmpHttpResponse {
        headers = Map.copyOf(headers);
    }

    public static CwmpHttpResponse noContent(Map<String, String> headers) {
        return new CwmpHttpResponse(204, headers, new byte[0]);
    }

    public static CwmpHttpResponse xml(int status, byte[] body, Map<String, String> headers) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put("Content-Type", XML);
        return new CwmpHttpResponse(status, h, body);
    }

    public static CwmpHttpResponse text(int status, String message) {
        return new CwmpHttpResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
            (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
