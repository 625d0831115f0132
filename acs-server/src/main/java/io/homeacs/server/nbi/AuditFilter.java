package io.homeacs.server.nbi;

import io.homeacs.server.audit.AuditLog;
import io.homeacs.server.security.ApiTokens;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every API write — allowed, refused or failed — to the audit log before the response
 * leaves. Resources add what was done and to which devices through {@link Audit}.
 */
final class AuditFilter implements ContainerResponseFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog log;
    private final Clock clock;

    AuditFilter(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext resp) {
        Audit.Record record = Audit.take();
        String method = req.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
            || req.getProperty(BearerAuthFilter.THROTTLED) != null) {
            return;
        }
        ApiTokens.Principal p = (ApiTokens.Principal) req.getProperty(BearerAuthFilter.PRINCIPAL);
        String actor = p != null ? p.user() : record.actor();
        try {
            log.append(clock.instant(), actor == null ? "-" : actor, p == null ? "-" : p.role().apiName(),
                method + " /" + req.getUriInfo().getPath(), record.deviceIds(), record.detail(), resp.getStatus());
        } catch (RuntimeException e) {
            // An unrecorded write must not look successful: the caller is told, the write is logged.
            LOG.error("audit entry for {} {} by {} could not be written", method, req.getUriInfo().getPath(), actor, e);
            resp.setStatus(500);
            resp.setEntity(Map.of("error", "the change was made but could not be recorded in the audit log"));
        }
    }
}
