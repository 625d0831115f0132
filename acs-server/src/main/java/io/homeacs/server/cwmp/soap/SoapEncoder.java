package io.homeacs.server.cwmp.soap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Encodes ACS messages into SOAP 1.1 envelopes (UTF-8). Stateless and thread-safe: one instance is meant to be
 * shared. The CWMP method element is qualified with the session's namespace; its children are unqualified, as
 * the CWMP schema declares {@code elementFormDefault="unqualified"}.
 */
public final class SoapEncoder {

    private static final String ENCODING = "UTF-8";
    /**
     * Written by hand because StAX writers differ in quoting (Woodstox uses single quotes), and some embedded
     * CPE stacks match the declaration literally.
     */
    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.US_ASCII);
    /** Typical envelopes are a few hundred bytes; a SetParameterValues with many values grows the buffer. */
    private static final int INITIAL_BUFFER = 1024;

    private final XMLOutputFactory factory;

    public SoapEncoder() {
        this(XMLOutputFactory.newInstance());
    }

    SoapEncoder(XMLOutputFactory factory) {
        // Prefixes are declared once on the Envelope; repairing would scatter redundant declarations.
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.FALSE);
        this.factory = factory;
    }

    public byte[] encode(CwmpVersion version, String id, boolean holdRequests, AcsMessage message) {
        return encode(version, id, holdRequests, null, message);
    }

    /** As {@link #encode(CwmpVersion, String, boolean, AcsMessage)}, with a UseCWMPVersion header ("1.4") when not null. */
    public byte[] encode(CwmpVersion version, String id, boolean holdRequests, String useCwmpVersion, AcsMessage message) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        out.writeBytes(XML_DECLARATION);
        try {
            XMLStreamWriter w = factory.createXMLStreamWriter(out, ENCODING);
            XmlOut o = new XmlOut(w, version.namespace());
            startEnvelope(w, version);
            header(o, id, holdRequests, useCwmpVersion);
            w.writeStartElement(XmlOut.SOAP_ENV_PREFIX, "Body", Xml.SOAP_ENV);
            if (message instanceof RpcRequest rpc) {
                RpcRequestEncoder.write(o, rpc);
            } else {
                AcsResponseEncoder.write(o, message);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            // Writing to memory cannot fail on I/O; an exception here means the writer rejected our own output.
            throw new IllegalStateException("cannot encode " + message.methodName(), e);
        }
        return out.toByteArray();
    }

    private static void startEnvelope(XMLStreamWriter w, CwmpVersion version) throws XMLStreamException {
        w.writeStartElement(XmlOut.SOAP_ENV_PREFIX, "Envelope", Xml.SOAP_ENV);
        w.writeNamespace(XmlOut.SOAP_ENV_PREFIX, Xml.SOAP_ENV);
        w.writeNamespace(XmlOut.SOAP_ENC_PREFIX, Xml.SOAP_ENC);
        w.writeNamespace(XmlOut.XSD_PREFIX, Xml.XSD);
        w.writeNamespace(XmlOut.XSI_PREFIX, Xml.XSI);
        w.writeNamespace(XmlOut.CWMP_PREFIX, version.namespace());
    }

    private static void header(XmlOut o, String id, boolean holdRequests, String useCwmpVersion) throws XMLStreamException {
        if (id == null && !holdRequests && useCwmpVersion == null) {
            return;
        }
        XMLStreamWriter w = o.writer();
        w.writeStartElement(XmlOut.SOAP_ENV_PREFIX, "Header", Xml.SOAP_ENV);
        if (id != null) {
            mustUnderstand(o, "ID", id);
        }
        if (holdRequests) {
            mustUnderstand(o, "HoldRequests", "1");
        }
        if (useCwmpVersion != null) {
            mustUnderstand(o, "UseCWMPVersion", useCwmpVersion);
        }
        w.writeEndElement();
    }

    private static void mustUnderstand(XmlOut o, String localName, String text) throws XMLStreamException {
        o.startCwmp(localName);
        o.writer().writeAttribute(XmlOut.SOAP_ENV_PREFIX, Xml.SOAP_ENV, "mustUnderstand", "1");
        o.text(text);
        o.end();
    }

    /** Convenience for callers that log or hand the envelope to a text-based transport. */
    public String encodeToString(CwmpVersion version, String id, boolean holdRequests, AcsMessage message) {
        return new String(encode(version, id, holdRequests, message), StandardCharsets.UTF_8);
    }
}
