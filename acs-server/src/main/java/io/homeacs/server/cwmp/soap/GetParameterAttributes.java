package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetParameterAttributes. */
public record GetParameterAttributes(List<String> names) implements RpcRequest {
    public GetParameterAttributes {
        names = names == null ? List.of() : List.copyOf(names);
    }

    @Override
    public String methodName() {
        return "GetParameterAttributes";
    }
}
