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
    }

    public Result authenticate(String authorization, boolean tls, Instant now) {
        if (mode == AcsConfig.CpeAuth.NONE) {
            return new Result.Authenticated(CpePrincipal.ANONYMOUS);
        }
        if (authorization == null || authorization.isBlank()) {
            return challenge(false, "no credentials");
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), tls, now);
        }
        if (!authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return challenge(false, "unsupported authorization scheme");
        }
        return digest(Digest.parseParams(authorization), now);
    }

    private Result digest(Map<String, String> p, Instant now) {
        String username = p.get("username");
        String nonce = p.get("nonce");
        String response = p.get("response");
        if (username == null || nonce == null || response == null || p.get("uri") == null) {
            return challenge(false, "incomplete digest authorization");
        }
        if (!realm.equals(p.get("realm"))) {
            return challenge(false, "wrong realm");
        }
        NonceService.Check check = nonces.check(nonce, now);
        if (check == NonceService.Check.INVALID) {
            return challenge(false, "unknown nonce");
        }
        Optional<CpePrincipal> who = lookup(username);
        if (who.isEmpty()) {
            return challenge(false, "unknown username " + username);
        }
        String expected = Digest.response(who.get().ha1(), nonce, p.get("nc"), p.get("cnonce"), p.get("qop"), "POST", p.get("uri"));
        if (!Digest.constantTimeEquals(expected, response)) {
            return challenge(false, "wrong password for " + username);
        }
        if (check == NonceService.Check.STALE) {
            return challenge(true, "stale nonce");
        }
        return new Result.Authenticated(who.get());
    }

    private Result basic(String encoded, boolean tls, Instant now) {
        if (mode != AcsConfig.CpeAuth.BASIC || !tls) {
            return challenge(false, "basic authentication is only accepted over TLS when enabled");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge(false, "malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return challenge(false, "malformed basic credentials");
        }
        String user = decoded.substring(0, colon);
        Optional<CpePrincipal> who = lookup(user);
        if (who.isEmpty() || !Digest.constantTimeEquals(who.get().ha1(), Digest.ha1(user, realm, decoded.substring(colon + 1)))) {
            return challenge(false, "wrong credentials for " + user);
        }
        return new Result.Authenticated(who.get());
    }

    private Optional<CpePrincipal> lookup(String username) {
        if (username.equals(bootstrapUser)) {
            return Optional.of(CpePrincipal.bootstrap(bootstrapHa1));
        }
        return credentials.login(username).map(l -> CpePrincipal.device(l.deviceId(), l.ha1()));
    }

    private Result challenge(boolean stale, String reason) {
        String header = mode == AcsConfig.CpeAuth.BASIC
            ? "Basic realm=\"" + realm + "\""
            : "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + nonces.issue(Instant.now())
                + "\", opaque=\"" + realm.hashCode() + "\", algorithm=MD5" + (stale ? ", stale=true" : "");
        return new Result.Challenge(header, reason);
    }
}
