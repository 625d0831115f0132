package io.homeacs.server.subscriber;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which subscriber holds which device, and the history of it. Binding an order's device, and for a
 * swap releasing the device it replaces, happen in one transaction: the subscriber is never left
 * with neither device nor with a device that two subscribers hold.
 */
public final class Assignments {
    private final Database db;
    private final Orders orders;

    public enum BindResult { BOUND, ORDER_NOT_OPEN, DEVICE_HELD_BY_ANOTHER, DEVICE_BEING_COMMISSIONED }

    /** What binding did; releasedOld is true when a swap's replaced device was taken from the subscriber. */
    public record Bound(BindResult result, boolean releasedOld) {
    }

    /** id orders the history and names one holding (equipment lifecycle keeps per-lease corrections by it). */
    public record Assignment(long id, long deviceId, long subscriberId, Long orderId, Instant assignedAt, Instant releasedAt,
                             String releaseReason) {
    }

    public Assignments(Database db, Orders orders) {
        this.db = db;
        this.orders = orders;
    }

    public Bound bind(ServiceOrder order, long deviceId, String boundBy, Instant now) {
        return db.inTransaction(c -> {
            Long holder = holderForUpdate(c, deviceId);
            if (holder != null && holder != order.subscriberId()) {
                return new Bound(BindResult.DEVICE_HELD_BY_ANOTHER, false);
            }
            // The device row lock taken above serialises this check with any other binding of the device.
            if (orders.commissioningOn(c, deviceId)) {
                return new Bound(BindResult.DEVICE_BEING_COMMISSIONED, false);
            }
            if (!orders.markBound(c, order.id(), deviceId, boundBy, now)) {
                return new Bound(BindResult.ORDER_NOT_OPEN, false);
            }
            if (holder == null) {
                assign(c, deviceId, order.subscriberId(), order.id(), now);
            }
            Long old = order.replacesDeviceId();
            boolean released = old != null && old != deviceId && release(c, old, order.subscriberId(),
                "replaced by device " + deviceId + " (order " + order.id() + ")", now);
            return new Bound(BindResult.BOUND, released);
        });
    }

    /** Takes a device away from the subscriber holding it (end of lease, swap); false if that subscriber did not. */
    public boolean release(long deviceId, long subscriberId, String reason, Instant now) {
        return db.inTransaction(c -> release(c, deviceId, subscriberId, reason, now));
    }

    public Optional<Long> holderOf(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM device WHERE id = ?")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Long>empty();
                    }
                    long id = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(id);
                }
            }
        });
    }

    /** The devices a subscriber holds now, by device id. */
    public List<Long> devicesOf(long subscriberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM device WHERE subscriber_id = ? ORDER BY id")) {
                ps.setLong(1, subscriberId);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /** Newest first; by device when deviceId is set, else by subscriber. */
    public List<Assignment> history(Long deviceId, Long subscriberId, int limit) {
        return db.withConnection(c -> {
            String where = deviceId != null ? "device_id = ?" : "subscriber_id = ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM device_assignment WHERE " + where
                + " ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, deviceId != null ? deviceId : subscriberId);
                ps.setInt(2, limit);
                List<Assignment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long order = rs.getLong("order_id");
                        out.add(new Assignment(rs.getLong("id"), rs.getLong("device_id"), rs.getLong("subscriber_id"),
                            rs.wasNull() ? null : order, Sql.instant(rs, "assigned_at"), Sql.instant(rs, "released_at"),
                            rs.getString("release_reason")));
                    }
                }
                return out;
            }
        });
    }

    private static Long holderForUpdate(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM device WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("device " + deviceId);
                }
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    private static void assign(Connection c, long deviceId, long subscriberId, long orderId, Instant now)
        throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE device SET subscriber_id = ? WHERE id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO device_assignment (device_id, subscriber_id, "
                 + "order_id, assigned_at) VALUES (?,?,?,?)")) {
            up.setLong(1, subscriberId);
            up.setLong(2, deviceId);
            up.executeUpdate();
            ins.setLong(1, deviceId);
            ins.setLong(2, subscriberId);
            ins.setLong(3, orderId);
            Sql.setInstant(ins, 4, now);
            ins.executeUpdate();
        }
    }

    private static boolean release(Connection c, long deviceId, long subscriberId, String reason, Instant now)
        throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE device SET subscriber_id = NULL WHERE id = ? "
            + "AND subscriber_id = ?");
             PreparedStatement hist = c.prepareStatement("UPDATE device_assignment SET released_at = ?, release_reason = ? "
                 + "WHERE device_id = ? AND subscriber_id = ? AND released_at IS NULL")) {
            up.setLong(1, deviceId);
            up.setLong(2, subscriberId);
            if (up.executeUpdate() != 1) {
                return false;
            }
            Sql.setInstant(hist, 1, now);
            hist.setString(2, reason.substring(0, Math.min(reason.length(), 200)));
            hist.setLong(3, deviceId);
            hist.setLong(4, subscriberId);
            hist.executeUpdate();
            return true;
        }
    }
}
