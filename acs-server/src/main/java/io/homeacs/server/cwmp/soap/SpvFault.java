package io.homeacs.server.cwmp.soap;

/** SetParameterValuesFault entry inside a cwmp:Fault detail. */
public record SpvFault(String parameterName, int faultCode, String faultString) {
}
