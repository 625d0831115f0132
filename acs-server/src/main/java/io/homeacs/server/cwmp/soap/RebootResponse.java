package io.homeacs.server.cwmp.soap;

/** RebootResponse. */
public record RebootResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "RebootResponse";
    }
}
