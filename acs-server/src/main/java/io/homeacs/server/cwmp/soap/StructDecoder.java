package io.homeacs.server.cwmp.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Decoders for the CWMP structs and SOAP-encoded arrays shared by several messages. Array items are accepted
 * under any element name and the soap-enc:arrayType attribute is ignored: CPEs get both wrong often enough
 * that trusting them would only reject usable messages. Absent string fields decode as "".
 */
final class StructDecoder {

    private StructDecoder() {
    }

    static List<ParameterValue> parameterValues(XmlCursor c) throws XMLStreamException {
        List<ParameterValue> list = new ArrayList<>();
        while (c.nextChild()) {
            list.add(parameterValue(c));
        }
        return list;
    }

    private static ParameterValue parameterValue(XmlCursor c) throws XMLStreamException {
        String name = "";
        String value = "";
        String type = null;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Value" -> {
                    type = c.xsiType();
                    value = c.text();
                }
                default -> c.skip();
            }
        }
        return new ParameterValue(name, value, type);
    }

    /** An array of strings (MethodList, AccessList, ParameterNames). */
    static List<String> strings(XmlCursor c) throws XMLStreamException {
        List<String> list = new ArrayList<>();
        while (c.nextChild()) {
            list.add(c.token());
        }
        return list;
    }

    /** TransferCompleteFaultStruct / DeploymentUnitFaultStruct; code 0 means success. */
    static FaultStruct fault(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        int code = 0;
        String text = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FaultCode" -> code = c.intValue();
                case "FaultString" -> text = c.text();
                default -> c.skip();
            }
        }
        return code == 0 && text.isEmpty() ? FaultStruct.NONE : new FaultStruct(code, text);
    }

    /**
     * The Results of (Autonomous)DUStateChangeComplete. The schema repeats Results elements directly, but some
     * stacks wrap the structs in a SOAP array; both forms are accepted, so one Results element may yield several.
     */
    static void opResults(XmlCursor c, List<OpResult> out) throws XMLStreamException, InvalidArgumentException {
        OpResultBuilder b = new OpResultBuilder();
        while (c.nextChild()) {
            String n = c.localName();
            if (n.endsWith("OpResultStruct")) {
                OpResultBuilder nested = new OpResultBuilder();
                while (c.nextChild()) {
                    nested.field(c);
                }
                out.add(nested.build());
            } else {
                b.field(c);
            }
        }
        if (b.seen) {
            out.add(b.build());
        }
    }

    private static final class OpResultBuilder {
        private String uuid = "";
        private String deploymentUnitRef = "";
        private String version = "";
        private String currentState = "";
        private boolean resolved;
        private String executionUnitRefList = "";
        private String startTime = "";
        private String completeTime = "";
        private FaultStruct fault = FaultStruct.NONE;
        private boolean seen;

        void field(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
            seen = true;
            switch (c.localName()) {
                case "UUID" -> uuid = c.token();
                case "DeploymentUnitRef" -> deploymentUnitRef = c.token();
                case "Version" -> version = c.token();
                case "CurrentState" -> currentState = c.token();
                case "Resolved" -> resolved = c.booleanValue();
                case "ExecutionUnitRefList" -> executionUnitRefList = c.token();
                case "StartTime" -> startTime = c.token();
                case "CompleteTime" -> completeTime = c.token();
                case "Fault" -> fault = fault(c);
                default -> c.skip();
            }
        }

        OpResult build() {
            return new OpResult(uuid, deploymentUnitRef, version, currentState, resolved, executionUnitRefList,
                    startTime, completeTime, fault);
        }
    }
}
