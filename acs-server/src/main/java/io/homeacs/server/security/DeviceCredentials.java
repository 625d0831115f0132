package io.homeacs.server.security;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-device credentials. New credentials are first stored as pending and become active only
 * once the device has acknowledged them, so a device that never received its new password is
 * not locked out; until then both the old and the pending ones are accepted.
 */
public final class DeviceCredentials {
    private final Database db;
    private final SecretBox box;
    private final String realm;
    private final ConcurrentHashMap<String, Login> byUsername = new ConcurrentHashMap<>();
    /** Bumped by every credential change, so a lookup that raced with a change is not cached. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A username the ACS knows: which device it belongs to and the digest HA1s to check it against —
     * the active one and, while new credentials await acknowledgement, the pending one (either may be null).
     */
    public record Login(long deviceId, String username, String ha1, String pendingHa1) {
    }

    /** Plain-text secrets to send to a device once, in the provisioning RPC. */
    public record Provisioning(String acsUsername, String acsPassword, String crUsername, String crPassword) {
    }

    /** Connection-request credentials for reaching a device. */
    public record ConnectionRequestLogin(String username, String password) {
    }

    public DeviceCredentials(Database db, SecretBox box, String realm) {
        this.db = db;
        this.box = box;
        this.realm = realm;
    }

    public String realm() {
        return realm;
    }

    public Optional<Login> login(String username) {
        Login cached = byUsername.get(username);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation.get();
        Optional<Login> loaded = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id, acs_username, acs_ha1, pending_acs_username, "
                + "pending_acs_ha1 FROM device_credential WHERE acs_username = ? OR pending_acs_username = ?")) {
                ps.setString(1, username);
                ps.setString(2, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String active = username.equals(rs.getString(2)) ? rs.getString(3) : null;
                    String pending = username.equals(rs.getString(4)) ? rs.getString(5) : null;
                    return Optional.of(new Login(rs.getLong(1), username, active, pending));
                }
            }
        });
        if (loaded.isPresent() && generation.get() == seen) {
            byUsername.put(username, loaded.get());
        }
        return loaded;
    }

    public boolean hasActiveCredentials(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM device_credential WHERE device_id = ? AND acs_username IS NOT NULL")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Generates and stores pending credentials for a device (replacing earlier pending ones). */
    public void prepare(long deviceId, String deviceKey, Instant now) {
        String acsPassword = Passwords.random(24);
        String crUsername = "cr-" + Passwords.random(10);
        String crPassword = Passwords.random(24);
        db.inTransaction(c -> {
            ensureRow(c, deviceId, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_credential SET pending_acs_username = ?, "
                + "pending_acs_ha1 = ?, pending_acs_password_enc = ?, pending_cr_username = ?, pending_cr_password_enc = ?, "
                + "updated_at = ? WHERE device_id = ?")) {
                ps.setString(1, deviceKey);
                ps.setString(2, Digest.ha1(deviceKey, realm, acsPassword));
                ps.setString(3, box.encrypt(acsPassword));
                ps.setString(4, crUsername);
                ps.setString(5, box.encrypt(crPassword));
                Sql.setInstant(ps, 6, now);
                ps.setLong(7, deviceId);
                ps.executeUpdate();
            }
            return null;
        });
        forget(deviceId);
    }

    private void forget(long deviceId) {
        generation.incrementAndGet();
        byUsername.values().removeIf(l -> l.deviceId() == deviceId);
    }

    private static void ensureRow(Connection c, long deviceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM device_credential WHERE device_id = ?")) {
            ps.setLong(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_credential (device_id, updated_at) VALUES (?, ?)")) {
            ps.setLong(1, deviceId);
            Sql.setInstant(ps, 2, now);
            ps.executeUpdate();
        }
    }

    public Optional<Provisioning> pending(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pending_acs_username, pending_acs_password_enc, "
                + "pending_cr_username, pending_cr_password_enc FROM device_credential WHERE device_id = ?")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(2) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new Provisioning(rs.getString(1), box.decrypt(rs.getString(2)),
                        rs.getString(3), box.decrypt(rs.getString(4))));
                }
            }
        });
    }

    /** The device confirmed its new credentials: they replace the old ones; the ACS password is kept only as HA1. */
    public void activate(long deviceId, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_credential SET acs_username = NULL "
                + "WHERE device_id = ? AND pending_acs_username IS NOT NULL")) {
                ps.setLong(1, deviceId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_credential SET acs_username = pending_acs_username, "
                + "acs_ha1 = pending_acs_ha1, cr_username = pending_cr_username, cr_password_enc = pending_cr_password_enc, "
                + "pending_acs_username = NULL, pending_acs_ha1 = NULL, pending_acs_password_enc = NULL, "
                + "pending_cr_username = NULL, pending_cr_password_enc = NULL, updated_at = ? "
                + "WHERE device_id = ? AND pending_acs_username IS NOT NULL")) {
                Sql.setInstant(ps, 1, now);
                ps.setLong(2, deviceId);
                ps.executeUpdate();
            }
            return null;
        });
        forget(deviceId);
    }

    /** The device refused or never got its new credentials: forget them, keep the old ones. */
    public void discardPending(long deviceId, Instant now) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_credential SET pending_acs_username = NULL, "
                + "pending_acs_ha1 = NULL, pending_acs_password_enc = NULL, pending_cr_username = NULL, "
                + "pending_cr_password_enc = NULL, updated_at = ? WHERE device_id = ?")) {
                Sql.setInstant(ps, 1, now);
                ps.setLong(2, deviceId);
                return ps.executeUpdate();
            }
        });
        forget(deviceId);
    }

    /** An operator lets this device re-bootstrap with the shared credentials until the given time. */
    public void allowRebootstrap(long deviceId, Instant until, Instant now) {
        db.inTransaction(c -> {
            ensureRow(c, deviceId, now);
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE device_credential SET rebootstrap_until = ?, updated_at = ? WHERE device_id = ?")) {
                Sql.setInstant(ps, 1, until);
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, deviceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean rebootstrapAllowed(long deviceId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT rebootstrap_until FROM device_credential WHERE device_id = ?")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    Instant until = Sql.instant(rs, "rebootstrap_until");
                    return until != null && until.isAfter(now);
                }
            }
        });
    }

    public Optional<ConnectionRequestLogin> connectionRequestLogin(long deviceId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT cr_username, cr_password_enc FROM device_credential WHERE device_id = ?")) {
                ps.setLong(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(2) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConnectionRequestLogin(rs.getString(1), box.decrypt(rs.getString(2))));
                }
            }
        });
    }
}
