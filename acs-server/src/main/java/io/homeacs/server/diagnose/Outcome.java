package io.homeacs.server.diagnose;

import java.util.List;
import java.util.Map;

/**
 * What one completed diagnostics object contributes to its run: the run with the object's results
 * added, the object to run next (null when the run is complete) and a one-line summary.
 */
record Outcome(DiagnosticRun run, DiagnosticObject next, String summary) {

    /** @throws IllegalArgumentException when the device's figures cannot be used (no times, no bytes) */
    static Outcome of(DiagnosticRun run, Map<String, String> values, int compliancePercent) {
        DiagnosticRequest req = run.request();
        switch (run.phase()) {
            case DOWNLOAD -> {
                Throughput.Measurement m = Throughput.download(values);
                DiagnosticRun r = run.withResult("download", Results.speed(m, req.downloadUrl()))
                    .withSpeed(Compliance.round2(m.mbps()), null, null);
                return new Outcome(r, DiagnosticObject.UPLOAD, "download " + Compliance.round2(m.mbps()) + " Mbit/s");
            }
            case UPLOAD -> {
                Throughput.Measurement m = Throughput.upload(values, req.testBytes());
                Object down = run.result().get("download") instanceof Map<?, ?> d ? d.get("mbps") : null;
                double downMbps = down instanceof Number n ? n.doubleValue() : 0;
                Compliance.Verdict v = Compliance.judge(downMbps, m.mbps(), req.contract(), compliancePercent);
                DiagnosticRun r = run.withResult("upload", Results.speed(m, req.uploadUrl()))
                    .withResult("compliance", v.toJson()).withSpeed(downMbps, Compliance.round2(m.mbps()), v.compliant());
                String verdict = v.compliant() == null ? "not judged: " + v.reason()
                    : (v.compliant() ? "compliant: " : "not compliant: ") + v.reason();
                return new Outcome(r, null, "download " + Compliance.round2(downMbps) + " Mbit/s, upload "
                    + Compliance.round2(m.mbps()) + " Mbit/s; " + verdict);
            }
            case PING -> {
                Map<String, Object> p = Results.ping(values, req.host());
                return new Outcome(run.withResults(p), null, p.get("successCount") + " of " + req.repetitions()
                    + " echo requests to " + req.host() + " answered" + (p.get("averageMs") == null ? ""
                    : ", average " + p.get("averageMs") + " ms"));
            }
            case TRACE -> {
                Map<String, Object> t = Results.trace(values, req.host());
                return new Outcome(run.withResults(t), null, ((List<?>) t.get("hops")).size() + " hops to " + req.host());
            }
            case SELF_TEST -> {
                String text = values.getOrDefault("Results", "");
                return new Outcome(run.withResult("results", text), null, "self-test Complete"
                    + (text.isEmpty() ? "" : ": " + text));
            }
            default -> throw new IllegalStateException(run.phase().name());
        }
    }
}
