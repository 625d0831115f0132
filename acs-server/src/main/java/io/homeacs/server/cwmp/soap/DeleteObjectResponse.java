package io.homeacs.server.cwmp.soap;

/** DeleteObjectResponse. */
public record DeleteObjectResponse(int status) implements RpcResponse {
    @Override
    public String methodName() {
        return "DeleteObjectResponse";
    }
}
