package io.homeacs.server.nbi;

import io.homeacs.server.bulk.BulkRun;
import io.homeacs.server.bulk.BulkRuns;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskSpecCodec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** /api/v1/bulk: one task for every device of a search, rate-limited, with progress and cancel. */
@Path("/api/v1/bulk")
@Produces(MediaType.APPLICATION_JSON)
public final class BulkResource {
    private final BulkRuns runs;
    private final Clock clock;
    private final Duration offlineAfter;

    BulkResource(BulkRuns runs, Clock clock, Duration offlineAfter) {
        this.runs = runs;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    @POST
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body, @Context SecurityContext sc) {
        ApiTokens.Principal p = Caller.of(sc);
        JsonFields j = new JsonFields(body);
        if (!(body.get("task") instanceof Map<?, ?>) || !(body.get("query") instanceof Map<?, ?>)) {
            throw ApiException.badRequest("a bulk run needs a 'query' object (device search fields) and a 'task' object");
        }
        JsonFields query = sub(body, "query");
        TaskSpec spec = TaskSpecCodec.fromJson(sub(body, "task"));
        if (spec instanceof TaskSpec.ProvisionCredentials) {
            throw ApiException.badRequest("provisionCredentials is queued by the ACS itself");
        }
        Audit.record(List.of(), Map.of("task", TaskSpecCodec.toJson(spec, true), "query", query.raw()));
        TaskPermissions.require(p, spec.type());
        int rate = (int) j.number("ratePerMinute", 60);
        if (rate < 1 || rate > 60_000) {
            throw ApiException.badRequest("ratePerMinute must be between 1 and 60000");
        }
        var q = DeviceFilter.fromJson(query).toQuery(clock.instant(), offlineAfter, 0, 1);
        BulkRun run = runs.create(q, query.raw(), spec, rate, j.bool("connectionRequest", false), p.user(), clock.instant());
        Audit.record(List.of(), Map.of("runId", run.id(), "devices", run.total(), "task", TaskSpecCodec.toJson(spec, true),
            "query", query.raw()));
        return Response.status(201).location(URI.create("/api/v1/bulk/" + run.id()))
            .entity(view(runs.progress(run.id()).orElseThrow())).build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return Map.of("runs", runs.list(Math.min(Math.max(limit, 1), 500)).stream()
            .map(r -> view(runs.progress(r.id()).orElseThrow())).toList());
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return view(runs.progress(id).orElseThrow(() -> ApiException.notFound("bulk run " + id)));
    }

    @DELETE
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> cancel(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("runId", id));
        BulkRun run = runs.find(id).orElseThrow(() -> ApiException.notFound("bulk run " + id));
        if (!runs.cancel(id, clock.instant())) {
            throw new ApiException(409, "bulk run " + id + " is already " + run.state().name().toLowerCase(Locale.ROOT));
        }
        return view(runs.progress(id).orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static JsonFields sub(Map<String, Object> body, String key) {
        return new JsonFields((Map<String, Object>) body.get(key));
    }

    private static Map<String, Object> view(BulkRun.Progress p) {
        BulkRun r = p.run();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("state", r.state().name().toLowerCase(Locale.ROOT));
        m.put("createdAt", r.createdAt().toString());
        m.put("createdBy", r.createdBy());
        m.put("query", r.query());
        m.put("task", TaskSpecCodec.toJson(r.spec(), true));
        m.put("ratePerMinute", r.ratePerMinute());
        m.put("connectionRequest", r.connectionRequest());
        m.put("total", r.total());
        m.put("dispatched", p.dispatched());
        m.put("tasks", p.tasksByState());
        m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        return m;
    }
}
