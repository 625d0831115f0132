package io.homeacs.server.cwmp.soap;

/** InformResponse. */
public record InformResponse(int maxEnvelopes) implements AcsMessage {
    @Override
    public String methodName() {
        return "InformResponse";
    }
}
