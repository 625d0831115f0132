package io.homeacs.server.cwmp.soap;

/** GetRPCMethods sent by the ACS. */
public record GetRpcMethods() implements RpcRequest {
    @Override
    public String methodName() {
        return "GetRPCMethods";
    }
}
