package io.homeacs.server.firmware;

import io.homeacs.firmware.ImageManifest;
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
import java.util.Optional;

/** The {@code firmware_image} table. */
final class ImageCatalog {
    private static final String COLUMNS = "id, manifest, signature, key_id, storage_key, file_size, file_sha256, state, "
        + "uploaded_by, uploaded_at, withdrawn_by, withdrawn_at, withdraw_reason";

    private final Database db;

    ImageCatalog(Database db) {
        this.db = db;
    }

    /** Inserts a new active image; an existing (vendor, version, payload) makes this return empty. */
    Optional<FirmwareImage> insert(ImageManifest m, String signature, String keyId, String storageKey, long fileSize,
                                   String fileSha256, String by, Instant at) {
        return db.inTransaction(c -> {
            if (findByPayload(c, m).isPresent()) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO firmware_image (vendor, version, manifest, signature, "
                + "key_id, storage_key, file_size, file_sha256, payload_sha256, state, uploaded_by, uploaded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, m.vendor());
                ps.setString(2, m.version());
                ps.setString(3, m.toCanonicalJson());
                ps.setString(4, signature);
                ps.setString(5, keyId);
                ps.setString(6, storageKey);
                ps.setLong(7, fileSize);
                ps.setString(8, fileSha256);
                ps.setString(9, m.sha256());
                ps.setString(10, ImageState.ACTIVE.name());
                ps.setString(11, by);
                Sql.setInstant(ps, 12, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return Optional.of(new FirmwareImage(keys.getLong(1), m, signature, keyId, storageKey, fileSize, fileSha256,
                        ImageState.ACTIVE, by, at, null, null, null));
                }
            }
        });
    }

    private static Optional<Long> findByPayload(Connection c, ImageManifest m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT id FROM firmware_image WHERE vendor = ? AND version = ? AND payload_sha256 = ?")) {
            ps.setString(1, m.vendor());
            ps.setString(2, m.version());
            ps.setString(3, m.sha256());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<FirmwareImage> find(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM firmware_image WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first; vendor and state are optional filters. */
    List<FirmwareImage> list(String vendor, ImageState state, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM firmware_image WHERE 1 = 1");
        if (vendor != null) {
            sql.append(" AND vendor = ?");
        }
        if (state != null) {
            sql.append(" AND state = ?");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (vendor != null) {
                    ps.setString(i++, vendor);
                }
                if (state != null) {
                    ps.setString(i++, state.name());
                }
                ps.setInt(i, limit);
                List<FirmwareImage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Active → withdrawn, once; false when the image was already withdrawn (or is missing). */
    boolean withdraw(long id, String by, String reason, Instant at) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE firmware_image SET state = ?, withdrawn_by = ?, "
                + "withdrawn_at = ?, withdraw_reason = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, ImageState.WITHDRAWN.name());
                ps.setString(2, by);
                Sql.setInstant(ps, 3, at);
                ps.setString(4, reason);
                ps.setLong(5, id);
                ps.setString(6, ImageState.ACTIVE.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static FirmwareImage read(ResultSet rs) throws SQLException {
        return new FirmwareImage(rs.getLong("id"), ImageManifest.fromJson(rs.getString("manifest")), rs.getString("signature"),
            rs.getString("key_id"), rs.getString("storage_key"), rs.getLong("file_size"), rs.getString("file_sha256"),
            ImageState.valueOf(rs.getString("state")), rs.getString("uploaded_by"), Sql.instant(rs, "uploaded_at"),
            rs.getString("withdrawn_by"), Sql.instant(rs, "withdrawn_at"), rs.getString("withdraw_reason"));
    }
}
