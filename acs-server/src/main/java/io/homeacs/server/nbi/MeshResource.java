package io.homeacs.server.nbi;

import io.homeacs.server.mesh.Mesh;
import io.homeacs.server.mesh.MeshCommissioning;
import io.homeacs.server.mesh.MeshLayout;
import io.homeacs.server.mesh.MeshViews;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.NotFound;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A home's Wi-Fi mesh: /api/v1/subscribers/{id}/mesh (graph; the picture is {@link MeshSvgResource}), the layout and its
 * pushes, the installer's commissioning and its printable report. Installers reach only homes of
 * orders in their hands.
 */
@Path("/api/v1/subscribers/{id}/mesh")
@Produces(MediaType.APPLICATION_JSON)
public final class MeshResource {
    private final Mesh mesh;
    private final MeshCommissioning commissioning;
    private final InstallerScope installers;

    MeshResource(Mesh mesh, MeshCommissioning commissioning, InstallerScope installers) {
        this.mesh = mesh;
        this.commissioning = commissioning;
        this.installers = installers;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> topology(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        Map<String, Object> m = MeshViews.topology(mesh.topology(id), mesh.thresholds());
        m.put("recommendations", mesh.findings(id).stream().map(MeshViews::finding).toList());
        return m;
    }

    @POST
    @Path("/refresh")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    public Response refresh(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        Audit.record(List.of(), Map.of("subscriberId", id));
        return Response.accepted(Map.of("taskId", mesh.refresh(id).id())).build();
    }

    @GET
    @Path("/layout")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> layout(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        return view(mesh.layout(id).orElseThrow(() -> new NotFound("mesh layout of subscriber " + id)));
    }

    @PUT
    @Path("/layout")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> putLayout(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        ApiParams.onlyFields(body, "ssid", "passphrase", "ssid5g", "bandSteering", "channel2g", "channel5g", "transmitPower",
            "preferredBackhaul", "guest");
        Audit.record(List.of(), Map.of("subscriberId", id));
        return view(mesh.putLayout(id, MeshLayout.fromJson(body), Caller.of(sc).user()));
    }

    @DELETE
    @Path("/layout")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Response deleteLayout(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("subscriberId", id));
        if (!mesh.deleteLayout(id)) {
            throw new NotFound("mesh layout of subscriber " + id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/layout/push")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    public Response push(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        Audit.record(List.of(), Map.of("subscriberId", id));
        long push = mesh.push(id, Caller.of(sc).user());
        return Response.accepted(MeshViews.push(mesh.pushStatus(push).orElseThrow()))
            .location(URI.create("/api/v1/subscribers/" + id + "/mesh/pushes/" + push)).build();
    }

    @GET
    @Path("/pushes")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> pushes(@PathParam("id") long id, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        return Map.of("pushes", mesh.pushes(id, 50).stream().map(MeshViews::push).toList());
    }

    @GET
    @Path("/pushes/{push}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> pushStatus(@PathParam("id") long id, @PathParam("push") long push, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        return MeshViews.push(mesh.pushStatus(push).filter(p -> p.subscriberId() == id)
            .orElseThrow(() -> new NotFound("mesh push " + push)));
    }

    @POST
    @Path("/commissioning")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response commission(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        ApiParams.onlyFields(body, "testBytes");
        Object tb = body.get("testBytes");
        if (tb != null && !(tb instanceof Number)) {
            throw ApiException.badRequest("testBytes must be a number");
        }
        Audit.record(List.of(), Map.of("subscriberId", id));
        MeshCommissioning.Record r = commissioning.start(id, tb == null ? null : ((Number) tb).longValue(), Caller.of(sc).user());
        return Response.created(URI.create("/api/v1/subscribers/" + id + "/mesh/commissioning/" + r.id())).entity(view(r)).build();
    }

    @GET
    @Path("/commissioning/{cid}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> commissioning(@PathParam("id") long id, @PathParam("cid") long cid, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        return view(find(id, cid));
    }

    @GET
    @Path("/commissioning/{cid}/report")
    @Produces("text/html; charset=utf-8")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Response report(@PathParam("id") long id, @PathParam("cid") long cid, @Context SecurityContext sc) {
        installers.requireSubscriber(Caller.of(sc), id);
        find(id, cid);
        return Response.ok(commissioning.report(cid)).build();
    }

    private MeshCommissioning.Record find(long id, long cid) {
        return commissioning.find(cid).filter(r -> r.subscriberId() == id)
            .orElseThrow(() -> new NotFound("mesh commissioning " + cid));
    }

    private static Map<String, Object> view(Mesh.Layout l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscriberId", l.subscriberId());
        m.put("version", l.version());
        m.put("fromTemplate", l.fromTemplate());
        m.put("updatedBy", l.updatedBy());
        m.put("updatedAt", l.updatedAt().toString());
        m.put("layout", l.layout().toJson(false));
        return m;
    }

    private static Map<String, Object> view(MeshCommissioning.Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("subscriberId", r.subscriberId());
        m.put("createdBy", r.createdBy());
        m.put("createdAt", r.createdAt().toString());
        m.put("topology", r.measurements().get("topology"));
        m.put("recommendations", r.measurements().get("recommendations"));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("runId", r.speedTestRun());
        st.put("note", r.measurements().get("speedTestNote"));
        r.speedTest().ifPresent(run -> {
            st.put("state", run.state().apiName());
            st.put("downMbps", run.downMbps());
            st.put("upMbps", run.upMbps());
            st.put("compliant", run.compliant());
        });
        m.put("speedTest", st);
        m.put("report", "/api/v1/subscribers/" + r.subscriberId() + "/mesh/commissioning/" + r.id() + "/report");
        return m;
    }
}
