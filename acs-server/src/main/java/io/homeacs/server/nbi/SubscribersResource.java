package io.homeacs.server.nbi;

import io.homeacs.server.json.JsonFields;
import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.ServiceOrder;
import io.homeacs.server.subscriber.ServiceSettings;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
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
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/subscribers: accounts, their plans and settings, service state, device swap. */
@Path("/api/v1/subscribers")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscribersResource {
    private static final String[] FIELDS = {"account", "name", "address", "phone", "accountType", "plans", "settings"};
    private final Provisioning provisioning;
    private final Subscribers subscribers;
    private final Clock clock;

    SubscribersResource(Provisioning provisioning, Clock clock) {
        this.provisioning = provisioning;
        this.subscribers = provisioning.subscribers();
        this.clock = clock;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("account") String account,
                                      @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and 500");
        }
        List<Subscriber> found = account != null ? subscribers.findByAccount(account).map(List::of).orElse(List.of())
            : subscribers.search(q, offset, limit);
        return Map.of("subscribers", found.stream().map(this::view).toList());
    }

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body) {
        ApiParams.onlyFields(body, FIELDS);
        JsonFields j = new JsonFields(body);
        Audit.record(List.of(), Map.of("account", j.string("account", "")));
        Subscriber s = subscribers.create(j.string("account"), changes(body), clock.instant());
        return Response.status(201).location(URI.create("/api/v1/subscribers/" + s.id())).entity(view(s)).build();
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return view(find(id));
    }

    @PATCH
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") long id, Map<String, Object> body) {
        ApiParams.onlyFields(body, "name", "address", "phone", "accountType", "plans", "settings");
        find(id);
        Audit.record(provisioning.assignments().devicesOf(id), Map.of("subscriberId", id, "fields", body.keySet()));
        return view(subscribers.update(id, changes(body), clock.instant()));
    }

    @POST
    @Path("/{id}/suspend")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> suspend(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        return changeState(id, body, true, sc);
    }

    @POST
    @Path("/{id}/resume")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> resume(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        return changeState(id, body, false, sc);
    }

    private Map<String, Object> changeState(long id, Map<String, Object> body, boolean suspend, SecurityContext sc) {
        ApiParams.onlyFields(body, "services", "reason");
        JsonFields j = new JsonFields(body);
        Set<ServiceKind> services = EnumSet.noneOf(ServiceKind.class);
        j.strings("services").forEach(s -> services.add(ServiceKind.parse(s)));
        String reason = j.string("reason", suspend ? "arrears" : "payment received");
        find(id);
        Audit.record(provisioning.assignments().devicesOf(id), Map.of("subscriberId", id, "services",
            services.stream().map(ServiceKind::apiName).toList(), "reason", reason));
        List<Map<String, Object>> actions = provisioning.changeServices(id, services, suspend, reason, Caller.of(sc).user());
        return Map.of("subscriber", view(find(id)), "actions", actions);
    }

    @GET
    @Path("/{id}/service-actions")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> actions(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit) {
        find(id);
        return Map.of("actions", provisioning.serviceActions(id, false, false, Math.min(Math.max(limit, 1), 1000)));
    }

    @POST
    @Path("/{id}/swap")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response swap(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "oldDeviceId", "newDeviceId", "serialNumber", "registrationId", "installer");
        JsonFields j = new JsonFields(body);
        Long old = ApiParams.optionalId(body, "oldDeviceId");
        if (old == null) {
            throw ApiException.badRequest("oldDeviceId is required");
        }
        Long fresh = ApiParams.optionalId(body, "newDeviceId");
        Audit.record(fresh == null ? List.of(old) : List.of(old, fresh), Map.of("subscriberId", id));
        ServiceOrder o = provisioning.swap(id, old, fresh, j.string("registrationId", null), j.string("serialNumber", null),
            j.string("installer", null), Caller.of(sc).user());
        return Response.status(201).location(URI.create("/api/v1/orders/" + o.id()))
            .entity(ProvisioningViews.order(o, provisioning.steps(o.id()))).build();
    }

    @POST
    @Path("/{id}/devices/{deviceId}/release")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> release(@PathParam("id") long id, @PathParam("deviceId") long deviceId,
                                       Map<String, Object> body) {
        ApiParams.onlyFields(body, "reason");
        find(id);
        if (!Long.valueOf(id).equals(provisioning.assignments().holderOf(deviceId).orElse(null))) {
            throw ApiException.notFound("device " + deviceId + " of subscriber " + id);
        }
        String reason = new JsonFields(body).string("reason", "lease ended");
        Audit.record(List.of(deviceId), Map.of("subscriberId", id, "reason", reason));
        provisioning.release(deviceId, id, reason);
        return view(find(id));
    }

    @GET
    @Path("/{id}/assignments")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> assignments(@PathParam("id") long id) {
        find(id);
        return Map.of("assignments", provisioning.assignments().history(null, id, 500).stream()
            .map(ProvisioningViews::assignment).toList());
    }

    private Subscriber find(long id) {
        return subscribers.find(id).orElseThrow(() -> new NotFound("subscriber " + id));
    }

    private Map<String, Object> view(Subscriber s) {
        return ProvisioningViews.subscriber(s, provisioning.assignments().devicesOf(s.id()));
    }

    @SuppressWarnings("unchecked")
    private static Subscribers.Changes changes(Map<String, Object> body) {
        JsonFields j = new JsonFields(body);
        Object settings = body.get("settings");
        if (settings != null && !(settings instanceof Map)) {
            throw ApiException.badRequest("settings must be an object");
        }
        return new Subscribers.Changes(j.string("name", null), j.string("address", null), j.string("phone", null),
            j.has("accountType") ? Subscriber.AccountType.parse(j.string("accountType")) : null,
            body.containsKey("plans") ? j.strings("plans") : null,
            settings == null ? null : ServiceSettings.validate((Map<String, Object>) settings, ServiceSettings.SUBSCRIBER_KEYS));
    }
}
