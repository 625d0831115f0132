package io.homeacs.server.cwmp.auth;

/**
 * Who opened a session: the shared bootstrap login, one device's own login, or nobody (auth off).
 * pendingCredentials: the device logged in with credentials the ACS sent it but has not seen
 * acknowledged yet, which proves the device applied them.
 */
public record CpePrincipal(Kind kind, long deviceId, boolean pendingCredentials) {
    public enum Kind { ANONYMOUS, BOOTSTRAP, DEVICE }

    static final CpePrincipal ANONYMOUS = new CpePrincipal(Kind.ANONYMOUS, 0, false);
    static final CpePrincipal BOOTSTRAP = new CpePrincipal(Kind.BOOTSTRAP, 0, false);
}
