package io.homeacs.server.cwmp.soap;

/** DUStateChangeCompleteResponse. */
public record DuStateChangeCompleteResponse() implements AcsMessage {
    @Override
    public String methodName() {
        return "DUStateChangeCompleteResponse";
    }
}
