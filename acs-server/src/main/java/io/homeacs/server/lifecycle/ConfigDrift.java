package io.homeacs.server.lifecycle;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Secrets;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds configuration changed outside the ACS: a value a device reports (with 4 VALUE CHANGE) for a
 * parameter the ACS set, that is not what the ACS set. The ACS's own values come from its finished
 * SetParameterValues tasks, the newest per parameter; a value a task still in flight carries counts
 * as the ACS's too, since the device may have applied it before answering. Secret parameters are
 * never compared: their values are masked in finished tasks and devices do not report them.
 */
final class ConfigDrift {
    private ConfigDrift() {
    }

    /** A parameter whose reported value is not the one the ACS set, with the task that set it. */
    record Drift(String path, String acsValue, String reported, long taskId, Instant setAt) {
    }

    /** tasks: the device's tasks, newest first. */
    static List<Drift> find(List<ParamValue> reported, List<Task> tasks) {
        Map<String, Drift> set = new HashMap<>();
        Set<String> inFlight = new HashSet<>();
        for (Task t : tasks) {
            if (t.type() != TaskType.SET_PARAMETER_VALUES || !(t.spec() instanceof TaskSpec.SetParameterValues spv)) {
                continue;
            }
            for (ParamValue v : spv.values()) {
                if (t.state() == TaskState.SENT || t.state() == TaskState.QUEUED) {
                    inFlight.add(v.name() + "=" + canonical(v.value()));
                } else if (t.state() == TaskState.DONE) {
                    set.putIfAbsent(v.name(), new Drift(v.name(), v.value(), null, t.id(), t.updatedAt()));
                }
            }
        }
        List<Drift> out = new ArrayList<>();
        for (ParamValue p : reported) {
            Drift acs = set.get(p.name());
            if (acs == null || Secrets.isSecretName(p.name()) || Secrets.MASK.equals(acs.acsValue())
                || canonical(acs.acsValue()).equals(canonical(p.value()))
                || inFlight.contains(p.name() + "=" + canonical(p.value()))) {
                continue;
            }
            out.add(new Drift(p.name(), acs.acsValue(), p.value(), acs.taskId(), acs.setAt()));
        }
        return out;
    }

    /** xsd:boolean has two spellings ("1" and "true"); devices answer in either whatever the ACS sent. */
    static String canonical(String value) {
        String v = value == null ? "" : value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("1") || lower.equals("true")) {
            return "true";
        }
        if (lower.equals("0") || lower.equals("false")) {
            return "false";
        }
        return v;
    }
}
