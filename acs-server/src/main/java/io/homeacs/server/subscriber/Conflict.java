package io.homeacs.server.subscriber;

/** The request clashes with the current state (an order no longer open, a device held by another; the API answers 409). */
public final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message);
    }
}
