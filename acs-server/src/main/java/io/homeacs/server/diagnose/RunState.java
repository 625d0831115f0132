package io.homeacs.server.diagnose;

/**
 * requested (the request waits for, or is on its way to, the device) → running (the device took it and
 * measures) → completed | failed | timed out. Timed out: not finished within diagnostics.timeout-seconds,
 * typically because the device is offline and never took the request.
 */
public enum RunState {
    REQUESTED("requested"), RUNNING("running"), COMPLETED("completed"), FAILED("failed"), TIMED_OUT("timedOut");

    private final String apiName;

    RunState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == TIMED_OUT;
    }
}
