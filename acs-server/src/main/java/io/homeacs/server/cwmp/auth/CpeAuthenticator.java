package io.homeacs.server.cwmp.auth;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.security.Digest;
import io.homeacs.server.security.NonceService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the credentials on the request that opens a CWMP session. Which device the credentials
 * may speak for can only be checked once the Inform is decoded; the session layer does that.
 */
public final class CpeAuthenticator {
    private final AcsConfig.CpeAuth mode;
    private final String realm;
    private final String bootstrapUser;
    private final String bootstrapHa1;
    private final DeviceCredentials credentials;
    private final NonceService nonces;
    private final boolean checkUri;

    /** Either who the caller is, or the challenge to send back. */
    public sealed interface Result {
        record Authenticated(CpePrincipal principal) implements Result {
        }

        record Challenge(String wwwAuthenticate, String reason) implements Result {
        }
    }

    public CpeAuthenticator(AcsConfig.Cwmp cwmp, AcsConfig.Cpe cpe, DeviceCredentials credentials, NonceService nonces) {
        this.mode = cwmp.auth();
        this.realm = cwmp.realm();
        this.bootstrapUser = cpe.bootstrapUsername();
        this.bootstrapHa1 = Digest.ha1(cpe.bootstrapUsername(), cwmp.realm(), cpe.bootstrapPassword());
        this.credentials = credentials;
        this.nonces = nonces;
        // A rewriting reverse proxy changes the request path but not the URI the CPE signed.
        this.checkUri = !cwmp.trustForwardedFor();
    }

    public Result authenticate(String authorization, String requestPath, boolean tls, Instant now) {
        if (mode == AcsConfig.CpeAuth.NONE) {
            return new Result.Authenticated(CpePrincipal.ANONYMOUS);
        }
        if (authorization == null || authorization.isBlank()) {
            return challenge(false, "no credentials", tls);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), tls, now);
        }
        if (!authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return challenge(false, "unsupported authorization scheme", tls);
        }
        return digest(Digest.parseParams(authorization), requestPath, tls, now);
    }

    private Result digest(Map<String, String> p, String requestPath, boolean tls, Instant now) {
        String username = p.get("username");
        String nonce = p.get("nonce");
        String response = p.get("response");
        String uri = p.get("uri");
        if (username == null || nonce == null || response == null || uri == null || p.get("nc") == null
            || p.get("cnonce") == null || !"auth".equals(p.get("qop"))) {
            return challenge(false, "incomplete digest authorization (qop=auth, nc and cnonce are required)", tls);
        }
        if (!realm.equals(p.get("realm"))) {
            return challenge(false, "wrong realm", tls);
        }
        if (checkUri && !uriMatches(uri, requestPath)) {
            return challenge(false, "digest uri " + uri + " does not match the request", tls);
        }
        NonceService.Check check = nonces.check(nonce, now);
        if (check == NonceService.Check.INVALID) {
            return challenge(false, "unknown nonce", tls);
        }
        Optional<DeviceCredentials.Login> login = lookup(username);
        if (login.isEmpty()) {
            return challenge(false, "unknown username " + username, tls);
        }
        DeviceCredentials.Login l = login.get();
        boolean pending = false;
        if (!digestMatches(l.ha1(), p, nonce, uri, response)) {
            if (!digestMatches(l.pendingHa1(), p, nonce, uri, response)) {
                return challenge(false, "wrong password for " + username, tls);
            }
            pending = true;
        }
        if (check == NonceService.Check.STALE) {
            return challenge(true, "stale nonce", tls);
        }
        if (!nonces.acceptCount(nonce, p.get("nc"))) {
            return challenge(false, "replayed nonce count for " + username, tls);
        }
        return new Result.Authenticated(principal(l, pending));
    }

    private static boolean digestMatches(String ha1, Map<String, String> p, String nonce, String uri, String response) {
        return ha1 != null && Digest.constantTimeEquals(
            Digest.response(ha1, nonce, p.get("nc"), p.get("cnonce"), "auth", "POST", uri), response);
    }

    /** The digest covers the URI the CPE requested; it must be the one this request arrived on. */
    private static boolean uriMatches(String uri, String requestPath) {
        String path = uri;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int q = path.indexOf('?');
        return (q < 0 ? path : path.substring(0, q)).equals(requestPath);
    }

    private Result basic(String encoded, boolean tls, Instant now) {
        if (mode != AcsConfig.CpeAuth.BASIC || !tls) {
            return challenge(false, "basic authentication is only accepted over TLS when enabled", tls);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge(false, "malformed basic credentials", tls);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return challenge(false, "malformed basic credentials", tls);
        }
        String user = decoded.substring(0, colon);
        Optional<DeviceCredentials.Login> login = lookup(user);
        String presented = Digest.ha1(user, realm, decoded.substring(colon + 1));
        if (login.isEmpty()) {
            return challenge(false, "wrong credentials for " + user, tls);
        }
        DeviceCredentials.Login l = login.get();
        if (Digest.constantTimeEquals(l.ha1(), presented)) {
            return new Result.Authenticated(principal(l, false));
        }
        if (Digest.constantTimeEquals(l.pendingHa1(), presented)) {
            return new Result.Authenticated(principal(l, true));
        }
        return challenge(false, "wrong credentials for " + user, tls);
    }

    private Optional<DeviceCredentials.Login> lookup(String username) {
        if (username.equals(bootstrapUser)) {
            return Optional.of(new DeviceCredentials.Login(0, username, bootstrapHa1, null));
        }
        return credentials.login(username);
    }

    private static CpePrincipal principal(DeviceCredentials.Login l, boolean pending) {
        return l.deviceId() == 0 ? CpePrincipal.BOOTSTRAP : new CpePrincipal(CpePrincipal.Kind.DEVICE, l.deviceId(), pending);
    }

    /**
     * Basic is offered only where it would be accepted: on plain HTTP even {@code cwmp.auth=basic}
     * challenges with Digest, so a CPE is never invited to send its password in clear.
     */
    private Result challenge(boolean stale, String reason, boolean tls) {
        String header = mode == AcsConfig.CpeAuth.BASIC && tls
            ? "Basic realm=\"" + realm + "\""
            : "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + nonces.issue(Instant.now())
                + "\", opaque=\"" + realm.hashCode() + "\", algorithm=MD5" + (stale ? ", stale=true" : "");
        return new Result.Challenge(header, reason);
    }
}
