package io.homeacs.server.cwmp.soap;

/** SetParameterAttributesResponse. */
public record SetParameterAttributesResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "SetParameterAttributesResponse";
    }
}
