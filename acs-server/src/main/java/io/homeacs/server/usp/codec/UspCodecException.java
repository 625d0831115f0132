package io.homeacs.server.usp.codec;

/** A record or message that cannot be used, with the TR-369 error code to answer it with. */
public final class UspCodecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public UspCodecException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
