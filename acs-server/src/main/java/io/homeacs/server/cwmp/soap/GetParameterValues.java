package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetParameterValues. */
public record GetParameterValues(List<String> names) implements RpcRequest {
    public GetParameterValues {
        names = names == null ? List.of() : List.copyOf(names);
    }

    @Override
    public String methodName() {
        return "GetParameterValues";
    }
}
