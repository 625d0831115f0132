package io.homeacs.server.cwmp.auth;

/** Who opened a session: the shared bootstrap login, one device's own login, or nobody (auth off). */
public record CpePrincipal(Kind kind, long deviceId, String ha1) {
    public enum Kind { ANONYMOUS, BOOTSTRAP, DEVICE }

    static final CpePrincipal ANONYMOUS = new CpePrincipal(Kind.ANONYMOUS, 0, "");

    static CpePrincipal bootstrap(String ha1) {
        return new CpePrincipal(Kind.BOOTSTRAP, 0, ha1);
    }

    static CpePrincipal device(long deviceId, String ha1) {
        return new CpePrincipal(Kind.DEVICE, deviceId, ha1);
    }
}
