package io.homeacs.server.nbi;

import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * /api/v1/service-actions: suspends and resumes across all subscribers, to find the ones not yet in
 * effect and the restorations past the deadline the agreements promise.
 */
@Path("/api/v1/service-actions")
@Produces(MediaType.APPLICATION_JSON)
public final class ServiceActionsResource {
    private final Provisioning provisioning;

    ServiceActionsResource(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("pending") @DefaultValue("false") boolean pending,
                                    @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000");
        }
        return Map.of("restoreDeadlineHours", provisioning.restoreDeadline().toHours(),
            "actions", provisioning.serviceActions(null, pending, overdue, limit));
    }
}
