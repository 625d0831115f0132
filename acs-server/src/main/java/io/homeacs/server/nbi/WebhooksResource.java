package io.homeacs.server.nbi;

import io.homeacs.server.events.Webhooks;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/webhooks: the OSS subscribes to ACS events and can see how deliveries went. Admin only. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhooksResource {
    private final Webhooks webhooks;
    private final Clock clock;

    WebhooksResource(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Returns the signing secret once; receivers verify X-HomeACS-Signature with it. */
    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(Map<String, Object> body, @Context SecurityContext sc) {
        JsonFields j = new JsonFields(body);
        String url = j.string("url");
        Audit.record(List.of(), Map.of("url", url, "events", j.strings("events")));
        var created = webhooks.subscribe(url, j.strings("events"), Caller.of(sc).user(), clock.instant());
        Map<String, Object> out = view(created.getKey());
        out.put("secret", created.getValue());
        return Response.status(201).entity(out).build();
    }

    @GET
    @Allowed(Role.ADMIN)
    public Map<String, Object> list() {
        return Map.of("webhooks", webhooks.list().stream().map(WebhooksResource::view).toList());
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    public Map<String, Object> unsubscribe(@PathParam("id") long id) {
        Audit.record(List.of(), Map.of("webhookId", id));
        Webhooks.Webhook w = webhooks.find(id).orElseThrow(() -> ApiException.notFound("webhook " + id));
        webhooks.unsubscribe(id);
        return view(w);
    }

    @GET
    @Path("/{id}/deliveries")
    @Allowed(Role.ADMIN)
    public Map<String, Object> deliveries(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("50") int limit) {
        webhooks.find(id).orElseThrow(() -> ApiException.notFound("webhook " + id));
        return Map.of("deliveries", webhooks.deliveries(id, Math.min(Math.max(limit, 1), 500)).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("event", d.event());
            m.put("state", d.state().toLowerCase(java.util.Locale.ROOT));
            m.put("attempts", d.attempts());
            m.put("createdAt", d.createdAt().toString());
            m.put("nextAttemptAt", d.nextAttemptAt().toString());
            m.put("lastStatus", d.lastStatus());
            m.put("lastError", d.lastError());
            m.put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
            return m;
        }).toList());
    }

    private static Map<String, Object> view(Webhooks.Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url());
        m.put("events", w.events());
        m.put("createdAt", w.createdAt().toString());
        m.put("createdBy", w.createdBy());
        return m;
    }
}
