package io.homeacs.server.triage;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fault reports in the store; every state change is a conditional update. */
final class FaultReports {
    private final Database db;

    /** List filters; null = any. overdueAt: open reports whose deadline is before it. */
    record Filter(FaultReport.State state, Long subscriberId, Long deviceId, FaultReport.Category category,
                  Instant overdueAt, Instant reportedSince) {
    }

    FaultReports(Database db) {
        this.db = db;
    }

    long insert(long subscriberId, Long deviceId, FaultReport.Symptom symptom, String description, Instant reportedAt,
                Instant receivedAt, Instant deadline, String by) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fault_report (subscriber_id, device_id, symptom, "
                + "description, reported_at, received_at, deadline_at, created_by, state) VALUES (?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, subscriberId);
                setLong(ps, 2, deviceId);
                ps.setString(3, symptom.name());
                ps.setString(4, description);
                Sql.setInstant(ps, 5, reportedAt);
                Sql.setInstant(ps, 6, receivedAt);
                Sql.setInstant(ps, 7, deadline);
                ps.setString(8, by);
                ps.setString(9, FaultReport.State.RECEIVED.name());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    boolean triaging(long id, long taskId) {
        return update("UPDATE fault_report SET state = 'TRIAGING', triage_task_id = ? WHERE id = ? AND state = 'RECEIVED'",
            taskId, id);
    }

    /** Back to received for a new triage run; the earlier verdict stays until the new one replaces it. */
    void reopen(long id) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fault_report SET state = 'RECEIVED', triage_task_id = NULL, "
                + "diagnostic_run_id = NULL, diagnostic_note = NULL "
                + "WHERE id = ? AND state <> 'RESTORED'")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    boolean verdict(long id, FaultReport.Verdict v, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fault_report SET state = CASE WHEN state IN "
                + "('RECEIVED', 'TRIAGING') THEN 'TRIAGED' ELSE state END, category = ?, responsible = ?, "
                + "recommendation = ?, evidence = ?, triaged_at = ? WHERE id = ?")) {
                ps.setString(1, v.category().name());
                ps.setString(2, v.responsible().name());
                ps.setString(3, clip(v.recommendation()));
                ps.setString(4, Json.write(v.evidence()));
                Sql.setInstant(ps, 5, now);
                ps.setLong(6, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean action(long id, String action, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fault_report SET state = 'ACTION_TAKEN', action = ?, "
                + "action_at = ? WHERE id = ? AND state <> 'RESTORED'")) {
                ps.setString(1, clip(action));
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean restored(long id, String note, Instant at) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fault_report SET state = 'RESTORED', restored_at = ?, "
                + "restore_note = ? WHERE id = ? AND state <> 'RESTORED'")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, clip(note));
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<FaultReport> find(long id) {
        return query("SELECT * FROM fault_report WHERE id = ?", List.of(id), 1).stream().findFirst();
    }

    /** Notes the diagnostics run this triage waits for (null) or why none was started (note). */
    void diagnostic(long id, Long runId, String note) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fault_report SET diagnostic_run_id = ?, "
                + "diagnostic_note = ? WHERE id = ?")) {
                setLong(ps, 1, runId);
                ps.setString(2, clip(note));
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    Optional<FaultReport> byDiagnosticRun(long runId) {
        return query("SELECT * FROM fault_report WHERE diagnostic_run_id = ?", List.of(runId), 1).stream().findFirst();
    }

    Optional<FaultReport> byTask(long taskId) {
        return query("SELECT * FROM fault_report WHERE triage_task_id = ?", List.of(taskId), 1).stream().findFirst();
    }

    List<FaultReport> list(Filter f, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM fault_report WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.state() != null) {
            sql.append(" AND state = ?");
            args.add(f.state().name());
        }
        if (f.subscriberId() != null) {
            sql.append(" AND subscriber_id = ?");
            args.add(f.subscriberId());
        }
        if (f.deviceId() != null) {
            sql.append(" AND device_id = ?");
            args.add(f.deviceId());
        }
        if (f.category() != null) {
            sql.append(" AND category = ?");
            args.add(f.category().name());
        }
        if (f.overdueAt() != null) {
            sql.append(" AND state <> 'RESTORED' AND deadline_at < ?");
            args.add(Sql.utc(f.overdueAt()));
        }
        if (f.reportedSince() != null) {
            sql.append(" AND reported_at >= ?");
            args.add(Sql.utc(f.reportedSince()));
        }
        sql.append(f.overdueAt() != null ? " ORDER BY deadline_at, id" : " ORDER BY id DESC").append(" LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return query(sql.toString(), args, limit);
    }

    private List<FaultReport> query(String sql, List<Object> args, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<FaultReport> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static FaultReport map(ResultSet rs) throws SQLException {
        long device = rs.getLong("device_id");
        Long deviceId = rs.wasNull() ? null : device;
        long task = rs.getLong("triage_task_id");
        Long taskId = rs.wasNull() ? null : task;
        String category = rs.getString("category");
        FaultReport.Verdict verdict = category == null ? null : new FaultReport.Verdict(FaultReport.Category.valueOf(category),
            FaultReport.Responsible.valueOf(rs.getString("responsible")), rs.getString("recommendation"),
            rs.getString("evidence") == null ? Map.of() : nullFree(Json.parseObject(rs.getString("evidence"))));
        return new FaultReport(rs.getLong("id"), rs.getLong("subscriber_id"), deviceId,
            FaultReport.Symptom.valueOf(rs.getString("symptom")), rs.getString("description"), Sql.instant(rs, "reported_at"),
            Sql.instant(rs, "received_at"), Sql.instant(rs, "deadline_at"), rs.getString("created_by"),
            FaultReport.State.valueOf(rs.getString("state")), taskId, verdict, Sql.instant(rs, "triaged_at"),
            rs.getString("action"), Sql.instant(rs, "action_at"), Sql.instant(rs, "restored_at"), rs.getString("restore_note"),
            Sql.nullableLong(rs, "diagnostic_run_id"), rs.getString("diagnostic_note"));
    }

    /** Map.copyOf refuses nulls; evidence keeps "unknown" values as absent instead. */
    private static Map<String, Object> nullFree(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private boolean update(String sql, long a, long b) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, a);
                ps.setLong(2, b);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String clip(String s) {
        return s == null ? null : s.substring(0, Math.min(s.length(), 1000));
    }
}
