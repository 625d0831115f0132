package io.homeacs.server.cwmp.soap;

/** SetParameterValuesResponse; status 1 means applied on next reboot. */
public record SetParameterValuesResponse(int status) implements RpcResponse {
    @Override
    public String methodName() {
        return "SetParameterValuesResponse";
    }
}
