package io.homeacs.server.nbi;

import io.homeacs.server.profile.DeviceProfiles;
import io.homeacs.server.profile.Profile;
import io.homeacs.server.profile.ProfileModule;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/profiles: declarative desired state for the devices a profile matches. Admins write;
 * support and viewers read. Secret values are masked in every response and in the audit log.
 */
@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfilesResource {
    /** Rows of "where this profile lost" shown with the profile; the count covers all of them. */
    static final int LOST_SAMPLE = 100;

    private final ProfileModule profiles;
    private final Clock clock;

    ProfilesResource(ProfileModule profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list() {
        return Map.of("profiles", profiles.profiles().list().stream().map(profiles.codec()::toJson).toList());
    }

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body, @Context SecurityContext sc) {
        Audit.record(List.of(), Map.of("name", String.valueOf(body.get("name"))));
        Profile.Draft d = profiles.codec().draft(body);
        Profile p = profiles.profiles().create(d, Caller.of(sc).user(), clock.instant());
        Audit.record(List.of(), Map.of("profile", profiles.codec().toJson(p)));
        return Response.status(201).location(URI.create("/api/v1/profiles/" + p.id())).entity(view(p)).build();
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return view(find(id));
    }

    @PUT
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        Audit.record(List.of(), Map.of("profileId", id));
        find(id);
        Profile.Draft d = profiles.codec().draft(body);
        Profile p = profiles.profiles().update(id, d, Caller.of(sc).user(), clock.instant())
            .orElseThrow(() -> ApiException.notFound("profile " + id));
        Audit.record(List.of(), Map.of("profile", profiles.codec().toJson(p)));
        return view(p);
    }

    /** Removing a profile leaves devices as they are: it stops asserting its values, it does not undo them. */
    @DELETE
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    public Map<String, Object> delete(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("profileId", id));
        Profile p = find(id);
        if (!profiles.profiles().delete(id)) {
            throw ApiException.notFound("profile " + id);
        }
        return profiles.codec().toJson(p);
    }

    @POST
    @Path("/{id}/apply")
    @Allowed(Role.ADMIN)
    public Map<String, Object> apply(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("profileId", id));
        Profile p = find(id);
        DeviceProfiles.ApplyResult r = profiles.devices().apply(p, clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profileId", p.id());
        out.put("matched", r.matched());
        out.put("inSync", r.inSync());
        out.put("applying", r.applying());
        Audit.record(List.of(), out);
        return out;
    }

    private Profile find(long id) {
        return profiles.profiles().find(id).orElseThrow(() -> ApiException.notFound("profile " + id));
    }

    /** The profile plus where it lost: the devices on which a higher-priority profile set a parameter otherwise. */
    private Map<String, Object> view(Profile p) {
        Map<String, Object> out = profiles.codec().toJson(p);
        var lost = profiles.profiles().lostBy(p.id(), LOST_SAMPLE);
        Map<Long, Profile> byId = new LinkedHashMap<>();
        profiles.profiles().list().forEach(x -> byId.put(x.id(), x));
        Map<String, Object> lostOn = new LinkedHashMap<>();
        lostOn.put("devices", lost.getKey());
        lostOn.put("sample", lost.getValue().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deviceId", l.deviceId());
            m.put("deviceKey", l.deviceKey());
            m.put("path", l.path());
            Profile w = byId.get(l.winnerId());
            m.put("winner", w == null ? Map.of("id", l.winnerId()) : Map.of("id", w.id(), "name", w.name(),
                "priority", w.priority()));
            return m;
        }).toList());
        out.put("lostOn", lostOn);
        return out;
    }
}
