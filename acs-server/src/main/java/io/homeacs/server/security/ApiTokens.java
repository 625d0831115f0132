package io.homeacs.server.security;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens for the API. Only SHA-256 hashes are stored; a token acts with its user's current
 * role and stops working when it is revoked, expires, or its user is disabled.
 */
public final class ApiTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    /** Who a valid token speaks for. */
    public record Principal(long userId, String user, long tokenId, Role role) {
    }

    /** A token as the API lists it: never the token itself. */
    public record TokenInfo(long id, String name, String user, Role role, Instant createdAt, Instant expiresAt,
                            boolean revoked) {
    }

    /** A freshly issued token: the secret is shown once. */
    public record Issued(long id, String token, Instant expiresAt) {
    }

    private final Database db;
    private final ApiUsers users;
    private final ConcurrentHashMap<String, Principal> byHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> expiryByHash = new ConcurrentHashMap<>();
    /** Bumped on every change; a lookup that raced with one is not cached, so a revoked token cannot return. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public ApiTokens(Database db) {
        this.db = db;
        this.users = new ApiUsers(db, this::forgetAll);
    }

    public ApiUsers users() {
        return users;
    }

    /** On first start: an admin user and token; the token goes to a file only the server's user can read. */
    public void ensureAdminToken(Path tokenFile, Instant now) {
        ApiUsers.User admin = users.find("admin").orElseGet(() -> users.create("admin", Role.ADMIN, null, now));
        if (Files.exists(tokenFile) && authenticate(read(tokenFile), now).isPresent()) {
            LOG.info("admin API token is in {}", tokenFile);
            return;
        }
        Issued issued = issue(admin.id(), "admin (first start)", null, now);
        try {
            Files.deleteIfExists(tokenFile);
            OwnerOnlyFiles.write(tokenFile, issued.token());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write admin token to " + tokenFile, e);
        }
        LOG.info("created admin API token; it is in {} (readable by this user only)", tokenFile);
    }

    public Issued issue(long userId, String name, Instant expiresAt, Instant now) {
        String token = "acs_" + Passwords.random(40);
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (name, role, token_hash, created_at, "
                + "revoked, user_id, expires_at) SELECT ?, role, ?, ?, FALSE, id, ? FROM api_user WHERE id = ?",
                Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name.length() > 128 ? name.substring(0, 128) : name);
                ps.setString(2, hash(token));
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, expiresAt);
                ps.setLong(5, userId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no user with id " + userId);
                }
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Issued(id, token, expiresAt);
    }

    public Optional<Principal> authenticate(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        String h = hash(token);
        Principal cached = byHash.get(h);
        if (cached != null) {
            Instant exp = expiryByHash.get(h);
            return exp != null && !exp.isAfter(now) ? Optional.empty() : Optional.of(cached);
        }
        long seen = generation.get();
        Optional<Principal> p = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.expires_at, u.id, u.name, u.role FROM api_token t "
                + "JOIN api_user u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked = FALSE AND u.disabled = FALSE")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Principal>empty();
                    }
                    Instant exp = Sql.instant(rs, "expires_at");
                    if (exp != null && !exp.isAfter(now)) {
                        return Optional.<Principal>empty();
                    }
                    if (exp != null) {
                        expiryByHash.put(h, exp);
                    }
                    return Optional.of(new Principal(rs.getLong(3), rs.getString(4), rs.getLong(1), Role.valueOf(rs.getString(5))));
                }
            }
        });
        if (p.isPresent() && generation.get() == seen) {
            byHash.put(h, p.get());
        }
        return p;
    }

    public List<TokenInfo> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.name, u.name, u.role, t.created_at, t.expires_at, "
                + "t.revoked FROM api_token t JOIN api_user u ON u.id = t.user_id ORDER BY t.id");
                 ResultSet rs = ps.executeQuery()) {
                List<TokenInfo> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), rs.getBoolean(7)));
                }
                return out;
            }
        });
    }

    public Optional<TokenInfo> find(long id) {
        return list().stream().filter(t -> t.id() == id).findFirst();
    }

    public boolean revoke(long id) {
        int n = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked = TRUE WHERE id = ? AND revoked = FALSE")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
        forgetAll();
        return n == 1;
    }

    /** Drops tokens revoked or expired more than 30 days ago; the audit log keeps their history. */
    public int purge(Instant now) {
        int n = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE (revoked = TRUE AND created_at < ?) "
                + "OR expires_at < ?")) {
                Sql.setInstant(ps, 1, now.minus(java.time.Duration.ofDays(30)));
                Sql.setInstant(ps, 2, now.minus(java.time.Duration.ofDays(30)));
                return ps.executeUpdate();
            }
        });
        forgetAll();
        return n;
    }

    /** Role changes, disabled users and revocations must bite at once, so every change drops the cache. */
    private void forgetAll() {
        generation.incrementAndGet();
        byHash.clear();
        expiryByHash.clear();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String token) {
        try {
            return Digest.hex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
