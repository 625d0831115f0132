package io.homeacs.server.cwmp.soap;

/** Download. */
public record Download(String commandKey, String fileType, String url, String username, String password,
                       long fileSize, String targetFileName, int delaySeconds, String successUrl, String failureUrl)
        implements RpcRequest {
    @Override
    public String methodName() {
        return "Download";
    }
}
