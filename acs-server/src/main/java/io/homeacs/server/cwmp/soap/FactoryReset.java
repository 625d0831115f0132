package io.homeacs.server.cwmp.soap;

/** FactoryReset. */
public record FactoryReset() implements RpcRequest {
    @Override
    public String methodName() {
        return "FactoryReset";
    }
}
