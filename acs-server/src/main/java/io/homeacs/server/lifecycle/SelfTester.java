package io.homeacs.server.lifecycle;

import java.time.Duration;

/**
 * Runs a device's own self-test (TR-181/TR-098 SelfTestDiagnostics) and waits for its result; the
 * pre-return check judges the unit by a fresh result, not by whatever it last reported. Wired from the
 * remote-diagnostics runs, which carry the request and hear the "8 DIAGNOSTICS COMPLETE".
 */
public interface SelfTester {
    /** status: pass (Complete), fail (the device reported an error state), unknown (no result in time). */
    record Result(String status, String detail, Long runId) {
    }

    Result run(long deviceId, Duration wait);
}
