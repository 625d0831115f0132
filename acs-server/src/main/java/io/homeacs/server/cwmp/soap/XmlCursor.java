package io.homeacs.server.cwmp.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Thin element-oriented view of an {@link XMLStreamReader}. Invariant: after a caller has handled a child
 * returned by {@link #nextChild()} (by {@link #text()}, {@link #skip()} or a nested {@code nextChild()} loop),
 * the reader sits on that child's END_ELEMENT, so the parent's loop can continue.
 */
final class XmlCursor {

    private final XMLStreamReader r;

    XmlCursor(XMLStreamReader reader) {
        this.r = reader;
    }

    XMLStreamReader reader() {
        return r;
    }

    String localName() {
        return r.getLocalName();
    }

    String namespace() {
        String ns = r.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /**
     * Advances to the next child element of the current element. Children in foreign namespaces (vendor
     * extensions) are skipped, since CWMP children are unqualified or, from sloppy stacks, CWMP/SOAP qualified.
     *
     * @return true when positioned on a child START_ELEMENT, false when the parent's END_ELEMENT was reached
     */
    boolean nextChild() throws XMLStreamException {
        return advance(true);
    }

    /** Like {@link #nextChild()} but returns children in any namespace, for the SOAP envelope levels. */
    boolean nextAnyChild() throws XMLStreamException {
        return advance(false);
    }

    private boolean advance(boolean ownNamespaceOnly) throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!ownNamespaceOnly || isOwnNamespace(r.getNamespaceURI())) {
                    return true;
                }
                skip();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of document");
            } else {
                rejectEntity(event);
            }
        }
    }

    private static boolean isOwnNamespace(String ns) {
        return ns == null || ns.isEmpty() || Xml.isCwmpNamespace(ns) || Xml.SOAP_ENV.equals(ns);
    }

    /** Reads the text content of the current element, leaving the reader on its END_ELEMENT. */
    String text() throws XMLStreamException {
        String first = null;
        StringBuilder sb = null;
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    // The common case is a single text event; only concatenate when the parser splits text.
                    if (first == null) {
                        first = r.getText();
                    } else {
                        if (sb == null) {
                            sb = new StringBuilder(first);
                        }
                        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> skip();
                case XMLStreamConstants.END_ELEMENT -> {
                    if (sb != null) {
                        return sb.toString();
                    }
                    return first == null ? "" : first;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document");
                default -> rejectEntity(event);
            }
        }
    }

    /** Text with surrounding whitespace removed, for names, codes, numbers, booleans and timestamps. */
    String token() throws XMLStreamException {
        return text().strip();
    }

    int intValue() throws XMLStreamException, InvalidArgumentException {
        String name = r.getLocalName();
        String t = token();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw invalidNumber(name, t);
        }
    }

    long longValue() throws XMLStreamException, InvalidArgumentException {
        String name = r.getLocalName();
        String t = token();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw invalidNumber(name, t);
        }
    }

    boolean booleanValue() throws XMLStreamException, InvalidArgumentException {
        String name = r.getLocalName();
        String t = token();
        if ("1".equals(t) || "true".equalsIgnoreCase(t)) {
            return true;
        }
        if ("0".equals(t) || "false".equalsIgnoreCase(t)) {
            return false;
        }
        throw new InvalidArgumentException(name + " is not a boolean: " + abbreviate(t));
    }

    /** Skips the current element and its whole subtree, leaving the reader on its END_ELEMENT. */
    void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of document");
            } else {
                rejectEntity(event);
            }
        }
    }

    /**
     * Returns the xsi:type attribute of the current element with the XML Schema namespace spelled "xsd:",
     * whatever prefix the CPE bound to it, or null when absent.
     */
    String xsiType() {
        String raw = r.getAttributeValue(Xml.XSI, "type");
        if (raw == null) {
            return null;
        }
        raw = raw.strip();
        int colon = raw.indexOf(':');
        if (colon <= 0 || raw.startsWith("xsd:")) {
            return raw;
        }
        String ns = r.getNamespaceURI(raw.substring(0, colon));
        return Xml.XSD.equals(ns) ? "xsd:" + raw.substring(colon + 1) : raw;
    }

    /**
     * DTDs are refused up front, so an entity reference can only be an undeclared one that a lenient parser
     * chose to report instead of failing; treat it (and any stray DTD event) as malformed rather than silently
     * dropping text.
     */
    private void rejectEntity(int event) throws XMLStreamException {
        if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
            throw new XMLStreamException("entity references are not allowed");
        }
    }

    private static InvalidArgumentException invalidNumber(String element, String text) {
        return new InvalidArgumentException(element + " is not a number: " + abbreviate(text));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
