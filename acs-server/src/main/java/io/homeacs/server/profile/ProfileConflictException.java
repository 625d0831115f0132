package io.homeacs.server.profile;

/**
 * A profile change that would leave the ACS unable to decide between two profiles (same priority,
 * same parameter, different values) or that reuses a name; the API answers 409 with the message.
 */
public final class ProfileConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfileConflictException(String message) {
        super(message);
    }
}
