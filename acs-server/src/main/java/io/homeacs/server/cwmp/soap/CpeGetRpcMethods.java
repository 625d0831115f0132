package io.homeacs.server.cwmp.soap;

/** GetRPCMethods sent by the CPE to discover the ACS methods. */
public record CpeGetRpcMethods() implements CpeRequest {
    @Override
    public String methodName() {
        return "GetRPCMethods";
    }
}
