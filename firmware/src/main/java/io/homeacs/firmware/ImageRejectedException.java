package io.homeacs.firmware;

/** An image file that must not be installed, and why. */
public final class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why: the caller maps these to its protocol's codes (CWMP 9018 for the first three, 9019 for the last). */
    public enum Problem {
        /** Not a container, a header out of bounds, or a manifest that does not parse or is not canonical. */
        MALFORMED,
        /** The payload is shorter or longer than the manifest's size. */
        SIZE,
        /** The payload's SHA-256 differs from the manifest's. */
        CHECKSUM,
        /** No trusted key made the manifest's signature. */
        SIGNATURE
    }

    private final Problem problem;

    public ImageRejectedException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
