package io.homeacs.server.security;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** People and systems that use the API. Passwords are kept only as PBKDF2 hashes. */
public final class ApiUsers {
    private final Database db;
    private final Runnable onChange;

    /** A user as the API shows it: never the password or its hash. */
    public record User(long id, String name, Role role, boolean disabled, boolean hasPassword, Instant createdAt) {
    }

    ApiUsers(Database db, Runnable onChange) {
        this.db = db;
        this.onChange = onChange;
    }

    public User create(String name, Role role, String password, Instant now) {
        validateName(name);
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("user '" + name + "' already exists");
        }
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_user (name, role, password_hash, disabled, "
                + "created_at) VALUES (?,?,?,FALSE,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, role.name());
                ps.setString(3, password == null ? null : PasswordHash.hash(checked(password)));
                Sql.setInstant(ps, 4, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new User(id, name, role, false, password != null, now);
    }

    /** Changes role, password or disabled state; null leaves a field as it is. */
    public User update(String name, Role role, String password, Boolean disabled) {
        User u = find(name).orElseThrow(() -> new IllegalArgumentException("no user '" + name + "'"));
        Role newRole = role == null ? u.role() : role;
        boolean newDisabled = disabled == null ? u.disabled() : disabled;
        boolean removesAnAdmin = u.role() == Role.ADMIN && !u.disabled() && (newRole != Role.ADMIN || newDisabled);
        String hash = password == null ? null : PasswordHash.hash(checked(password));
        int changed = db.withConnection(c -> {
            // The guard sits in the UPDATE itself, so two admins demoting each other at once cannot
            // both succeed and leave nobody able to administer the ACS.
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_user SET role = ?, password_hash = "
                + "COALESCE(?, password_hash), disabled = ? WHERE id = ? AND (? = FALSE OR (SELECT COUNT(*) FROM api_user "
                + "WHERE role = 'ADMIN' AND disabled = FALSE AND id <> ?) > 0)")) {
                ps.setString(1, newRole.name());
                ps.setString(2, hash);
                ps.setBoolean(3, newDisabled);
                ps.setLong(4, u.id());
                ps.setBoolean(5, removesAnAdmin);
                ps.setLong(6, u.id());
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new LastAdminException();
        }
        onChange.run();
        return find(name).orElseThrow();
    }

    public Optional<User> find(String name) {
        List<User> l = query("SELECT id, name, role, disabled, password_hash IS NOT NULL AS has_pw, created_at "
            + "FROM api_user WHERE name = ?", name);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<User> list() {
        return query("SELECT id, name, role, disabled, password_hash IS NOT NULL AS has_pw, created_at FROM api_user ORDER BY id");
    }

    /** The user if the name and password match an enabled account; the work factor is paid either way. */
    public Optional<User> checkPassword(String name, String password) {
        String stored = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM api_user WHERE name = ? AND disabled = FALSE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        boolean ok = PasswordHash.verify(password, stored == null ? DUMMY_HASH : stored) && stored != null;
        return ok ? find(name) : Optional.empty();
    }

    /** Compared against when the user does not exist, so a wrong name costs as much as a wrong password. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such user");

    private List<User> query(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<User> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
            rs.getBoolean("disabled"), rs.getBoolean("has_pw"), Sql.instant(rs, "created_at"));
    }

    /** Refused: the change would leave no enabled admin. */
    public static final class LastAdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LastAdminException() {
            super("this would leave no enabled admin; create or enable another admin first");
        }
    }

    private static void validateName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new IllegalArgumentException("user names are 1-128 letters, digits and . _ @ -");
        }
    }

    private static String checked(String password) {
        if (password.length() < 12) {
            throw new IllegalArgumentException("passwords must have at least 12 characters");
        }
        return password;
    }
}
