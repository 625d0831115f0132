package io.homeacs.server.triage;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A reported service fault and its repair clock: received, triaged (verdict with evidence), action
 * taken, restored. The deadline is 24 hours from the report (48 for enterprise accounts) by default.
 * diagnosticRunId: the diagnostics run the triage started for the symptom; diagnosticNote: why none ran.
 */
public record FaultReport(long id, long subscriberId, Long deviceId, Symptom symptom, String description,
                          Instant reportedAt, Instant receivedAt, Instant deadlineAt, String createdBy, State state,
                          Long triageTaskId, Verdict verdict, Instant triagedAt, String action, Instant actionAt,
                          Instant restoredAt, String restoreNote, Long diagnosticRunId, String diagnosticNote) {

    public enum State {
        RECEIVED, TRIAGING, TRIAGED, ACTION_TAKEN, RESTORED;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Symptom {
        NO_INTERNET, SLOW, INTERMITTENT, WIFI, IPTV, VOICE, OTHER;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Symptom parse(String text) {
            for (Symptom s : values()) {
                if (s.apiName().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("symptom must be one of no-internet, slow, intermittent, wifi, iptv, voice, other");
        }
    }

    /** The triage's conclusion: what is wrong, who answers for it under the agreements, what to do. */
    public record Verdict(Category category, Responsible responsible, String recommendation, Map<String, Object> evidence) {
        /** Values the ACS does not know are left out rather than stored as null. */
        public Verdict {
            Map<String, Object> known = new java.util.LinkedHashMap<>();
            evidence.forEach((k, v) -> {
                if (v != null) {
                    known.put(k, v);
                }
            });
            evidence = java.util.Collections.unmodifiableMap(known);
        }
    }

    public enum Category {
        ACCESS_LINE, LEASED_DEVICE_IN_WARRANTY, LEASED_DEVICE_OUT_OF_WARRANTY, IN_HOME_WIFI, SUBSCRIBER_EQUIPMENT,
        SERVICE_CONFIGURATION, SERVICE_SUSPENDED, NO_FAULT_FOUND;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Category parse(String text) {
            for (Category c : values()) {
                if (c.apiName().equals(text)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown category '" + text + "'");
        }
    }

    /** operator: the operator repairs, the clock runs; subscriber / manufacturer: outside the commitment. */
    public enum Responsible {
        OPERATOR, SUBSCRIBER, MANUFACTURER;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean open() {
        return state != State.RESTORED;
    }
}
