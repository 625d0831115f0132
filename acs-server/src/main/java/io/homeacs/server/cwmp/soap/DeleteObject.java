package io.homeacs.server.cwmp.soap;

/** DeleteObject; objectName is the instance path ending with a dot. */
public record DeleteObject(String objectName, String parameterKey) implements RpcRequest {
    @Override
    public String methodName() {
        return "DeleteObject";
    }
}
