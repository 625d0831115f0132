package io.homeacs.server.nbi;

import io.homeacs.server.diagnose.DiagnosticRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's form of a diagnostics run. */
final class DiagnosticViews {
    private DiagnosticViews() {
    }

    static Map<String, Object> run(DiagnosticRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("deviceId", r.deviceId());
        m.put("type", r.type().apiName());
        m.put("state", r.state().apiName());
        m.put("phase", r.phase().apiName());
        m.put("taskId", r.taskId());
        m.put("request", r.request().toJson());
        m.put("result", r.result());
        m.put("downMbps", r.downMbps());
        m.put("upMbps", r.upMbps());
        m.put("compliant", r.compliant());
        m.put("detail", r.detail());
        m.put("requestedBy", r.requestedBy());
        m.put("createdAt", text(r.createdAt()));
        m.put("updatedAt", text(r.updatedAt()));
        m.put("deadlineAt", text(r.deadlineAt()));
        m.put("finishedAt", text(r.finishedAt()));
        return m;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
