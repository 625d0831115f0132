package io.homeacs.server.cwmp.soap;

/**
 * Raised when a CPE message cannot be decoded. Carries whatever was learned before the failure (version, ID,
 * method name) so the session layer can answer with a CWMP fault in the right namespace.
 */
public final class SoapDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason { MALFORMED_XML, NOT_SOAP, UNSUPPORTED_CWMP_VERSION, UNKNOWN_METHOD, INVALID_ARGUMENTS }

    private final Reason reason;
    private final CwmpVersion version;
    private final String id;
    private final String methodName;

    public SoapDecodeException(Reason reason, String message, CwmpVersion version, String id, String methodName,
                               Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.version = version;
        this.id = id;
        this.methodName = methodName;
    }

    public SoapDecodeException(Reason reason, String message) {
        this(reason, message, null, null, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The CWMP version if it had been recognised before the failure, else null. */
    public CwmpVersion version() {
        return version;
    }

    /** The cwmp:ID header value if it had been read before the failure, else null. */
    public String id() {
        return id;
    }

    /** The body element's local name; set for UNKNOWN_METHOD and whenever the method was known. */
    public String methodName() {
        return methodName;
    }
}
