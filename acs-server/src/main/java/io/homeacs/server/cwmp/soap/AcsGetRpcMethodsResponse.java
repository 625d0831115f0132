package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetRPCMethodsResponse sent by the ACS to a CPE's GetRPCMethods. */
public record AcsGetRpcMethodsResponse(List<String> methods) implements AcsMessage {
    public AcsGetRpcMethodsResponse {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    @Override
    public String methodName() {
        return "GetRPCMethodsResponse";
    }
}
