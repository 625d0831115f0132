package io.homeacs.server.device;

import java.time.Instant;

/**
 * Told after a device has checked in and the protocol adapter has settled its earlier tasks, while
 * the device's session is still open: tasks queued here go out in the same session. Runs on the
 * session's worker thread for every check-in, periodic ones included, so a listener must decide
 * cheaply (from the facts and in-memory state) whether it has anything to do.
 */
@FunctionalInterface
public interface CheckInListener {
    void checkedIn(Device device, InformFacts facts, boolean firstContact, Instant now);

    /**
     * A known device's 0 BOOTSTRAP was refused because nobody authorised a re-bootstrap: it was reset
     * outside the ACS (or someone impersonates it). The session does not go on, so checkedIn is not called.
     */
    default void rebootstrapRefused(Device device, InformFacts facts, Instant now) {
    }
}
