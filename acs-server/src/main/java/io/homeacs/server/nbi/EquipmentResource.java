package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.lifecycle.Lifecycle;
import io.homeacs.server.lifecycle.Ownership;
import io.homeacs.server.lifecycle.Returns;
import io.homeacs.server.lifecycle.Verdict;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/equipment/{id}: a device's equipment record (ownership, dates, warranty, holder, history),
 * its tamper evidence, and its return: the remote pre-return check and the counter inspection.
 */
@Path("/api/v1/equipment")
@Produces(MediaType.APPLICATION_JSON)
public final class EquipmentResource {
    private static final String[] FIELDS = {"ownership", "leaseStart", "installedAt", "purchasePrice", "serialNumber",
        "hardwareVersion", "lineId", "note"};
    private final Lifecycle lifecycle;
    private final DeviceRegistry registry;

    EquipmentResource(Lifecycle lifecycle, DeviceRegistry registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") String id) {
        return view(lifecycle.status(ApiParams.device(registry, id).id()));
    }

    @PATCH
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") String id, Map<String, Object> body, @Context SecurityContext sc) {
        Device d = ApiParams.device(registry, id);
        ApiParams.onlyFields(body, FIELDS);
        Audit.record(List.of(d.id()), new LinkedHashMap<>(body));
        JsonFields j = new JsonFields(body);
        Lifecycle.Changes c = new Lifecycle.Changes(j.has("ownership") ? Ownership.parse(j.string("ownership")) : null,
            ApiParams.instant(j.string("leaseStart", null), "leaseStart"), cleared(body, "leaseStart"),
            ApiParams.instant(j.string("installedAt", null), "installedAt"), cleared(body, "installedAt"),
            price(body.get("purchasePrice")), cleared(body, "purchasePrice"), text(j, "serialNumber", 64),
            text(j, "hardwareVersion", 64), text(j, "lineId", 64), text(j, "note", 1000));
        return view(lifecycle.update(d.id(), c, Caller.of(sc).user()));
    }

    @GET
    @Path("/{id}/evidence")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> evidence(@PathParam("id") String id, @QueryParam("open") Boolean open,
                                        @QueryParam("limit") @DefaultValue("100") int limit) {
        Device d = ApiParams.device(registry, id);
        return EvidenceResource.list(lifecycle, d.id(), null, open, null, 0, limit);
    }

    /** Runs the remote pre-return check now (with a connection request unless {"wake": false}) and records it. */
    @POST
    @Path("/{id}/pre-return-checks")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preReturnCheck(@PathParam("id") String id, Map<String, Object> body, @Context SecurityContext sc) {
        Device d = ApiParams.device(registry, id);
        ApiParams.onlyFields(body, "wake");
        boolean wake = new JsonFields(body).bool("wake", true);
        Audit.record(List.of(d.id()), Map.of("wake", wake));
        Returns.Check c = lifecycle.preReturnCheck(d.id(), wake, Caller.of(sc).user());
        Audit.record(List.of(d.id()), Map.of("wake", wake, "checkId", c.id(), "outcome", c.outcome()));
        return Response.status(201).location(URI.create("/api/v1/equipment/" + d.id() + "/pre-return-checks"))
            .entity(LifecycleViews.check(c)).build();
    }

    @GET
    @Path("/{id}/pre-return-checks")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> checks(@PathParam("id") String id) {
        Device d = ApiParams.device(registry, id);
        return Map.of("checks", lifecycle.checks(d.id()).stream().map(LifecycleViews::check).toList());
    }

    /** Records the counter's findings; the answer is the verdict. A returned unit leaves its subscriber. */
    @POST
    @Path("/{id}/inspections")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response inspect(@PathParam("id") String id, Map<String, Object> body, @Context SecurityContext sc) {
        Device d = ApiParams.device(registry, id);
        ApiParams.onlyFields(body, "returned", "unreturnable", "intact", "working", "accessories", "note");
        Audit.record(List.of(d.id()), new LinkedHashMap<>(body));
        JsonFields j = new JsonFields(body);
        if (!(body.get("returned") instanceof Boolean returned)) {
            throw ApiException.badRequest("returned (true or false) is required");
        }
        Verdict.Findings f = new Verdict.Findings(returned, j.bool("unreturnable", false), flag(body, "intact"),
            flag(body, "working"));
        List<String> accessories = j.strings("accessories");
        if (accessories.size() > 20 || accessories.stream().anyMatch(a -> a.isBlank() || a.length() > 100)) {
            throw ApiException.badRequest("accessories: at most 20 names of 1-100 characters");
        }
        Returns.Inspection i = lifecycle.inspect(d.id(), f, accessories, text(j, "note", 1000), Caller.of(sc).user());
        Map<String, Object> detail = new LinkedHashMap<>(body);
        detail.put("inspectionId", i.id());
        detail.put("compensation", i.compensation());
        detail.put("released", i.released());
        Audit.record(List.of(d.id()), detail);
        return Response.status(201).location(URI.create("/api/v1/equipment/" + d.id() + "/inspections"))
            .entity(LifecycleViews.inspection(i)).build();
    }

    @GET
    @Path("/{id}/inspections")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> inspections(@PathParam("id") String id) {
        Device d = ApiParams.device(registry, id);
        return Map.of("inspections", lifecycle.inspections(d.id()).stream().map(LifecycleViews::inspection).toList());
    }

    private Map<String, Object> view(Lifecycle.Status s) {
        return LifecycleViews.equipment(s, lifecycle.settings().warrantyMonths());
    }

    private static boolean cleared(Map<String, Object> body, String name) {
        return body.containsKey(name) && body.get(name) == null;
    }

    private static Boolean flag(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw ApiException.badRequest(name + " must be true or false");
    }

    private static String text(JsonFields j, String name, int max) {
        String v = j.string(name, null);
        if (v != null && (v.isBlank() || v.length() > max)) {
            throw ApiException.badRequest(name + " must be 1-" + max + " characters");
        }
        return v == null ? null : v.trim();
    }

    /** CNY with at most two decimals, not negative. */
    private static BigDecimal price(Object v) {
        if (v == null) {
            return null;
        }
        BigDecimal p;
        if (v instanceof Long l) {
            p = BigDecimal.valueOf(l);
        } else if (v instanceof BigDecimal b) {
            p = b;
        } else {
            throw ApiException.badRequest("purchasePrice must be a number (CNY)");
        }
        if (p.signum() < 0 || p.scale() > 2 || p.compareTo(BigDecimal.valueOf(100_000_000)) >= 0) {
            throw ApiException.badRequest("purchasePrice must be 0 or more CNY with at most two decimals");
        }
        return p;
    }
}
