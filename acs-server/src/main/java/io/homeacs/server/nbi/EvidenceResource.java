package io.homeacs.server.nbi;

import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.lifecycle.Evidence;
import io.homeacs.server.lifecycle.EvidenceKind;
import io.homeacs.server.lifecycle.Lifecycle;
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
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/evidence: tamper evidence across the fleet (for example every uncertified model on the
 * network), and dismissing evidence that turned out to be no tampering.
 */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
public final class EvidenceResource {
    private final Lifecycle lifecycle;
    private final DeviceRegistry registry;

    EvidenceResource(Lifecycle lifecycle, DeviceRegistry registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("deviceId") String deviceId, @QueryParam("kind") String kind,
                                    @QueryParam("open") Boolean open, @QueryParam("since") String since,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        Long device = deviceId == null || deviceId.isBlank() ? null : ApiParams.device(registry, deviceId).id();
        return list(lifecycle, device, kind == null || kind.isBlank() ? null : EvidenceKind.parse(kind), open,
            ApiParams.instant(since, "since"), offset, limit);
    }

    static Map<String, Object> list(Lifecycle lifecycle, Long deviceId, EvidenceKind kind, Boolean open, Instant since,
                                    int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and 1000");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("evidence", lifecycle.evidence(new Evidence.Query(deviceId, kind, open, since, offset, limit)).stream()
            .map(LifecycleViews::evidence).toList());
        return out;
    }

    /** Evidence that was no tampering (an approved change, a unit restored): it stays on record, dismissed. */
    @POST
    @Path("/{id}/dismiss")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> dismiss(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "reason");
        String reason = new JsonFields(body).string("reason", "").trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiException.badRequest("reason (1-500 characters) is required");
        }
        Audit.record(List.of(), Map.of("evidenceId", id, "reason", reason));
        Evidence e = lifecycle.dismiss(id, Caller.of(sc).user(), reason);
        Audit.record(List.of(e.deviceId()), Map.of("evidenceId", id, "kind", e.kind().apiName(), "reason", reason));
        return LifecycleViews.evidence(e);
    }
}
