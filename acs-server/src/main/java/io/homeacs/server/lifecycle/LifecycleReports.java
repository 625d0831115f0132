package io.homeacs.server.lifecycle;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The operator's lifecycle reports, one row per device, the same rows for the API and for CSV: units due
 * for return, compensation owed (with the evidence the verdict relied on), warranties running out, and
 * devices with open tamper evidence. Each is capped at {@link #MAX_ROWS}.
 */
public final class LifecycleReports {
    public static final int MAX_ROWS = 100_000;
    private final Database db;
    private final DeviceRegistry registry;
    private final LongFunction<Lifecycle.Status> status;
    private final int warrantyMonths;

    LifecycleReports(Database db, DeviceRegistry registry, LongFunction<Lifecycle.Status> status, int warrantyMonths) {
        this.db = db;
        this.registry = registry;
        this.status = status;
        this.warrantyMonths = warrantyMonths;
    }

    /**
     * Leased and operator-provided units whose last holding has ended (swap, cancellation, release) without a
     * counter inspection that recorded them returned during that holding: the former holder still has them.
     */
    public List<Map<String, Object>> dueForReturn(Instant now) {
        return query("SELECT a.device_id, a.subscriber_id, s.account, a.assigned_at, a.released_at, a.release_reason, "
            + "e.ownership FROM device_assignment a JOIN equipment e ON e.device_id = a.device_id "
            + "LEFT JOIN subscriber s ON s.id = a.subscriber_id WHERE a.released_at IS NOT NULL AND e.ownership <> 'PURCHASED' "
            + "AND a.id = (SELECT MAX(a2.id) FROM device_assignment a2 WHERE a2.device_id = a.device_id) "
            + "AND NOT EXISTS (SELECT 1 FROM return_inspection r WHERE r.device_id = a.device_id AND r.returned = TRUE "
            + "AND r.inspected_at >= a.assigned_at) ORDER BY a.released_at, a.device_id LIMIT " + MAX_ROWS, rs -> {
                Map<String, Object> m = device(rs.getLong("device_id"));
                m.put("ownership", rs.getString("ownership").toLowerCase(java.util.Locale.ROOT));
                m.put("subscriberId", rs.getLong("subscriber_id"));
                m.put("account", rs.getString("account"));
                Instant ended = Sql.instant(rs, "released_at");
                m.put("holdingEndedAt", ended.toString());
                m.put("releaseReason", rs.getString("release_reason"));
                m.put("daysSinceEnd", Duration.between(ended, now).toDays());
                return m;
            });
    }

    /** The latest inspection of each unit when it set a compensation, with its reasons and evidence. */
    public List<Map<String, Object>> compensationOwed() {
        return query("SELECT r.*, s.account FROM return_inspection r LEFT JOIN subscriber s ON s.id = r.subscriber_id "
            + "WHERE r.compensation > 0 AND r.id = (SELECT MAX(r2.id) FROM return_inspection r2 WHERE r2.device_id = "
            + "r.device_id) ORDER BY r.inspected_at, r.id LIMIT " + MAX_ROWS, rs -> {
                Map<String, Object> m = device(rs.getLong("device_id"));
                m.put("inspectionId", rs.getLong("id"));
                m.put("subscriberId", Sql.nullableLong(rs, "subscriber_id"));
                m.put("account", rs.getString("account"));
                m.put("returned", rs.getBoolean("returned"));
                m.put("compensation", rs.getBigDecimal("compensation"));
                m.put("currency", "CNY");
                m.put("compensationBasis", rs.getString("compensation_basis"));
                Map<String, Object> detail = io.homeacs.server.json.Json.parseObject(rs.getString("detail"));
                m.put("reasons", detail.getOrDefault("reasons", List.of()));
                m.put("evidenceIds", detail.getOrDefault("evidenceIds", List.of()));
                m.put("preReturnCheckId", Sql.nullableLong(rs, "check_id"));
                m.put("inspectedAt", Sql.instant(rs, "inspected_at").toString());
                m.put("inspectedBy", rs.getString("inspected_by"));
                return m;
            });
    }

    /** Held units whose warranty ends within the next {@code days} days (from the installation date). */
    public List<Map<String, Object>> warrantyExpiring(Instant now, int days) {
        // A superset by date (a month is 28-31 days); the exact end comes from the equipment status.
        Instant latest = now.plus(Duration.ofDays(days)).minus(Duration.ofDays(28L * warrantyMonths));
        Instant earliest = now.minus(Duration.ofDays(31L * warrantyMonths + 1));
        List<Long> candidates = query("SELECT a.device_id FROM device_assignment a JOIN equipment e ON e.device_id = "
            + "a.device_id WHERE a.released_at IS NULL AND (CASE WHEN e.dates_assignment_id = a.id AND e.installed_at IS NOT "
            + "NULL THEN e.installed_at ELSE a.assigned_at END) BETWEEN ? AND ? ORDER BY a.device_id LIMIT " + MAX_ROWS,
            rs -> rs.getLong("device_id"), Sql.utc(earliest), Sql.utc(latest));
        List<Map<String, Object>> out = new ArrayList<>();
        for (long id : candidates) {
            Lifecycle.Status s = status.apply(id);
            if (s.warrantyEnd() == null || s.warrantyEnd().isBefore(now) || s.warrantyEnd().isAfter(now.plus(Duration.ofDays(days)))) {
                continue;
            }
            Map<String, Object> m = device(id);
            m.put("ownership", s.record().ownership().apiName());
            m.put("subscriberId", s.holderId());
            m.put("installedAt", s.installedAt() == null ? null : s.installedAt().toString());
            m.put("warrantyEnd", s.warrantyEnd().toString());
            m.put("daysLeft", Duration.between(now, s.warrantyEnd()).toDays());
            out.add(m);
        }
        return out;
    }

    /** Devices with open (not dismissed) tamper evidence: what kinds, how many, since when. */
    public List<Map<String, Object>> tampered() {
        Map<Long, Map<String, Object>> byDevice = new LinkedHashMap<>();
        query("SELECT id, device_id, kind, subscriber_id, first_seen_at, last_seen_at FROM tamper_evidence WHERE "
            + "dismissed_at IS NULL ORDER BY device_id, id LIMIT " + MAX_ROWS, rs -> {
                long deviceId = rs.getLong("device_id");
                Map<String, Object> m = byDevice.computeIfAbsent(deviceId, this::tamperRow);
                @SuppressWarnings("unchecked")
                List<Object> kinds = (List<Object>) m.get("kinds");
                String kind = EvidenceKind.valueOf(rs.getString("kind")).apiName();
                if (!kinds.contains(kind)) {
                    kinds.add(kind);
                }
                @SuppressWarnings("unchecked")
                List<Object> ids = (List<Object>) m.get("evidenceIds");
                ids.add(rs.getLong("id"));
                m.put("openEvidence", ids.size());
                Long holder = Sql.nullableLong(rs, "subscriber_id");
                if (holder != null) {
                    m.put("subscriberId", holder);
                }
                Instant first = Sql.instant(rs, "first_seen_at");
                Instant last = Sql.instant(rs, "last_seen_at");
                m.merge("firstSeenAt", first.toString(), (a, b) -> a.toString().compareTo(b.toString()) <= 0 ? a : b);
                m.merge("lastSeenAt", last.toString(), (a, b) -> a.toString().compareTo(b.toString()) >= 0 ? a : b);
                return null;
            });
        return new ArrayList<>(byDevice.values());
    }

    private Map<String, Object> tamperRow(long deviceId) {
        Map<String, Object> m = device(deviceId);
        m.put("kinds", new ArrayList<>());
        m.put("subscriberId", null);
        m.put("evidenceIds", new ArrayList<>());
        return m;
    }

    private Map<String, Object> device(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        Device d = registry.find(id).orElse(null);
        m.put("deviceId", id);
        m.put("deviceKey", d == null ? null : d.key());
        m.put("kind", d == null ? null : d.kind().apiName());
        m.put("modelName", d == null ? null : d.modelName());
        m.put("softwareVersion", d == null ? null : d.softwareVersion());
        return m;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        T t = row.read(rs);
                        if (t != null) {
                            out.add(t);
                        }
                    }
                }
                return out;
            }
        });
    }
}
