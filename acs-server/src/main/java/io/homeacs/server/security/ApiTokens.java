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
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bearer tokens for the northbound API; only SHA-256 hashes are stored. */
public final class ApiTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    public enum Role { ADMIN, SUPPORT, INSTALLER, VIEWER }

    /** Who a valid token belongs to. */
    public record Principal(long tokenId, String name, Role role) {
    }

    private final Database db;
    private final ConcurrentHashMap<String, Principal> byHash = new ConcurrentHashMap<>();

    public ApiTokens(Database db) {
        this.db = db;
    }

    /** On first start: create an admin token and write it to a file only the server's user can read. */
    public void ensureAdminToken(Path tokenFile, Instant now) {
        long tokens = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_token WHERE revoked = FALSE");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (tokens > 0 && Files.exists(tokenFile)) {
            LOG.info("admin API token is in {}", tokenFile);
            return;
        }
        String token = "acs_" + Passwords.random(40);
        create("admin", Role.ADMIN, token, now);
        try {
            Files.deleteIfExists(tokenFile);
            OwnerOnlyFiles.write(tokenFile, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write admin token to " + tokenFile, e);
        }
        LOG.info("created admin API token; it is in {} (readable by this user only)", tokenFile);
    }

    public void create(String name, Role role, String token, Instant now) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (name, role, token_hash, created_at, revoked) VALUES (?,?,?,?,FALSE)")) {
                ps.setString(1, name);
                ps.setString(2, role.name());
                ps.setString(3, hash(token));
                Sql.setInstant(ps, 4, now);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        String h = hash(token);
        Principal cached = byHash.get(h);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Principal> p = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, role FROM api_token WHERE token_hash = ? AND revoked = FALSE")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Principal(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                        : Optional.<Principal>empty();
                }
            }
        });
        p.ifPresent(v -> byHash.put(h, v));
        return p;
    }

    private static String hash(String token) {
        try {
            return Digest.hex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
