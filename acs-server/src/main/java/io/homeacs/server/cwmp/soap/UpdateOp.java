package io.homeacs.server.cwmp.soap;

/** UpdateOpStruct. */
public record UpdateOp(String uuid, String version, String url, String username, String password)
        implements DuOperation {
}
