package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The authenticated caller, carried in the standard JAX-RS SecurityContext. */
final class Caller implements SecurityContext {
    private final ApiTokens.Principal principal;

    Caller(ApiTokens.Principal principal) {
        this.principal = principal;
    }

    static ApiTokens.Principal of(SecurityContext sc) {
        if (sc instanceof Caller c) {
            return c.principal;
        }
        throw new ApiException(401, "a valid bearer token is required");
    }

    @Override
    public Principal getUserPrincipal() {
        return principal::user;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.role() == Role.parse(role);
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
