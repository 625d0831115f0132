package io.homeacs.server.campaign;

import java.util.Locale;

/**
 * Where one device of a campaign is. pending → notified (notice published, not_before set) →
 * scheduled (download task queued) → sent (the device accepted the download) → installed
 * (TransferComplete without fault) → succeeded (also back with the new software version). Side
 * exits: failed, timed_out, skipped (incompatible or already there), cancelled; rolled_back after a
 * rollback step succeeded. Every change is a conditional update from an expected state.
 */
public enum DeviceState {
    PENDING, NOTIFIED, SCHEDULED, SENT, INSTALLED, SUCCEEDED, FAILED, TIMED_OUT, SKIPPED, ROLLED_BACK, CANCELLED;

    /** Holding a download slot: counted against the concurrency cap. */
    public boolean inFlight() {
        return this == SCHEDULED || this == SENT || this == INSTALLED;
    }

    /** Nothing more happens to the device in this step. */
    public boolean settled() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == SKIPPED || this == ROLLED_BACK
            || this == CANCELLED;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceState parse(String text) {
        for (DeviceState s : values()) {
            if (s.apiName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be one of pending, notified, scheduled, sent, installed, succeeded, "
            + "failed, timed_out, skipped, rolled_back, cancelled");
    }
}
