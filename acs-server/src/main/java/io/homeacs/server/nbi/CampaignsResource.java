package io.homeacs.server.nbi;

import io.homeacs.server.campaign.Campaign;
import io.homeacs.server.campaign.CampaignException;
import io.homeacs.server.campaign.CampaignPlan;
import io.homeacs.server.campaign.Campaigns;
import io.homeacs.server.campaign.DeviceState;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** /api/v1/campaigns: firmware campaigns with waves, notice lists, pause/resume/cancel and rollback. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public final class CampaignsResource {
    private static final java.util.Set<String> FIELDS = java.util.Set.of("name", "imageId", "query", "waves", "window",
        "notice", "concurrency", "maxFailurePercent", "maxTimeouts", "successTimeLimit", "defaultZone");
    private final Campaigns campaigns;
    private final Clock clock;
    private final Duration offlineAfter;

    CampaignsResource(Campaigns campaigns, Clock clock, Duration offlineAfter) {
        this.campaigns = campaigns;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> body, @Context SecurityContext sc) {
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw ApiException.badRequest("unknown field '" + key + "'");
            }
        }
        if (!(body.get("query") instanceof Map<?, ?>)) {
            throw ApiException.badRequest("a campaign needs a 'query' object (device search fields; {} for every device)");
        }
        JsonFields j = new JsonFields(body);
        if (!j.has("imageId")) {
            throw ApiException.badRequest("a campaign needs an 'imageId'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> queryJson = (Map<String, Object>) body.get("query");
        var query = DeviceFilter.fromJson(new JsonFields(queryJson)).toQuery(clock.instant(), offlineAfter, 0, 1);
        CampaignPlan plan = CampaignPlan.fromJson(body, campaigns.defaults());
        Audit.record(List.of(), Map.of("action", "create campaign", "imageId", j.number("imageId", 0), "query", queryJson));
        Campaign c = call(() -> campaigns.create(j.string("name", "campaign"), j.number("imageId", 0), query, queryJson, plan,
            Caller.of(sc).user()));
        Audit.record(List.of(), Map.of("campaignId", c.id(), "imageId", c.imageId(), "query", queryJson));
        return Response.status(201).location(URI.create("/api/v1/campaigns/" + c.id()))
            .entity(CampaignViews.progress(campaigns.progress(c.id()))).build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return Map.of("campaigns", campaigns.list(Math.min(Math.max(limit, 1), 500)).stream()
            .map(c -> CampaignViews.progress(campaigns.progress(c.id()))).toList());
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return CampaignViews.progress(call(() -> campaigns.progress(id)));
    }

    @GET
    @Path("/{id}/devices")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> devices(@PathParam("id") long id, @QueryParam("state") String state,
                                       @QueryParam("wave") Integer wave, @QueryParam("after") @DefaultValue("0") long after,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        DeviceState s = null;
        if (state != null && !state.isBlank()) {
            s = DeviceState.parse(state.trim());
        }
        int n = Math.min(Math.max(limit, 1), 1000);
        DeviceState fs = s;
        List<Campaign.Device> rows = call(() -> campaigns.devices(id, fs, wave, after, n));
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("devices", rows.stream().map(CampaignViews::device).toList());
        m.put("next", rows.size() == n ? rows.get(rows.size() - 1).deviceId() : null);
        return m;
    }

    /** The wave's notice list as JSON, or as CSV with {@code Accept: text/csv} or {@code ?format=csv}. */
    @GET
    @Path("/{id}/waves/{wave}/notice")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response notice(@PathParam("id") long id, @PathParam("wave") int wave, @QueryParam("format") String format,
                           @HeaderParam("Accept") String accept) {
        var lines = call(() -> campaigns.notice(id, wave));
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv")
            && !accept.contains(MediaType.APPLICATION_JSON));
        if (csv) {
            return Response.ok(CampaignViews.noticeCsv(lines), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-wave-" + wave + "-notice.csv\"").build();
        }
        if (format != null && !format.equalsIgnoreCase("json")) {
            throw ApiException.badRequest("format must be json or csv");
        }
        return Response.ok(Map.of("campaignId", id, "wave", wave, "devices", lines.stream().map(CampaignViews::notice).toList()),
            MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{id}/pause")
    @Allowed(Role.ADMIN)
    public Map<String, Object> pause(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("campaignId", id, "action", "pause"));
        call(() -> campaigns.pause(id));
        return CampaignViews.progress(campaigns.progress(id));
    }

    @POST
    @Path("/{id}/resume")
    @Allowed(Role.ADMIN)
    public Map<String, Object> resume(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("campaignId", id, "action", "resume"));
        call(() -> campaigns.resume(id));
        return CampaignViews.progress(campaigns.progress(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Allowed(Role.ADMIN)
    public Map<String, Object> cancel(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("campaignId", id, "action", "cancel"));
        call(() -> campaigns.cancel(id));
        return CampaignViews.progress(campaigns.progress(id));
    }

    /** Body: {"wave": n} or {"deviceId": id}. */
    @POST
    @Path("/{id}/rollback")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> rollback(@PathParam("id") long id, Map<String, Object> body) {
        JsonFields j = new JsonFields(body == null ? Map.of() : body);
        for (String key : j.raw().keySet()) {
            if (!key.equals("wave") && !key.equals("deviceId")) {
                throw ApiException.badRequest("unknown field '" + key + "'");
            }
        }
        Integer wave = j.has("wave") ? (int) j.number("wave", 0) : null;
        Long device = j.has("deviceId") ? j.number("deviceId", 0) : null;
        Audit.record(device == null ? List.of() : List.of(device), Map.of("campaignId", id, "action", "rollback",
            "scope", wave != null ? "wave " + wave : "device " + device));
        var r = call(() -> campaigns.rollback(id, wave, device));
        return Map.of("started", (long) r.started(), "refused", r.refused().stream()
            .map(x -> Map.<String, Object>of("deviceId", x.deviceId(), "reason", x.reason())).toList());
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (CampaignException e) {
            throw new ApiException(e.kind() == CampaignException.Kind.NOT_FOUND ? 404 : 409, e.getMessage());
        }
    }
}
