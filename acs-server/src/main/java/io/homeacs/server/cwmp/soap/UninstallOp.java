package io.homeacs.server.cwmp.soap;

/** UninstallOpStruct. */
public record UninstallOp(String uuid, String version, String executionEnvRef) implements DuOperation {
}
