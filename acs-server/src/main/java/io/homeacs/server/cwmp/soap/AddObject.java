package io.homeacs.server.cwmp.soap;

/** AddObject; objectName ends with a dot. */
public record AddObject(String objectName, String parameterKey) implements RpcRequest {
    @Override
    public String methodName() {
        return "AddObject";
    }
}
