package io.homeacs.server.cwmp.soap;

/** Namespace URIs shared by the decoder and the encoder. */
final class Xml {
    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String CWMP_PREFIX = "urn:dslforum-org:cwmp-";

    private Xml() {
    }

    static boolean isCwmpNamespace(String ns) {
        return ns != null && ns.startsWith(CWMP_PREFIX);
    }
}
