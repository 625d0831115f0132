package io.homeacs.server.cwmp.soap;

/** TransferComplete: result of an earlier Download/Upload/ScheduleDownload. */
public record TransferComplete(String commandKey, FaultStruct fault, String startTime, String completeTime)
        implements CpeRequest {
    @Override
    public String methodName() {
        return "TransferComplete";
    }
}
