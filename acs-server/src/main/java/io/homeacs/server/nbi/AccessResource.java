package io.homeacs.server.nbi;

import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.ApiUsers;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, tokens and logins: /api/v1/users, /api/v1/tokens, /api/v1/login, /api/v1/me. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AccessResource {
    private static final Duration LOGIN_TOKEN_LIFETIME = Duration.ofHours(12);

    private final ApiTokens tokens;
    private final ApiUsers users;
    private final Clock clock;
    /** Five failed logins per name, then one every 30 s: guessing a password becomes hopeless. */
    private final RateLimiter failedLogins = new RateLimiter(1.0 / 30, 5);

    AccessResource(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.users = tokens.users();
        this.clock = clock;
    }

    @GET
    @Path("/me")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER, Role.VIEWER})
    public Map<String, Object> me(@Context SecurityContext sc) {
        ApiTokens.Principal p = Caller.of(sc);
        return Map.of("user", p.user(), "role", p.role().apiName(), "tokenId", p.tokenId());
    }

    /** Exchanges a user's name and password for a token valid for 12 hours (the console's login). */
    @POST
    @Path("/login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> login(Map<String, Object> body) {
        JsonFields j = new JsonFields(body);
        String name = j.string("name");
        if (!name.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new ApiException(401, "wrong name or password");
        }
        Audit.actor(name);
        // A token is spent before the (deliberately slow) password check, so parallel guesses cannot
        // slip through while the first is being checked; a correct password gives it back.
        long wait = failedLogins.acquire(name, System.nanoTime());
        if (wait > 0) {
            throw new ApiException(429, "too many failed logins for " + name + "; retry in " + wait + " s");
        }
        ApiUsers.User u = users.checkPassword(name, j.string("password")).orElse(null);
        if (u == null) {
            throw new ApiException(401, "wrong name or password");
        }
        failedLogins.refund(name);
        Instant now = clock.instant();
        ApiTokens.Issued t = tokens.issue(u.id(), "login " + now, now.plus(LOGIN_TOKEN_LIFETIME), now);
        return Map.of("token", t.token(), "tokenId", t.id(), "expiresAt", t.expiresAt().toString(), "role", u.role().apiName());
    }

    @GET
    @Path("/users")
    @Allowed(Role.ADMIN)
    public Map<String, Object> listUsers() {
        return Map.of("users", users.list().stream().map(AccessResource::user).toList());
    }

    @POST
    @Path("/users")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createUser(Map<String, Object> body) {
        JsonFields j = new JsonFields(body);
        ApiUsers.User u = users.create(j.string("name"), Role.parse(j.string("role")), j.string("password", null), clock.instant());
        Audit.record(List.of(), Map.of("user", u.name(), "role", u.role().apiName()));
        return Response.status(201).entity(user(u)).build();
    }

    @PATCH
    @Path("/users/{name}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> updateUser(@PathParam("name") String name, Map<String, Object> body) {
        JsonFields j = new JsonFields(body);
        users.find(name).orElseThrow(() -> ApiException.notFound("user " + name));
        ApiUsers.User u = users.update(name, j.has("role") ? Role.parse(j.string("role")) : null,
            j.string("password", null), j.has("disabled") ? j.bool("disabled", false) : null);
        Map<String, Object> detail = new LinkedHashMap<>(user(u));
        detail.put("passwordChanged", j.has("password"));
        Audit.record(List.of(), detail);
        return user(u);
    }

    @GET
    @Path("/tokens")
    @Allowed(Role.ADMIN)
    public Map<String, Object> listTokens() {
        return Map.of("tokens", tokens.list().stream().map(AccessResource::token).toList());
    }

    /** Issues a token for a user (an OSS integration, say); the secret is in this response only. */
    @POST
    @Path("/tokens")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createToken(Map<String, Object> body) {
        JsonFields j = new JsonFields(body);
        ApiUsers.User u = users.find(j.string("user")).orElseThrow(() -> ApiException.badRequest("no user " + j.string("user")));
        long days = j.number("expiresInDays", 0);
        if (days < 0 || days > 3650) {
            throw ApiException.badRequest("expiresInDays must be between 1 and 3650 (0 or absent: never)");
        }
        Instant now = clock.instant();
        ApiTokens.Issued t = tokens.issue(u.id(), j.string("name", "token for " + u.name()),
            days == 0 ? null : now.plus(Duration.ofDays(days)), now);
        Audit.record(List.of(), Map.of("tokenId", t.id(), "user", u.name()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("token", t.token());
        out.put("user", u.name());
        out.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        return Response.status(201).entity(out).build();
    }

    /** Admins revoke any token; everyone else only their own (logging out). */
    @DELETE
    @Path("/tokens/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER, Role.VIEWER})
    public Map<String, Object> revoke(@PathParam("id") long id, @Context SecurityContext sc) {
        ApiTokens.Principal p = Caller.of(sc);
        ApiTokens.TokenInfo t = tokens.find(id).orElseThrow(() -> ApiException.notFound("token " + id));
        if (p.role() != Role.ADMIN && !t.user().equals(p.user())) {
            throw new ApiException(403, "only admins may revoke other users' tokens");
        }
        tokens.revoke(id);
        Audit.record(List.of(), Map.of("tokenId", id, "user", t.user()));
        return token(tokens.find(id).orElseThrow());
    }

    private static Map<String, Object> user(ApiUsers.User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("role", u.role().apiName());
        m.put("disabled", u.disabled());
        m.put("hasPassword", u.hasPassword());
        m.put("createdAt", u.createdAt().toString());
        return m;
    }

    private static Map<String, Object> token(ApiTokens.TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("user", t.user());
        m.put("role", t.role().apiName());
        m.put("createdAt", t.createdAt().toString());
        m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        m.put("revoked", t.revoked());
        return m;
    }
}
