package io.homeacs.server.cwmp.soap;

/** ScheduleInformResponse. */
public record ScheduleInformResponse() implements RpcResponse {
    @Override
    public String methodName() {
        return "ScheduleInformResponse";
    }
}
