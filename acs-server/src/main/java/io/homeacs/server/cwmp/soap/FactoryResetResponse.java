package io.homeacs.server.cwmp.soap;

/** FactoryResetResponse. */
public record FactoryResetResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "FactoryResetResponse";
    }
}
