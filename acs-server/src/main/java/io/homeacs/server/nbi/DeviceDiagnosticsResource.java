package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.diagnose.DiagnosticRequest;
import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.Consumes;
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
 * /api/v1/devices/{id}/diagnostics: start a speed test, ping or trace route on one device, and list its
 * runs. Installers may do both for the devices of their orders, to show the customer the line works.
 */
@Path("/api/v1/devices/{id}/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceDiagnosticsResource {
    private final DeviceRegistry registry;
    private final Diagnostics diagnostics;
    private final InstallerScope installers;

    DeviceDiagnosticsResource(DeviceRegistry registry, Diagnostics diagnostics, InstallerScope installers) {
        this.registry = registry;
        this.diagnostics = diagnostics;
        this.installers = installers;
    }

    @POST
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("id") String id, Map<String, Object> body, @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        if (body == null) {
            throw ApiException.badRequest("a JSON object body is required");
        }
        Audit.record(List.of(d.id()), new LinkedHashMap<>(body));
        DiagnosticRequest request = DiagnosticRequest.parse(body, diagnostics.settings().defaultTestBytes());
        boolean wake = new JsonFields(body).bool("connectionRequest", true);
        DiagnosticRun run = diagnostics.start(d.id(), request, Caller.of(sc).user(), wake);
        Map<String, Object> detail = new LinkedHashMap<>(run.request().toJson());
        detail.put("runId", run.id());
        Audit.record(List.of(d.id()), detail);
        return Response.status(201).location(URI.create("/api/v1/diagnostics/" + run.id()))
            .entity(DiagnosticViews.run(run)).build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> list(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit,
                                    @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        if (limit < 1 || limit > 200) {
            throw ApiException.badRequest("limit must be between 1 and 200");
        }
        return Map.of("runs", diagnostics.forDevice(d.id(), limit).stream().map(DiagnosticViews::run).toList());
    }

    private Device scoped(String id, SecurityContext sc) {
        Device d = ApiParams.device(registry, id);
        installers.requireDevice(Caller.of(sc), d.id());
        return d;
    }
}
