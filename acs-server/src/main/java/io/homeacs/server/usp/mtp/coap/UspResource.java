package io.homeacs.server.usp.mtp.coap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The controller's USP resource: takes POSTs of USP Records (Content-Format application/octet-stream) with a
 * {@code reply-to} URI query, answers 2.04 Changed before the controller looks at the record, and refuses
 * what it cannot use with 4.00 (no or bad reply-to, empty payload), 4.13 (over the record cap) or 4.15 (another
 * content format). Other methods get Californium's 4.05.
 */
final class UspResource extends CoapResource {
    private final CoapBinding binding;

    UspResource(String name, CoapBinding binding) {
        super(name);
        this.binding = binding;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!exchange.getRequestOptions().hasContentFormat()
            || exchange.getRequestOptions().getContentFormat() != MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
            refuse(exchange, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "rejected-content-format",
                "USP Records are sent as application/octet-stream (42)");
            return;
        }
        byte[] payload = exchange.getRequestPayload();
        if (payload.length > binding.maxRecordBytes()) {
            refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "rejected-too-large",
                "record exceeds " + binding.maxRecordBytes() + " bytes");
            return;
        }
        if (payload.length == 0) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "rejected-empty", "empty payload: no USP Record");
            return;
        }
        URI replyTo;
        try {
            replyTo = replyTo(exchange.getRequestOptions().getUriQuery());
        } catch (IllegalArgumentException e) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "rejected-no-reply-to", e.getMessage());
            return;
        }
        exchange.respond(ResponseCode.CHANGED);
        binding.received(payload, replyTo);
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String event, String why) {
        binding.count(event);
        exchange.respond(code, why, MediaTypeRegistry.TEXT_PLAIN);
    }

    /** The reply-to query option's URI (raw or percent-encoded), which must be an absolute coap/coaps URI. */
    static URI replyTo(List<String> queries) {
        for (String q : queries) {
            if (q.startsWith("reply-to=")) {
                String value = q.substring("reply-to=".length());
                if (value.regionMatches(true, 0, "coap%3A", 0, 7) || value.regionMatches(true, 0, "coaps%3A", 0, 8)) {
                    value = percentDecode(value);
                }
                try {
                    URI uri = new URI(value);
                    String scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equalsIgnoreCase("coap") || scheme.equalsIgnoreCase("coaps"))
                        || uri.getHost() == null) {
                        throw new IllegalArgumentException("reply-to must be an absolute coap:// or coaps:// URI, got '"
                            + value + "'");
                    }
                    return uri;
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("reply-to is not a URI: " + e.getMessage());
                }
            }
        }
        throw new IllegalArgumentException("missing reply-to query option: there is nowhere to answer");
    }

    private static String percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
