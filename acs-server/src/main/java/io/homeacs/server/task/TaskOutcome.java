package io.homeacs.server.task;

import io.homeacs.server.device.ParamValue;
import java.util.List;
import java.util.Map;

/** What became of a task after the device answered. */
public sealed interface TaskOutcome {

    /** Finished; learned values go into the registry, removedObject is dropped from it. */
    record Done(Map<String, Object> result, List<ParamValue> learned, String removedObject) implements TaskOutcome {
        public Done {
            result = Map.copyOf(result);
            learned = List.copyOf(learned);
        }

        public static Done of(Map<String, Object> result) {
            return new Done(result, List.of(), null);
        }
    }

    /** The device took the request and will report completion later (TransferComplete, DU state change). */
    record Accepted(Map<String, Object> result) implements TaskOutcome {
        public Accepted {
            result = Map.copyOf(result);
        }
    }

    /** Failed; retryable faults go back to the queue with backoff until attempts run out. */
    record Failed(int code, String message, boolean retryable, Map<String, Object> detail) implements TaskOutcome {
        public Failed {
            detail = Map.copyOf(detail);
        }

        /** The fault and each parameter the device named, in words an operator can act on. */
        public String describe() {
            StringBuilder sb = new StringBuilder("fault ").append(code).append(' ').append(message);
            if (detail.get("parameterFaults") instanceof List<?> list && !list.isEmpty()) {
                List<String> parts = new java.util.ArrayList<>();
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        parts.add(m.get("parameterName") + " (" + m.get("faultCode") + " " + m.get("faultString") + ")");
                    }
                }
                sb.append(": ").append(String.join("; ", parts));
            }
            return sb.toString();
        }

        public static Failed permanent(int code, String message) {
            return new Failed(code, message, false, Map.of());
        }

        public static Failed transientFault(int code, String message) {
            return new Failed(code, message, true, Map.of());
        }
    }
}
