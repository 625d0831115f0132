package io.homeacs.server.cwmp.soap;

import io.homeacs.server.cwmp.soap.SoapDecodeException.Reason;
import java.io.ByteArrayInputStream;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes SOAP envelopes sent by a CPE. Stateless and thread-safe: one instance is meant to be shared.
 *
 * <p>Security: DTDs are never processed. Any DOCTYPE is rejected as {@link Reason#MALFORMED_XML} as soon as the
 * parser reports it, before the root element is read, so entity-expansion (billion laughs) and external-entity
 * (XXE) payloads can neither expand nor touch the file system or network.
 */
public final class SoapDecoder {

    /** CWMP messages nest about ten levels deep; anything far deeper is an attack, not a CPE. */
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ATTRIBUTES = 64;

    private final XMLInputFactory factory;

    public SoapDecoder() {
        this(XMLInputFactory.newInstance());
    }

    /** For tests that check the hardening against a specific StAX implementation. */
    SoapDecoder(XMLInputFactory factory) {
        this.factory = harden(factory);
    }

    private static XMLInputFactory harden(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        // Woodstox-specific limits, set by name so the codec does not compile against Woodstox.
        setIfSupported(f, "com.ctc.wstx.maxElementDepth", MAX_DEPTH);
        setIfSupported(f, "com.ctc.wstx.maxAttributesPerElement", MAX_ATTRIBUTES);
        return f;
    }

    private static void setIfSupported(XMLInputFactory f, String property, Object value) {
        if (f.isPropertySupported(property)) {
            f.setProperty(property, value);
        }
    }

    /** What has been learned so far, so that failures can report it to the session layer. */
    private static final class State {
        private CwmpVersion version;
        private String id;
        private boolean holdRequests;
        private String supportedVersions;
        private String method;

        SoapDecodeException fail(Reason reason, String message, Throwable cause) {
            return new SoapDecodeException(reason, message, version, id, method, cause);
        }
    }

    public CpeEnvelope decode(byte[] body) throws SoapDecodeException {
        Objects.requireNonNull(body, "body");
        State st = new State();
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            return envelope(new XmlCursor(r), st);
        } catch (XMLStreamException e) {
            throw st.fail(Reason.MALFORMED_XML, "malformed XML: " + e.getMessage(), e);
        } catch (InvalidArgumentException e) {
            throw st.fail(Reason.INVALID_ARGUMENTS, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Parsers report some errors lazily as unchecked exceptions (e.g. Woodstox's WstxLazyException);
            // input from the network must never escape as anything but a decode failure.
            throw st.fail(Reason.MALFORMED_XML, "malformed XML: " + e.getMessage(), e);
        } finally {
            close(r);
        }
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // Nothing to release for an in-memory source; the decode outcome is already decided.
            }
        }
    }

    private static CpeEnvelope envelope(XmlCursor c, State st)
            throws XMLStreamException, InvalidArgumentException, SoapDecodeException {
        XMLStreamReader r = c.reader();
        int event = r.next();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.DTD) {
                throw st.fail(Reason.MALFORMED_XML, "DOCTYPE is not allowed", null);
            }
            event = r.next();
        }
        if (!isSoap(c, "Envelope")) {
            throw st.fail(Reason.NOT_SOAP, "root element is not a SOAP 1.1 Envelope: {" + c.namespace() + "}"
                    + c.localName(), null);
        }
        CpeMessage message = null;
        while (c.nextAnyChild()) {
            if (isSoap(c, "Header")) {
                header(c, st);
            } else if (isSoap(c, "Body") && message == null) {
                message = body(c, st);
            } else {
                c.skip();
            }
        }
        if (message == null) {
            throw st.fail(Reason.NOT_SOAP, "SOAP Envelope without Body", null);
        }
        // Read to the end so that truncated or trailing garbage is reported rather than silently accepted.
        while (r.hasNext()) {
            r.next();
        }
        return new CpeEnvelope(st.version, st.id, st.holdRequests, message, st.supportedVersions);
    }

    private static boolean isSoap(XmlCursor c, String localName) {
        return localName.equals(c.localName()) && Xml.SOAP_ENV.equals(c.namespace());
    }

    private static void header(XmlCursor c, State st) throws XMLStreamException, InvalidArgumentException {
        while (c.nextAnyChild()) {
            String ns = c.namespace();
            boolean cwmp = Xml.isCwmpNamespace(ns) || ns.isEmpty();
            if (cwmp && "ID".equals(c.localName())) {
                // Remembered only so that a failure further on can still be answered in the CPE's namespace.
                if (st.version == null) {
                    st.version = CwmpVersion.fromNamespace(ns);
                }
                st.id = c.text();
            } else if (cwmp && "HoldRequests".equals(c.localName())) {
                st.holdRequests = c.booleanValue();
            } else if (cwmp && "SupportedCWMPVersions".equals(c.localName())) {
                st.supportedVersions = c.text().trim();
            } else {
                c.skip();
            }
        }
    }

    private static CpeMessage body(XmlCursor c, State st)
            throws XMLStreamException, InvalidArgumentException, SoapDecodeException {
        if (!c.nextAnyChild()) {
            throw new InvalidArgumentException("empty SOAP Body");
        }
        String name = c.localName();
        String ns = c.namespace();
        st.method = name;
        CpeMessage message;
        if (Xml.SOAP_ENV.equals(ns) && "Fault".equals(name)) {
            message = fault(c, st);
        } else {
            CwmpVersion version = CwmpVersion.fromNamespace(ns);
            if (version == null) {
                throw st.fail(Reason.UNSUPPORTED_CWMP_VERSION, "unsupported CWMP namespace: " + ns, null);
            }
            st.version = version;
            message = method(c, name);
            if (message == null) {
                throw st.fail(Reason.UNKNOWN_METHOD, "unknown CWMP method: " + name, null);
            }
        }
        while (c.nextAnyChild()) {
            c.skip();
        }
        return message;
    }

    private static CwmpFault fault(XmlCursor c, State st)
            throws XMLStreamException, InvalidArgumentException, SoapDecodeException {
        FaultDecoder.Result result = FaultDecoder.decode(c);
        if (result.version() != null) {
            st.version = result.version();
        } else if (result.detailNamespace() != null || st.version == null) {
            throw st.fail(Reason.UNSUPPORTED_CWMP_VERSION, "SOAP Fault without a known CWMP namespace: "
                    + result.detailNamespace(), null);
        }
        return result.fault();
    }

    /** Dispatches on the method element's local name; returns null for methods an ACS does not accept. */
    private static CpeMessage method(XmlCursor c, String name) throws XMLStreamException, InvalidArgumentException {
        switch (name) {
            case "Inform": return CpeRequestDecoder.inform(c);
            case "TransferComplete": return CpeRequestDecoder.transferComplete(c);
            case "AutonomousTransferComplete": return CpeRequestDecoder.autonomousTransferComplete(c);
            case "GetRPCMethods": return CpeRequestDecoder.getRpcMethods(c);
            case "RequestDownload": return CpeRequestDecoder.requestDownload(c);
            case "DUStateChangeComplete": return CpeRequestDecoder.duStateChangeComplete(c);
            case "AutonomousDUStateChangeComplete": return CpeRequestDecoder.autonomousDuStateChangeComplete(c);
            case "GetRPCMethodsResponse": return ResponseDecoder.getRpcMethods(c);
            case "GetParameterNamesResponse": return ResponseDecoder.getParameterNames(c);
            case "GetParameterValuesResponse": return ResponseDecoder.getParameterValues(c);
            case "SetParameterValuesResponse": return ResponseDecoder.setParameterValues(c);
            case "GetParameterAttributesResponse": return ResponseDecoder.getParameterAttributes(c);
            case "AddObjectResponse": return ResponseDecoder.addObject(c);
            case "DeleteObjectResponse": return ResponseDecoder.deleteObject(c);
            case "DownloadResponse": return ResponseDecoder.download(c);
            case "UploadResponse": return ResponseDecoder.upload(c);
            case "GetAllQueuedTransfersResponse": return ResponseDecoder.getAllQueuedTransfers(c);
            default: return emptyResponse(c, name);
        }
    }

    private static CpeMessage emptyResponse(XmlCursor c, String name) throws XMLStreamException {
        CpeMessage m;
        switch (name) {
            case "SetParameterAttributesResponse": m = new SetParameterAttributesResponse(); break;
            case "RebootResponse": m = new RebootResponse(); break;
            case "FactoryResetResponse": m = new FactoryResetResponse(); break;
            case "ScheduleInformResponse": m = new ScheduleInformResponse(); break;
            case "ScheduleDownloadResponse": m = new ScheduleDownloadResponse(); break;
            case "CancelTransferResponse": m = new CancelTransferResponse(); break;
            case "ChangeDUStateResponse": m = new ChangeDuStateResponse(); break;
            default: return null;
        }
        c.skip();
        return m;
    }
}
