package io.homeacs.server.nbi;

import io.homeacs.server.mesh.Mesh;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** /api/v1/subscribers/{id}/mesh.svg: the home's mesh drawn for people. */
@Path("/api/v1/subscribers/{id}/mesh.svg")
public final class MeshSvgResource {
    private final Mesh mesh;
    private final InstallerScope installers;

    MeshSvgResource(Mesh mesh, InstallerScope installers) {
        this.mesh = mesh;
        this.installers = installers;
    }

    @GET
    @Produces("image/svg+xml; charset=utf-8")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Response svg(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        return Response.ok(mesh.svg(id)).build();
    }
}
