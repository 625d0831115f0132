package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Runs after the request is matched to a method: resolves the bearer token and enforces the
 * method's {@link Allowed} roles before the method runs, so a refused call changes nothing.
 */
final class BearerAuthFilter implements ContainerRequestFilter {
    static final String PRINCIPAL = "acs.principal";
    /** Set on requests refused for flooding without a token: they are answered 429 and not audited. */
    static final String THROTTLED = "acs.throttled";

    private final ApiTokens tokens;
    private final Clock clock;
    private final RateLimiter perToken;
    /**
     * Requests without a valid token, per client address: each refused write is audited, so an
     * unauthenticated flood must not be able to grow the audit log without bound.
     */
    private final RateLimiter anonymous = new RateLimiter(10, 100);

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest http;

    BearerAuthFilter(ApiTokens tokens, Clock clock, RateLimiter perToken) {
        this.tokens = tokens;
        this.clock = clock;
        this.perToken = perToken;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Audit.clear();
        Method m = resource == null ? null : resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(Public.class)) {
            return;
        }
        String header = ctx.getHeaderString("Authorization");
        Optional<ApiTokens.Principal> who = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.authenticate(header.substring(7).trim(), clock.instant()) : Optional.empty();
        if (who.isEmpty()) {
            long wait = anonymous.acquire("ip:" + (http == null ? "?" : http.getRemoteAddr()), System.nanoTime());
            if (wait > 0) {
                ctx.setProperty(THROTTLED, Boolean.TRUE);
                ctx.abortWith(Response.status(429).header("Retry-After", Long.toString(wait))
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "too many requests without a valid token"))
                    .build());
                return;
            }
            ctx.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer realm=\"acs\"")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "a valid bearer token is required")).build());
            return;
        }
        ctx.setProperty(PRINCIPAL, who.get());
        // Per user, not per token: logging in again must not buy a fresh allowance.
        long wait = perToken.acquire("user:" + who.get().userId(), System.nanoTime());
        if (wait > 0) {
            ctx.abortWith(Response.status(429).header("Retry-After", Long.toString(wait))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "rate limit for this token exceeded")).build());
            return;
        }
        ctx.setSecurityContext(new Caller(who.get()));
        Allowed allowed = m == null ? null : m.getAnnotation(Allowed.class);
        if (allowed == null || Arrays.stream(allowed.value()).noneMatch(r -> r == who.get().role())) {
            ctx.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "role " + who.get().role().apiName() + " may not do this")).build());
        }
    }
}
