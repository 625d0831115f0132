package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetRPCMethodsResponse from the CPE. */
public record GetRpcMethodsResponse(List<String> methods) implements RpcResponse {
    public GetRpcMethodsResponse {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    @Override
    public String methodName() {
        return "GetRPCMethodsResponse";
    }
}
