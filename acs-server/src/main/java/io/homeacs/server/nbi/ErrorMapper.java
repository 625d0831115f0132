package io.homeacs.server.nbi;

import io.homeacs.server.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error leaves as JSON {"error": "..."} with a fitting status; internals are logged, not shown. */
final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        int status;
        String message;
        if (e instanceof io.homeacs.server.security.ApiUsers.LastAdminException
            || e instanceof io.homeacs.server.profile.ProfileConflictException) {
            status = 409;
            message = e.getMessage();
        } else if (e instanceof ApiException a) {
            status = a.status();
            message = a.getMessage();
        } else if (e instanceof JsonException || e instanceof IllegalArgumentException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof io.homeacs.server.subscriber.NotFound) {
            status = 404;
            message = e.getMessage();
        } else if (e instanceof io.homeacs.server.subscriber.Conflict) {
            status = 409;
            message = e.getMessage();
        } else if (e instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = w.getMessage();
        } else {
            LOG.error("API request failed", e);
            status = 500;
            message = "internal error";
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
