package io.homeacs.server.diagnose;

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
import java.util.Optional;

/** The diagnostic_run table. Every move is conditional on where the run was, so two writers cannot both move it. */
final class DiagnosticRuns {
    private final Database db;

    DiagnosticRuns(Database db) {
        this.db = db;
    }

    DiagnosticRun insert(long deviceId, DiagnosticRequest request, String by, Instant now, Instant deadline) {
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnostic_run (device_id, type, state, phase, "
                + "step, request, result, requested_by, created_at, updated_at, deadline_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, deviceId);
                ps.setString(2, request.type().name());
                ps.setString(3, RunState.REQUESTED.name());
                ps.setString(4, request.type().phases().get(0).name());
                ps.setString(5, Step.REQUEST.name());
                ps.setString(6, Json.write(request.toJson()));
                ps.setString(7, "{}");
                ps.setString(8, by);
                Sql.setInstant(ps, 9, now);
                Sql.setInstant(ps, 10, now);
                Sql.setInstant(ps, 11, deadline);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    /** Writes {@code to} if the run is still where {@code from} saw it; false when someone moved it first. */
    boolean move(DiagnosticRun from, DiagnosticRun to) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE diagnostic_run SET state = ?, phase = ?, step = ?, "
                + "task_id = ?, result = ?, down_mbps = ?, up_mbps = ?, compliant = ?, detail = ?, updated_at = ?, "
                + "finished_at = ? WHERE id = ? AND state = ? AND phase = ? AND step = ?")) {
                ps.setString(1, to.state().name());
                ps.setString(2, to.phase().name());
                ps.setString(3, to.step().name());
                if (to.taskId() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, to.taskId());
                }
                ps.setString(5, Json.write(to.result()));
                setDouble(ps, 6, to.downMbps());
                setDouble(ps, 7, to.upMbps());
                if (to.compliant() == null) {
                    ps.setNull(8, Types.BOOLEAN);
                } else {
                    ps.setBoolean(8, to.compliant());
                }
                ps.setString(9, to.detail() == null ? null : to.detail().substring(0, Math.min(1000, to.detail().length())));
                Sql.setInstant(ps, 10, to.updatedAt());
                Sql.setInstant(ps, 11, to.finishedAt());
                ps.setLong(12, from.id());
                ps.setString(13, from.state().name());
                ps.setString(14, from.phase().name());
                ps.setString(15, from.step().name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<DiagnosticRun> find(long id) {
        return query("SELECT * FROM diagnostic_run WHERE id = ?", id, 1).stream().findFirst();
    }

    Optional<DiagnosticRun> byTask(long taskId) {
        return query("SELECT * FROM diagnostic_run WHERE task_id = ?", taskId, 1).stream().findFirst();
    }

    /** The device's unfinished run; there is at most one (see Diagnostics.start). */
    Optional<DiagnosticRun> active(long deviceId) {
        return query("SELECT * FROM diagnostic_run WHERE device_id = ? AND state IN ('REQUESTED', 'RUNNING') "
            + "ORDER BY id DESC", deviceId, 1).stream().findFirst();
    }

    List<DiagnosticRun> forDevice(long deviceId, int limit) {
        return query("SELECT * FROM diagnostic_run WHERE device_id = ? ORDER BY id DESC", deviceId, limit);
    }

    /** Every unfinished run, oldest first: few at any time, each waiting on a device. */
    List<DiagnosticRun> unfinished(int limit) {
        return query("SELECT * FROM diagnostic_run WHERE state IN ('REQUESTED', 'RUNNING') AND id > ? ORDER BY id", 0L,
            limit);
    }

    private List<DiagnosticRun> query(String sql, Long arg, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql + " LIMIT ?")) {
                ps.setLong(1, arg);
                ps.setInt(2, limit);
                List<DiagnosticRun> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static DiagnosticRun map(ResultSet rs) throws SQLException {
        long task = rs.getLong("task_id");
        Long taskId = rs.wasNull() ? null : task;
        boolean compliant = rs.getBoolean("compliant");
        Boolean isCompliant = rs.wasNull() ? null : compliant;
        return new DiagnosticRun(rs.getLong("id"), rs.getLong("device_id"), DiagnosticType.valueOf(rs.getString("type")),
            RunState.valueOf(rs.getString("state")), DiagnosticObject.valueOf(rs.getString("phase")),
            Step.valueOf(rs.getString("step")), taskId, DiagnosticRequest.fromJson(Json.parseObject(rs.getString("request"))),
            Json.parseObject(rs.getString("result")), nullableDouble(rs, "down_mbps"), nullableDouble(rs, "up_mbps"),
            isCompliant, rs.getString("detail"), rs.getString("requested_by"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "updated_at"), Sql.instant(rs, "deadline_at"), Sql.instant(rs, "finished_at"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
