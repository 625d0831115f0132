package io.homeacs.server.cwmp.soap;

/** ScheduleInform. */
public record ScheduleInform(int delaySeconds, String commandKey) implements RpcRequest {
    @Override
    public String methodName() {
        return "ScheduleInform";
    }
}
