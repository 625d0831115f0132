package io.homeacs.server.cwmp.soap;

/** ScheduleDownloadResponse. */
public record ScheduleDownloadResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "ScheduleDownloadResponse";
    }
}
