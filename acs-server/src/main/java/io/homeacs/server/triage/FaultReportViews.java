package io.homeacs.server.triage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a fault report, for the API and the fault-report.changed webhook. */
public final class FaultReportViews {
    private FaultReportViews() {
    }

    public static Map<String, Object> view(FaultReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("subscriberId", r.subscriberId());
        m.put("deviceId", r.deviceId());
        m.put("symptom", r.symptom().apiName());
        m.put("description", r.description());
        m.put("state", r.state().apiName());
        m.put("reportedAt", r.reportedAt().toString());
        m.put("receivedAt", r.receivedAt().toString());
        m.put("deadlineAt", r.deadlineAt().toString());
        m.put("createdBy", r.createdBy());
        if (r.verdict() != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("category", r.verdict().category().apiName());
            v.put("responsible", r.verdict().responsible().apiName());
            v.put("recommendation", r.verdict().recommendation());
            v.put("evidence", r.verdict().evidence());
            m.put("verdict", v);
        } else {
            m.put("verdict", null);
        }
        m.put("diagnosticRunId", r.diagnosticRunId());
        m.put("diagnosticNote", r.diagnosticNote());
        m.put("triagedAt", r.triagedAt() == null ? null : r.triagedAt().toString());
        m.put("action", r.action());
        m.put("actionAt", r.actionAt() == null ? null : r.actionAt().toString());
        m.put("restoredAt", r.restoredAt() == null ? null : r.restoredAt().toString());
        m.put("restoreNote", r.restoreNote());
        m.put("repairSeconds", r.restoredAt() == null ? null : Duration.between(r.reportedAt(), r.restoredAt()).toSeconds());
        m.put("withinDeadline", r.restoredAt() == null ? null : !r.restoredAt().isAfter(r.deadlineAt()));
        return m;
    }

    static Map<String, Object> event(FaultReport r) {
        Map<String, Object> m = new LinkedHashMap<>(view(r));
        m.remove("description");
        return m;
    }
}
