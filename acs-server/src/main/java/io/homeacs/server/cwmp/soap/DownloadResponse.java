package io.homeacs.server.cwmp.soap;

/** DownloadResponse; status 1 means a TransferComplete will follow. */
public record DownloadResponse(int status, String startTime, String completeTime) implements RpcResponse {
    @Override
    public String methodName() {
        return "DownloadResponse";
    }
}
