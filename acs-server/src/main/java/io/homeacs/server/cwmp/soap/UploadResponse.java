package io.homeacs.server.cwmp.soap;

/** UploadResponse; status 1 means a TransferComplete will follow. */
public record UploadResponse(int status, String startTime, String completeTime) implements RpcResponse {
    @Override
    public String methodName() {
        return "UploadResponse";
    }
}
