package io.homeacs.server.nbi;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.lifecycle.LifecycleSettings;
import io.homeacs.server.lifecycle.OperatorCatalog;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.NotFound;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * /api/v1/equipment-catalog: the operator's approved software per model and certified models, which
 * the tamper checks judge devices by, and the value table returns are settled with (read-only:
 * it comes from the settings).
 */
@Path("/api/v1/equipment-catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class EquipmentCatalogResource {
    private final OperatorCatalog catalog;
    private final LifecycleSettings settings;
    private final Clock clock;

    EquipmentCatalogResource(OperatorCatalog catalog, LifecycleSettings settings, Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @Path("/software")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> software() {
        return Map.of("software", catalog.software().stream().map(LifecycleViews::software).toList());
    }

    @POST
    @Path("/software")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response approve(Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "model", "softwareVersion", "note");
        Audit.record(List.of(), new LinkedHashMap<>(body));
        JsonFields j = new JsonFields(body);
        OperatorCatalog.SoftwareEntry e = catalog.approve(j.string("model", null), j.string("softwareVersion", null),
            note(j), Caller.of(sc).user(), clock.instant());
        return Response.status(201).location(URI.create("/api/v1/equipment-catalog/software/" + e.id()))
            .entity(LifecycleViews.software(e)).build();
    }

    @DELETE
    @Path("/software/{id}")
    @Allowed(Role.ADMIN)
    public Response withdraw(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("softwareId", id));
        if (!catalog.withdrawSoftware(id)) {
            throw new NotFound("approved software " + id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/models")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> models() {
        return Map.of("models", catalog.models().stream().map(LifecycleViews::model).toList());
    }

    @POST
    @Path("/models")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response certify(Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "model", "manufacturer", "note");
        Audit.record(List.of(), new LinkedHashMap<>(body));
        JsonFields j = new JsonFields(body);
        OperatorCatalog.ModelEntry e = catalog.certify(j.string("model", null), j.string("manufacturer", null), note(j),
            Caller.of(sc).user(), clock.instant());
        return Response.status(201).location(URI.create("/api/v1/equipment-catalog/models/" + e.id()))
            .entity(LifecycleViews.model(e)).build();
    }

    @DELETE
    @Path("/models/{id}")
    @Allowed(Role.ADMIN)
    public Response decertify(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("modelId", id));
        if (!catalog.decertify(id)) {
            throw new NotFound("certified model " + id);
        }
        return Response.noContent().build();
    }

    /** The value table and warranty length in force (settings), for the counter and the OSS. */
    @GET
    @Path("/values")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (DeviceKind k : List.of(DeviceKind.GATEWAY, DeviceKind.SET_TOP_BOX, DeviceKind.MESH_ROUTER)) {
            values.put(k.apiName(), settings.values().get(k));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currency", LifecycleViews.CURRENCY);
        out.put("compensation", values);
        out.put("warrantyMonths", settings.warrantyMonths());
        out.put("defaultOwnership", settings.defaultOwnership().apiName());
        out.put("opticalWarnDbm", settings.opticalWarnDbm());
        out.put("opticalCriticalDbm", settings.opticalCriticalDbm());
        return out;
    }

    private static String note(JsonFields j) {
        String n = j.string("note", null);
        if (n != null && n.length() > 500) {
            throw ApiException.badRequest("note: at most 500 characters");
        }
        return n;
    }
}
