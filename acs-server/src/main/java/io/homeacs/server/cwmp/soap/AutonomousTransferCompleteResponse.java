package io.homeacs.server.cwmp.soap;

/** AutonomousTransferCompleteResponse. */
public record AutonomousTransferCompleteResponse() implements AcsMessage {
    @Override
    public String methodName() {
        return "AutonomousTransferCompleteResponse";
    }
}
