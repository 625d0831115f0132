package io.homeacs.server.cwmp.soap;

import java.util.List;

/** GetAllQueuedTransfersResponse. */
public record GetAllQueuedTransfersResponse(List<QueuedTransfer> transfers) implements RpcResponse {
    public GetAllQueuedTransfersResponse {
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }

    @Override
    public String methodName() {
        return "GetAllQueuedTransfersResponse";
    }
}
