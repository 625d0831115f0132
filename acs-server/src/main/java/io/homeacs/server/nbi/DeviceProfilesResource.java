package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.profile.DeviceProfiles;
import io.homeacs.server.profile.Plan;
import io.homeacs.server.profile.Profile;
import io.homeacs.server.profile.ProfileCodec;
import io.homeacs.server.profile.ProfileModule;
import io.homeacs.server.profile.Resolution;
import io.homeacs.server.security.Role;
import io.homeacs.server.task.Secrets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/devices/{id}/profiles: which profiles match a device, the value that wins for each
 * parameter, the conflicts (who lost, with what value), and what is still to be done. Computed
 * now, changing nothing. Its own root resource so the devices resource stays unaware of profiles.
 */
@Path("/api/v1/devices/{id}/profiles")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceProfilesResource {
    private final DeviceRegistry registry;
    private final ProfileModule profiles;

    DeviceProfilesResource(DeviceRegistry registry, ProfileModule profiles) {
        this.registry = registry;
        this.profiles = profiles;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") String id) {
        Device d = DevicesResource.find(registry, id);
        DeviceProfiles.Report r = profiles.devices().report(d);
        Resolution res = r.resolution();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceId", d.id());
        out.put("deviceKey", d.key());
        out.put("status", r.status() == null ? null : r.status().apiName());
        out.put("detail", r.detail());
        out.put("evaluatedAt", Views.time(r.evaluatedAt()));
        out.put("upToDate", r.upToDate());
        out.put("inSync", r.plan().inSync() && r.plan().deferred().isEmpty());
        out.put("profiles", res.profiles().stream().map(DeviceProfilesResource::ref).toList());
        Map<String, Object> values = new LinkedHashMap<>();
        res.values().forEach((path, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", s.secret() ? Secrets.MASK : s.value());
            m.put("key", s.key());
            m.put("profile", ref(s.profile()));
            values.put(path, m);
        });
        out.put("values", values);
        out.put("objects", res.objects().stream().map(o -> object(o, r.plan())).toList());
        out.put("tags", List.copyOf(res.tags()));
        out.put("conflicts", res.conflicts().stream().map(DeviceProfilesResource::conflict).toList());
        out.put("unavailable", res.unavailable());
        out.put("pending", pending(r.plan(), res));
        return out;
    }

    private Map<String, Object> object(Resolution.ObjectTarget o, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", o.rule().path());
        m.put("key", o.rule().key());
        Map<String, Object> params = new LinkedHashMap<>();
        o.rule().parameters().forEach((k, v) -> params.put(k, profiles.codec().isSecretKey(k) ? Secrets.MASK : v));
        m.put("parameters", params);
        m.put("profile", ref(o.owner()));
        m.put("instance", plan.instances().get(o.rule().identity()));
        return m;
    }

    private static Map<String, Object> conflict(Resolution.Conflict c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("key", c.key());
        Map<String, Object> winner = ref(c.winner());
        winner.put("value", c.secret() ? Secrets.MASK : c.winnerValue());
        Map<String, Object> loser = ref(c.loser());
        loser.put("value", c.secret() ? Secrets.MASK : c.loserValue());
        m.put("winner", winner);
        m.put("loser", loser);
        return m;
    }

    private static Map<String, Object> pending(Plan p, Resolution res) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fetch", p.fetch());
        m.put("set", p.set().stream().map(v -> {
            Resolution.Setting s = res.values().get(v.name());
            boolean secret = ProfileCodec.secretName(v.name()) || s != null && s.secret();
            return value(v, secret);
        }).toList());
        m.put("addObjects", p.add().stream().map(o -> o.rule().identity()).toList());
        m.put("waitingForEvent", p.deferred());
        m.put("missing", p.missing());
        return m;
    }

    private static Map<String, Object> value(ParamValue v, boolean secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("value", secret ? Secrets.MASK : v.value());
        m.put("type", v.type());
        return m;
    }

    private static Map<String, Object> ref(Profile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("priority", p.priority());
        m.put("version", p.version());
        return m;
    }
}
