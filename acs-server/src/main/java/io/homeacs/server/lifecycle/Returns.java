package io.homeacs.server.lifecycle;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pre-return checks and counter inspections, as recorded; rows are only ever added. */
public final class Returns {
    private final Database db;

    /** A remote pre-return check. outcome: clean, review or problems; items as reported. */
    public record Check(long id, long deviceId, Long subscriberId, String outcome, List<Object> items, Instant checkedAt,
                        String checkedBy) {
    }

    /** A counter inspection and its verdict; detail holds reasons, accessories, note and the evidence relied on. */
    public record Inspection(long id, long deviceId, Long subscriberId, Ownership ownership, DeviceKind kind,
                             boolean returned, Boolean intact, Boolean working, boolean meetsCondition,
                             BigDecimal compensation, String compensationBasis, boolean released, Long checkId,
                             Map<String, Object> detail, Instant inspectedAt, String inspectedBy) {
    }

    Returns(Database db) {
        this.db = db;
    }

    Check addCheck(long deviceId, Long subscriberId, String outcome, List<Object> items, Instant at, String by) {
        long id = insert("INSERT INTO return_check (device_id, subscriber_id, outcome, items, checked_at, checked_by) "
            + "VALUES (?,?,?,?,?,?)", deviceId, subscriberId, outcome, Json.write(items), at, Equipment.cut(by, 128));
        return new Check(id, deviceId, subscriberId, outcome, items, at, by);
    }

    Inspection addInspection(Inspection i) {
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO return_inspection (device_id, subscriber_id, ownership, "
                + "device_kind, returned, intact, working, meets_condition, compensation, compensation_basis, released, "
                + "check_id, detail, inspected_at, inspected_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"id"})) {
                ps.setLong(1, i.deviceId());
                Sql.setNullableLong(ps, 2, i.subscriberId());
                ps.setString(3, i.ownership().name());
                ps.setString(4, i.kind().apiName());
                ps.setBoolean(5, i.returned());
                setBoolean(ps, 6, i.intact());
                setBoolean(ps, 7, i.working());
                ps.setBoolean(8, i.meetsCondition());
                ps.setBigDecimal(9, i.compensation());
                ps.setString(10, Equipment.cut(i.compensationBasis(), 500));
                ps.setBoolean(11, i.released());
                Sql.setNullableLong(ps, 12, i.checkId());
                ps.setString(13, Json.write(i.detail()));
                Sql.setInstant(ps, 14, i.inspectedAt());
                ps.setString(15, Equipment.cut(i.inspectedBy(), 128));
                ps.executeUpdate();
                return key(ps);
            }
        });
        return new Inspection(id, i.deviceId(), i.subscriberId(), i.ownership(), i.kind(), i.returned(), i.intact(),
            i.working(), i.meetsCondition(), i.compensation(), i.compensationBasis(), i.released(), i.checkId(), i.detail(),
            i.inspectedAt(), i.inspectedBy());
    }

    /** Newest first. */
    List<Check> checks(long deviceId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM return_check WHERE device_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, deviceId);
                ps.setInt(2, limit);
                List<Check> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Check(rs.getLong("id"), deviceId, Sql.nullableLong(rs, "subscriber_id"), rs.getString("outcome"),
                            Json.parse(rs.getString("items")) instanceof List<?> l ? List.copyOf(l) : List.of(),
                            Sql.instant(rs, "checked_at"), rs.getString("checked_by")));
                    }
                }
                return out;
            }
        });
    }

    /** Newest first. */
    List<Inspection> inspections(long deviceId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM return_inspection WHERE device_id = ? "
                + "ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, deviceId);
                ps.setInt(2, limit);
                List<Inspection> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Inspection(rs.getLong("id"), deviceId, Sql.nullableLong(rs, "subscriber_id"),
                            Ownership.valueOf(rs.getString("ownership")), DeviceKind.parse(rs.getString("device_kind")),
                            rs.getBoolean("returned"), nullableBoolean(rs, "intact"), nullableBoolean(rs, "working"),
                            rs.getBoolean("meets_condition"), rs.getBigDecimal("compensation"),
                            rs.getString("compensation_basis"), rs.getBoolean("released"), Sql.nullableLong(rs, "check_id"),
                            Json.parseObject(rs.getString("detail")), Sql.instant(rs, "inspected_at"),
                            rs.getString("inspected_by")));
                    }
                }
                return out;
            }
        });
    }

    private long insert(String sql, long deviceId, Long subscriberId, String outcome, String items, Instant at, String by) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                ps.setLong(1, deviceId);
                Sql.setNullableLong(ps, 2, subscriberId);
                ps.setString(3, outcome);
                ps.setString(4, items);
                Sql.setInstant(ps, 5, at);
                ps.setString(6, by);
                ps.executeUpdate();
                return key(ps);
            }
        });
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }

    private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
