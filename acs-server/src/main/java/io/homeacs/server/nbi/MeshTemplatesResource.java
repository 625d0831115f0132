package io.homeacs.server.nbi;

import io.homeacs.server.mesh.Mesh;
import io.homeacs.server.mesh.MeshLayout;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.NotFound;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** /api/v1/plans/{code}/mesh-layout: the layout a plan's homes start from until they get their own. */
@Path("/api/v1/plans/{code}/mesh-layout")
@Produces(MediaType.APPLICATION_JSON)
public final class MeshTemplatesResource {
    private final Mesh mesh;

    MeshTemplatesResource(Mesh mesh) {
        this.mesh = mesh;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> get(@PathParam("code") String code) {
        MeshLayout l = mesh.template(code).orElseThrow(() -> new NotFound("mesh layout template of plan " + code));
        return Map.of("planCode", code, "layout", l.toJson(false));
    }

    @PUT
    @Allowed({Role.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@PathParam("code") String code, Map<String, Object> body) {
        ApiParams.onlyFields(body, "ssid", "passphrase", "ssid5g", "bandSteering", "channel2g", "channel5g", "transmitPower",
            "preferredBackhaul", "guest");
        Audit.record(List.of(), Map.of("planCode", code));
        MeshLayout l = MeshLayout.fromJson(body);
        mesh.putTemplate(code, l);
        return Map.of("planCode", code, "layout", l.toJson(false));
    }
}
