package io.homeacs.server.provision;

import io.homeacs.server.task.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A device's refusal in words an installer can act on: the fault, and each parameter it named. */
final class Faults {
    private Faults() {
    }

    static String describe(TaskOutcome.Failed f) {
        StringBuilder sb = new StringBuilder("the device refused: fault ").append(f.code()).append(' ').append(f.message());
        if (f.detail().get("parameterFaults") instanceof List<?> list && !list.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    parts.add(m.get("parameterName") + " (" + m.get("faultCode") + " " + m.get("faultString") + ")");
                }
            }
            sb.append(": ").append(String.join("; ", parts));
        }
        return sb.toString();
    }
}
