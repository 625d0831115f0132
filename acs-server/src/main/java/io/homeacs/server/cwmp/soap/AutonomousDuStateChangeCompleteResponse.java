package io.homeacs.server.cwmp.soap;

/** AutonomousDUStateChangeCompleteResponse. */
public record AutonomousDuStateChangeCompleteResponse() implements AcsMessage {
    @Override
    public String methodName() {
        return "AutonomousDUStateChangeCompleteResponse";
    }
}
