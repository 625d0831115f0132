package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DevicePage;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.MatchCount;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.security.Role;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskSpecCodec;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** /api/v1/devices: the registry, and queueing work for one device. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public final class DevicesResource {
    private static final long MAX_EXPIRY_SECONDS = 365L * 86400;
    /** Searches count their matches up to here unless asked for count=exact: see docs/benchmarks.md. */
    static final long COUNT_CAP = 10_000;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final DeviceCredentials credentials;
    private final Clock clock;
    private final int maxWaitSeconds;
    private final Duration offlineAfter;
    private final Normalization normalization;
    private final InstallerScope installers;

    DevicesResource(DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, DeviceCredentials credentials,
                    Clock clock, int maxWaitSeconds, Duration offlineAfter, Normalization normalization, InstallerScope installers) {
        this.installers = installers;
        this.offlineAfter = offlineAfter;
        this.normalization = normalization;
        this.registry = registry;
        this.credentials = credentials;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.clock = clock;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /**
     * Paging with {@code cursor} seeks to the last device of the previous page, so page 5000 costs
     * what page 1 does; {@code offset} (kept for existing clients) reads and discards every row before it.
     */
    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> list(@BeanParam DeviceFilter filter, @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor,
                                    @QueryParam("count") @DefaultValue("capped") String count) {
        DeviceQuery q = filter.toQuery(clock.instant(), offlineAfter, offset, limit);
        if (cursor != null && !cursor.isEmpty()) {
            if (offset != 0) {
                throw ApiException.badRequest("give either offset or cursor, not both");
            }
            q = q.after(SearchCursor.decode(cursor, q.sort()), limit);
        }
        long cap = switch (count) {
            case "capped" -> COUNT_CAP;
            case "exact" -> 0;
            case "none" -> -1;
            default -> throw ApiException.badRequest("count must be one of capped, exact, none");
        };
        DevicePage page = registry.page(q);
        Map<Long, List<String>> tags = registry.tagsOf(page.devices().stream().map(Device::id).toList());
        MatchCount total = cap < 0 ? null : total(q, page, cap);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total == null ? null : total.value());
        out.put("totalExact", total != null && total.exact());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("nextCursor", page.next() == null ? null : SearchCursor.encode(page.next()));
        out.put("devices", page.devices().stream().map(d -> view(d, tags.getOrDefault(d.id(), List.of()))).toList());
        return out;
    }

    private MatchCount total(DeviceQuery q, DevicePage page, long cap) {
        int seen = q.offset() + page.devices().size();
        if (q.after() == null && page.next() == null && (q.offset() == 0 || !page.devices().isEmpty())) {
            return new MatchCount(seen, true); // the last page, reached from the start: nothing left to count
        }
        MatchCount counted = registry.count(q, cap);
        // Past the cap on an offset page, the rows already seen are the better lower bound.
        return counted.exact() ? counted : new MatchCount(Math.max(counted.value(), seen), false);
    }

    /** The same search as CSV for spreadsheets and OSS imports (at most 100,000 rows). */
    @GET
    @Path("/export.csv")
    @Produces("text/csv; charset=utf-8")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response export(@BeanParam DeviceFilter filter) {
        DeviceQuery first = filter.toQuery(clock.instant(), offlineAfter, 0, DeviceQuery.MAX_LIMIT);
        StreamingOutput body = out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            w.write(DeviceCsv.HEADER);
            DeviceQuery.After after = null;
            int rows = 0;
            do { // keyset pages: the 100th page costs what the first does
                DevicePage page = registry.page(first.after(after, DeviceQuery.MAX_LIMIT));
                Map<Long, List<String>> tags = registry.tagsOf(page.devices().stream().map(Device::id).toList());
                for (Device d : page.devices()) {
                    w.write(DeviceCsv.row(d, tags.getOrDefault(d.id(), List.of()), online(d)));
                }
                rows += page.devices().size();
                after = page.next();
            } while (after != null && rows < DeviceCsv.MAX_ROWS);
            w.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"devices.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> get(@PathParam("id") String id, @QueryParam("parameters") @DefaultValue("") String prefix,
                                   @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        Map<String, Object> out = view(d);
        out.put("parameters", Views.parameters(registry.parameters(d.id()), prefix));
        out.put("recentEvents", Views.events(registry.events(d.id(), 20)));
        return out;
    }

    /** The device's values under their logical names, whatever its data model or vendor calls them. */
    @GET
    @Path("/{id}/values")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> values(@PathParam("id") String id, @QueryParam("names") String names,
                                      @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        ParameterDocument doc = registry.parameters(d.id());
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> wanted = names == null || names.isBlank() ? null : List.of(names.split(","));
        if (wanted != null) {
            for (String n : wanted) {
                if (!normalization.knows(n.trim())) {
                    throw ApiException.badRequest("unknown concept '" + n.trim() + "' (see GET /api/v1/normalization)");
                }
            }
        }
        for (Normalization.Value v : normalization.resolveAll(d, doc).values()) {
            if (wanted == null || wanted.stream().anyMatch(n -> n.trim().equals(v.concept()))) {
                boolean secret = normalization.isSecret(v.concept()) || io.homeacs.server.task.Secrets.isSecretName(v.path());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", secret ? io.homeacs.server.task.Secrets.MASK : v.value());
                if (!secret && !v.value().equals(v.raw())) {
                    m.put("raw", v.raw());
                }
                m.put("number", secret ? null : v.number());
                m.put("unit", v.unit());
                m.put("path", v.path());
                out.put(v.concept(), m);
            }
        }
        return Map.of("deviceId", d.id(), "values", out);
    }

    @PATCH
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> patch(@PathParam("id") String id, Map<String, Object> body) {
        Device d = find(id);
        JsonFields j = new JsonFields(body);
        Audit.record(List.of(d.id()), Map.of("kind", String.valueOf(body.get("kind"))));
        if (!j.has("kind")) {
            throw ApiException.badRequest("only 'kind' can be changed here");
        }
        String kind = j.string("kind");
        if (kind.equalsIgnoreCase("auto")) {
            return view(registry.clearKindOverride(d.id()));
        }
        return view(registry.overrideKind(d.id(), DeviceKind.parse(kind)));
    }

    /**
     * Lets a device that was reset outside the ACS (its reset button) log in with the bootstrap
     * credentials once more, within the given number of hours (default 24).
     */
    @POST
    @Path("/{id}/allow-rebootstrap")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> allowRebootstrap(@PathParam("id") String id, Map<String, Object> body) {
        Device d = find(id);
        Audit.record(List.of(d.id()), Map.of("hours", body.getOrDefault("hours", 24)));
        long hours = new JsonFields(body).number("hours", 24);
        if (hours < 1 || hours > 168) {
            throw ApiException.badRequest("hours must be between 1 and 168");
        }
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofHours(hours));
        credentials.allowRebootstrap(d.id(), until, now);
        return Map.of("deviceId", d.id(), "rebootstrapAllowedUntil", until.toString());
    }

    @GET
    @Path("/{id}/tasks")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> tasks(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit,
                                     @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        return Map.of("tasks", tasks.forDevice(d.id(), Math.min(Math.max(limit, 1), 500)).stream().map(Views::task).toList());
    }

    /**
     * Queues a task. With "connectionRequest": true the device is asked to call in now; with
     * "waitSeconds" the call returns when the task is finished (200) or the wait runs out (202).
     */
    @POST
    @Path("/{id}/tasks")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.INSTALLER})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTask(@PathParam("id") String id, Map<String, Object> body, @Context SecurityContext sc) {
        Device d = scoped(id, sc);
        JsonFields j = new JsonFields(body);
        TaskSpec spec = TaskSpecCodec.fromJson(j);
        Audit.record(List.of(d.id()), TaskSpecCodec.toJson(spec, true));
        TaskPermissions.require(Caller.of(sc), spec.type());
        if (spec instanceof TaskSpec.ProvisionCredentials) {
            throw ApiException.badRequest("provisionCredentials is queued by the ACS itself");
        }
        long expiresIn = j.number("expiresInSeconds", 0);
        if (expiresIn < 0 || expiresIn > MAX_EXPIRY_SECONDS) {
            throw ApiException.badRequest("expiresInSeconds must be between 1 and " + MAX_EXPIRY_SECONDS);
        }
        long wait = Math.min(j.number("waitSeconds", 0), maxWaitSeconds);
        Instant now = clock.instant();
        Task task = tasks.enqueue(d.id(), spec, TaskOrigin.API, expiresIn > 0 ? Duration.ofSeconds(expiresIn) : null, now);
        Map<String, Object> detail = new LinkedHashMap<>(TaskSpecCodec.toJson(spec, true));
        detail.put("taskId", task.id());
        Audit.record(List.of(d.id()), detail);
        CompletableFuture<Task> finished = wait > 0 ? tasks.whenFinished(task.id()) : null;
        Map<String, Object> wake = null;
        if (j.bool("connectionRequest", false)) {
            DeviceWakeup.WakeupResult r = wakeup.wake(d).join();
            wake = Map.of("delivered", r.delivered(), "via", r.via(), "detail", r.detail());
        }
        int status = 201;
        Task shown = task;
        if (finished != null) {
            try {
                shown = finished.get(wait, TimeUnit.SECONDS);
                status = 200;
            } catch (TimeoutException e) {
                shown = tasks.find(task.id()).orElse(task);
                status = 202;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 202;
            } catch (ExecutionException e) {
                status = 202;
            }
        }
        Map<String, Object> out = Views.task(shown);
        if (wake != null) {
            out.put("connectionRequest", wake);
        }
        return Response.status(status).location(URI.create("/api/v1/tasks/" + task.id())).entity(out).build();
    }

    @PUT
    @Path("/{id}/tags/{tag}")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> addTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        Device d = find(id);
        Audit.record(List.of(d.id()), Map.of("tag", tag));
        registry.addTag(d.id(), tag);
        return view(d);
    }

    @DELETE
    @Path("/{id}/tags/{tag}")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> removeTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        Device d = find(id);
        Audit.record(List.of(d.id()), Map.of("tag", tag));
        if (!registry.removeTag(d.id(), tag)) {
            throw ApiException.notFound("tag " + tag + " on device " + id);
        }
        return view(d);
    }

    private Map<String, Object> view(Device d) {
        return view(d, registry.tagsOf(List.of(d.id())).getOrDefault(d.id(), List.of()));
    }

    private Map<String, Object> view(Device d, List<String> tags) {
        return Views.device(d, tags, online(d));
    }

    private boolean online(Device d) {
        return registry.online(d, clock.instant().minus(offlineAfter));
    }

    /** The device, if the caller may see it: installers only the devices of their orders. */
    private Device scoped(String id, SecurityContext sc) {
        Device d = find(id);
        installers.requireDevice(Caller.of(sc), d.id());
        return d;
    }

    private Device find(String id) {
        return ApiParams.device(registry, id);
    }

    /** A device by numeric id or by device key; 404 when there is none. */
    static Device find(DeviceRegistry registry, String id) {
        return ApiParams.device(registry, id);
    }

}
