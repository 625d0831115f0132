package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetParameterAttributesResponse. */
public record GetParameterAttributesResponse(List<ParameterAttribute> parameters) implements RpcResponse {
    public GetParameterAttributesResponse {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public String methodName() {
        return "GetParameterAttributesResponse";
    }
}
