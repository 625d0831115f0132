package io.homeacs.server.subscriber;

import io.homeacs.server.json.Json;
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
import java.util.TreeMap;

/** The operator's catalogue of service plans. */
public final class ServicePlans {
    private final Database db;

    ServicePlans(Database db) {
        this.db = db;
    }

    public ServicePlan create(String code, String name, Integer downMbps, Integer upMbps, boolean iptv, boolean voip,
                              boolean mesh, Map<String, String> defaults, Instant now) {
        if (code == null || !code.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("code must be 1-64 letters, digits or . _ : -");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a plan needs a name");
        }
        Limits.check("name", name, 200);
        if ((downMbps == null) != (upMbps == null) || downMbps != null && (downMbps < 1 || upMbps < 1)) {
            throw new IllegalArgumentException("broadband needs both downMbps and upMbps, each at least 1");
        }
        if (downMbps == null && !iptv && !voip && !mesh) {
            throw new IllegalArgumentException("a plan must include at least one service");
        }
        if (find(code).isPresent()) {
            throw new Conflict("plan " + code + " already exists");
        }
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_plan (code, name, down_mbps, up_mbps, "
                + "iptv, voip, mesh, defaults, created_at) VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, code);
                ps.setString(2, name.trim());
                Sql.setNullableInt(ps, 3, downMbps);
                Sql.setNullableInt(ps, 4, upMbps);
                ps.setBoolean(5, iptv);
                ps.setBoolean(6, voip);
                ps.setBoolean(7, mesh);
                ps.setString(8, Json.write(new TreeMap<>(defaults)));
                Sql.setInstant(ps, 9, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return list().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    public List<ServicePlan> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM service_plan ORDER BY code")) {
                return read(ps);
            }
        });
    }

    public Optional<ServicePlan> find(String code) {
        return list().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The plans with these codes, in the given order; an unknown code is an error. */
    List<ServicePlan> byCodes(List<String> codes) {
        List<ServicePlan> all = list();
        List<ServicePlan> out = new ArrayList<>();
        for (String code : codes) {
            out.add(all.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown plan '" + code + "'")));
        }
        return out;
    }

    List<ServicePlan> ofSubscriber(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.* FROM service_plan p JOIN subscriber_plan s "
            + "ON s.plan_id = p.id WHERE s.subscriber_id = ? ORDER BY p.code")) {
            ps.setLong(1, subscriberId);
            return read(ps);
        }
    }

    private static List<ServicePlan> read(PreparedStatement ps) throws SQLException {
        List<ServicePlan> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, String> defaults = new TreeMap<>();
                Json.parseObject(rs.getString("defaults")).forEach((k, v) -> defaults.put(k, String.valueOf(v)));
                out.add(new ServicePlan(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                    Sql.nullableInt(rs, "down_mbps"), Sql.nullableInt(rs, "up_mbps"), rs.getBoolean("iptv"),
                    rs.getBoolean("voip"), rs.getBoolean("mesh"), defaults, Sql.instant(rs, "created_at")));
            }
        }
        return out;
    }
}
