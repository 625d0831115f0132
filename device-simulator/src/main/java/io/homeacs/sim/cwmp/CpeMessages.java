package io.homeacs.sim.cwmp;

import static io.homeacs.sim.cwmp.SecureXml.escape;

import io.homeacs.sim.cwmp.CwmpTypes.DeviceIdStruct;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.OpResult;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterAttribute;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterInfo;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import io.homeacs.sim.cwmp.CwmpTypes.QueuedTransfer;
import java.util.List;

/** Encodes CPE-originated SOAP envelopes (requests, responses and faults). Bodies are element strings. */
public final class CpeMessages {
    /** The "unknown time" value the spec prescribes for StartTime/CompleteTime of a not-yet-finished transfer. */
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private CpeMessages() {
    }

    public static String envelope(CwmpVersion v, String id, boolean announceVersions, String body) {
        StringBuilder sb = new StringBuilder(512 + body.length());
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"")
                .append(" xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\"")
                .append(" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xmlns:cwmp=\"").append(v.namespace()).append("\">\n<soap-env:Header>");
        if (id != null) {
            sb.append("<cwmp:ID soap-env:mustUnderstand=\"1\">");
            escape(sb, id);
            sb.append("</cwmp:ID>");
        }
        if (announceVersions && v.negotiatesVersion()) {
            sb.append("<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">")
                    .append(v.supportedVersionsHeader()).append("</cwmp:SupportedCWMPVersions>");
        }
        sb.append("</soap-env:Header>\n<soap-env:Body>\n").append(body).append("\n</soap-env:Body>\n</soap-env:Envelope>\n");
        return sb.toString();
    }

    public static String inform(DeviceIdStruct id, List<EventStruct> events, int retryCount, String currentTime,
                                List<ParameterValue> params) {
        StringBuilder sb = new StringBuilder(1024 + params.size() * 128);
        sb.append("<cwmp:Inform><DeviceId>");
        el(sb, "Manufacturer", id.manufacturer());
        el(sb, "OUI", id.oui());
        el(sb, "ProductClass", id.productClass());
        el(sb, "SerialNumber", id.serialNumber());
        sb.append("</DeviceId><Event soap-enc:arrayType=\"cwmp:EventStruct[").append(events.size()).append("]\">");
        for (EventStruct e : events) {
            sb.append("<EventStruct>");
            el(sb, "EventCode", e.code());
            el(sb, "CommandKey", e.commandKey());
            sb.append("</EventStruct>");
        }
        sb.append("</Event><MaxEnvelopes>1</MaxEnvelopes>");
        el(sb, "CurrentTime", currentTime);
        el(sb, "RetryCount", Integer.toString(retryCount));
        parameterValueList(sb, params);
        return sb.append("</cwmp:Inform>").toString();
    }

    private static void parameterValueList(StringBuilder sb, List<ParameterValue> params) {
        sb.append("<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[").append(params.size()).append("]\">");
        for (ParameterValue p : params) {
            sb.append("<ParameterValueStruct>");
            el(sb, "Name", p.name());
            sb.append("<Value xsi:type=\"xsd:").append(p.type()).append("\">");
            escape(sb, p.value());
            sb.append("</Value></ParameterValueStruct>");
        }
        sb.append("</ParameterList>");
    }

