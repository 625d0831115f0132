package io.homeacs.server.cwmp.soap;

/** RequestDownloadResponse. */
public record RequestDownloadResponse() implements AcsMessage {
    @Override
    public String methodName() {
        return "RequestDownloadResponse";
    }
}
