package io.homeacs.sim.cwmp;

import java.util.Optional;

/**
 * A decoded SOAP envelope received from the ACS.
 *
 * @param namespace  cwmp namespace of the body element (or of the cwmp:Fault detail)
 * @param id         cwmp:ID header, null when absent
 * @param useVersion cwmp:UseCWMPVersion header, null when absent
 * @param body       the single element inside soap-env:Body
 */
public record AcsEnvelope(String namespace, String id, boolean holdRequests, String useVersion, XmlNode body) {
    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

    /** A SOAP Fault returned by the ACS (ACS fault codes 8000-8006). */
    public record AcsFault(int code, String message) {
    }

    public String method() {
        return body.name();
    }

    public boolean isFault() {
        return "Fault".equals(body.name()) && SOAP_ENV.equals(body.namespace());
    }

    public Optional<AcsFault> fault() {
        if (!isFault()) {
            return Optional.empty();
        }
        Optional<XmlNode> cwmp = body.child("detail").flatMap(d -> d.child("Fault"));
        int code = cwmp.map(f -> f.optionalText("FaultCode").strip()).filter(s -> s.matches("\\d+"))
                .map(Integer::parseInt).orElse(0);
        String msg = cwmp.map(f -> f.optionalText("FaultString")).orElse(body.optionalText("faultstring"));
        return Optional.of(new AcsFault(code, msg));
    }

    public static AcsEnvelope parse(byte[] xml) throws SecureXml.XmlException {
        XmlNode root = SecureXml.parse(xml);
        if (!"Envelope".equals(root.name()) || !SOAP_ENV.equals(root.namespace())) {
            throw new SecureXml.XmlException("Not a SOAP 1.1 envelope: {" + root.namespace() + "}" + root.name(), null);
        }
        XmlNode bodyWrapper = root.child("Body").filter(b -> SOAP_ENV.equals(b.namespace()))
                .orElseThrow(() -> new SecureXml.XmlException("SOAP envelope without Body", null));
        if (bodyWrapper.children().size() != 1) {
            throw new SecureXml.XmlException("SOAP Body must hold exactly one element, has "
                    + bodyWrapper.children().size(), null);
        }
        XmlNode body = bodyWrapper.children().get(0);
        String id = null;
        boolean hold = false;
        String use = null;
        String headerNs = null;
        Optional<XmlNode> header = root.child("Header");
        if (header.isPresent()) {
            for (XmlNode h : header.get().children()) {
                switch (h.name()) {
                    case "ID" -> id = h.text();
                    case "HoldRequests" -> hold = "true".equals(h.text().strip()) || "1".equals(h.text().strip());
                    case "UseCWMPVersion" -> use = h.text().strip();
                    default -> {
                        // other headers (e.g. NoMoreRequests) need no action from this CPE
                    }
                }
                headerNs = h.namespace();
            }
        }
        String ns = body.namespace();
        if (SOAP_ENV.equals(ns)) {
            ns = body.child("detail").flatMap(d -> d.child("Fault")).map(XmlNode::namespace).orElse(headerNs);
        }
        return new AcsEnvelope(ns, id, hold, use, body);
    }
}
