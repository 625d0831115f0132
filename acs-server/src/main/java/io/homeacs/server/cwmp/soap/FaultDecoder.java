package io.homeacs.server.cwmp.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Decodes a CPE's soap-env:Fault, whose detail carries the cwmp:Fault with the actual CWMP fault code. */
final class FaultDecoder {

    /**
     * Fault code used when a CPE answers with a bare SOAP Fault and no cwmp:Fault detail, which happens when its
     * SOAP stack rejects a request before CWMP processing; 9002 (internal error) is the closest CWMP meaning.
     */
    static final int BARE_SOAP_FAULT_CODE = 9002;

    /** The decoded fault plus the CWMP version found on the cwmp:Fault element (null when there was none). */
    record Result(CwmpFault fault, CwmpVersion version, String detailNamespace) {
    }

    private FaultDecoder() {
    }

    static Result decode(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        String soapFaultString = "";
        Result detail = null;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "faultstring" -> soapFaultString = c.text();
                case "detail" -> detail = detail(c);
                default -> c.skip();
            }
        }
        if (detail != null) {
            return detail;
        }
        return new Result(CwmpFault.of(BARE_SOAP_FAULT_CODE, soapFaultString), null, null);
    }

    private static Result detail(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        Result result = null;
        while (c.nextAnyChild()) {
            if ("Fault".equals(c.localName()) && result == null) {
                String ns = c.namespace();
                result = new Result(cwmpFault(c), CwmpVersion.fromNamespace(ns), ns);
            } else {
                c.skip();
            }
        }
        return result;
    }

    private static CwmpFault cwmpFault(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        int code = 0;
        String text = "";
        List<SpvFault> spvFaults = new ArrayList<>();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FaultCode" -> code = c.intValue();
                case "FaultString" -> text = c.text();
                case "SetParameterValuesFault" -> spvFaults.add(spvFault(c));
                default -> c.skip();
            }
        }
        return new CwmpFault(code, text, spvFaults);
    }

    private static SpvFault spvFault(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        String name = "";
        int code = 0;
        String text = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "ParameterName" -> name = c.token();
                case "FaultCode" -> code = c.intValue();
                case "FaultString" -> text = c.text();
                default -> c.skip();
            }
        }
        return new SpvFault(name, code, text);
    }
}
