package io.homeacs.server.diagnose;

import java.util.List;

/** What an operator can ask a device to measure; a speed test is two objects run one after the other. */
public enum DiagnosticType {
    SPEED_TEST("speedTest", List.of(DiagnosticObject.DOWNLOAD, DiagnosticObject.UPLOAD)),
    IP_PING("ipPing", List.of(DiagnosticObject.PING)),
    TRACE_ROUTE("traceRoute", List.of(DiagnosticObject.TRACE)),
    SELF_TEST("selfTest", List.of(DiagnosticObject.SELF_TEST));

    private final String apiName;
    /**
     * Run in order, never together: a CPE has one measurement engine and the download would steal the
     * line from the upload, and the "8 DIAGNOSTICS COMPLETE" event does not say which object finished.
     */
    private final List<DiagnosticObject> phases;

    DiagnosticType(String apiName, List<DiagnosticObject> phases) {
        this.apiName = apiName;
        this.phases = phases;
    }

    public String apiName() {
        return apiName;
    }

    public List<DiagnosticObject> phases() {
        return phases;
    }

    public static DiagnosticType fromApiName(String name) {
        for (DiagnosticType t : values()) {
            if (t.apiName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown diagnostic type '" + name + "' (speedTest, ipPing, traceRoute or selfTest)");
    }
}
