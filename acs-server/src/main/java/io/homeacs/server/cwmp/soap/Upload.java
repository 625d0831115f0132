package io.homeacs.server.cwmp.soap;

/** Upload. */
public record Upload(String commandKey, String fileType, String url, String username, String password,
                     int delaySeconds) implements RpcRequest {
    @Override
    public String methodName() {
        return "Upload";
    }
}
