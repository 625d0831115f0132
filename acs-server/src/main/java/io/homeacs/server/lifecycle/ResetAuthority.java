package io.homeacs.server.lifecycle;

import java.time.Instant;

/**
 * Whether a 0 BOOTSTRAP from a known device was authorised. The answers live with the CWMP
 * credentials and the task queue; the server wires them in so lifecycle imports neither.
 */
public interface ResetAuthority {
    /**
     * The device finished onboarding once (it holds its own credentials, or a full read completed),
     * so a new 0 BOOTSTRAP is a reset rather than its first bootstrap being retried.
     */
    boolean onboarded(long deviceId);

    /** A factory reset the ACS sent, or an operator's allow-rebootstrap, covers a bootstrap now. */
    boolean authorised(long deviceId, Instant now);
}
