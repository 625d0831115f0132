package io.homeacs.server.cwmp.soap;

import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Writes the ACS-initiated RPCs; element names and order follow the CWMP schema. */
final class RpcRequestEncoder {

    private RpcRequestEncoder() {
    }

    static void write(XmlOut o, RpcRequest m) throws XMLStreamException {
        if (m instanceof GetParameterValues g) {
            o.startCwmp(g.methodName());
            strings(o, "ParameterNames", g.names());
            o.end();
        } else if (m instanceof SetParameterValues s) {
            setParameterValues(o, s);
        } else if (m instanceof GetParameterNames g) {
            o.startCwmp(g.methodName());
            o.element("ParameterPath", g.parameterPath());
            o.element("NextLevel", g.nextLevel());
            o.end();
        } else if (m instanceof GetParameterAttributes g) {
            o.startCwmp(g.methodName());
            strings(o, "ParameterNames", g.names());
            o.end();
        } else if (m instanceof SetParameterAttributes s) {
            setParameterAttributes(o, s);
        } else if (m instanceof AddObject a) {
            objectRpc(o, a.methodName(), a.objectName(), a.parameterKey());
        } else if (m instanceof DeleteObject d) {
            objectRpc(o, d.methodName(), d.objectName(), d.parameterKey());
        } else if (m instanceof Reboot r) {
            commandKeyOnly(o, r.methodName(), r.commandKey());
        } else if (m instanceof CancelTransfer t) {
            commandKeyOnly(o, t.methodName(), t.commandKey());
        } else if (m instanceof ScheduleInform s) {
            o.startCwmp(s.methodName());
            o.element("DelaySeconds", s.delaySeconds());
            o.element("CommandKey", s.commandKey());
            o.end();
        } else if (m instanceof Download d) {
            download(o, d);
        } else if (m instanceof Upload u) {
            upload(o, u);
        } else if (m instanceof ScheduleDownload s) {
            scheduleDownload(o, s);
        } else if (m instanceof ChangeDuState c) {
            changeDuState(o, c);
        } else {
            // GetRPCMethods, FactoryReset and GetAllQueuedTransfers carry no arguments.
            o.emptyCwmp(m.methodName());
        }
    }

    static void strings(XmlOut o, String arrayName, List<String> items) throws XMLStreamException {
        o.startArray(arrayName, "xsd:string", items.size());
        for (String s : items) {
            o.element("string", s);
        }
        o.end();
    }

    private static void setParameterValues(XmlOut o, SetParameterValues s) throws XMLStreamException {
        o.startCwmp(s.methodName());
        o.startArray("ParameterList", "cwmp:ParameterValueStruct", s.values().size());
        for (ParameterValue p : s.values()) {
            o.start("ParameterValueStruct");
            o.element("Name", p.name());
            o.start("Value");
            o.xsiType(p.type());
            o.text(p.value());
            o.end();
            o.end();
        }
        o.end();
        o.element("ParameterKey", s.parameterKey());
        o.end();
    }

    private static void setParameterAttributes(XmlOut o, SetParameterAttributes s) throws XMLStreamException {
        o.startCwmp(s.methodName());
        o.startArray("ParameterList", "cwmp:SetParameterAttributesStruct", s.attributes().size());
        for (SetParameterAttribute a : s.attributes()) {
            o.start("SetParameterAttributesStruct");
            o.element("Name", a.name());
            o.element("NotificationChange", a.notificationChange());
            o.element("Notification", a.notification());
            o.element("AccessListChange", a.accessListChange());
            strings(o, "AccessList", a.accessList());
            o.end();
        }
        o.end();
        o.end();
    }

    private static void objectRpc(XmlOut o, String method, String objectName, String parameterKey)
            throws XMLStreamException {
        o.startCwmp(method);
        o.element("ObjectName", objectName);
        o.element("ParameterKey", parameterKey);
        o.end();
    }

    private static void commandKeyOnly(XmlOut o, String method, String commandKey) throws XMLStreamException {
        o.startCwmp(method);
        o.element("CommandKey", commandKey);
        o.end();
    }

    /** The leading fields shared by Download, Upload and ScheduleDownload. */
    private static void transferHead(XmlOut o, String commandKey, String fileType, String url, String username,
                                     String password) throws XMLStreamException {
        o.element("CommandKey", commandKey);
        o.element("FileType", fileType);
        o.element("URL", url);
        o.element("Username", username);
        o.element("Password", password);
    }

    private static void download(XmlOut o, Download d) throws XMLStreamException {
        o.startCwmp(d.methodName());
        transferHead(o, d.commandKey(), d.fileType(), d.url(), d.username(), d.password());
        o.element("FileSize", d.fileSize());
        o.element("TargetFileName", d.targetFileName());
        o.element("DelaySeconds", d.delaySeconds());
        o.element("SuccessURL", d.successUrl());
        o.element("FailureURL", d.failureUrl());
        o.end();
    }

    private static void upload(XmlOut o, Upload u) throws XMLStreamException {
        o.startCwmp(u.methodName());
        transferHead(o, u.commandKey(), u.fileType(), u.url(), u.username(), u.password());
        o.element("DelaySeconds", u.delaySeconds());
        o.end();
    }

    private static void scheduleDownload(XmlOut o, ScheduleDownload s) throws XMLStreamException {
        o.startCwmp(s.methodName());
        transferHead(o, s.commandKey(), s.fileType(), s.url(), s.username(), s.password());
        o.element("FileSize", s.fileSize());
        o.element("TargetFileName", s.targetFileName());
        o.startArray("TimeWindowList", "cwmp:TimeWindowStruct", s.windows().size());
        for (TimeWindow t : s.windows()) {
            o.start("TimeWindowStruct");
            o.element("WindowStart", t.windowStart());
            o.element("WindowEnd", t.windowEnd());
            o.element("WindowMode", t.windowMode());
            o.element("UserMessage", t.userMessage());
            o.element("MaxRetries", t.maxRetries());
            o.end();
        }
        o.end();
        o.end();
    }

    /**
     * Operations are repeated elements (not a SOAP array) whose concrete struct is named by xsi:type, as the
     * schema derives them from the abstract OperationStruct.
     */
    private static void changeDuState(XmlOut o, ChangeDuState c) throws XMLStreamException {
        o.startCwmp(c.methodName());
        for (DuOperation op : c.operations()) {
            o.start("Operations");
            if (op instanceof InstallOp i) {
                o.xsiType("cwmp:InstallOpStruct");
                o.element("URL", i.url());
                o.element("UUID", i.uuid());
                o.element("Username", i.username());
                o.element("Password", i.password());
                o.element("ExecutionEnvRef", i.executionEnvRef());
            } else if (op instanceof UpdateOp u) {
                o.xsiType("cwmp:UpdateOpStruct");
                o.element("UUID", u.uuid());
                o.element("Version", u.version());
                o.element("URL", u.url());
                o.element("Username", u.username());
                o.element("Password", u.password());
            } else if (op instanceof UninstallOp u) {
                o.xsiType("cwmp:UninstallOpStruct");
                o.element("UUID", u.uuid());
                o.element("Version", u.version());
                o.element("ExecutionEnvRef", u.executionEnvRef());
            }
            o.end();
        }
        o.element("CommandKey", c.commandKey());
        o.end();
    }
}
