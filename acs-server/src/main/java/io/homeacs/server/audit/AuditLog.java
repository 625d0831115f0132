package io.homeacs.server.audit;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The append-only audit trail of writes made through the API. Nothing here updates or deletes. */
public final class AuditLog {
    private final Database db;

    /** One write: who, when, what (action + masked detail), which devices, and the HTTP outcome. */
    public record Entry(long id, Instant at, String actor, String role, String action, List<Long> deviceIds,
                        Map<String, Object> detail, int status) {
    }

    /** Filters for reading the trail; null = any. */
    public record Query(String actor, Long deviceId, Instant since, Instant until, int offset, int limit) {
    }

    public AuditLog(Database db) {
        this.db = db;
    }

    public void append(Instant at, String actor, String role, String action, List<Long> deviceIds,
                       Map<String, Object> detail, int status) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, role, action, device_ids, "
                + "detail, status) VALUES (?,?,?,?,?,?,?)")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, cut(actor, 128));
                ps.setString(3, role);
                ps.setString(4, cut(action, 512));
                ps.setString(5, deviceIds.isEmpty() ? null
                    : cut("," + deviceIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ",", 2048));
                ps.setString(6, detail.isEmpty() ? null : Json.write(detail));
                ps.setInt(7, status);
                return ps.executeUpdate();
            }
        });
    }

    public List<Entry> read(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, role, action, device_ids, detail, status FROM audit_log WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.deviceId() != null) {
            sql.append(" AND device_ids LIKE ?");
            args.add("%," + q.deviceId() + ",%");
        }
        if (q.since() != null) {
            sql.append(" AND at >= ?");
            args.add(Sql.utc(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND at < ?");
            args.add(Sql.utc(q.until()));
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Entry map(ResultSet rs) throws java.sql.SQLException {
        String ids = rs.getString("device_ids");
        List<Long> deviceIds = new ArrayList<>();
        if (ids != null) {
            for (String s : ids.split(",")) {
                if (!s.isEmpty()) {
                    deviceIds.add(Long.parseLong(s));
                }
            }
        }
        String detail = rs.getString("detail");
        return new Entry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("role"),
            rs.getString("action"), deviceIds, detail == null ? Map.of() : Json.parseObject(detail), rs.getInt("status"));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
