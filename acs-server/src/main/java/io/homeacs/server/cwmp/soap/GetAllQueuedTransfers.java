package io.homeacs.server.cwmp.soap;

/** GetAllQueuedTransfers. */
public record GetAllQueuedTransfers() implements RpcRequest {
    @Override
    public String methodName() {
        return "GetAllQueuedTransfers";
    }
}
