package io.homeacs.server.task;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.json.JsonException;
import io.homeacs.server.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of task specs: what the API accepts and what the task table stores. */
public final class TaskSpecCodec {
    private TaskSpecCodec() {
    }

    public static TaskSpec fromJson(JsonFields j) {
        TaskType type;
        try {
            type = TaskType.fromApiName(j.string("type"));
        } catch (IllegalArgumentException e) {
            throw new JsonException(e.getMessage());
        }
        return switch (type) {
            case GET_RPC_METHODS -> new TaskSpec.GetRpcMethods();
            case GET_PARAMETER_NAMES -> new TaskSpec.GetParameterNames(j.string("parameterPath", ""), j.bool("nextLevel", false));
            case GET_PARAMETER_VALUES -> new TaskSpec.GetParameterValues(nonEmpty(j.strings("parameterNames"), "parameterNames"));
            case SET_PARAMETER_VALUES -> new TaskSpec.SetParameterValues(values(j));
            case GET_PARAMETER_ATTRIBUTES -> new TaskSpec.GetParameterAttributes(nonEmpty(j.strings("parameterNames"), "parameterNames"));
            case SET_PARAMETER_ATTRIBUTES -> new TaskSpec.SetParameterAttributes(attributes(j));
            case ADD_OBJECT -> new TaskSpec.AddObject(objectPath(j));
            case DELETE_OBJECT -> new TaskSpec.DeleteObject(objectPath(j));
            case REBOOT -> new TaskSpec.Reboot();
            case FACTORY_RESET -> new TaskSpec.FactoryReset();
            case DOWNLOAD -> new TaskSpec.Download(j.string("fileType"), url(j), j.string("username", ""),
                j.string("password", ""), j.number("fileSize", 0), j.string("targetFileName", ""),
                (int) j.number("delaySeconds", 0), j.string("successUrl", ""), j.string("failureUrl", ""));
            case UPLOAD -> new TaskSpec.Upload(j.string("fileType"), url(j), j.string("username", ""),
                j.string("password", ""), (int) j.number("delaySeconds", 0));
            case SCHEDULE_INFORM -> new TaskSpec.ScheduleInform(positive((int) j.number("delaySeconds", 0), "delaySeconds"));
            case SCHEDULE_DOWNLOAD -> new TaskSpec.ScheduleDownload(j.string("fileType"), url(j), j.string("username", ""),
                j.string("password", ""), j.number("fileSize", 0), j.string("targetFileName", ""), windows(j));
            case CANCEL_TRANSFER -> new TaskSpec.CancelTransfer(j.string("commandKey"));
            case GET_ALL_QUEUED_TRANSFERS -> new TaskSpec.GetAllQueuedTransfers();
            case CHANGE_DU_STATE -> new TaskSpec.ChangeDuState(operations(j));
            case REFRESH -> new TaskSpec.Refresh(j.string("path", ""));
            case PROVISION_CREDENTIALS -> new TaskSpec.ProvisionCredentials();
        };
    }

    private static List<String> nonEmpty(List<String> list, String field) {
        if (list.isEmpty()) {
            throw new JsonException("field '" + field + "' must name at least one parameter");
        }
        return list;
    }

    private static int positive(int n, String field) {
        if (n <= 0) {
            throw new JsonException("field '" + field + "' must be greater than 0");
        }
        return n;
    }

    private static String url(JsonFields j) {
        String url = j.string("url");
        if (!(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("ftp://"))) {
            throw new JsonException("field 'url' must be an http, https or ftp URL");
        }
        return url;
    }

    private static String objectPath(JsonFields j) {
        String p = j.string("objectName");
        if (!p.endsWith(".")) {
            throw new JsonException("field 'objectName' must be an object path ending in '.'");
        }
        return p;
    }

