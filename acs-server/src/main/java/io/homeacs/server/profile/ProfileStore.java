package io.homeacs.server.profile;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.task.SecretSealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plain SQL for profiles, the per-device outcome of applying them, and where a profile lost. */
final class ProfileStore {
    private final Database db;
    private final ProfileCodec codec;
    private final SecretSealer sealer;

    /** A device's last evaluation: the fingerprint it reached, how it ended, and the secrets it set. */
    record DeviceState(long fingerprint, ProfileStatus status, String detail, Map<String, String> appliedSecrets,
                       Instant evaluatedAt) {
    }

    /** One lost parameter: on this device, path holds the winner's value instead of the loser's. */
    record ConflictRow(long deviceId, String path, long loserId, long winnerId) {
    }

    ProfileStore(Database db, ProfileCodec codec, SecretSealer sealer) {
        this.db = db;
        this.codec = codec;
        this.sealer = sealer;
    }

    Profile insert(Profile.Draft d, String by, Instant now) {
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile (name, description, priority, enabled, "
                + "match_spec, desired, profile_version, created_at, updated_at, updated_by) VALUES (?,?,?,?,?,?,1,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
                bindDraft(ps, d);
                Sql.setInstant(ps, 7, now);
                Sql.setInstant(ps, 8, now);
                ps.setString(9, by);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return find(id).orElseThrow();
    }

    /** Replaces the operator's part and bumps the version; false when the profile is gone. */
    boolean update(long id, Profile.Draft d, String by, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE profile SET name = ?, description = ?, priority = ?, "
                + "enabled = ?, match_spec = ?, desired = ?, profile_version = profile_version + 1, updated_at = ?, "
                + "updated_by = ? WHERE id = ?")) {
                bindDraft(ps, d);
                Sql.setInstant(ps, 7, now);
                ps.setString(8, by);
                ps.setLong(9, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private void bindDraft(PreparedStatement ps, Profile.Draft d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, d.description());
        ps.setInt(3, d.priority());
        ps.setBoolean(4, d.enabled());
        ps.setString(5, Json.write(ProfileCodec.matchJson(d.match())));
        ps.setString(6, Json.write(codec.desiredJson(d.desired(), sealer::seal)));
    }

    boolean delete(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM profile WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<Profile> find(long id) {
        List<Profile> l = profiles("SELECT * FROM profile WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<Profile> list() {
        return profiles("SELECT * FROM profile ORDER BY priority DESC, id");
    }

    private List<Profile> profiles(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Profile> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private Profile map(ResultSet rs) throws SQLException {
        DesiredState sealed = codec.desired(Json.parseObject(rs.getString("desired")), false);
        return new Profile(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getInt("priority"),
            rs.getBoolean("enabled"), codec.match(Json.parseObject(rs.getString("match_spec"))),
            codec.mapSecrets(sealed, sealer::open), rs.getInt("profile_version"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    // ---- per-device state ----

    Optional<DeviceState> state(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, status, detail, applied_secrets, "
                + "evaluated_at FROM profile_device_state WHERE device_id = ?")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Map<String, String> secrets = new LinkedHashMap<>();
                    String json = rs.getString("applied_secrets");
                    if (json != null) {
                        Json.parseObject(json).forEach((k, v) -> secrets.put(k, sealer.open(String.valueOf(v))));
                    }
                    return Optional.of(new DeviceState(Long.parseUnsignedLong(rs.getString("fingerprint"), 16),
                        ProfileStatus.valueOf(rs.getString("status")), rs.getString("detail"), secrets,
                        Sql.instant(rs, "evaluated_at")));
                }
            }
        });
    }

    boolean anyState() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM profile_device_state LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Records how a device's evaluation ended and replaces its conflicts (null: keeps them), in one
     * transaction; returns the conflicts that were not recorded before, the ones worth a log line.
     */
    List<ConflictRow> finish(long deviceId, DeviceState s, List<ConflictRow> conflicts) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        s.appliedSecrets().forEach((k, v) -> sealed.put(k, sealer.seal(v)));
        String detail = s.detail() == null ? null : s.detail().substring(0, Math.min(1024, s.detail().length()));
        return db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM profile_device_state WHERE device_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO profile_device_state (device_id, fingerprint, "
                     + "status, detail, applied_secrets, evaluated_at) VALUES (?,?,?,?,?,?)")) {
                del.setLong(1, deviceId);
                del.executeUpdate();
                ins.setLong(1, deviceId);
                ins.setString(2, Long.toHexString(s.fingerprint()));
                ins.setString(3, s.status().name());
                ins.setString(4, detail);
                ins.setString(5, sealed.isEmpty() ? null : Json.write(sealed));
                Sql.setInstant(ins, 6, s.evaluatedAt());
                ins.executeUpdate();
            }
            return conflicts == null ? List.<ConflictRow>of() : replaceConflicts(c, deviceId, conflicts, s.evaluatedAt());
        });
    }

    private static List<ConflictRow> replaceConflicts(Connection c, long deviceId, List<ConflictRow> now, Instant at)
        throws SQLException {
        Set<String> before = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT path, loser_id FROM profile_conflict WHERE device_id = ?")) {
            ps.setLong(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    before.add(rs.getString(1) + "|" + rs.getLong(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM profile_conflict WHERE device_id = ?")) {
            ps.setLong(1, deviceId);
            ps.executeUpdate();
        }
        List<ConflictRow> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile_conflict (device_id, path, loser_id, "
            + "winner_id, detected_at) VALUES (?,?,?,?,?)")) {
            for (ConflictRow r : now) {
                String k = r.path() + "|" + r.loserId();
                if (!seen.add(k)) {
                    continue;
                }
                if (!before.contains(k)) {
                    fresh.add(r);
                }
                ps.setLong(1, deviceId);
                ps.setString(2, r.path().substring(0, Math.min(512, r.path().length())));
                ps.setLong(3, r.loserId());
                ps.setLong(4, r.winnerId());
                Sql.setInstant(ps, 5, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return fresh;
    }

    /** How many devices the profile lost on, and the first rows of where. */
    Map.Entry<Long, List<Profiles.Lost>> lostBy(long profileId, int limit) {
        return db.withConnection(c -> {
            long count;
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(DISTINCT device_id) FROM profile_conflict WHERE loser_id = ?")) {
                ps.setLong(1, profileId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
            }
            List<Profiles.Lost> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pc.device_id, d.device_key, pc.path, pc.winner_id "
                + "FROM profile_conflict pc JOIN device d ON d.id = pc.device_id WHERE pc.loser_id = ? "
                + "ORDER BY pc.device_id, pc.path LIMIT ?")) {
                ps.setLong(1, profileId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Profiles.Lost(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            return Map.entry(count, rows);
        });
    }

    long conflictCount() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM profile_conflict");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
