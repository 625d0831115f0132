package io.homeacs.server.cwmp.soap;

/**
 * Internal signal for a structurally valid message with bad content. The decoder turns it into a
 * {@link SoapDecodeException} with the envelope context; it carries no stack trace because a misbehaving CPE
 * can trigger it at line rate.
 */
final class InvalidArgumentException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidArgumentException(String message) {
        super(message, null, false, false);
    }
}
