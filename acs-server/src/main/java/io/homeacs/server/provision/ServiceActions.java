package io.homeacs.server.provision;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.subscriber.ServiceKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The record of each suspend or resume on each device, and when it took effect there. */
final class ServiceActions {
    private final Database db;

    enum State {
        PENDING, APPLIED, FAILED, SUPERSEDED;

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Action(long id, long subscriberId, long deviceId, ServiceKind service, boolean suspend, String reason,
                  Instant requestedAt, String requestedBy, Long taskId, State state, Instant effectiveAt, String detail) {
        String actionName() {
            return suspend ? "suspend" : "resume";
        }
    }

    ServiceActions(Database db) {
        this.db = db;
    }

    Action insert(Action a) {
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_action (subscriber_id, device_id, service, "
                + "action, reason, requested_at, requested_by, task_id, state, effective_at, detail) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, a.subscriberId());
                ps.setLong(2, a.deviceId());
                ps.setString(3, a.service().name());
                ps.setString(4, a.actionName());
                ps.setString(5, a.reason());
                Sql.setInstant(ps, 6, a.requestedAt());
                ps.setString(7, a.requestedBy());
                if (a.taskId() == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, a.taskId());
                }
                ps.setString(9, a.state().name());
                Sql.setInstant(ps, 10, a.effectiveAt());
                ps.setString(11, clip(a.detail()));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return find("id = ?", id).orElseThrow();
    }

    /** Moves a pending action on; false when it was no longer pending (superseded meanwhile). */
    boolean settle(long id, State to, Instant effectiveAt, String detail) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_action SET state = ?, effective_at = ?, "
                + "detail = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                Sql.setInstant(ps, 2, effectiveAt);
                ps.setString(3, clip(detail));
                ps.setLong(4, id);
                ps.setString(5, State.PENDING.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Pending actions that could not be sent before the device's parameters were known. */
    List<Action> waiting(long deviceId) {
        return query("SELECT * FROM service_action WHERE device_id = ? AND state = 'PENDING' AND task_id IS NULL",
            deviceId, null, 100);
    }

    void attachTask(long id, Long taskId, String detail) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_action SET task_id = ?, detail = ? WHERE id = ?")) {
                if (taskId == null) {
                    ps.setNull(1, Types.BIGINT);
                } else {
                    ps.setLong(1, taskId);
                }
                ps.setString(2, detail);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Back to pending (its effect was undone by a stale switch that arrived late). */
    void reopen(long id) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_action SET state = 'PENDING', effective_at = NULL "
                + "WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Action> newest(long deviceId, ServiceKind service) {
        return query("SELECT * FROM service_action WHERE device_id = ? AND service = ? ORDER BY id DESC", deviceId,
            service.name(), 1).stream().findFirst();
    }

    /** Resumes requested before the deadline that are still not in effect (or failed), oldest first. */
    List<Action> overdueResumes(Instant requestedBefore, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM service_action WHERE action = 'resume' "
                + "AND state IN ('PENDING', 'FAILED') AND requested_at < ? ORDER BY requested_at LIMIT ?")) {
                Sql.setInstant(ps, 1, requestedBefore);
                ps.setInt(2, limit);
                List<Action> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    Optional<Action> byTask(long taskId) {
        return find("task_id = ?", taskId);
    }

    List<Action> pending(long deviceId, ServiceKind service) {
        return query("SELECT * FROM service_action WHERE device_id = ? AND service = ? AND state = 'PENDING'",
            deviceId, service.name(), 100);
    }

    /** Newest first; subscriberId null = all subscribers; pendingOnly = not yet in effect. */
    List<Action> list(Long subscriberId, boolean pendingOnly, int limit) {
        String sql = "SELECT * FROM service_action WHERE " + (subscriberId == null ? "subscriber_id <> ?" : "subscriber_id = ?")
            + (pendingOnly ? " AND state = 'PENDING'" : "") + " ORDER BY id DESC";
        return query(sql, subscriberId == null ? -1L : subscriberId, null, limit);
    }

    private Optional<Action> find(String where, long arg) {
        return query("SELECT * FROM service_action WHERE " + where, arg, null, 1).stream().findFirst();
    }

    private List<Action> query(String sql, Long arg, String arg2, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql + " LIMIT ?")) {
                int i = 1;
                if (arg != null) {
                    ps.setLong(i++, arg);
                }
                if (arg2 != null) {
                    ps.setString(i++, arg2);
                }
                ps.setInt(i, limit);
                List<Action> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Action map(ResultSet rs) throws SQLException {
        long task = rs.getLong("task_id");
        Long taskId = rs.wasNull() ? null : task;
        return new Action(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getLong("device_id"),
            ServiceKind.valueOf(rs.getString("service")), rs.getString("action").equals("suspend"), rs.getString("reason"),
            Sql.instant(rs, "requested_at"), rs.getString("requested_by"), taskId, State.valueOf(rs.getString("state")),
            Sql.instant(rs, "effective_at"), rs.getString("detail"));
    }

    private static String clip(String s) {
        return s == null ? null : s.substring(0, Math.min(s.length(), 1000));
    }
}
