package io.homeacs.server.device;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain SQL for the device row; batch updates where a loop of single statements would cost a transaction each. */
final class DeviceRepository {
    static final String COLUMNS = "id, device_key, oui, product_class, serial_number, manufacturer, model_name, "
        + "hardware_version, software_version, kind, kind_overridden, data_model, protocol, protocol_version, "
        + "first_contact, last_contact, last_boot, last_events, ip_address, cr_url, cr_udp_address, parameter_key, "
        + "usp_endpoint_id";

    private final Database db;

    DeviceRepository(Database db) {
        this.db = db;
    }

    Optional<Device> findByKey(String key) {
        return db.withConnection(c -> one(c, "SELECT " + COLUMNS + " FROM device WHERE device_key = ?", key));
    }

    Optional<Device> findById(long id) {
        return db.withConnection(c -> one(c, "SELECT " + COLUMNS + " FROM device WHERE id = ?", id));
    }

    private Optional<Device> one(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    long insert(Connection c, Device d, String paramsJson) throws SQLException {
        String sql = "INSERT INTO device (device_key, oui, product_class, serial_number, manufacturer, model_name, "
            + "hardware_version, software_version, kind, kind_overridden, data_model, protocol, protocol_version, "
            + "first_contact, last_contact, last_boot, last_events, ip_address, cr_url, cr_udp_address, parameter_key, "
            + "usp_endpoint_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        releaseEndpoint(c, d.uspEndpointId(), -1);
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.key());
            ps.setString(2, d.identity().oui());
            ps.setString(3, d.identity().productClass());
            ps.setString(4, d.identity().serialNumber());
            bindMutable(ps, 5, d);
            Sql.setInstant(ps, 14, d.firstContact());
            Sql.setInstant(ps, 15, d.lastContact());
            Sql.setInstant(ps, 16, d.lastBoot());
            ps.setString(17, d.lastEvents());
            ps.setString(18, d.ipAddress());
            ps.setString(19, d.connectionRequestUrl());
            ps.setString(20, d.udpConnectionRequestAddress());
            ps.setString(21, d.parameterKey());
            ps.setString(22, d.uspEndpointId());
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            try (PreparedStatement doc = c.prepareStatement(
                "INSERT INTO device_params (device_id, params, updated_at) VALUES (?,?,?)")) {
                doc.setLong(1, id);
                doc.setString(2, paramsJson);
                Sql.setInstant(doc, 3, d.firstContact());
                doc.executeUpdate();
            }
            return id;
        }
    }

    private static void bindMutable(PreparedStatement ps, int i, Device d) throws SQLException {
        ps.setString(i, d.manufacturer());
        ps.setString(i + 1, d.modelName());
        ps.setString(i + 2, d.hardwareVersion());
        ps.setString(i + 3, d.softwareVersion());
        ps.setString(i + 4, d.kind().name());
        ps.setBoolean(i + 5, d.kindOverridden());
        ps.setString(i + 6, d.dataModel().name());
        ps.setString(i + 7, d.protocol());
        ps.setString(i + 8, d.protocolVersion());
    }

    void update(Connection c, Device d) throws SQLException {
        String sql = "UPDATE device SET manufacturer=?, model_name=?, hardware_version=?, software_version=?, kind=?, "
            + "kind_overridden=?, data_model=?, protocol=?, protocol_version=?, last_contact=?, last_boot=?, "
            + "last_events=?, ip_address=?, cr_url=?, cr_udp_address=?, parameter_key=?, usp_endpoint_id=? WHERE id=?";
        releaseEndpoint(c, d.uspEndpointId(), d.id());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindMutable(ps, 1, d);
            Sql.setInstant(ps, 10, d.lastContact());
            Sql.setInstant(ps, 11, d.lastBoot());
            ps.setString(12, d.lastEvents());
            ps.setString(13, d.ipAddress());
            ps.setString(14, d.connectionRequestUrl());
            ps.setString(15, d.udpConnectionRequestAddress());
            ps.setString(16, d.parameterKey());
            ps.setString(17, d.uspEndpointId());
            ps.setLong(18, d.id());
            ps.executeUpdate();
        }
    }

    /**
     * An EndpointID names one agent; when it now speaks for another device (a board moved into a new
     * unit), the old device gives it up rather than the write failing on the unique index.
     */
    private static void releaseEndpoint(Connection c, String endpointId, long keepId) throws SQLException {
        if (endpointId == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE device SET usp_endpoint_id = NULL WHERE usp_endpoint_id = ? AND id <> ?")) {
            ps.setString(1, endpointId);
            ps.setLong(2, keepId);
            ps.executeUpdate();
        }
    }

    Optional<Device> findByEndpointId(String endpointId) {
        return db.withConnection(c -> one(c, "SELECT " + COLUMNS + " FROM device WHERE usp_endpoint_id = ?", endpointId));
    }

    ParameterDocument loadParams(Connection c, long id, boolean forUpdate) throws SQLException {
        String sql = "SELECT params FROM device_params WHERE device_id = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ParameterDocument.parse(rs.getString(1)) : ParameterDocument.empty();
            }
        }
    }

    void saveParams(Connection c, long id, ParameterDocument doc, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_params SET params = ?, updated_at = ? WHERE device_id = ?")) {
            ps.setString(1, doc.toJson());
            Sql.setInstant(ps, 2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    void insertEvents(Connection c, long deviceId, Instant at, List<DeviceEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO device_event (device_id, at, code, command_key) VALUES (?,?,?,?)")) {
            for (DeviceEvent e : events) {
                ps.setLong(1, deviceId);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, truncate(e.code(), 64));
                ps.setString(4, truncate(e.commandKey(), 64));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<StoredEvent> events(long deviceId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, code, command_key FROM device_event WHERE device_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, deviceId);
                ps.setInt(2, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(Sql.instant(rs, "at"), rs.getString("code"), rs.getString("command_key")));
                    }
                }
                return out;
            }
        });
    }

    void touchAll(Map<Long, Instant> lastContacts) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE device SET last_contact = ? WHERE id = ? AND last_contact < ?")) {
                for (Map.Entry<Long, Instant> e : lastContacts.entrySet()) {
                    Sql.setInstant(ps, 1, e.getValue());
                    ps.setLong(2, e.getKey());
                    Sql.setInstant(ps, 3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    void addTag(long deviceId, String tag) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_tag (device_id, tag) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM device_tag WHERE device_id = ? AND tag = ?)")) {
                ps.setLong(1, deviceId);
                ps.setString(2, tag);
                ps.setLong(3, deviceId);
                ps.setString(4, tag);
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return 0;
                }
                throw e;
            }
        });
    }

    boolean removeTag(long deviceId, String tag) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_tag WHERE device_id = ? AND tag = ?")) {
                ps.setLong(1, deviceId);
                ps.setString(2, tag);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Map<Long, List<String>> tagsOf(java.util.Collection<Long> ids) {
        Map<Long, List<String>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, tag FROM device_tag WHERE device_id IN (" + in + ") ORDER BY tag")) {
                int i = 1;
                for (Long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    static Device map(ResultSet rs) throws SQLException {
        return new Device(rs.getLong("id"), rs.getString("device_key"),
            new DeviceIdentity(rs.getString("oui"), rs.getString("product_class"), rs.getString("serial_number")),
            rs.getString("manufacturer"), rs.getString("model_name"), rs.getString("hardware_version"),
            rs.getString("software_version"), DeviceKind.valueOf(rs.getString("kind")), rs.getBoolean("kind_overridden"),
            DataModel.valueOf(rs.getString("data_model")), rs.getString("protocol"), rs.getString("protocol_version"),
            Sql.instant(rs, "first_contact"), Sql.instant(rs, "last_contact"), Sql.instant(rs, "last_boot"),
            rs.getString("last_events"), rs.getString("ip_address"), rs.getString("cr_url"),
            rs.getString("cr_udp_address"), rs.getString("parameter_key"), rs.getString("usp_endpoint_id"));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
