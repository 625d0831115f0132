package io.homeacs.server.nbi;

import io.homeacs.server.lifecycle.LifecycleReports;
import io.homeacs.server.security.Role;
import io.homeacs.server.triage.Triage;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * /api/v1/reports: the lifecycle and repair reports, each as JSON ({@code {report, generatedAt, count, rows}})
 * and as CSV ({@code .csv}, the same rows and columns; lists joined with ';').
 */
@Path("/api/v1/reports")
public final class ReportsResource {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final List<String> DEVICE = List.of("deviceId", "deviceKey", "kind", "modelName", "softwareVersion");
    private static final List<String> DUE = cols("ownership", "subscriberId", "account", "holdingEndedAt", "releaseReason",
        "daysSinceEnd");
    private static final List<String> OWED = cols("inspectionId", "subscriberId", "account", "returned", "compensation",
        "currency", "compensationBasis", "reasons", "evidenceIds", "preReturnCheckId", "inspectedAt", "inspectedBy");
    private static final List<String> WARRANTY = cols("ownership", "subscriberId", "installedAt", "warrantyEnd", "daysLeft");
    private static final List<String> TAMPERED = cols("kinds", "evidenceIds", "openEvidence", "subscriberId", "firstSeenAt",
        "lastSeenAt");
    private final LifecycleReports lifecycle;
    private final Triage triage;
    private final Clock clock;

    ReportsResource(LifecycleReports lifecycle, Triage triage, Clock clock) {
        this.lifecycle = lifecycle;
        this.triage = triage;
        this.clock = clock;
    }

    @GET
    @Path("/devices-due-for-return")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> due() {
        return json("devices-due-for-return", lifecycle.dueForReturn(clock.instant()));
    }

    @GET
    @Path("/devices-due-for-return.csv")
    @Produces(CSV)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response dueCsv() {
        return csv("devices-due-for-return", DUE, lifecycle.dueForReturn(clock.instant()));
    }

    @GET
    @Path("/compensation-owed")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> owed() {
        return json("compensation-owed", lifecycle.compensationOwed());
    }

    @GET
    @Path("/compensation-owed.csv")
    @Produces(CSV)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response owedCsv() {
        return csv("compensation-owed", OWED, lifecycle.compensationOwed());
    }

    @GET
    @Path("/warranty-expiring")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> warranty(@QueryParam("days") @DefaultValue("30") int days) {
        return json("warranty-expiring", lifecycle.warrantyExpiring(clock.instant(), days(days)));
    }

    @GET
    @Path("/warranty-expiring.csv")
    @Produces(CSV)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response warrantyCsv(@QueryParam("days") @DefaultValue("30") int days) {
        return csv("warranty-expiring", WARRANTY, lifecycle.warrantyExpiring(clock.instant(), days(days)));
    }

    @GET
    @Path("/tampered-devices")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> tampered() {
        return json("tampered-devices", lifecycle.tampered());
    }

    @GET
    @Path("/tampered-devices.csv")
    @Produces(CSV)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response tamperedCsv() {
        return csv("tampered-devices", TAMPERED, lifecycle.tampered());
    }

    /** The repair KPIs (as GET /api/v1/fault-reports/kpis) as rows: metric, key, value. */
    @GET
    @Path("/fault-kpis.csv")
    @Produces(CSV)
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Response kpisCsv(@QueryParam("since") String since) {
        Map<String, Object> k = FaultReportsResource.kpiView(triage, since);
        StringBuilder sb = new StringBuilder("metric,key,value\r\n");
        k.forEach((metric, value) -> {
            if (value instanceof Map<?, ?> m) {
                m.forEach((key, v) -> row(sb, metric, String.valueOf(key), v));
            } else {
                row(sb, metric, "", value);
            }
        });
        return attachment("fault-kpis", sb.toString());
    }

    private static void row(StringBuilder sb, String metric, String key, Object value) {
        DeviceCsv.field(sb, metric);
        DeviceCsv.field(sb, key);
        DeviceCsv.field(sb, text(value));
        sb.setLength(sb.length() - 1);
        sb.append("\r\n");
    }

    private Map<String, Object> json(String name, List<Map<String, Object>> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", name);
        m.put("generatedAt", clock.instant().toString());
        m.put("count", rows.size());
        m.put("rows", rows);
        return m;
    }

    private static Response csv(String name, List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder(128 + rows.size() * 128);
        sb.append(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> r : rows) {
            for (String c : columns) {
                DeviceCsv.field(sb, text(r.get(c)));
            }
            sb.setLength(sb.length() - 1);
            sb.append("\r\n");
        }
        return attachment(name, sb.toString());
    }

    private static Response attachment(String name, String body) {
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        return v.toString();
    }

    private static int days(int days) {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("days must be between 1 and 3650");
        }
        return days;
    }

    private static List<String> cols(String... more) {
        List<String> all = new java.util.ArrayList<>(DEVICE);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
