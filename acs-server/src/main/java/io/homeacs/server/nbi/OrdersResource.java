package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/orders: service orders and their commissioning. Installers see and work only the orders
 * assigned to them; binding one gives them the device for as long as they work on it.
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public final class OrdersResource {
    private final Provisioning provisioning;
    private final DeviceRegistry registry;

    OrdersResource(Provisioning provisioning, DeviceRegistry registry) {
        this.provisioning = provisioning;
        this.registry = registry;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> list(@QueryParam("state") String state, @QueryParam("installer") String installer,
                                    @QueryParam("subscriberId") Long subscriberId, @QueryParam("deviceId") Long deviceId,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext sc) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and 500");
        }
        ApiTokens.Principal p = Caller.of(sc);
        String who = p.role() == Role.INSTALLER ? p.user() : installer;
        Orders.Filter f = new Orders.Filter(state == null ? null : ServiceOrder.State.parse(state), who, subscriberId,
            deviceId);
        return Map.of("orders", provisioning.orders().list(f, offset, limit).stream()
            .map(o -> ProvisioningViews.order(o, null)).toList());
    }

    @POST
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "subscriberId", "registrationId", "serialNumber", "installer");
        JsonFields j = new JsonFields(body);
        Long subscriber = ApiParams.optionalId(body, "subscriberId");
        if (subscriber == null) {
            throw ApiException.badRequest("subscriberId is required");
        }
        Audit.record(List.of(), Map.of("subscriberId", subscriber));
        ServiceOrder o = provisioning.createOrder(subscriber, j.string("registrationId", null),
            j.string("serialNumber", null), j.string("installer", null), Caller.of(sc).user());
        return Response.status(201).location(URI.create("/api/v1/orders/" + o.id())).entity(view(o)).build();
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext sc) {
        return view(scoped(id, sc));
    }

    /** The installer (or operator) names the device by id or serial number. */
    @POST
    @Path("/{id}/bind")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> bind(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "deviceId", "serialNumber");
        scoped(id, sc);
        Long deviceId = ApiParams.optionalId(body, "deviceId");
        String serial = new JsonFields(body).string("serialNumber", null);
        if ((deviceId == null) == (serial == null)) {
            throw ApiException.badRequest("give exactly one of deviceId and serialNumber");
        }
        long device = deviceId != null ? deviceId : bySerial(serial).id();
        Audit.record(List.of(device), Map.of("orderId", id));
        return view(provisioning.bindByApi(id, device, Caller.of(sc).user()));
    }

    @POST
    @Path("/{id}/commission")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    public Map<String, Object> commission(@PathParam("id") long id, @Context SecurityContext sc) {
        ServiceOrder o = scoped(id, sc);
        if (Caller.of(sc).role() == Role.INSTALLER && o.finishedAt() != null
            && o.finishedAt().plus(InstallerScope.AFTER_CARE).isBefore(java.time.Instant.now())) {
            throw new ApiException(403, "order " + id + " finished more than " + InstallerScope.AFTER_CARE.toDays()
                + " days ago; ask support to re-run it");
        }
        Audit.record(o.deviceId() == null ? List.of() : List.of(o.deviceId()), Map.of("orderId", id));
        return view(provisioning.recommission(id));
    }

    @DELETE
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> cancel(@PathParam("id") long id, @Context SecurityContext sc) {
        Audit.record(List.of(), Map.of("orderId", id));
        return view(provisioning.cancel(id, Caller.of(sc).user()));
    }

    private ServiceOrder scoped(long id, SecurityContext sc) {
        ServiceOrder o = provisioning.orders().find(id).orElseThrow(() -> new NotFound("order " + id));
        InstallerScope.requireOrder(Caller.of(sc), o);
        return o;
    }

    private Device bySerial(String serial) {
        List<Device> found = registry.search(new io.homeacs.server.device.DeviceQuery(null, null, null, null, null, serial,
            null, null, 0, 50)).stream().filter(d -> d.identity().serialNumber().equals(serial)).toList();
        if (found.size() != 1) {
            throw found.isEmpty() ? ApiException.badRequest("no registered device has serial number " + serial
                + " (has it called the ACS yet?)") : ApiException.badRequest("several devices have serial number "
                + serial + "; bind by deviceId");
        }
        return found.get(0);
    }

    private Map<String, Object> view(ServiceOrder o) {
        Map<String, Object> m = new LinkedHashMap<>(ProvisioningViews.order(o, provisioning.steps(o.id())));
        provisioning.subscribers().find(o.subscriberId()).ifPresent(s -> m.put("subscriber", Map.of("account",
            s.account(), "name", s.name(), "address", s.address())));
        return m;
    }
}
