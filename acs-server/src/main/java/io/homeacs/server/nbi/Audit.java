package io.homeacs.server.nbi;

import java.util.List;
import java.util.Map;

/**
 * What a resource tells the audit filter about the write it performed. CXF runs a resource method
 * and the response filters on the same thread, so a thread-local carries it; the filter always clears it.
 */
final class Audit {
    private static final ThreadLocal<Record> CURRENT = new ThreadLocal<>();

    record Record(String actor, List<Long> deviceIds, Map<String, Object> detail) {
    }

    private Audit() {
    }

    static void record(List<Long> deviceIds, Map<String, Object> detail) {
        Record r = CURRENT.get();
        CURRENT.set(new Record(r == null ? null : r.actor(), List.copyOf(deviceIds), detail));
    }

    /** For calls without a token (login): who they claim to be. */
    static void actor(String actor) {
        Record r = CURRENT.get();
        CURRENT.set(new Record(actor, r == null ? List.of() : r.deviceIds(), r == null ? Map.of() : r.detail()));
    }

    static Record take() {
        Record r = CURRENT.get();
        CURRENT.remove();
        return r == null ? new Record(null, List.of(), Map.of()) : r;
    }

    static void clear() {
        CURRENT.remove();
    }
}
