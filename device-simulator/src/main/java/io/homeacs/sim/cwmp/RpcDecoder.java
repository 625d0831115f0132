package io.homeacs.sim.cwmp;

import io.homeacs.sim.cwmp.AcsRpc.AttributeChange;
import io.homeacs.sim.cwmp.AcsRpc.DuOperation;
import io.homeacs.sim.cwmp.AcsRpc.SetValue;
import io.homeacs.sim.cwmp.AcsRpc.TimeWindow;
import java.util.ArrayList;
import java.util.List;

/** Decodes ACS request bodies strictly: a missing or malformed element is fault 9003. */
public final class RpcDecoder {
    private RpcDecoder() {
    }

    public static AcsRpc decode(XmlNode m) throws CwmpFault {
        return switch (m.name()) {
            case "GetRPCMethods" -> new AcsRpc.GetRPCMethods();
            case "GetParameterNames" -> new AcsRpc.GetParameterNames(m.requiredText("ParameterPath").strip(),
                    bool(m.requiredText("NextLevel")));
            case "GetParameterValues" -> new AcsRpc.GetParameterValues(strings(m.required("ParameterNames")));
            case "SetParameterValues" -> new AcsRpc.SetParameterValues(setValues(m.required("ParameterList")),
                    m.requiredText("ParameterKey"));
            case "GetParameterAttributes" -> new AcsRpc.GetParameterAttributes(strings(m.required("ParameterNames")));
            case "SetParameterAttributes" -> new AcsRpc.SetParameterAttributes(attrChanges(m.required("ParameterList")));
            case "AddObject" -> new AcsRpc.AddObject(m.requiredText("ObjectName").strip(), m.requiredText("ParameterKey"));
            case "DeleteObject" -> new AcsRpc.DeleteObject(m.requiredText("ObjectName").strip(),
                    m.requiredText("ParameterKey"));
            case "Reboot" -> new AcsRpc.Reboot(m.requiredText("CommandKey"));
            case "FactoryReset" -> new AcsRpc.FactoryReset();
            case "Download" -> download(m);
            case "Upload" -> new AcsRpc.Upload(m.requiredText("CommandKey"), m.requiredText("FileType").strip(),
                    m.requiredText("URL").strip(), m.optionalText("Username"), m.optionalText("Password"),
                    unsigned(m.requiredText("DelaySeconds")));
            case "ScheduleDownload" -> scheduleDownload(m);
            case "ScheduleInform" -> new AcsRpc.ScheduleInform(unsigned(m.requiredText("DelaySeconds")),
                    m.requiredText("CommandKey"));
            case "CancelTransfer" -> new AcsRpc.CancelTransfer(m.requiredText("CommandKey"));
            case "GetQueuedTransfers" -> new AcsRpc.GetQueuedTransfers();
            case "GetAllQueuedTransfers" -> new AcsRpc.GetAllQueuedTransfers();
            case "ChangeDUState" -> changeDuState(m);
            default -> new AcsRpc.Unsupported(m.name());
        };
    }

    static boolean bool(String s) throws CwmpFault {
        return switch (s.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Not a boolean: " + s);
        };
    }

    static long unsigned(String s) throws CwmpFault {
        String t = s.strip();
        try {
            long v = Long.parseLong(t);
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Not an unsignedInt: " + s);
        }
    }

    private static List<String> strings(XmlNode array) throws CwmpFault {
        List<String> out = new ArrayList<>();
        for (XmlNode c : array.children()) {
            if (!"string".equals(c.name())) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Unexpected array element " + c.name());
            }
            out.add(c.text().strip());
        }
        return out;
    }

    private static List<SetValue> setValues(XmlNode list) throws CwmpFault {
        List<SetValue> out = new ArrayList<>();
        for (XmlNode s : list.children("ParameterValueStruct")) {
            XmlNode value = s.required("Value");
            out.add(new SetValue(s.requiredText("Name").strip(), value.text(), value.xsiType()));
        }
        if (out.size() != list.children().size()) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "ParameterList holds non-ParameterValueStruct elements");
        }
        return out;
    }

    private static List<AttributeChange> attrChanges(XmlNode list) throws CwmpFault {
        List<AttributeChange> out = new ArrayList<>();
        for (XmlNode s : list.children("SetParameterAttributesStruct")) {
            String n = s.requiredText("Notification").strip();
            if (!n.matches("\\d{1,2}")) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Bad Notification value " + n);
            }
            out.add(new AttributeChange(s.requiredText("Name").strip(), bool(s.requiredText("NotificationChange")),
                    Integer.parseInt(n), bool(s.requiredText("AccessListChange")), strings(s.required("AccessList"))));
        }
        if (out.isEmpty()) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Empty SetParameterAttributes list");
        }
        return out;
    }

    private static AcsRpc download(XmlNode m) throws CwmpFault {
        return new AcsRpc.Download(m.requiredText("CommandKey"), m.requiredText("FileType").strip(),
                m.requiredText("URL").strip(), m.optionalText("Username"), m.optionalText("Password"),
                unsigned(m.requiredText("FileSize")), m.optionalText("TargetFileName"),
                unsigned(m.requiredText("DelaySeconds")));
    }

    private static AcsRpc scheduleDownload(XmlNode m) throws CwmpFault {
        List<TimeWindow> windows = new ArrayList<>();
        for (XmlNode w : m.required("TimeWindowList").children("TimeWindowStruct")) {
            String retries = w.requiredText("MaxRetries").strip();
            if (!retries.matches("-?\\d+")) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Bad MaxRetries " + retries);
            }
            windows.add(new TimeWindow(unsigned(w.requiredText("WindowStart")), unsigned(w.requiredText("WindowEnd")),
                    w.requiredText("WindowMode").strip(), w.optionalText("UserMessage"), Integer.parseInt(retries)));
        }
        return new AcsRpc.ScheduleDownload(m.requiredText("CommandKey"), m.requiredText("FileType").strip(),
                m.requiredText("URL").strip(), m.optionalText("Username"), m.optionalText("Password"),
                unsigned(m.requiredText("FileSize")), m.optionalText("TargetFileName"), windows);
    }

    private static AcsRpc changeDuState(XmlNode m) throws CwmpFault {
        List<DuOperation> ops = new ArrayList<>();
        for (XmlNode op : m.children("Operations")) {
            String kind = op.xsiType() != null ? op.xsiType() : "";
            String k = switch (kind) {
                case "InstallOpStruct" -> "Install";
                case "UpdateOpStruct" -> "Update";
                case "UninstallOpStruct" -> "Uninstall";
                default -> throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Unknown operation type '" + kind + "'");
            };
            if (k.equals("Install") && op.child("URL").isEmpty() || k.equals("Uninstall") && op.child("UUID").isEmpty()) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, k + " operation lacks a required element");
            }
            ops.add(new DuOperation(k, op.optionalText("URL").strip(), op.optionalText("UUID").strip(),
                    op.optionalText("Username"), op.optionalText("Password"), op.optionalText("Version").strip(),
                    op.optionalText("ExecutionEnvRef").strip()));
        }
        if (ops.isEmpty()) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "ChangeDUState without Operations");
        }
        return new AcsRpc.ChangeDUState(ops, m.optionalText("CommandKey"));
    }
}
