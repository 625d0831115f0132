package io.homeacs.server.task;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Task rows. Every state change is a conditional UPDATE so two writers cannot both move a task. */
final class TaskRepository {
    private static final String COLUMNS = "id, device_id, type, spec, origin, state, created_at, updated_at, "
        + "next_attempt_at, expires_at, attempts, max_attempts, fault_code, fault_string, result";

    private final Database db;
    private final SecretSealer sealer;

    TaskRepository(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    Task insert(long deviceId, TaskSpec spec, TaskOrigin origin, Instant now, Instant expires, int maxAttempts,
                Long bulkRunId) {
        String specJson = Json.write(TaskSpecCodec.mapSecrets(TaskSpecCodec.toJson(spec, false), sealer::seal));
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO task (device_id, type, spec, origin, state, "
                + "created_at, updated_at, next_attempt_at, expires_at, attempts, max_attempts, bulk_run_id) "
                + "VALUES (?,?,?,?,?,?,?,?,?,0,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, deviceId);
                ps.setString(2, spec.type().name());
                ps.setString(3, specJson);
                ps.setString(4, origin.name());
                ps.setString(5, TaskState.QUEUED.name());
                Sql.setInstant(ps, 6, now);
                Sql.setInstant(ps, 7, now);
                // Due from the start of its millisecond: stores round sub-microsecond clock readings, and a
                // task queued while a session runs must be due for that session's own reading of the clock.
                Sql.setInstant(ps, 8, now.truncatedTo(ChronoUnit.MILLIS));
                Sql.setInstant(ps, 9, expires);
                ps.setInt(10, maxAttempts);
                ps.setObject(11, bulkRunId);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Task(id, deviceId, spec, origin, TaskState.QUEUED, now, now, now, expires, 0, maxAttempts,
            null, null, null);
    }

    Optional<Task> find(long id) {
        List<Task> l = query("SELECT " + COLUMNS + " FROM task WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<Task> forDevice(long deviceId, int limit) {
        return query("SELECT " + COLUMNS + " FROM task WHERE device_id = ? ORDER BY id DESC LIMIT ?", deviceId, limit);
    }

    List<Task> sendable(long deviceId, Instant now) {
        return query("SELECT " + COLUMNS + " FROM task WHERE device_id = ? AND state = 'QUEUED' AND next_attempt_at <= ? "
            + "ORDER BY id", deviceId, Sql.utc(now));
    }

    List<Task> withState(long deviceId, TaskState state) {
        return query("SELECT " + COLUMNS + " FROM task WHERE device_id = ? AND state = ? ORDER BY id", deviceId, state.name());
    }

    boolean sentSince(long deviceId, TaskType type, Instant since) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM task WHERE device_id = ? AND type = ? "
                + "AND state IN ('SENT','DONE') AND updated_at >= ? LIMIT 1")) {
                ps.setLong(1, deviceId);
                ps.setString(2, type.name());
                ps.setObject(3, Sql.utc(since));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    boolean hasOpen(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM task WHERE device_id = ? AND state IN ('QUEUED','SENT','ACCEPTED') LIMIT 1")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    Set<Long> devicesWithOpenTasks() {
        return db.withConnection(c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT device_id FROM task WHERE state IN ('QUEUED','SENT','ACCEPTED')");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /** Moves a task from one state to another; false if someone else moved it first. */
    boolean transition(long id, TaskState from, TaskState to, Instant now, boolean countAttempt, Instant nextAttempt,
                       Integer faultCode, String faultString, Map<String, Object> result) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE task SET state = ?, updated_at = ?, "
                + "attempts = attempts + ?, next_attempt_at = COALESCE(?, next_attempt_at), fault_code = ?, "
                + "fault_string = ?, result = COALESCE(?, result) WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                Sql.setInstant(ps, 2, now);
                ps.setInt(3, countAttempt ? 1 : 0);
                Sql.setInstant(ps, 4, nextAttempt);
                Sql.setNullableInt(ps, 5, faultCode);
                ps.setString(6, faultString == null ? null : faultString.substring(0, Math.min(1024, faultString.length())));
                ps.setString(7, result == null ? null : Json.write(result));
                ps.setLong(8, id);
                ps.setString(9, from.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Rewrites a finished task's spec with its secrets masked; they are of no use any more. */
    void scrubSecrets(Task t) {
        String masked = Json.write(TaskSpecCodec.toJson(t.spec(), true));
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE task SET spec = ? WHERE id = ?")) {
                ps.setString(1, masked);
                ps.setLong(2, t.id());
                return ps.executeUpdate();
            }
        });
    }

    /** Cancels every still-queued task of a bulk run in one statement; returns how many. */
    int cancelQueuedOfBulkRun(long runId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE task SET state = 'CANCELLED', updated_at = ?, "
                + "fault_string = 'cancelled with its bulk run' WHERE bulk_run_id = ? AND state = 'QUEUED'")) {
                Sql.setInstant(ps, 1, now);
                ps.setLong(2, runId);
                return ps.executeUpdate();
            }
        });
    }

    /** Expires unfinished tasks past their deadline; returns the ones it expired. */
    List<Task> expireDue(Instant now) {
        List<Task> due = query("SELECT " + COLUMNS + " FROM task WHERE state IN ('QUEUED','SENT','ACCEPTED') AND expires_at <= ?",
            Sql.utc(now));
        List<Task> expired = new ArrayList<>();
        for (Task t : due) {
            if (transition(t.id(), t.state(), TaskState.EXPIRED, now, false, null, null, "expired before completion", null)) {
                expired.add(t);
            }
        }
        return expired;
    }

    long countByState(TaskState state) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM task WHERE state = ?")) {
                ps.setString(1, state.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private List<Task> query(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Task> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private Task map(ResultSet rs) throws SQLException {
        TaskSpec spec = TaskSpecCodec.fromJson(new JsonFields(
            TaskSpecCodec.mapSecrets(Json.parseObject(rs.getString("spec")), sealer::open)));
        String result = rs.getString("result");
        return new Task(rs.getLong("id"), rs.getLong("device_id"), spec, TaskOrigin.valueOf(rs.getString("origin")),
            TaskState.valueOf(rs.getString("state")), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
            Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "expires_at"), rs.getInt("attempts"),
            rs.getInt("max_attempts"), Sql.nullableInt(rs, "fault_code"), rs.getString("fault_string"),
            result == null ? null : Json.parseObject(result));
    }
}
