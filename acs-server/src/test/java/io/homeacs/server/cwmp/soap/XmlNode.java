package io.homeacs.server.cwmp.soap;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Minimal element tree built with plain StAX, so encoder tests check the bytes independently of the decoder.
 * Attributes are keyed "{namespace}local" (or just "local" when unqualified).
 */
final class XmlNode {

    final String namespace;
    final String name;
    final String prefix;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlNode> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    private XmlNode(String namespace, String name, String prefix) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
        this.prefix = prefix == null ? "" : prefix;
    }

    static XmlNode parse(byte[] xml) {
        try {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            List<XmlNode> stack = new ArrayList<>();
            XmlNode root = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    XmlNode n = new XmlNode(r.getNamespaceURI(), r.getLocalName(), r.getPrefix());
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ns = r.getAttributeNamespace(i);
                        String key = ns == null || ns.isEmpty() ? r.getAttributeLocalName(i)
                                : "{" + ns + "}" + r.getAttributeLocalName(i);
                        n.attributes.put(key, r.getAttributeValue(i));
                    }
                    if (stack.isEmpty()) {
                        root = n;
                    } else {
                        stack.get(stack.size() - 1).children.add(n);
                    }
                    stack.add(n);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (!stack.isEmpty()) {
                        stack.get(stack.size() - 1).text.append(r.getText());
                    }
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw new AssertionError("encoder produced malformed XML", e);
        }
    }

    /** The single child with this local name; fails when missing. */
    XmlNode child(String localName) {
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                return c;
            }
        }
        throw new AssertionError("no child " + localName + " in " + name + ", children: " + childNames());
    }

    List<String> childNames() {
        return children.stream().map(c -> c.name).collect(Collectors.toList());
    }

    String text() {
        return text.toString();
    }

    String childText(String localName) {
        return child(localName).text();
    }

    String attr(String namespace, String localName) {
        return attributes.get("{" + namespace + "}" + localName);
    }

    /** The first element inside soap-env:Body. */
    XmlNode bodyElement() {
        return child("Body").children.get(0);
    }
}