    private static List<ParamValue> values(JsonFields j) {
        List<ParamValue> out = new ArrayList<>();
        for (JsonFields v : j.objects("parameterValues")) {
            out.add(new ParamValue(v.string("name"), v.string("value"), v.string("type", "xsd:string")));
        }
        if (out.isEmpty()) {
            throw new JsonException("field 'parameterValues' must hold at least one {name, value, type}");
        }
        return out;
    }

    private static List<TaskSpec.AttributeChange> attributes(JsonFields j) {
        List<TaskSpec.AttributeChange> out = new ArrayList<>();
        for (JsonFields a : j.objects("attributes")) {
            Integer notification = a.has("notification") ? (int) a.number("notification", 0) : null;
            if (notification != null && (notification < 0 || notification > 6)) {
                throw new JsonException("notification must be between 0 and 6");
            }
            out.add(new TaskSpec.AttributeChange(a.string("name"), notification,
                a.has("accessList") ? a.strings("accessList") : null));
        }
        if (out.isEmpty()) {
            throw new JsonException("field 'attributes' must hold at least one entry");
        }
        return out;
    }

    private static List<TaskSpec.Window> windows(JsonFields j) {
        List<TaskSpec.Window> out = new ArrayList<>();
        for (JsonFields w : j.objects("timeWindows")) {
            out.add(new TaskSpec.Window((int) w.number("start", 0), (int) w.number("end", 3600),
                w.string("mode", "1 At Any Time"), w.string("userMessage", ""), (int) w.number("maxRetries", -1)));
        }
        if (out.isEmpty() || out.size() > 2) {
            throw new JsonException("field 'timeWindows' must hold one or two windows");
        }
        return out;
    }

    private static List<TaskSpec.DuOperation> operations(JsonFields j) {
        List<TaskSpec.DuOperation> out = new ArrayList<>();
        for (JsonFields o : j.objects("operations")) {
            String op = o.string("operation");
            if (!op.equals("install") && !op.equals("update") && !op.equals("uninstall")) {
                throw new JsonException("operation must be install, update or uninstall");
            }
            out.add(new TaskSpec.DuOperation(op, o.string("url", ""), o.string("uuid", ""), o.string("version", ""),
                o.string("username", ""), o.string("password", ""), o.string("executionEnvRef", "")));
        }
        if (out.isEmpty()) {
            throw new JsonException("field 'operations' must hold at least one operation");
        }
        return out;
    }

    /** The stored/returned form; with maskSecrets, passwords and secret-looking values read "********". */
    public static Map<String, Object> toJson(TaskSpec spec, boolean maskSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", spec.type().apiName());
        if (spec instanceof TaskSpec.GetParameterNames s) {
            m.put("parameterPath", s.path());
            m.put("nextLevel", s.nextLevel());
        } else if (spec instanceof TaskSpec.GetParameterValues s) {
            m.put("parameterNames", s.names());
        } else if (spec instanceof TaskSpec.SetParameterValues s) {
            m.put("parameterValues", s.values().stream().map(v -> Map.of(
                "name", v.name(), "value", maskSecrets && Secrets.isSecretName(v.name()) ? Secrets.MASK : v.value(),
                "type", v.type())).toList());
        } else if (spec instanceof TaskSpec.GetParameterAttributes s) {
            m.put("parameterNames", s.names());
        } else if (spec instanceof TaskSpec.SetParameterAttributes s) {
            m.put("attributes", s.changes().stream().map(TaskSpecCodec::attribute).toList());
        } else if (spec instanceof TaskSpec.AddObject s) {
            m.put("objectName", s.objectName());
        } else if (spec instanceof TaskSpec.DeleteObject s) {
            m.put("objectName", s.objectName());
        } else if (spec instanceof TaskSpec.Download s) {
            transfer(m, s.fileType(), s.url(), s.username(), s.password(), maskSecrets);
            m.put("fileSize", s.fileSize());
            m.put("targetFileName", s.targetFileName());
            m.put("delaySeconds", s.delaySeconds());
            m.put("successUrl", s.successUrl());
            m.put("failureUrl", s.failureUrl());
        } else if (spec instanceof TaskSpec.Upload s) {
            transfer(m, s.fileType(), s.url(), s.username(), s.password(), maskSecrets);
            m.put("delaySeconds", s.delaySeconds());
        } else if (spec instanceof TaskSpec.ScheduleInform s) {
            m.put("delaySeconds", s.delaySeconds());
        } else if (spec instanceof TaskSpec.ScheduleDownload s) {
            transfer(m, s.fileType(), s.url(), s.username(), s.password(), maskSecrets);
            m.put("fileSize", s.fileSize());
            m.put("targetFileName", s.targetFileName());
            m.put("timeWindows", s.windows().stream().map(w -> Map.of("start", w.start(), "end", w.end(),
                "mode", w.mode(), "userMessage", w.userMessage(), "maxRetries", w.maxRetries())).toList());
        } else if (spec instanceof TaskSpec.CancelTransfer s) {
            m.put("commandKey", s.commandKey());
        } else if (spec instanceof TaskSpec.ChangeDuState s) {
            m.put("operations", s.operations().stream().map(o -> duOperation(o, maskSecrets)).toList());
        } else if (spec instanceof TaskSpec.Refresh s) {
            m.put("path", s.path());
        }
        return m;
    }

