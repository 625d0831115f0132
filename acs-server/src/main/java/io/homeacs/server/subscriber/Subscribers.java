package io.homeacs.server.subscriber;

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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Subscribers, their plans and settings. Secret settings are sealed before they are stored. */
public final class Subscribers {
    private final Database db;
    private final SecretSealer sealer;
    private final ServicePlans plans;

    /** What the API may change on a subscriber; null fields stay as they are. */
    public record Changes(String name, String address, String phone, Subscriber.AccountType accountType,
                          List<String> planCodes, Map<String, String> settings) {
    }

    public Subscribers(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
        this.plans = new ServicePlans(db);
    }

    public ServicePlans plans() {
        return plans;
    }

    public Subscriber create(String account, Changes c, Instant now) {
        if (account == null || !account.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("account must be 1-64 letters, digits or . _ : -");
        }
        if (c.name() == null || c.name().isBlank() || c.address() == null || c.address().isBlank()) {
            throw new IllegalArgumentException("a subscriber needs a name and an address");
        }
        checkLengths(c);
        List<ServicePlan> chosen = plans.byCodes(c.planCodes() == null ? List.of() : c.planCodes());
        long id = db.inTransaction(conn -> {
            if (findByAccount(conn, account).isPresent()) {
                throw new Conflict("account " + account + " already exists");
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO subscriber (account, name, address, phone, "
                + "account_type, settings, suspended, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, account);
                ps.setString(2, c.name().trim());
                ps.setString(3, c.address().trim());
                ps.setString(4, c.phone());
                ps.setString(5, (c.accountType() == null ? Subscriber.AccountType.RESIDENTIAL : c.accountType()).name());
                ps.setString(6, Json.write(seal(merge(Map.of(), c.settings()))));
                ps.setString(7, "");
                Sql.setInstant(ps, 8, now);
                Sql.setInstant(ps, 9, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    long newId = rs.getLong(1);
                    setPlans(conn, newId, chosen);
                    return newId;
                }
            }
        });
        return find(id).orElseThrow();
    }

    public Subscriber update(long id, Changes c, Instant now) {
        checkLengths(c);
        if (c.name() != null && c.name().isBlank() || c.address() != null && c.address().isBlank()) {
            throw new IllegalArgumentException("name and address cannot be blank");
        }
        List<ServicePlan> chosen = c.planCodes() == null ? null : plans.byCodes(c.planCodes());
        db.inTransaction(conn -> {
            Subscriber s = find(conn, id).orElseThrow(() -> new NotFound("subscriber " + id));
            try (PreparedStatement ps = conn.prepareStatement("UPDATE subscriber SET name = ?, address = ?, phone = ?, "
                + "account_type = ?, settings = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, c.name() == null ? s.name() : c.name().trim());
                ps.setString(2, c.address() == null ? s.address() : c.address().trim());
                ps.setString(3, c.phone() == null ? s.phone() : c.phone());
                ps.setString(4, (c.accountType() == null ? s.accountType() : c.accountType()).name());
                ps.setString(5, Json.write(seal(merge(s.settings(), c.settings()))));
                Sql.setInstant(ps, 6, now);
                ps.setLong(7, id);
                ps.executeUpdate();
            }
            if (chosen != null) {
                setPlans(conn, id, chosen);
            }
            return null;
        });
        return find(id).orElseThrow();
    }

    private static void checkLengths(Changes c) {
        Limits.check("name", c.name(), 200);
        Limits.check("address", c.address(), 500);
        Limits.check("phone", c.phone(), 64);
    }

    /** Records the subscriber's suspended services; returns false if it did not exist. */
    public boolean setSuspended(long id, Set<ServiceKind> suspended, Instant now) {
        String text = suspended.stream().sorted().map(ServiceKind::apiName).collect(Collectors.joining(","));
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET suspended = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, text);
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The plain value of a setting, secrets opened: only for pushing it to a device. */
    public String plainSetting(Subscriber s, String key) {
        String v = s.setting(key);
        return v != null && ServiceSettings.SECRET_KEYS.contains(key) ? sealer.open(v) : v;
    }

    public Optional<Subscriber> find(long id) {
        return db.withConnection(c -> find(c, id));
    }

    public Optional<Subscriber> findByAccount(String account) {
        return db.withConnection(c -> findByAccount(c, account));
    }

    /** Substring of account, name, address or phone (case-insensitive); newest first. */
    public List<Subscriber> search(String q, int offset, int limit) {
        return db.withConnection(c -> {
            String where = q == null || q.isBlank() ? "" : " WHERE LOWER(account) LIKE ? OR LOWER(name) LIKE ? "
                + "OR LOWER(address) LIKE ? OR phone LIKE ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM subscriber" + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                if (!where.isEmpty()) {
                    String like = "%" + q.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
                    for (; i <= 4; i++) {
                        ps.setString(i, like);
                    }
                }
                ps.setInt(i, limit);
                ps.setInt(i + 1, offset);
                return list(c, ps);
            }
        });
    }

    private Optional<Subscriber> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM subscriber WHERE id = ?")) {
            ps.setLong(1, id);
            return list(c, ps).stream().findFirst();
        }
    }

    private Optional<Subscriber> findByAccount(Connection c, String account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM subscriber WHERE account = ?")) {
            ps.setString(1, account);
            return list(c, ps).stream().findFirst();
        }
    }

    private List<Subscriber> list(Connection c, PreparedStatement ps) throws SQLException {
        List<Subscriber> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(c, rs));
            }
        }
        return out;
    }

    private Subscriber map(Connection c, ResultSet rs) throws SQLException {
        Map<String, String> settings = new TreeMap<>();
        Json.parseObject(rs.getString("settings")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        Set<ServiceKind> suspended = EnumSet.noneOf(ServiceKind.class);
        for (String s : rs.getString("suspended").split(",")) {
            if (!s.isEmpty()) {
                suspended.add(ServiceKind.parse(s));
            }
        }
        long id = rs.getLong("id");
        return new Subscriber(id, rs.getString("account"), rs.getString("name"), rs.getString("address"),
            rs.getString("phone"), Subscriber.AccountType.valueOf(rs.getString("account_type")), settings, suspended,
            plans.ofSubscriber(c, id), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private static void setPlans(Connection c, long subscriberId, List<ServicePlan> chosen) throws SQLException {
        long broadband = chosen.stream().filter(p -> p.downMbps() != null).count();
        if (broadband > 1) {
            throw new IllegalArgumentException("a subscriber can have only one plan with broadband");
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM subscriber_plan WHERE subscriber_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO subscriber_plan (subscriber_id, plan_id) VALUES (?,?)")) {
            del.setLong(1, subscriberId);
            del.executeUpdate();
            for (ServicePlan p : chosen) {
                ins.setLong(1, subscriberId);
                ins.setLong(2, p.id());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static Map<String, String> merge(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> out = new LinkedHashMap<>(current);
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Seals new secret values; values already sealed (carried over from the stored row) stay as they are. */
    private Map<String, Object> seal(Map<String, String> settings) {
        Map<String, Object> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, ServiceSettings.SECRET_KEYS.contains(k) && sealer.open(v).equals(v)
            ? sealer.seal(v) : v));
        return out;
    }
}
