package io.homeacs.server.cwmp.soap;

import java.util.List;

/** SetParameterValues. */
public record SetParameterValues(List<ParameterValue> values, String parameterKey) implements RpcRequest {
    public SetParameterValues {
        values = values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String methodName() {
        return "SetParameterValues";
    }
}