    /**
     * Applies f to every secret value of a spec's JSON form — transfer and DU passwords, and the
     * values of secret-named parameters — leaving empty values alone; returns a new map.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapSecrets(Map<String, Object> json, java.util.function.UnaryOperator<String> f) {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.computeIfPresent("password", (k, v) -> secret(v, f));
        if (out.get("parameterValues") instanceof List<?> values) {
            out.put("parameterValues", values.stream().map(v -> {
                Map<String, Object> pv = new LinkedHashMap<>((Map<String, Object>) v);
                if (Secrets.isSecretName(String.valueOf(pv.get("name")))) {
                    pv.computeIfPresent("value", (k, x) -> secret(x, f));
                }
                return pv;
            }).toList());
        }
        if (out.get("operations") instanceof List<?> ops) {
            out.put("operations", ops.stream().map(o -> {
                Map<String, Object> op = new LinkedHashMap<>((Map<String, Object>) o);
                op.computeIfPresent("password", (k, x) -> secret(x, f));
                return op;
            }).toList());
        }
        return out;
    }

    private static Object secret(Object v, java.util.function.UnaryOperator<String> f) {
        return v instanceof String s && !s.isEmpty() ? f.apply(s) : v;
    }

    /** Whether the stored form of this spec would carry a password or a secret parameter value. */
    public static boolean hasSecrets(TaskSpec spec) {
        return !toJson(spec, false).equals(toJson(spec, true));
    }

    /** ftp://user:pass@host/f → ftp://********@host/f: URLs may carry credentials too. */
    static String maskUserInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        return url.substring(0, scheme + 3) + Secrets.MASK + url.substring(at);
    }

    private static Map<String, Object> duOperation(TaskSpec.DuOperation o, boolean maskSecrets) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("operation", o.operation());
        om.put("url", maskSecrets ? maskUserInfo(o.url()) : o.url());
        om.put("uuid", o.uuid());
        om.put("version", o.version());
        om.put("username", o.username());
        om.put("password", maskSecrets && !o.password().isEmpty() ? Secrets.MASK : o.password());
        om.put("executionEnvRef", o.executionEnvRef());
        return om;
    }

    private static Map<String, Object> attribute(TaskSpec.AttributeChange a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        if (a.notification() != null) {
            m.put("notification", a.notification());
        }
        if (a.accessList() != null) {
            m.put("accessList", a.accessList());
        }
        return m;
    }

    private static void transfer(Map<String, Object> m, String fileType, String url, String user, String pass, boolean mask) {
        m.put("fileType", fileType);
        m.put("url", mask ? maskUserInfo(url) : url);
        m.put("username", user);
        m.put("password", mask && !pass.isEmpty() ? Secrets.MASK : pass);
    }
}
