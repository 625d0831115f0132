package io.homeacs.server.cwmp.transport;

/**
 * One HTTP request to the CWMP endpoint with the transport details the session layer needs,
 * copied out of Netty so nothing above the transport holds Netty types.
 */
public record CwmpHttpRequest(String path, byte[] body, String cookieHeader, String authorization,
                              String remoteIp, String connectionId, boolean tls) {
}
