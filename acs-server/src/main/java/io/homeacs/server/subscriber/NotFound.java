package io.homeacs.server.subscriber;

/** A subscriber, order or device named in a request does not exist (the API answers 404). */
public final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String what) {
        super(what + " not found");
    }
}
