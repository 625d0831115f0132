package io.homeacs.server.lifecycle;

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

/** The equipment table: one row per device, created with its baseline the first time the ACS sees it. */
final class Equipment {
    private static final String UNIQUE_VIOLATION = "23505";
    private final Database db;

    Equipment(Database db) {
        this.db = db;
    }

    Optional<EquipmentRecord> find(long deviceId) {
        return db.withConnection(c -> find(c, deviceId));
    }

    /** Every row, for the in-memory baselines the check-in hook compares with. */
    List<EquipmentRecord> all() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM equipment ORDER BY device_id")) {
                return read(ps);
            }
        });
    }

    /** The row, created with the given baseline when there is none yet. */
    EquipmentRecord ensure(long deviceId, Ownership ownership, String serial, String hardwareVersion, Instant now) {
        return db.withConnection(c -> {
            Optional<EquipmentRecord> found = find(c, deviceId);
            if (found.isPresent()) {
                return found.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO equipment (device_id, ownership, serial_number, "
                + "hardware_version, created_at, updated_at, updated_by) VALUES (?,?,?,?,?,?,?)")) {
                ps.setLong(1, deviceId);
                ps.setString(2, ownership.name());
                ps.setString(3, cut(serial, 64));
                ps.setString(4, cut(hardwareVersion, 64));
                Sql.setInstant(ps, 5, now);
                Sql.setInstant(ps, 6, now);
                ps.setString(7, "acs");
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another writer (an API call) created it first: theirs stands.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            return find(c, deviceId).orElseThrow();
        });
    }

    /** Fills in a baseline field the device had not reported when its row was created. */
    void fillHardwareVersion(long deviceId, String hardwareVersion, Instant now) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE equipment SET hardware_version = ?, updated_at = ? "
                + "WHERE device_id = ? AND hardware_version IS NULL")) {
                ps.setString(1, cut(hardwareVersion, 64));
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    void setLine(long deviceId, String lineId, Instant now) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE equipment SET line_id = ?, updated_at = ? WHERE device_id = ?")) {
                ps.setString(1, cut(lineId, 64));
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    /** The devices last seen on a line (LOID), other than the given one. */
    List<Long> othersOnLine(String lineId, long exceptDeviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM equipment WHERE line_id = ? "
                + "AND device_id <> ? ORDER BY device_id LIMIT 20")) {
                ps.setString(1, lineId);
                ps.setLong(2, exceptDeviceId);
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

    /** Writes the operator-maintained fields of an existing row. */
    void update(EquipmentRecord r) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE equipment SET ownership = ?, lease_start = ?, "
                + "installed_at = ?, dates_assignment_id = ?, purchase_price = ?, serial_number = ?, hardware_version = ?, "
                + "line_id = ?, note = ?, updated_at = ?, updated_by = ? WHERE device_id = ?")) {
                ps.setString(1, r.ownership().name());
                Sql.setInstant(ps, 2, r.leaseStart());
                Sql.setInstant(ps, 3, r.installedAt());
                Sql.setNullableLong(ps, 4, r.datesAssignmentId());
                ps.setBigDecimal(5, r.purchasePrice());
                ps.setString(6, r.serialNumber());
                ps.setString(7, r.hardwareVersion());
                ps.setString(8, r.lineId());
                ps.setString(9, r.note());
                Sql.setInstant(ps, 10, r.updatedAt());
                ps.setString(11, cut(r.updatedBy(), 128));
                ps.setLong(12, r.deviceId());
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<EquipmentRecord> find(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM equipment WHERE device_id = ?")) {
            ps.setLong(1, deviceId);
            List<EquipmentRecord> rows = read(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static List<EquipmentRecord> read(PreparedStatement ps) throws SQLException {
        List<EquipmentRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EquipmentRecord(rs.getLong("device_id"), Ownership.valueOf(rs.getString("ownership")),
                    Sql.instant(rs, "lease_start"), Sql.instant(rs, "installed_at"), Sql.nullableLong(rs, "dates_assignment_id"),
                    rs.getBigDecimal("purchase_price"), rs.getString("serial_number"), rs.getString("hardware_version"),
                    rs.getString("line_id"), rs.getString("note"), Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "updated_at"), rs.getString("updated_by")));
            }
        }
        return out;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
