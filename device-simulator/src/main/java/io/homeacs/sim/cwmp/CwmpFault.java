package io.homeacs.sim.cwmp;

import java.util.List;

/** A CPE fault (TR-069 Table "Fault codes") raised while executing an ACS request. */
public final class CwmpFault extends Exception {
    public static final int METHOD_NOT_SUPPORTED = 9000;
    public static final int REQUEST_DENIED = 9001;
    public static final int INTERNAL_ERROR = 9002;
    public static final int INVALID_ARGUMENTS = 9003;
    public static final int RESOURCES_EXCEEDED = 9004;
    public static final int INVALID_PARAMETER_NAME = 9005;
    public static final int INVALID_PARAMETER_TYPE = 9006;
    public static final int INVALID_PARAMETER_VALUE = 9007;
    public static final int NOT_WRITABLE = 9008;
    public static final int NOTIFICATION_REJECTED = 9009;
    public static final int DOWNLOAD_FAILURE = 9010;
    public static final int UPLOAD_FAILURE = 9011;
    public static final int UNSUPPORTED_PROTOCOL = 9013;
    public static final int FILE_CORRUPTED = 9018;
    public static final int CANCEL_NOT_PERMITTED = 9021;
    public static final int INVALID_UUID = 9022;
    public static final int UNKNOWN_EXECUTION_ENV = 9023;
    public static final int DUPLICATE_DEPLOYMENT_UNIT = 9026;
    public static final int UNKNOWN_DEPLOYMENT_UNIT = 9028;
    public static final int INVALID_DU_STATE = 9029;

    /** One entry of the SetParameterValuesFault list. */
    public record ParameterFault(String name, int code, String message) {
    }

    private final int code;
    private final List<ParameterFault> parameterFaults;

    public CwmpFault(int code, String message) {
        this(code, message, List.of());
    }

    public CwmpFault(int code, String message, List<ParameterFault> parameterFaults) {
        super(message, null, false, false);
        this.code = code;
        this.parameterFaults = List.copyOf(parameterFaults);
    }

    public static CwmpFault of(int code) {
        return new CwmpFault(code, defaultMessage(code));
    }

    public int code() {
        return code;
    }

    public List<ParameterFault> parameterFaults() {
        return parameterFaults;
    }

    /** SOAP faultcode: faults caused by the request's content are the client's, the rest the server's. */
    public String soapFaultCode() {
        return switch (code) {
            case 9003, 9005, 9006, 9007, 9008 -> "Client";
            default -> "Server";
        };
    }

    public static String defaultMessage(int code) {
        return switch (code) {
            case 9000 -> "Method not supported";
            case 9001 -> "Request denied";
            case 9002 -> "Internal error";
            case 9003 -> "Invalid arguments";
            case 9004 -> "Resources exceeded";
            case 9005 -> "Invalid parameter name";
            case 9006 -> "Invalid parameter type";
            case 9007 -> "Invalid parameter value";
            case 9008 -> "Attempt to set a non-writable parameter";
            case 9009 -> "Notification request rejected";
            case 9010 -> "File transfer failure";
            case 9011 -> "Upload failure";
            case 9012 -> "File transfer server authentication failure";
            case 9013 -> "Unsupported protocol for file transfer";
            case 9018 -> "File transfer failure: file corrupted";
            case 9021 -> "Cancelation of file transfer not permitted in current transfer state";
            case 9022 -> "Invalid UUID format";
            case 9023 -> "Unknown Execution Environment";
            case 9026 -> "Duplicate Deployment Unit";
            case 9028 -> "Unknown Deployment Unit";
            case 9029 -> "Invalid Deployment Unit State";
            default -> "Fault " + code;
        };
    }
}
