package io.homeacs.server.triage;

import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.DiagnosticType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnostic part of a verdict's evidence (the run's id and link, its state and its figures) and the
 * home's mesh findings.
 */
final class TriageEvidence {
    private TriageEvidence() {
    }

    static void diagnostic(Map<String, Object> evidence, DiagnosticRun run, String note) {
        if (run == null) {
            if (note != null) {
                evidence.put("diagnostic", Map.of("note", note));
            }
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("runId", run.id());
        d.put("href", "/api/v1/diagnostics/" + run.id());
        d.put("type", run.type().apiName());
        d.put("state", run.state().apiName());
        d.put("detail", run.detail());
        if (run.type() == DiagnosticType.SPEED_TEST) {
            d.put("downMbps", run.downMbps());
            d.put("upMbps", run.upMbps());
            d.put("compliant", run.compliant());
            if (run.result().get("compliance") instanceof Map<?, ?> c) {
                d.put("compliance", c);
            }
        } else if (run.type() == DiagnosticType.IP_PING) {
            for (String k : new String[] {"host", "successCount", "failureCount", "averageMs"}) {
                d.put(k, run.result().get(k));
            }
        }
        d.values().removeIf(java.util.Objects::isNull);
        evidence.put("diagnostic", d);
    }

    /** Kept only for a home whose mesh has findings, so other homes' evidence is unchanged. */
    static void homeWifi(Map<String, Object> evidence, List<HomeWifiFindings.Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (HomeWifiFindings.Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code());
            m.put("node", f.node());
            m.put("severity", f.severity());
            m.put("advice", f.advice());
            m.values().removeIf(java.util.Objects::isNull);
            out.add(m);
        }
        evidence.put("meshFindings", out);
    }
}
