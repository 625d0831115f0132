package io.homeacs.server.nbi;

import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.ServicePlans;
import io.homeacs.server.subscriber.ServiceSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** /api/v1/plans: the operator's service plans. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public final class PlansResource {
    private final ServicePlans plans;
    private final Clock clock;

    PlansResource(ServicePlans plans, Clock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> list() {
        return Map.of("plans", plans.list().stream().map(ProvisioningViews::plan).toList());
    }

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public Response create(Map<String, Object> body) {
        ApiParams.onlyFields(body, "code", "name", "downMbps", "upMbps", "iptv", "voip", "mesh", "defaults");
        JsonFields j = new JsonFields(body);
        Object defaults = body.getOrDefault("defaults", Map.of());
        if (!(defaults instanceof Map)) {
            throw ApiException.badRequest("defaults must be an object");
        }
        Map<String, String> checked = ServiceSettings.validate((Map<String, Object>) defaults, ServiceSettings.PLAN_KEYS);
        if (checked.containsValue(null)) {
            throw ApiException.badRequest("plan defaults cannot be null; leave a setting out instead");
        }
        Audit.record(List.of(), Map.of("plan", j.string("code", "")));
        ServicePlan p = plans.create(j.string("code"), j.string("name"), rate(j, "downMbps"), rate(j, "upMbps"),
            j.bool("iptv", false), j.bool("voip", false), j.bool("mesh", false), checked, clock.instant());
        return Response.status(201).location(URI.create("/api/v1/plans")).entity(ProvisioningViews.plan(p)).build();
    }

    private static Integer rate(JsonFields j, String name) {
        if (!j.has(name)) {
            return null;
        }
        long v = j.number(name, 0);
        if (v < 1 || v > 100_000) {
            throw ApiException.badRequest(name + " must be between 1 and 100000");
        }
        return (int) v;
    }
}
