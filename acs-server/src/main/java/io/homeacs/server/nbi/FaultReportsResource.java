package io.homeacs.server.nbi;

import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
import io.homeacs.server.triage.FaultReport;
import io.homeacs.server.triage.FaultReportViews;
import io.homeacs.server.triage.RepairKpis;
import io.homeacs.server.triage.Triage;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/fault-reports: reported faults, their triage verdicts and the repair clock, with KPIs. */
@Path("/api/v1/fault-reports")
@Produces(MediaType.APPLICATION_JSON)
public final class FaultReportsResource {
    private final Triage triage;

    FaultReportsResource(Triage triage) {
        this.triage = triage;
    }

    @POST
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "subscriberId", "deviceId", "symptom", "description", "reportedAt");
        JsonFields j = new JsonFields(body);
        Long subscriber = ApiParams.optionalId(body, "subscriberId");
        if (subscriber == null) {
            throw ApiException.badRequest("subscriberId is required");
        }
        Long device = ApiParams.optionalId(body, "deviceId");
        FaultReport.Symptom symptom = FaultReport.Symptom.parse(j.string("symptom"));
        Audit.record(device == null ? List.of() : List.of(device), Map.of("subscriberId", subscriber,
            "symptom", symptom.apiName()));
        FaultReport r = triage.report(subscriber, device, symptom, j.string("description", null),
            ApiParams.instant(j.string("reportedAt", null), "reportedAt"), Caller.of(sc).user());
        return Response.status(201).location(URI.create("/api/v1/fault-reports/" + r.id()))
            .entity(FaultReportViews.view(r)).build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("state") String state, @QueryParam("subscriberId") Long subscriberId,
                                    @QueryParam("deviceId") Long deviceId, @QueryParam("category") String category,
                                    @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and 500");
        }
        FaultReport.State st = null;
        if (state != null) {
            st = java.util.Arrays.stream(FaultReport.State.values()).filter(s -> s.apiName().equals(state)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("state must be one of received, triaging, triaged, "
                    + "action-taken, restored"));
        }
        return Map.of("reports", triage.list(st, subscriberId, deviceId, category == null ? null
            : FaultReport.Category.parse(category), overdue, offset, limit).stream().map(FaultReportViews::view).toList());
    }

    @GET
    @Path("/kpis")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> kpis(@QueryParam("since") String since) {
        return kpiView(triage, since);
    }

    static Map<String, Object> kpiView(Triage triage, String since) {
        Instant from = since == null ? Instant.now().minus(java.time.Duration.ofDays(30)) : ApiParams.instant(since, "since");
        RepairKpis.Report k = triage.kpis(from);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", from.toString());
        m.put("reports", k.reports());
        m.put("open", k.open());
        m.put("overdue", k.overdue());
        m.put("restored", k.restored());
        m.put("restoredWithinDeadline", k.restoredWithinDeadline());
        m.put("repairSeconds", k.repairSecondsPercentiles());
        m.put("byCategory", k.byCategory());
        m.put("byResponsible", k.byResponsible());
        Map<String, Integer> devices = new LinkedHashMap<>();
        k.repeatDevices().forEach((id, n) -> devices.put(String.valueOf(id), n));
        m.put("repeatDevices", devices);
        m.put("repeatModels", k.repeatModels());
        return m;
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return FaultReportViews.view(triage.find(id));
    }

    @POST
    @Path("/{id}/triage")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> retriage(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("faultReportId", id));
        return FaultReportViews.view(triage.retriage(id));
    }

    @POST
    @Path("/{id}/action")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> action(@PathParam("id") long id, Map<String, Object> body) {
        ApiParams.onlyFields(body, "action");
        Audit.record(List.of(), Map.of("faultReportId", id));
        return FaultReportViews.view(triage.action(id, new JsonFields(body).string("action", null)));
    }

    @POST
    @Path("/{id}/restore")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> restore(@PathParam("id") long id, Map<String, Object> body) {
        ApiParams.onlyFields(body, "note", "restoredAt");
        JsonFields j = new JsonFields(body);
        Audit.record(List.of(), Map.of("faultReportId", id));
        return FaultReportViews.view(triage.restore(id, j.string("note", null),
            ApiParams.instant(j.string("restoredAt", null), "restoredAt")));
    }
}
