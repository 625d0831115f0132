package io.homeacs.server.campaign;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The campaign_device table. Every state change is {@code UPDATE … WHERE step = ? AND state IN (…)},
 * so a late outcome of an earlier step, or two writers, cannot move a row twice.
 */
final class DeviceRows {
    private static final String IN_FLIGHT = "('SCHEDULED','SENT','INSTALLED')";
    private static final Set<String> STAMPS = Set.of("installed_at", "version_seen_at");
    private final Database db;

    DeviceRows(Database db) {
        this.db = db;
    }

    /** A device of a wave about to be noticed, with what the notice needs to know of its subscriber. */
    record Noticed(long deviceId, boolean enterprise) {
    }

    /** When a device's notice ends and the zone its window is read in. */
    record Notice(long deviceId, String zone, Instant notBefore) {
    }

    /** A row of the notice list. */
    record NoticeRow(long deviceId, String serialNumber, String deviceKey, String subscriberAccount, String subscriberName,
                      String address, String phone, String zone, Instant notBefore) {
    }

    List<Noticed> pending(long campaignId, int wave) {
        return db.withConnection(c -> {
            List<Noticed> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cd.device_id, s.account_type FROM campaign_device cd "
                + "LEFT JOIN device d ON d.id = cd.device_id LEFT JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE cd.campaign_id = ? AND cd.wave = ? AND cd.state = 'PENDING' ORDER BY cd.device_id")) {
                ps.setLong(1, campaignId);
                ps.setInt(2, wave);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Noticed(rs.getLong(1), "ENTERPRISE".equals(rs.getString(2))));
                    }
                }
            }
            return out;
        });
    }

    /** Publishes a wave's notice: its pending rows become notified with their notice end, in one transaction with the wave. */
    boolean publish(long campaignId, int wave, List<Notice> notices, Instant now) {
        return db.inTransaction(c -> {
            if (!CampaignStore.moveWave(c, campaignId, wave, WaveState.WAITING, WaveState.NOTICED, "notice_at", now)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_device SET state = 'NOTIFIED', zone = ?, "
                + "not_before = ?, updated_at = ? WHERE campaign_id = ? AND device_id = ? AND state = 'PENDING'")) {
                int n = 0;
                for (Notice x : notices) {
                    ps.setString(1, x.zone());
                    Sql.setInstant(ps, 2, x.notBefore());
                    Sql.setInstant(ps, 3, now);
                    ps.setLong(4, campaignId);
                    ps.setLong(5, x.deviceId());
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** Notified rows whose notice has run out: the current wave's, and rollbacks of any wave (those first). */
    List<Campaign.Device> due(long campaignId, int wave, Instant now, int limit) {
        return select("WHERE campaign_id = ? AND state = 'NOTIFIED' AND not_before <= ? AND (wave = ? OR step > 0) "
            + "ORDER BY step DESC, device_id LIMIT " + limit, ps -> {
                ps.setLong(1, campaignId);
                Sql.setInstant(ps, 2, now);
                ps.setInt(3, wave);
            });
    }

    int inFlight(long campaignId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM campaign_device WHERE campaign_id = ? "
                + "AND state IN " + IN_FLIGHT)) {
                ps.setLong(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** notified → scheduled, before the download task is queued; claimed_at finds it again after a crash. */
    boolean claim(Campaign.Device d, Instant deadline, Instant now) {
        return update("state = 'SCHEDULED', claimed_at = ?, deadline_at = ?, task_id = NULL, installed_at = NULL, "
            + "version_seen_at = NULL, reason = NULL, fault_code = NULL", d.campaignId(), d.deviceId(), d.step(),
            Set.of(DeviceState.NOTIFIED), now, ps -> {
                Sql.setInstant(ps, 1, now);
                Sql.setInstant(ps, 2, deadline);
                return 3;
            });
    }

    boolean attachTask(Campaign.Device d, long taskId, Instant now) {
        return update("task_id = ?", d.campaignId(), d.deviceId(), d.step(), Set.of(DeviceState.SCHEDULED), now, ps -> {
            ps.setLong(1, taskId);
            return 2;
        });
    }

    /** A state change with an optional reason and fault code; stamp (installed_at, version_seen_at) is set to now. */
    boolean move(Campaign.Device d, Set<DeviceState> from, DeviceState to, String reason, Integer faultCode, String stamp,
                 Instant now) {
        if (stamp != null && !STAMPS.contains(stamp)) {
            throw new IllegalArgumentException(stamp);
        }
        String extra = stamp == null ? "" : ", " + stamp + " = ?";
        return update("state = ?, reason = ?, fault_code = ?" + extra, d.campaignId(), d.deviceId(), d.step(), from, now, ps -> {
            ps.setString(1, to.name());
            ps.setString(2, reason == null ? null : CampaignStore.cut(reason, 1000));
            Sql.setNullableInt(ps, 3, faultCode);
            if (stamp != null) {
                Sql.setInstant(ps, 4, now);
                return 5;
            }
            return 4;
        });
    }

    /** Records that the device is back with the step's version without changing its state. */
    boolean versionSeen(Campaign.Device d, Instant now) {
        return update("version_seen_at = ?", d.campaignId(), d.deviceId(), d.step(), Set.of(DeviceState.SCHEDULED,
            DeviceState.SENT), now, ps -> {
                Sql.setInstant(ps, 1, now);
                return 2;
            });
    }

    /** A new step: install {@code imageId} (the previous image) on the device, from a settled row. */
    boolean startRollback(Campaign.Device d, long imageId, String version, Instant now) {
        return update("step = step + 1, state = 'NOTIFIED', image_id = ?, target_version = ?, not_before = ?, task_id = NULL, "
            + "claimed_at = NULL, deadline_at = NULL, installed_at = NULL, version_seen_at = NULL, reason = NULL, "
            + "fault_code = NULL", d.campaignId(), d.deviceId(), d.step(), Set.of(DeviceState.SUCCEEDED, DeviceState.INSTALLED,
            DeviceState.FAILED, DeviceState.TIMED_OUT), now, ps -> {
                ps.setLong(1, imageId);
                ps.setString(2, version);
                Sql.setInstant(ps, 3, now);
                return 4;
            });
    }

    Optional<Campaign.Device> find(long campaignId, long deviceId) {
        return select("WHERE campaign_id = ? AND device_id = ?", ps -> {
            ps.setLong(1, campaignId);
            ps.setLong(2, deviceId);
        }).stream().findFirst();
    }

    Optional<Campaign.Device> byTask(long taskId) {
        return select("WHERE task_id = ?", ps -> ps.setLong(1, taskId)).stream().findFirst();
    }

    /** In-flight rows of campaigns that are not over, for the check-in watch and the reconciler. */
    List<Campaign.Device> inFlightRows() {
        return select("WHERE state IN " + IN_FLIGHT, ps -> { });
    }

    List<Campaign.Device> overdue(Instant now, int limit) {
        return select("WHERE state IN " + IN_FLIGHT + " AND deadline_at < ? ORDER BY deadline_at LIMIT " + limit,
            ps -> Sql.setInstant(ps, 1, now));
    }

    /** A page of a campaign's devices, optionally of one state and wave, after a device id. */
    List<Campaign.Device> list(long campaignId, DeviceState state, Integer wave, long afterDeviceId, int limit) {
        return select("WHERE campaign_id = ? AND device_id > ?" + (state == null ? "" : " AND state = ?")
            + (wave == null ? "" : " AND wave = ?") + " ORDER BY device_id LIMIT " + limit, ps -> {
                int i = 1;
                ps.setLong(i++, campaignId);
                ps.setLong(i++, afterDeviceId);
                if (state != null) {
                    ps.setString(i++, state.name());
                }
                if (wave != null) {
                    ps.setInt(i, wave);
                }
            });
    }

    /** Every row not yet touched becomes cancelled. */
    int cancelUntouched(long campaignId, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_device SET state = 'CANCELLED', reason = ?, "
                + "updated_at = ? WHERE campaign_id = ? AND state IN ('PENDING','NOTIFIED')")) {
                ps.setString(1, "campaign cancelled");
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, campaignId);
                return ps.executeUpdate();
            }
        });
    }

    List<NoticeRow> notice(long campaignId, int wave) {
        return db.withConnection(c -> {
            List<NoticeRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cd.device_id, d.serial_number, d.device_key, s.account, "
                + "s.name, s.address, s.phone, cd.zone, cd.not_before FROM campaign_device cd "
                + "LEFT JOIN device d ON d.id = cd.device_id LEFT JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE cd.campaign_id = ? AND cd.wave = ? AND cd.not_before IS NOT NULL ORDER BY cd.device_id")) {
                ps.setLong(1, campaignId);
                ps.setInt(2, wave);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NoticeRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), Sql.instant(rs, "not_before")));
                    }
                }
            }
            return out;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Binds the SET clause's values and returns the next parameter index. */
    private interface SetBinder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(String set, long campaignId, long deviceId, int step, Set<DeviceState> from, Instant now,
                           SetBinder binder) {
        StringJoiner states = new StringJoiner(",", "(", ")");
        from.forEach(s -> states.add("'" + s.name() + "'"));
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_device SET " + set + ", updated_at = ? "
                + "WHERE campaign_id = ? AND device_id = ? AND step = ? AND state IN " + states)) {
                int i = binder.bind(ps);
                Sql.setInstant(ps, i++, now);
                ps.setLong(i++, campaignId);
                ps.setLong(i++, deviceId);
                ps.setInt(i, step);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<Campaign.Device> select(String where, Binder binder) {
        return db.withConnection(c -> {
            List<Campaign.Device> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM campaign_device " + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Campaign.Device(rs.getLong("campaign_id"), rs.getLong("device_id"), rs.getInt("wave"),
                            rs.getInt("step"), DeviceState.valueOf(rs.getString("state")), rs.getString("reason"),
                            Sql.nullableInt(rs, "fault_code"), rs.getLong("image_id"), rs.getString("target_version"),
                            rs.getString("previous_version"), Sql.nullableLong(rs, "previous_image_id"), rs.getString("zone"),
                            Sql.instant(rs, "not_before"), Sql.nullableLong(rs, "task_id"), Sql.instant(rs, "claimed_at"),
                            Sql.instant(rs, "deadline_at"), Sql.instant(rs, "installed_at"), Sql.instant(rs, "version_seen_at"),
                            Sql.instant(rs, "updated_at")));
                    }
                }
            }
            return out;
        });
    }
}
