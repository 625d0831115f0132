package io.homeacs.server.cwmp.soap;

/** CancelTransferResponse. */
public record CancelTransferResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "CancelTransferResponse";
    }
}
