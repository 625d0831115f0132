package io.homeacs.server.profile;

import java.time.Instant;

/**
 * A named desired state for the devices its match selects. Among profiles that set the same
 * parameter for a device, the higher priority wins; version grows with every change, so devices
 * notice a changed profile by the fingerprint of what matches them.
 */
public record Profile(long id, String name, String description, int priority, boolean enabled, ProfileMatch match,
                      DesiredState desired, int version, Instant createdAt, Instant updatedAt, String updatedBy) {

    /** The part of a profile an operator writes; the rest is the store's. */
    public record Draft(String name, String description, int priority, boolean enabled, ProfileMatch match,
                        DesiredState desired) {
    }

    public Draft draft() {
        return new Draft(name, description, priority, enabled, match, desired);
    }
}
