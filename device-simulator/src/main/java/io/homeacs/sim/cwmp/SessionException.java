package io.homeacs.sim.cwmp;

/** A failed CWMP session; retryAfterSeconds is set when the ACS answered 503 with Retry-After. */
public final class SessionException extends Exception {
    private final long retryAfterSeconds;

    public SessionException(String message) {
        this(message, -1, null);
    }

    public SessionException(String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
