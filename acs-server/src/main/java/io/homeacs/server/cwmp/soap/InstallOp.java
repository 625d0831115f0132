package io.homeacs.server.cwmp.soap;

/** InstallOpStruct. */
public record InstallOp(String url, String uuid, String username, String password, String executionEnvRef)
        implements DuOperation {
}
