package io.homeacs.server.mesh;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.task.SecretSealer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Layouts (secrets sealed), templates, pushes and commissionings in the V16 tables. */
final class MeshStore {
    private final Database db;
    private final SecretSealer sealer;

    record StoredLayout(long subscriberId, int version, MeshLayout layout, String updatedBy, Instant updatedAt) {
    }

    record Commissioning(long id, long subscriberId, Map<String, Object> measurements, Long speedTestRun, String createdBy,
                         Instant createdAt) {
    }

    MeshStore(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    private String sealed(MeshLayout l) {
        Map<String, Object> m = l.toJson(true);
        if (l.passphrase() != null) {
            m.put("passphrase", sealer.seal(l.passphrase()));
        }
        if (l.guest() != null && l.guest().passphrase() != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) m.get("guest");
            g.put("passphrase", sealer.seal(l.guest().passphrase()));
        }
        return Json.write(m);
    }

    @SuppressWarnings("unchecked")
    private MeshLayout opened(String json) {
        Map<String, Object> m = Json.parseObject(json);
        if (m.get("passphrase") instanceof String s) {
            m.put("passphrase", sealer.open(s));
        }
        if (m.get("guest") instanceof Map<?, ?> g && g.get("passphrase") instanceof String s) {
            ((Map<String, Object>) g).put("passphrase", sealer.open(s));
        }
        return MeshLayout.fromJson(m);
    }

    /** Writes a new version of the home's layout; returns it. */
    StoredLayout putLayout(long subscriberId, MeshLayout l, String by, Instant now) {
        return db.inTransaction(c -> {
            int version = 1;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM mesh_layout WHERE subscriber_id = ? FOR UPDATE")) {
                ps.setLong(1, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        version = rs.getInt(1) + 1;
                    }
                }
            }
            String sql = version == 1
                ? "INSERT INTO mesh_layout (version, spec, updated_by, updated_at, subscriber_id) VALUES (?, ?, ?, ?, ?)"
                : "UPDATE mesh_layout SET version = ?, spec = ?, updated_by = ?, updated_at = ? WHERE subscriber_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, version);
                ps.setString(2, sealed(l));
                ps.setString(3, by);
                Sql.setInstant(ps, 4, now);
                ps.setLong(5, subscriberId);
                ps.executeUpdate();
            }
            return new StoredLayout(subscriberId, version, l, by, now);
        });
    }

    Optional<StoredLayout> layout(long subscriberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, spec, updated_by, updated_at FROM mesh_layout WHERE subscriber_id = ?")) {
                ps.setLong(1, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredLayout(subscriberId, rs.getInt(1), opened(rs.getString(2)),
                        rs.getString(3), Sql.instant(rs, "updated_at"))) : Optional.<StoredLayout>empty();
                }
            }
        });
    }

    List<Long> subscribersWithLayouts() {
        return db.withConnection(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM mesh_layout ORDER BY subscriber_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    boolean deleteLayout(long subscriberId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mesh_layout WHERE subscriber_id = ?")) {
                ps.setLong(1, subscriberId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    void putTemplate(String planCode, MeshLayout l, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM mesh_layout_template WHERE plan_code = ?");
                 PreparedStatement ins = c.prepareStatement(
                     "INSERT INTO mesh_layout_template (plan_code, spec, updated_at) VALUES (?, ?, ?)")) {
                del.setString(1, planCode);
                del.executeUpdate();
                ins.setString(1, planCode);
                ins.setString(2, sealed(l));
                Sql.setInstant(ins, 3, now);
                ins.executeUpdate();
            }
            return null;
        });
    }

    Optional<MeshLayout> template(String planCode) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT spec FROM mesh_layout_template WHERE plan_code = ?")) {
                ps.setString(1, planCode);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(opened(rs.getString(1))) : Optional.<MeshLayout>empty();
                }
            }
        });
    }

    long insertPush(long subscriberId, int version, List<Map<String, Object>> nodes, String by, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mesh_push (subscriber_id, layout_version, state, nodes, "
                + "requested_by, created_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, subscriberId);
                ps.setInt(2, version);
                ps.setString(3, Json.write(nodes));
                ps.setString(4, by);
                Sql.setInstant(ps, 5, now);
                Sql.setInstant(ps, 6, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    void updatePush(long id, String state, List<Map<String, Object>> nodes, Instant now, boolean finished) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mesh_push SET state = ?, nodes = ?, updated_at = ?, "
                + "finished_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, Json.write(nodes));
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, finished ? now : null);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<MeshPush> push(long id) {
        return pushes("WHERE id = ?", id, 1).stream().findFirst();
    }

    List<MeshPush> pushesOf(long subscriberId, int limit) {
        return pushes("WHERE subscriber_id = ? ORDER BY id DESC", subscriberId, limit);
    }

    List<MeshPush> running() {
        return pushes("WHERE state = 'running' AND id > ? ORDER BY id", 0, 1000);
    }

    @SuppressWarnings("unchecked")
    private List<MeshPush> pushes(String where, long arg, int limit) {
        return db.withConnection(c -> {
            List<MeshPush> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, subscriber_id, layout_version, state, nodes, requested_by, "
                + "created_at, updated_at, finished_at FROM mesh_push " + where)) {
                ps.setLong(1, arg);
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Map<String, Object>> nodes = new ArrayList<>();
                        for (Object o : (List<Object>) Json.parse(rs.getString("nodes"))) {
                            nodes.add(new LinkedHashMap<>((Map<String, Object>) o));
                        }
                        out.add(new MeshPush(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getInt("layout_version"),
                            rs.getString("state"), nodes, rs.getString("requested_by"), Sql.instant(rs, "created_at"),
                            Sql.instant(rs, "updated_at"), Sql.instant(rs, "finished_at")));
                    }
                }
            }
            return out;
        });
    }

    long insertCommissioning(long subscriberId, Map<String, Object> measurements, Long run, String by, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mesh_commissioning (subscriber_id, measurements, "
                + "speed_test_run, created_by, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, subscriberId);
                ps.setString(2, Json.write(measurements));
                Sql.setNullableLong(ps, 3, run);
                ps.setString(4, by);
                Sql.setInstant(ps, 5, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    Optional<Commissioning> commissioning(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, measurements, speed_test_run, created_by, "
                + "created_at FROM mesh_commissioning WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Commissioning(id, rs.getLong(1), Json.parseObject(rs.getString(2)),
                        Sql.nullableLong(rs, "speed_test_run"), rs.getString(4), Sql.instant(rs, "created_at")))
                        : Optional.<Commissioning>empty();
                }
            }
        });
    }
}
