package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetParameterValuesResponse. */
public record GetParameterValuesResponse(List<ParameterValue> parameters) implements RpcResponse {
    public GetParameterValuesResponse {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public String methodName() {
        return "GetParameterValuesResponse";
    }
}
