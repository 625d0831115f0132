package io.homeacs.server.cwmp.soap;

import java.util.List;

/**
 * A SOAP Fault carrying a cwmp:Fault detail. Used in both directions: CPE faults (9000-9032) are decoded
 * into it, ACS faults (8000-8006) are encoded from it.
 */
public record CwmpFault(int faultCode, String faultString, List<SpvFault> parameterFaults)
        implements CpeMessage, AcsMessage {

    public static final int METHOD_NOT_SUPPORTED = 8000;
    public static final int REQUEST_DENIED = 8001;
    public static final int INTERNAL_ERROR = 8002;
    public static final int INVALID_ARGUMENTS = 8003;
    public static final int RESOURCES_EXCEEDED = 8004;
    public static final int RETRY_REQUEST = 8005;
    public static final int ACS_VERSION_NOT_SUPPORTED = 8006;

    public CwmpFault {
        faultString = faultString == null ? "" : faultString;
        parameterFaults = parameterFaults == null ? List.of() : List.copyOf(parameterFaults);
    }

    public static CwmpFault of(int code, String text) {
        return new CwmpFault(code, text, List.of());
    }

    @Override
    public String methodName() {
        return "Fault";
    }
}
