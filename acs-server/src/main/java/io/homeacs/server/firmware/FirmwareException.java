package io.homeacs.server.firmware;

/** A firmware request the ACS refuses, with the kind of refusal the API turns into a status. */
public final class FirmwareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Not a container, or a manifest, key or argument that does not parse. */
        INVALID,
        /** A well-formed image the ACS will not take: unsigned by a trusted key, or bytes not matching the manifest. */
        REFUSED,
        /** Already there (same image, same key) or a state that does not allow it. */
        CONFLICT,
        TOO_LARGE,
        NOT_FOUND
    }

    private final Kind kind;

    public FirmwareException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
