package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.health.HealthReader;
import io.homeacs.server.health.HealthSamples;
import io.homeacs.server.health.HealthSnapshot;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/devices/{id}/health: the device's health now (from what the ACS knows) and its samples over time. */
@Path("/api/v1/devices/{id}/health")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceHealthResource {
    private final DeviceRegistry registry;
    private final HealthReader reader;
    private final HealthSamples samples;
    private final InstallerScope installers;
    private final Clock clock;

    DeviceHealthResource(DeviceRegistry registry, HealthReader reader, HealthSamples samples, InstallerScope installers,
                         Clock clock) {
        this.registry = registry;
        this.reader = reader;
        this.samples = samples;
        this.installers = installers;
        this.clock = clock;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> snapshot(@PathParam("id") String id, @Context SecurityContext sc) {
        Device d = DevicesResource.find(registry, id);
        installers.requireDevice(Caller.of(sc), d.id());
        return view(reader.snapshot(d, clock.instant()));
    }

    @GET
    @Path("/samples")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER, Role.INSTALLER})
    public Map<String, Object> samples(@PathParam("id") String id, @QueryParam("since") String since,
                                       @QueryParam("limit") @DefaultValue("500") int limit, @Context SecurityContext sc) {
        Device d = DevicesResource.find(registry, id);
        installers.requireDevice(Caller.of(sc), d.id());
        if (limit < 1 || limit > 5000) {
            throw ApiException.badRequest("limit must be between 1 and 5000");
        }
        Instant from = since == null ? clock.instant().minus(Duration.ofDays(30)) : ApiParams.instant(since, "since");
        List<Map<String, Object>> out = samples.of(d.id(), from, limit).stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("takenAt", s.takenAt().toString());
            m.put("opticalRxDbm", s.opticalRxDbm());
            m.put("opticalTxDbm", s.opticalTxDbm());
            m.put("wanStatus", s.wanStatus());
            m.put("uptimeSeconds", s.uptimeSeconds());
            m.put("hosts", s.hosts());
            m.put("wifiClients", s.wifiClients());
            m.put("weakWifiClients", s.weakWifiClients());
            m.put("wifiNoiseDbm", s.wifiNoiseDbm());
            return m;
        }).toList();
        return Map.of("deviceId", d.id(), "samples", out);
    }

    static Map<String, Object> view(HealthSnapshot h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", h.deviceId());
        m.put("takenAt", h.takenAt().toString());
        m.put("online", h.online());
        m.put("lastContact", Views.time(h.lastContact()));
        m.put("opticalRxDbm", h.opticalRxDbm());
        m.put("opticalTxDbm", h.opticalTxDbm());
        m.put("optical", h.optical().apiName());
        m.put("wanStatus", h.wanStatus());
        m.put("wanLastError", h.wanLastError());
        m.put("uptimeSeconds", h.uptimeSeconds());
        m.put("lastBoot", Views.time(h.lastBoot()));
        m.put("unexpectedReboots7d", h.unexpectedReboots());
        m.put("radios", h.radios().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("band", r.band());
            rm.put("ssid", r.ssid());
            rm.put("channel", r.channel());
            rm.put("enabled", r.enabled());
            rm.put("noiseDbm", r.noiseDbm());
            rm.put("utilisationPercent", r.utilisationPercent());
            rm.put("interference", r.interference());
            return rm;
        }).toList());
        Map<String, Object> wifi = new LinkedHashMap<>();
        wifi.put("clients", h.wifi().clients());
        wifi.put("weakClients", h.wifi().weakClients());
        wifi.put("weakestSignalDbm", h.wifi().weakestSignalDbm());
        wifi.put("interference", h.wifi().interference());
        wifi.put("weakCoverage", h.wifi().weakCoverage());
        m.put("wifi", wifi);
        m.put("hosts", h.hosts());
        m.put("allowedHosts", h.allowedHosts());
        m.put("findings", h.findings());
        return m;
    }
}
