package io.homeacs.server.cwmp.soap;

import java.nio.charset.StandardCharsets;

/** Builders for CPE envelopes used by the decoder tests. */
final class Samples {

    static final String NS_10 = "urn:dslforum-org:cwmp-1-0";
    static final String NS_12 = "urn:dslforum-org:cwmp-1-2";
    static final String NS_14 = "urn:dslforum-org:cwmp-1-4";

    private Samples() {
    }

    /** A typical CPE envelope with SOAP-ENV/cwmp prefixes, a cwmp:ID header and the given body content. */
    static byte[] envelope(String cwmpNs, String id, String body) {
        String header = id == null ? ""
                : "<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand=\"1\">" + id + "</cwmp:ID></SOAP-ENV:Header>";
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:cwmp=\"" + cwmpNs + "\">\n"
                + header + "\n<SOAP-ENV:Body>\n" + body + "\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] envelope(String body) {
        return envelope(NS_12, "42", body);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
