package io.homeacs.server.cwmp.soap;

/** CancelTransfer. */
public record CancelTransfer(String commandKey) implements RpcRequest {
    @Override
    public String methodName() {
        return "CancelTransfer";
    }
}
