package io.homeacs.server.nbi;

import io.homeacs.firmware.Compatibility;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.firmware.FirmwareException;
import io.homeacs.server.firmware.FirmwareImages;
import io.homeacs.server.firmware.ImageState;
import io.homeacs.server.firmware.TrustedKeys;
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
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /api/v1/firmware: the image catalogue (upload a signed container, list, withdraw, check against
 * a device) and the operator signing keys the ACS trusts. Writes are admin work; support and
 * viewers read.
 */
@Path("/api/v1/firmware")
@Produces(MediaType.APPLICATION_JSON)
public final class FirmwareResource {
    private final FirmwareImages images;
    private final DeviceRegistry registry;
    private final Clock clock;

    FirmwareResource(FirmwareImages images, DeviceRegistry registry, Clock clock) {
        this.images = images;
        this.registry = registry;
        this.clock = clock;
    }

    /** The body is the image container as {@code SignTool pack} writes it, streamed: {@code curl --data-binary @fw.hfw}. */
    @POST
    @Path("/images")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(InputStream body, @Context SecurityContext sc) {
        Audit.record(List.of(), Map.of("action", "upload firmware image"));
        var image = call(() -> images.upload(body, Caller.of(sc).user()));
        Audit.record(List.of(), Map.of("imageId", image.id(), "vendor", image.manifest().vendor(),
            "version", image.manifest().version(), "keyId", image.keyId()));
        return Response.status(201).entity(FirmwareViews.image(image)).build();
    }

    @GET
    @Path("/images")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@QueryParam("vendor") String vendor, @QueryParam("state") String state,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        ImageState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = ImageState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state must be active or withdrawn");
            }
        }
        String v = vendor == null || vendor.isBlank() ? null : vendor.trim();
        return Map.of("images", images.list(v, s, Math.min(Math.max(limit, 1), 1000)).stream().map(FirmwareViews::image).toList());
    }

    @GET
    @Path("/images/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return FirmwareViews.image(call(() -> images.get(id)));
    }

    @POST
    @Path("/images/{id}/withdraw")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> withdraw(@PathParam("id") long id, Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "reason");
        String reason = new JsonFields(body).string("reason");
        if (reason.isBlank()) {
            throw ApiException.badRequest("reason must not be empty");
        }
        Audit.record(List.of(), Map.of("imageId", id, "reason", reason));
        return FirmwareViews.image(call(() -> images.withdraw(id, Caller.of(sc).user(), reason.trim())));
    }

    /** Whether the image may go on the device, and if not why; intent=rollback allows going down. */
    @GET
    @Path("/images/{id}/compatibility")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> compatibility(@PathParam("id") long id, @QueryParam("deviceId") String deviceId,
                                             @QueryParam("intent") @DefaultValue("upgrade") String intent) {
        if (deviceId == null || deviceId.isBlank()) {
            throw ApiException.badRequest("deviceId is required (a device id or key)");
        }
        Compatibility.Intent i;
        try {
            i = Compatibility.Intent.valueOf(intent.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("intent must be upgrade or rollback");
        }
        var image = call(() -> images.get(id));
        Device d = ApiParams.device(registry, deviceId.trim());
        Compatibility.Decision decision = images.compatibility(image, d, i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageId", id);
        m.put("deviceId", d.id());
        m.put("intent", i.name().toLowerCase(Locale.ROOT));
        m.put("allowed", decision.allowed());
        m.put("reason", decision.reason() == null ? null : decision.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("detail", decision.detail());
        m.put("deviceSoftwareVersion", d.softwareVersion());
        return m;
    }

    @GET
    @Path("/keys")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> keys() {
        return Map.of("keys", images.keys().list().stream().map(FirmwareViews::key).toList());
    }

    @POST
    @Path("/keys")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addKey(Map<String, Object> body, @Context SecurityContext sc) {
        ApiParams.onlyFields(body, "name", "publicKey");
        JsonFields j = new JsonFields(body);
        String name = j.string("name");
        Audit.record(List.of(), Map.of("name", name));
        TrustedKeys.TrustedKey k = call(() -> images.keys().add(name, j.string("publicKey"), Caller.of(sc).user(), clock.instant()));
        Audit.record(List.of(), Map.of("name", name, "keyId", k.keyId()));
        return Response.status(201).entity(FirmwareViews.key(k)).build();
    }

    @DELETE
    @Path("/keys/{keyId}")
    @Allowed(Role.ADMIN)
    public Map<String, Object> removeKey(@PathParam("keyId") String keyId) {
        Audit.record(List.of(), Map.of("keyId", keyId));
        TrustedKeys.TrustedKey k = images.keys().find(keyId).orElseThrow(() -> ApiException.notFound("key " + keyId));
        call(() -> images.keys().remove(keyId));
        return FirmwareViews.key(k);
    }

    /** The catalogue's refusals as API statuses. */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (FirmwareException e) {
            int status;
            switch (e.kind()) {
                case NOT_FOUND:
                    status = 404;
                    break;
                case CONFLICT:
                    status = 409;
                    break;
                case TOO_LARGE:
                    status = 413;
                    break;
                case REFUSED:
                    status = 422;
                    break;
                default:
                    status = 400;
            }
            throw new ApiException(status, e.getMessage());
        }
    }
}
