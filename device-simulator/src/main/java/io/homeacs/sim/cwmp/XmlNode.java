package io.homeacs.sim.cwmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small immutable element tree; SOAP envelopes are tiny, so a tree is simpler than streaming. */
public record XmlNode(String namespace, String name, Map<String, String> attributes, String xsiType,
                      String text, List<XmlNode> children) {

    public Optional<XmlNode> child(String localName) {
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<XmlNode> children(String localName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            }
        }
        return out;
    }

    public String attribute(String localName) {
        return attributes.get(localName);
    }

    /** Text of a required child element; missing → 9003 as the request is malformed. */
    public String requiredText(String localName) throws CwmpFault {
        return child(localName).map(XmlNode::text)
                .orElseThrow(() -> new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Missing element " + localName));
    }

    public String optionalText(String localName) {
        return child(localName).map(XmlNode::text).orElse("");
    }

    public XmlNode required(String localName) throws CwmpFault {
        return child(localName)
                .orElseThrow(() -> new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Missing element " + localName));
    }
}
