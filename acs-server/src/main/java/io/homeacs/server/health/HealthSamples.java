package io.homeacs.server.health;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Key values over time, one row per snapshot, dropped after the retention period. */
public final class HealthSamples {
    private final Database db;
    private final Duration retention;

    /** wifiNoiseDbm: the loudest radio's noise floor. */
    public record Sample(Instant takenAt, Double opticalRxDbm, Double opticalTxDbm, String wanStatus, Long uptimeSeconds,
                         Integer hosts, Integer wifiClients, Integer weakWifiClients, Integer wifiNoiseDbm) {
    }

    public HealthSamples(Database db, Duration retention) {
        this.db = db;
        this.retention = retention;
    }

    public void record(HealthSnapshot s) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO health_sample (device_id, taken_at, optical_rx_dbm, "
                + "optical_tx_dbm, wan_status, uptime_seconds, hosts, wifi_clients, weak_wifi_clients, wifi_noise_dbm) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, s.deviceId());
                Sql.setInstant(ps, 2, s.takenAt());
                setDouble(ps, 3, s.opticalRxDbm());
                setDouble(ps, 4, s.opticalTxDbm());
                ps.setString(5, s.wanStatus() == null ? null : s.wanStatus().substring(0, Math.min(32, s.wanStatus().length())));
                if (s.uptimeSeconds() == null) {
                    ps.setNull(6, Types.BIGINT);
                } else {
                    ps.setLong(6, s.uptimeSeconds());
                }
                Sql.setNullableInt(ps, 7, s.hosts());
                Sql.setNullableInt(ps, 8, s.wifi().clients());
                Sql.setNullableInt(ps, 9, s.wifi().weakClients());
                Sql.setNullableInt(ps, 10, s.radios().stream().map(HealthSnapshot.Radio::noiseDbm)
                    .filter(java.util.Objects::nonNull).max(Integer::compare).orElse(null));
                return ps.executeUpdate();
            }
        });
    }

    /** Oldest first within the window, so a trend reads left to right. */
    public List<Sample> of(long deviceId, Instant since, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM health_sample WHERE device_id = ? AND taken_at >= ? "
                + "ORDER BY taken_at LIMIT ?")) {
                ps.setLong(1, deviceId);
                Sql.setInstant(ps, 2, since);
                ps.setInt(3, limit);
                List<Sample> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double rx = rs.getDouble("optical_rx_dbm");
                        Double rxv = rs.wasNull() ? null : rx;
                        double tx = rs.getDouble("optical_tx_dbm");
                        Double txv = rs.wasNull() ? null : tx;
                        long up = rs.getLong("uptime_seconds");
                        Long upv = rs.wasNull() ? null : up;
                        out.add(new Sample(Sql.instant(rs, "taken_at"), rxv, txv, rs.getString("wan_status"), upv,
                            Sql.nullableInt(rs, "hosts"), Sql.nullableInt(rs, "wifi_clients"),
                            Sql.nullableInt(rs, "weak_wifi_clients"), Sql.nullableInt(rs, "wifi_noise_dbm")));
                    }
                }
                return out;
            }
        });
    }

    /** Drops samples older than the retention period; returns how many. */
    public int purge(Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM health_sample WHERE taken_at < ?")) {
                Sql.setInstant(ps, 1, now.minus(retention));
                return ps.executeUpdate();
            }
        });
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws java.sql.SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
