package io.homeacs.server.nbi;

import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** /api/v1/diagnostics/{id}: one run, as the Location of POST /devices/{id}/diagnostics names it. */
@Path("/api/v1/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public final class DiagnosticsResource {
    private final Diagnostics diagnostics;
    private final InstallerScope installers;

    DiagnosticsResource(Diagnostics diagnostics, InstallerScope installers) {
        this.diagnostics = diagnostics;
        this.installers = installers;
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> get(@PathParam("id") long id, @Context SecurityContext sc) {
        DiagnosticRun run = diagnostics.find(id).orElseThrow(() -> ApiException.notFound("diagnostics run " + id));
        installers.requireDevice(Caller.of(sc), run.deviceId());
        return DiagnosticViews.run(run);
    }
}
