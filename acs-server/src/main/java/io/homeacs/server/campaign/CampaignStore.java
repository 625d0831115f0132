package io.homeacs.server.campaign;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The campaign and campaign_wave tables; the per-device rows are {@link DeviceRows}. */
final class CampaignStore {
    private final Database db;

    CampaignStore(Database db) {
        this.db = db;
    }

    /** One target: the device, its software version now, and the catalogue image of that version (null if none). */
    record Target(long deviceId, String previousVersion, Long previousImageId) {
    }

    /** Writes the campaign, its waves and every device row in one transaction. */
    long insert(String name, long imageId, String targetVersion, Map<String, Object> query, CampaignPlan plan,
                String createdBy, Instant now, java.util.function.LongFunction<List<List<Target>>> waves) {
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (name, image_id, target_version, query, plan, "
                + "state, current_wave, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setLong(2, imageId);
                ps.setString(3, targetVersion);
                ps.setString(4, Json.write(query));
                ps.setString(5, Json.write(plan.toJson()));
                ps.setString(6, CampaignState.RUNNING.name());
                ps.setInt(7, 0);
                ps.setString(8, createdBy);
                Sql.setInstant(ps, 9, now);
                Sql.setInstant(ps, 10, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            List<List<Target>> planned = waves.apply(id);
            try (PreparedStatement w = c.prepareStatement("INSERT INTO campaign_wave (campaign_id, wave, size, state) VALUES (?,?,?,?)");
                 PreparedStatement d = c.prepareStatement("INSERT INTO campaign_device (campaign_id, device_id, wave, step, state, "
                     + "image_id, target_version, previous_version, previous_image_id, updated_at) VALUES (?,?,?,0,?,?,?,?,?,?)")) {
                int batched = 0;
                for (int i = 0; i < planned.size(); i++) {
                    w.setLong(1, id);
                    w.setInt(2, i);
                    w.setInt(3, planned.get(i).size());
                    w.setString(4, WaveState.WAITING.name());
                    w.addBatch();
                    for (Target t : planned.get(i)) {
                        d.setLong(1, id);
                        d.setLong(2, t.deviceId());
                        d.setInt(3, i);
                        d.setString(4, DeviceState.PENDING.name());
                        d.setLong(5, imageId);
                        d.setString(6, targetVersion);
                        d.setString(7, t.previousVersion());
                        Sql.setNullableLong(d, 8, t.previousImageId());
                        Sql.setInstant(d, 9, now);
                        d.addBatch();
                        if (++batched % 1000 == 0) {
                            d.executeBatch();
                        }
                    }
                }
                w.executeBatch();
                d.executeBatch();
            }
            return id;
        });
    }

    Optional<Campaign> find(long id) {
        List<Campaign> l = query("SELECT * FROM campaign WHERE id = ?", ps -> ps.setLong(1, id));
        return l.stream().findFirst();
    }

    List<Campaign> list(int limit) {
        return query("SELECT * FROM campaign ORDER BY id DESC LIMIT " + Math.max(1, limit), ps -> { });
    }

    List<Campaign> inState(CampaignState state) {
        return query("SELECT * FROM campaign WHERE state = ? ORDER BY id", ps -> ps.setString(1, state.name()));
    }

