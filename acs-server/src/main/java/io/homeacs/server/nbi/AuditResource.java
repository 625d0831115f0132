package io.homeacs.server.nbi;

import io.homeacs.server.audit.AuditLog;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/v1/audit: the trail of writes, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @Allowed(Role.ADMIN)
    public Map<String, Object> read(@QueryParam("actor") String actor, @QueryParam("deviceId") Long deviceId,
                                    @QueryParam("since") String since, @QueryParam("until") String until,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and 1000");
        }
        var entries = log.read(new AuditLog.Query(actor, deviceId, ApiParams.instant(since, "since"),
            ApiParams.instant(until, "until"), offset, limit));
        return Map.of("entries", entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("role", e.role());
            m.put("action", e.action());
            m.put("deviceIds", e.deviceIds());
            m.put("detail", e.detail());
            m.put("status", e.status());
            return m;
        }).toList());
    }
}
