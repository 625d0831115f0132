package io.homeacs.server.cwmp.soap;

import java.util.List;

/** SetParameterAttributes. */
public record SetParameterAttributes(List<SetParameterAttribute> attributes) implements RpcRequest {
    public SetParameterAttributes {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    @Override
    public String methodName() {
        return "SetParameterAttributes";
    }
}