    /** Moves the campaign from one state to another; false when it was not in {@code from}. */
    boolean move(long id, CampaignState from, CampaignState to, String reason, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET state = ?, state_reason = ?, updated_at = ?, "
                + "finished_at = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, reason == null ? null : cut(reason, 2000));
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, to.over() ? now : null);
                ps.setLong(5, id);
                ps.setString(6, from.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean advanceWave(long id, int from, int to, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET current_wave = ?, updated_at = ? "
                + "WHERE id = ? AND current_wave = ?")) {
                ps.setInt(1, to);
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, id);
                ps.setInt(4, from);
                return ps.executeUpdate() == 1;
            }
        });
    }

    List<Campaign.Wave> waves(long id) {
        return db.withConnection(c -> {
            List<Campaign.Wave> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM campaign_wave WHERE campaign_id = ? ORDER BY wave")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Campaign.Wave(rs.getInt("wave"), rs.getInt("size"), WaveState.valueOf(rs.getString("state")),
                            Sql.instant(rs, "notice_at"), Sql.instant(rs, "opened_at"), Sql.instant(rs, "closed_at"),
                            rs.getInt("accepted_failures")));
                    }
                }
            }
            return out;
        });
    }

    /** Moves a wave; column (notice_at, opened_at or closed_at, or null) is stamped with now. */
    static boolean moveWave(Connection c, long id, int wave, WaveState from, WaveState to, String column, Instant now)
        throws SQLException {
        String stamp = column == null ? "" : ", " + column + " = ?";
        try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_wave SET state = ?" + stamp
            + " WHERE campaign_id = ? AND wave = ? AND state = ?")) {
            int i = 1;
            ps.setString(i++, to.name());
            if (column != null) {
                Sql.setInstant(ps, i++, now);
            }
            ps.setLong(i++, id);
            ps.setInt(i++, wave);
            ps.setString(i, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    boolean moveWave(long id, int wave, WaveState from, WaveState to, String column, Instant now) {
        return db.inTransaction(c -> moveWave(c, id, wave, from, to, column, now));
    }

    /** A halted wave opens again; its failures so far no longer count against its threshold. */
    boolean acceptFailures(long id, int wave, int failures) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_wave SET state = 'OPEN', accepted_failures = ? "
                + "WHERE campaign_id = ? AND wave = ? AND state = 'HALTED'")) {
                ps.setInt(1, failures);
                ps.setLong(2, id);
                ps.setInt(3, wave);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Campaigns that are not running but have rollbacks waiting to be sent. */
    List<Long> withRollbacks() {
        return db.withConnection(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT campaign_id FROM campaign_device "
                + "WHERE state = 'NOTIFIED' AND step > 0")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Devices per wave and state. */
    Map<Integer, Map<DeviceState, Integer>> counts(long id) {
        return db.withConnection(c -> {
            Map<Integer, Map<DeviceState, Integer>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT wave, state, COUNT(*) FROM campaign_device "
                + "WHERE campaign_id = ? GROUP BY wave, state")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getInt(1), w -> new EnumMap<>(DeviceState.class))
                            .put(DeviceState.valueOf(rs.getString(2)), rs.getInt(3));
                    }
                }
            }
            return out;
        });
    }

    /** Failure reasons of a wave (failed, timed out, skipped) with how many devices each. */
    Map<String, Integer> reasons(long id, int wave) {
        return db.withConnection(c -> {
            Map<String, Integer> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT state, reason, COUNT(*) AS n FROM campaign_device "
                + "WHERE campaign_id = ? AND wave = ? AND state IN ('FAILED','TIMED_OUT','SKIPPED') "
                + "GROUP BY state, reason ORDER BY n DESC, state, reason")) {
                ps.setLong(1, id);
                ps.setInt(2, wave);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT) + ": " + rs.getString(2), rs.getInt(3));
                    }
                }
            }
            return out;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Campaign> query(String sql, Binder binder) {
        return db.withConnection(c -> {
            List<Campaign> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Campaign read(ResultSet rs) throws SQLException {
        CampaignPlan fallback = new CampaignPlan(CampaignPlan.DEFAULT_WAVES, null, java.time.Duration.ZERO, 1, 100, -1,
            java.time.Duration.ofHours(1), ZoneId.of("UTC"));
        return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getLong("image_id"), rs.getString("target_version"),
            Json.parseObject(rs.getString("query")), CampaignPlan.fromJson(Json.parseObject(rs.getString("plan")), fallback),
            CampaignState.valueOf(rs.getString("state")), rs.getString("state_reason"), rs.getInt("current_wave"),
            rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
            Sql.instant(rs, "finished_at"));
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
