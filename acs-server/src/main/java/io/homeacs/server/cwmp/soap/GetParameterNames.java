package io.homeacs.server.cwmp.soap;

/** GetParameterNames. */
public record GetParameterNames(String parameterPath, boolean nextLevel) implements RpcRequest {
    @Override
    public String methodName() {
        return "GetParameterNames";
    }
}
