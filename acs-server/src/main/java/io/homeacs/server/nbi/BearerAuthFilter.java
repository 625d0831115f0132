package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** Every /api call needs a valid bearer token; the principal is left on the request for resources. */
@PreMatching
final class BearerAuthFilter implements ContainerRequestFilter {
    static final String PRINCIPAL = "acs.principal";

    private final ApiTokens tokens;

    BearerAuthFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith("api/") && !path.startsWith("/api/")) {
            return;
        }
        String header = ctx.getHeaderString("Authorization");
        Optional<ApiTokens.Principal> who = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.authenticate(header.substring(7).trim()) : Optional.empty();
        if (who.isEmpty()) {
            ctx.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer realm=\"acs\"")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "a valid bearer token is required")).build());
            return;
        }
        ctx.setProperty(PRINCIPAL, who.get());
    }
}
