package io.homeacs.server.cwmp.soap;

/** TransferCompleteResponse. */
public record TransferCompleteResponse() implements AcsMessage {
    @Override
    public String methodName() {
        return "TransferCompleteResponse";
    }
}