    public static String fault(CwmpFault f) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("<soap-env:Fault><faultcode>").append(f.soapFaultCode()).append("</faultcode>")
                .append("<faultstring>CWMP fault</faultstring><detail><cwmp:Fault>");
        el(sb, "FaultCode", Integer.toString(f.code()));
        el(sb, "FaultString", f.getMessage());
        for (CwmpFault.ParameterFault pf : f.parameterFaults()) {
            sb.append("<SetParameterValuesFault>");
            el(sb, "ParameterName", pf.name());
            el(sb, "FaultCode", Integer.toString(pf.code()));
            el(sb, "FaultString", pf.message());
            sb.append("</SetParameterValuesFault>");
        }
        return sb.append("</cwmp:Fault></detail></soap-env:Fault>").toString();
    }

    public static String getRpcMethodsResponse(List<String> methods) {
        StringBuilder sb = new StringBuilder("<cwmp:GetRPCMethodsResponse><MethodList soap-enc:arrayType=\"xsd:string[")
                .append(methods.size()).append("]\">");
        methods.forEach(m -> el(sb, "string", m));
        return sb.append("</MethodList></cwmp:GetRPCMethodsResponse>").toString();
    }

    public static String getParameterNamesResponse(List<ParameterInfo> infos) {
        StringBuilder sb = new StringBuilder(infos.size() * 96 + 128);
        sb.append("<cwmp:GetParameterNamesResponse><ParameterList soap-enc:arrayType=\"cwmp:ParameterInfoStruct[")
                .append(infos.size()).append("]\">");
        for (ParameterInfo i : infos) {
            sb.append("<ParameterInfoStruct>");
            el(sb, "Name", i.name());
            el(sb, "Writable", i.writable() ? "1" : "0");
            sb.append("</ParameterInfoStruct>");
        }
        return sb.append("</ParameterList></cwmp:GetParameterNamesResponse>").toString();
    }

    public static String getParameterValuesResponse(List<ParameterValue> values) {
        StringBuilder sb = new StringBuilder(values.size() * 128 + 128).append("<cwmp:GetParameterValuesResponse>");
        parameterValueList(sb, values);
        return sb.append("</cwmp:GetParameterValuesResponse>").toString();
    }

    public static String getParameterAttributesResponse(List<ParameterAttribute> attrs) {
        StringBuilder sb = new StringBuilder(attrs.size() * 160 + 128);
        sb.append("<cwmp:GetParameterAttributesResponse><ParameterList soap-enc:arrayType=\"cwmp:ParameterAttributeStruct[")
                .append(attrs.size()).append("]\">");
        for (ParameterAttribute a : attrs) {
            sb.append("<ParameterAttributeStruct>");
            el(sb, "Name", a.name());
            el(sb, "Notification", Integer.toString(a.notification()));
            sb.append("<AccessList soap-enc:arrayType=\"xsd:string[").append(a.accessList().size()).append("]\">");
            a.accessList().forEach(s -> el(sb, "string", s));
            sb.append("</AccessList></ParameterAttributeStruct>");
        }
        return sb.append("</ParameterList></cwmp:GetParameterAttributesResponse>").toString();
    }

    public static String status(String responseName, int status) {
        return "<cwmp:" + responseName + "><Status>" + status + "</Status></cwmp:" + responseName + ">";
    }

    public static String empty(String responseName) {
        return "<cwmp:" + responseName + "/>";
    }

    public static String addObjectResponse(long instance, int status) {
        return "<cwmp:AddObjectResponse><InstanceNumber>" + instance + "</InstanceNumber><Status>" + status
                + "</Status></cwmp:AddObjectResponse>";
    }

    public static String transferResponse(String responseName, int status, String start, String complete) {
        return "<cwmp:" + responseName + "><Status>" + status + "</Status><StartTime>" + start + "</StartTime>"
                + "<CompleteTime>" + complete + "</CompleteTime></cwmp:" + responseName + ">";
    }

    public static String queuedTransfersResponse(boolean all, List<QueuedTransfer> transfers) {
        String name = all ? "GetAllQueuedTransfersResponse" : "GetQueuedTransfersResponse";
        String struct = all ? "AllQueuedTransferStruct" : "QueuedTransferStruct";
        StringBuilder sb = new StringBuilder("<cwmp:").append(name).append("><TransferList soap-enc:arrayType=\"cwmp:")
                .append(struct).append('[').append(transfers.size()).append("]\">");
        for (QueuedTransfer t : transfers) {
            sb.append('<').append(struct).append('>');
            el(sb, "CommandKey", t.commandKey());
            el(sb, "State", Integer.toString(t.state()));
            if (all) {
                el(sb, "IsDownload", t.download() ? "1" : "0");
                el(sb, "FileType", t.fileType());
                el(sb, "FileSize", Long.toString(t.fileSize()));
                el(sb, "TargetFileName", t.targetFileName());
            }
            sb.append("</").append(struct).append('>');
        }
        return sb.append("</TransferList></cwmp:").append(name).append('>').toString();
    }

    public static String transferComplete(String commandKey, int faultCode, String faultString, String start,
                                          String complete) {
        StringBuilder sb = new StringBuilder("<cwmp:TransferComplete>");
        el(sb, "CommandKey", commandKey);
        sb.append("<FaultStruct>");
        el(sb, "FaultCode", Integer.toString(faultCode));
        el(sb, "FaultString", faultString);
        sb.append("</FaultStruct>");
        el(sb, "StartTime", start);
        el(sb, "CompleteTime", complete);
        return sb.append("</cwmp:TransferComplete>").toString();
    }

    public static String duStateChangeComplete(List<OpResult> results, String commandKey) {
        StringBuilder sb = new StringBuilder("<cwmp:DUStateChangeComplete>");
        for (OpResult r : results) {
            sb.append("<Results>");
            el(sb, "UUID", r.uuid());
            el(sb, "DeploymentUnitRef", r.deploymentUnitRef());
            el(sb, "Version", r.version());
            el(sb, "CurrentState", r.currentState());
            el(sb, "Resolved", r.resolved() ? "1" : "0");
            el(sb, "ExecutionUnitRefList", r.executionUnitRefList());
            el(sb, "StartTime", r.startTime());
            el(sb, "CompleteTime", r.completeTime());
            sb.append("<Fault>");
            el(sb, "FaultCode", Integer.toString(r.faultCode()));
            el(sb, "FaultString", r.faultString());
            sb.append("</Fault></Results>");
        }
        el(sb, "CommandKey", commandKey);
        return sb.append("</cwmp:DUStateChangeComplete>").toString();
    }

    private static void el(StringBuilder sb, String name, String text) {
        sb.append('<').append(name).append('>');
        escape(sb, text);
        sb.append("</").append(name).append('>');
    }
}
