package io.homeacs.server.cwmp.soap;

/** AutonomousTransferComplete: a transfer the CPE started on its own. */
public record AutonomousTransferComplete(String announceUrl, String transferUrl, boolean isDownload, String fileType,
                                         long fileSize, String targetFileName, FaultStruct fault, String startTime,
                                         String completeTime) implements CpeRequest {
    @Override
    public String methodName() {
        return "AutonomousTransferComplete";
    }
}
