package io.homeacs.sim.cwmp;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX parsing with DTDs and entities refused, so a hostile ACS cannot make the CPE fetch or expand anything. */
public final class SecureXml {
    private static final XMLInputFactory FACTORY = createFactory();

    private SecureXml() {
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Malformed or unsafe XML. */
    public static final class XmlException extends Exception {
        public XmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static XmlNode parse(byte[] xml) throws XmlException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            return readDocument(r);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlException("Malformed XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing useful to do: the document is already consumed or rejected
                }
            }
        }
    }

    private static final class Builder {
        final String ns;
        final String name;
        final Map<String, String> attrs;
        final String xsiType;
        final StringBuilder text = new StringBuilder();
        final List<XmlNode> children = new ArrayList<>();

        Builder(String ns, String name, Map<String, String> attrs, String xsiType) {
            this.ns = ns;
            this.name = name;
            this.attrs = attrs;
            this.xsiType = xsiType;
        }

        XmlNode build() {
            String t = children.isEmpty() ? text.toString() : text.toString().strip();
            return new XmlNode(ns, name, attrs, xsiType, t, List.copyOf(children));
        }
    }

    private static XmlNode readDocument(XMLStreamReader r) throws XMLStreamException, XmlException {
        Deque<Builder> stack = new ArrayDeque<>();
        XmlNode root = null;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        throw new XmlException("DOCTYPE and entity references are not allowed", null);
                case XMLStreamConstants.START_ELEMENT -> stack.push(startElement(r));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlNode node = stack.pop().build();
                    if (stack.isEmpty()) {
                        root = node;
                    } else {
                        stack.peek().children.add(node);
                    }
                }
                default -> {
                    // comments and processing instructions carry nothing for CWMP
                }
            }
        }
        if (root == null) {
            throw new XmlException("Empty document", null);
        }
        return root;
    }

    private static Builder startElement(XMLStreamReader r) {
        Map<String, String> attrs = new HashMap<>();
        String xsiType = null;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ans = r.getAttributeNamespace(i);
            String local = r.getAttributeLocalName(i);
            String value = r.getAttributeValue(i);
            if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(ans) && "type".equals(local)) {
                int colon = value.indexOf(':');
                xsiType = colon >= 0 ? value.substring(colon + 1) : value;
            } else {
                attrs.put(local, value);
            }
        }
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        return new Builder(ns, r.getLocalName(), attrs, xsiType);
    }

    public static void escape(StringBuilder out, String s) {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
