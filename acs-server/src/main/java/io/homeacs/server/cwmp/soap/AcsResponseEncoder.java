package io.homeacs.server.cwmp.soap;

import javax.xml.stream.XMLStreamException;

/** Writes the ACS's responses to CPE requests and SOAP Faults carrying a cwmp:Fault. */
final class AcsResponseEncoder {

    private AcsResponseEncoder() {
    }

    static void write(XmlOut o, AcsMessage m) throws XMLStreamException {
        if (m instanceof InformResponse r) {
            o.startCwmp(r.methodName());
            o.element("MaxEnvelopes", r.maxEnvelopes());
            o.end();
        } else if (m instanceof AcsGetRpcMethodsResponse r) {
            o.startCwmp(r.methodName());
            RpcRequestEncoder.strings(o, "MethodList", r.methods());
            o.end();
        } else if (m instanceof CwmpFault f) {
            fault(o, f);
        } else {
            // TransferComplete, AutonomousTransferComplete, RequestDownload and the DU completion responses
            // carry no arguments.
            o.emptyCwmp(m.methodName());
        }
    }

    private static void fault(XmlOut o, CwmpFault f) throws XMLStreamException {
        o.writer().writeStartElement(XmlOut.SOAP_ENV_PREFIX, "Fault", Xml.SOAP_ENV);
        o.element("faultcode", isClientFault(f.faultCode()) ? "Client" : "Server");
        o.element("faultstring", "CWMP fault");
        o.start("detail");
        o.startCwmp("Fault");
        o.element("FaultCode", f.faultCode());
        o.element("FaultString", f.faultString());
        for (SpvFault p : f.parameterFaults()) {
            o.start("SetParameterValuesFault");
            o.element("ParameterName", p.parameterName());
            o.element("FaultCode", p.faultCode());
            o.element("FaultString", p.faultString());
            o.end();
        }
        o.end();
        o.end();
        o.end();
    }

    /**
     * SOAP faultcode per the fault code tables of TR-069 (A.5.1 for CPE faults, A.5.2 for ACS faults): "Client"
     * where the sender's message was at fault (bad arguments, names, types or values, a request that will never
     * be honoured, an incompatible protocol version, a transfer that may not be cancelled), "Server" where the
     * receiver could not carry out a valid request (unsupported method, internal error, resources, transfer
     * failures, deployment unit errors). Vendor codes (8800-8899, 9800-9899) have no assigned class and are
     * reported as "Server".
     */
    static boolean isClientFault(int code) {
        switch (code) {
            case CwmpFault.REQUEST_DENIED, CwmpFault.INVALID_ARGUMENTS, CwmpFault.ACS_VERSION_NOT_SUPPORTED,
                    9003, 9005, 9006, 9007, 9008, 9021:
                return true;
            default:
                return false;
        }
    }
}
