package io.homeacs.server.cwmp.soap;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writing helpers over an {@link XMLStreamWriter} for CWMP bodies: unqualified child elements, SOAP-encoded
 * arrays and text that is always valid XML 1.0.
 */
final class XmlOut {

    static final String SOAP_ENV_PREFIX = "soap-env";
    static final String SOAP_ENC_PREFIX = "soap-enc";
    static final String XSD_PREFIX = "xsd";
    static final String XSI_PREFIX = "xsi";
    static final String CWMP_PREFIX = "cwmp";

    /** Replacement for characters XML 1.0 cannot carry; visible to operators, unlike silently dropping them. */
    private static final char REPLACEMENT = '\uFFFD';

    private final XMLStreamWriter w;
    private final String cwmpNamespace;

    XmlOut(XMLStreamWriter writer, String cwmpNamespace) {
        this.w = writer;
        this.cwmpNamespace = cwmpNamespace;
    }

    XMLStreamWriter writer() {
        return w;
    }

    /** Starts a cwmp-qualified element (method elements and cwmp:Fault). */
    void startCwmp(String localName) throws XMLStreamException {
        w.writeStartElement(CWMP_PREFIX, localName, cwmpNamespace);
    }

    /** An empty cwmp-qualified method element, for RPCs without arguments. */
    void emptyCwmp(String localName) throws XMLStreamException {
        w.writeEmptyElement(CWMP_PREFIX, localName, cwmpNamespace);
    }

    void start(String localName) throws XMLStreamException {
        w.writeStartElement(localName);
    }

    void end() throws XMLStreamException {
        w.writeEndElement();
    }

    /** Starts a SOAP-encoded array, e.g. {@code arrayType="xsd:string[3]"}. */
    void startArray(String localName, String itemType, int size) throws XMLStreamException {
        w.writeStartElement(localName);
        w.writeAttribute(SOAP_ENC_PREFIX, Xml.SOAP_ENC, "arrayType", itemType + '[' + size + ']');
    }

    void xsiType(String type) throws XMLStreamException {
        w.writeAttribute(XSI_PREFIX, Xml.XSI, "type", clean(type));
    }

    void element(String localName, String text) throws XMLStreamException {
        w.writeStartElement(localName);
        text(text);
        w.writeEndElement();
    }

    void element(String localName, long value) throws XMLStreamException {
        element(localName, Long.toString(value));
    }

    /** Booleans go out as 1/0: valid xsd:boolean, and also understood by CPE stacks that parse with atoi. */
    void element(String localName, boolean value) throws XMLStreamException {
        element(localName, value ? "1" : "0");
    }

    void text(String text) throws XMLStreamException {
        if (text != null && !text.isEmpty()) {
            w.writeCharacters(clean(text));
        }
    }

    /**
     * Returns the text with characters that are not allowed in XML 1.0 (most C0 controls, lone surrogates,
     * U+FFFE/U+FFFF) replaced. The writer escapes markup characters itself; this guards against values a CPE
     * reported or an operator typed producing a document the CPE cannot parse. Returns the same instance in
     * the common all-valid case.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (!isPlainValid(ch)) {
                return replaceInvalid(s, i);
            }
        }
        return s;
    }

    private static boolean isPlainValid(char ch) {
        return ch >= 0x20 ? ch < 0xD800 || (ch > 0xDFFF && ch < 0xFFFE) : ch == 0x9 || ch == 0xA || ch == 0xD;
    }

    private static String replaceInvalid(String s, int from) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, from);
        for (int i = from; i < n; i++) {
            char ch = s.charAt(i);
            if (isPlainValid(ch)) {
                sb.append(ch);
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(ch).append(s.charAt(++i));
            } else {
                sb.append(REPLACEMENT);
            }
        }
        return sb.toString();
    }
}
