package io.homeacs.server.subscriber;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Service orders and their commissioning steps. State changes are conditional updates. */
public final class Orders {
    private final Database db;

    /** Filters for listing orders; null means any. */
    public record Filter(ServiceOrder.State state, String installer, Long subscriberId, Long deviceId) {
    }

    public Orders(Database db) {
        this.db = db;
    }

    public ServiceOrder create(long subscriberId, ServiceOrder.Kind kind, String registrationId, String serialNumber,
                               String installer, Long replacesDeviceId, String createdBy, Instant now) {
        Limits.check("registrationId", registrationId, 64);
        Limits.check("serialNumber", serialNumber, 64);
        Limits.check("installer", installer, 128);
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_order (subscriber_id, kind, state, "
                + "registration_id, serial_number, installer, replaces_device_id, created_at, created_by) "
                + "VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, subscriberId);
                ps.setString(2, kind.name());
                ps.setString(3, ServiceOrder.State.OPEN.name());
                ps.setString(4, registrationId);
                ps.setString(5, serialNumber);
                ps.setString(6, installer);
                setLong(ps, 7, replacesDeviceId);
                Sql.setInstant(ps, 8, now);
                ps.setString(9, createdBy);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    public Optional<ServiceOrder> find(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM service_order WHERE id = ?")) {
                ps.setLong(1, id);
                return read(ps).stream().findFirst();
            }
        });
    }

    public List<ServiceOrder> list(Filter f, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM service_order WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.state() != null) {
            sql.append(" AND state = ?");
            args.add(f.state().name());
        }
        if (f.installer() != null) {
            sql.append(" AND installer = ?");
            args.add(f.installer());
        }
        if (f.subscriberId() != null) {
            sql.append(" AND subscriber_id = ?");
            args.add(f.subscriberId());
        }
        if (f.deviceId() != null) {
            sql.append(" AND (device_id = ? OR replaces_device_id = ?)");
            args.add(f.deviceId());
            args.add(f.deviceId());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return read(ps);
            }
        });
    }

    /** Open orders waiting for a device: what zero-touch binding matches check-ins against. */
    public List<ServiceOrder> open() {
        return list(new Filter(ServiceOrder.State.OPEN, null, null, null), 0, Integer.MAX_VALUE);
    }

    /** An open order already waiting for this LOID or serial number, if any (both indexed). */
    public Optional<ServiceOrder> openClaiming(String registrationId, String serialNumber) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM service_order WHERE state = 'OPEN' "
                + "AND (registration_id = ? OR serial_number = ?) ORDER BY id LIMIT 1")) {
                ps.setString(1, registrationId);
                ps.setString(2, serialNumber);
                return read(ps).stream().findFirst();
            }
        });
    }

    /** Whether some order is commissioning this device right now. */
    boolean commissioningOn(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM service_order WHERE device_id = ? AND state = ?")) {
            ps.setLong(1, deviceId);
            ps.setString(2, ServiceOrder.State.COMMISSIONING.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Orders in one state, oldest first: what the reconciler walks. */
    public List<ServiceOrder> inState(ServiceOrder.State state, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM service_order WHERE state = ? ORDER BY id LIMIT ?")) {
                ps.setString(1, state.name());
                ps.setInt(2, limit);
                return read(ps);
            }
        });
    }

    /** open → commissioning with the device; false if the order was no longer open. */
    boolean markBound(Connection c, long orderId, long deviceId, String boundBy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE service_order SET state = ?, device_id = ?, bound_by = ?, "
            + "bound_at = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, ServiceOrder.State.COMMISSIONING.name());
            ps.setLong(2, deviceId);
            ps.setString(3, boundBy);
            Sql.setInstant(ps, 4, now);
            ps.setLong(5, orderId);
            ps.setString(6, ServiceOrder.State.OPEN.name());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean transition(long orderId, ServiceOrder.State from, ServiceOrder.State to, String note, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_order SET state = ?, note = COALESCE(?, note), "
                + "finished_at = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, note == null ? null : note.substring(0, Math.min(note.length(), 1000)));
                Sql.setInstant(ps, 3, to == ServiceOrder.State.COMMISSIONING ? null : now);
                ps.setLong(4, orderId);
                ps.setString(5, from.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Replaces the order's steps (a new commissioning run starts from scratch). */
    public void replaceSteps(long orderId, List<ServiceOrder.Step> steps) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM commissioning_step WHERE order_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO commissioning_step (order_id, seq, name, state, "
                     + "task_id, detail, updated_at) VALUES (?,?,?,?,?,?,?)")) {
                del.setLong(1, orderId);
                del.executeUpdate();
                for (ServiceOrder.Step s : steps) {
                    ins.setLong(1, orderId);
                    ins.setInt(2, s.seq());
                    ins.setString(3, s.name());
                    ins.setString(4, s.state().name());
                    setLong(ins, 5, s.taskId());
                    ins.setString(6, s.detail());
                    Sql.setInstant(ins, 7, s.updatedAt());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
    }

    public void updateStep(long orderId, ServiceOrder.Step s) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE commissioning_step SET state = ?, task_id = ?, "
                + "detail = ?, updated_at = ? WHERE order_id = ? AND seq = ?")) {
                ps.setString(1, s.state().name());
                setLong(ps, 2, s.taskId());
                ps.setString(3, s.detail());
                Sql.setInstant(ps, 4, s.updatedAt());
                ps.setLong(5, orderId);
                ps.setInt(6, s.seq());
                return ps.executeUpdate();
            }
        });
    }

    public List<ServiceOrder.Step> steps(long orderId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM commissioning_step WHERE order_id = ? ORDER BY seq")) {
                ps.setLong(1, orderId);
                List<ServiceOrder.Step> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long task = rs.getLong("task_id");
                        Long taskId = rs.wasNull() ? null : task;
                        out.add(new ServiceOrder.Step(rs.getInt("seq"), rs.getString("name"),
                            ServiceOrder.StepState.valueOf(rs.getString("state")), taskId,
                            rs.getString("detail"), Sql.instant(rs, "updated_at")));
                    }
                }
                return out;
            }
        });
    }

    /** The order whose commissioning step carried this task, if any. */
    public Optional<Long> orderOfTask(long taskId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT order_id FROM commissioning_step WHERE task_id = ?")) {
                ps.setLong(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    private static List<ServiceOrder> read(PreparedStatement ps) throws SQLException {
        List<ServiceOrder> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long replaces = rs.getLong("replaces_device_id");
                Long replacesId = rs.wasNull() ? null : replaces;
                long device = rs.getLong("device_id");
                Long deviceId = rs.wasNull() ? null : device;
                out.add(new ServiceOrder(rs.getLong("id"), rs.getLong("subscriber_id"),
                    ServiceOrder.Kind.valueOf(rs.getString("kind")), ServiceOrder.State.valueOf(rs.getString("state")),
                    rs.getString("registration_id"), rs.getString("serial_number"), rs.getString("installer"),
                    replacesId, deviceId, rs.getString("bound_by"), rs.getString("note"), Sql.instant(rs, "created_at"),
                    rs.getString("created_by"), Sql.instant(rs, "bound_at"), Sql.instant(rs, "finished_at")));
            }
        }
        return out;
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
