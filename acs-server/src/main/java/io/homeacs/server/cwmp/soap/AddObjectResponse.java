package io.homeacs.server.cwmp.soap;

/** AddObjectResponse. */
public record AddObjectResponse(int instanceNumber, int status) implements RpcResponse {
    @Override
    public String methodName() {
        return "AddObjectResponse";
    }
}
