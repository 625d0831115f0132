package io.homeacs.server.subscriber;

/** Column sizes checked before a write, so an oversized value is a 400 naming the field, not a store error. */
public final class Limits {
    private Limits() {
    }

    public static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
    }
}
