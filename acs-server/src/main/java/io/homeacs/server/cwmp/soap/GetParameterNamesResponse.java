package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetParameterNamesResponse. */
public record GetParameterNamesResponse(List<ParameterInfo> parameters) implements RpcResponse {
    public GetParameterNamesResponse {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public String methodName() {
        return "GetParameterNamesResponse";
    }
}
