package io.homeacs.server.cwmp.soap;

/** ChangeDUStateResponse. */
public record ChangeDuStateResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "ChangeDUStateResponse";
    }
}
