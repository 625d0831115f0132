package io.homeacs.server.diagnose;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One diagnostics run. phase is the object being worked on and step where within it (see {@link Step});
 * result collects each finished object's figures and, for a speed test, the verdict.
 */
public record DiagnosticRun(long id, long deviceId, DiagnosticType type, RunState state, DiagnosticObject phase, Step step,
                            Long taskId, DiagnosticRequest request, Map<String, Object> result, Double downMbps,
                            Double upMbps, Boolean compliant, String detail, String requestedBy, Instant createdAt,
                            Instant updatedAt, Instant deadlineAt, Instant finishedAt) {
    public DiagnosticRun {
        // Results carry nulls (a TR-098 device has no microsecond ping times), which Map.copyOf refuses.
        result = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    /** The same run moved on; callers persist it with {@link DiagnosticRuns#move}. */
    DiagnosticRun to(RunState newState, DiagnosticObject newPhase, Step newStep, Long newTask, String newDetail, Instant now) {
        return new DiagnosticRun(id, deviceId, type, newState, newPhase, newStep, newTask, request, result, downMbps, upMbps,
            compliant, newDetail, requestedBy, createdAt, now, deadlineAt, newState.terminal() ? now : null);
    }

    DiagnosticRun withResult(String key, Object value) {
        Map<String, Object> r = new LinkedHashMap<>(result);
        r.put(key, value);
        return new DiagnosticRun(id, deviceId, type, state, phase, step, taskId, request, r, downMbps, upMbps, compliant,
            detail, requestedBy, createdAt, updatedAt, deadlineAt, finishedAt);
    }

    DiagnosticRun withResults(Map<String, Object> all) {
        return new DiagnosticRun(id, deviceId, type, state, phase, step, taskId, request, all, downMbps, upMbps, compliant,
            detail, requestedBy, createdAt, updatedAt, deadlineAt, finishedAt);
    }

    DiagnosticRun withSpeed(Double down, Double up, Boolean isCompliant) {
        return new DiagnosticRun(id, deviceId, type, state, phase, step, taskId, request, result, down, up, isCompliant,
            detail, requestedBy, createdAt, updatedAt, deadlineAt, finishedAt);
    }
}
