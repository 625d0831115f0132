package io.homeacs.server.usp.codec;

/** TR-369 error codes the controller sends or acts on (section "Error Codes"). */
public final class UspErrors {
    public static final int MESSAGE_FAILED = 7000;
    public static final int MESSAGE_NOT_SUPPORTED = 7001;
    public static final int REQUEST_DENIED = 7002;
    public static final int INTERNAL_ERROR = 7003;
    public static final int INVALID_ARGUMENTS = 7004;
    public static final int RESOURCES_EXCEEDED = 7005;
    public static final int PERMISSION_DENIED = 7006;
    public static final int INVALID_PATH_SYNTAX = 7008;
    public static final int UNSUPPORTED_PARAMETER = 7010;
    public static final int INVALID_VALUE = 7012;
    public static final int NOT_WRITABLE = 7013;
    public static final int OBJECT_DOES_NOT_EXIST = 7016;
    public static final int COMMAND_FAILURE = 7022;
    public static final int INVALID_PATH = 7026;
    public static final int RECORD_NOT_PARSED = 7100;
    public static final int SECURE_SESSION_NOT_SUPPORTED = 7102;
    public static final int SAR_NOT_SUPPORTED = 7103;
    public static final int INVALID_RECORD_VALUE = 7104;
    public static final int SESSION_CONTEXT_NOT_ALLOWED = 7106;

    private UspErrors() {
    }

    /** The agent was busy or failed internally: the same request may succeed later. */
    public static boolean retryable(int code) {
        return code == INTERNAL_ERROR || code == RESOURCES_EXCEEDED;
    }
}
