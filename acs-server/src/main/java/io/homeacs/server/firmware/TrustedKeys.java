package io.homeacs.server.firmware;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ManifestVerifier;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operator signing keys whose signatures the ACS accepts: PEM files in a directory (read at
 * start; managed by whoever manages the host) and keys an admin added through the API (a table).
 */
public final class TrustedKeys {

    /** @param source "file" (from the keys directory) or "api" */
    public record TrustedKey(String keyId, String name, String publicKeyPem, String source, String addedBy, Instant addedAt) {
    }

    private final Database db;
    private final Map<String, TrustedKey> fromFiles;
    private volatile ManifestVerifier verifier;

    public TrustedKeys(Database db, Path keysDir) {
        this.db = db;
        this.fromFiles = readDirectory(keysDir);
        rebuild();
    }

    private static Map<String, TrustedKey> readDirectory(Path dir) {
        Map<String, TrustedKey> keys = new LinkedHashMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pem") || p.toString().endsWith(".pub")).sorted().toList()) {
                PublicKey k;
                try {
                    k = Ed25519Keys.readPublic(Files.readString(f));
                } catch (IllegalArgumentException e) {
                    // A broken file must not go unnoticed: refusing to start says which one.
                    throw new IllegalStateException("trusted firmware key " + f + ": " + e.getMessage(), e);
                }
                String id = Ed25519Keys.keyId(k);
                keys.put(id, new TrustedKey(id, f.getFileName().toString(), Ed25519Keys.publicPem(k), "file", "-",
                    Files.getLastModifiedTime(f).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trusted firmware keys from " + dir, e);
        }
        return keys;
    }

    public List<TrustedKey> list() {
        List<TrustedKey> all = new ArrayList<>(fromFiles.values());
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_id, name, public_key, added_by, added_at FROM firmware_trusted_key ORDER BY added_at, key_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new TrustedKey(rs.getString(1), rs.getString(2), rs.getString(3), "api", rs.getString(4),
                        Sql.instant(rs, "added_at")));
                }
            }
            return null;
        });
        return all;
    }

    public Optional<TrustedKey> find(String keyId) {
        return list().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    public TrustedKey add(String name, String publicKey, String by, Instant at) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "name is required (at most 200 characters)");
        }
        PublicKey k;
        try {
            k = Ed25519Keys.readPublic(publicKey == null ? "" : publicKey);
        } catch (IllegalArgumentException e) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, e.getMessage());
        }
        String id = Ed25519Keys.keyId(k);
        if (find(id).isPresent()) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "key " + id + " is already trusted");
        }
        TrustedKey key = new TrustedKey(id, name.trim(), Ed25519Keys.publicPem(k), "api", by, at);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO firmware_trusted_key (key_id, name, public_key, added_by, added_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, key.name());
                ps.setString(3, key.publicKeyPem());
                ps.setString(4, by);
                Sql.setInstant(ps, 5, at);
                return ps.executeUpdate();
            }
        });
        rebuild();
        return key;
    }

    /** Removes an API-added key. Images it signed stay in the catalogue; new uploads signed with it are refused. */
    public boolean remove(String keyId) {
        if (fromFiles.containsKey(keyId)) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "key " + keyId + " comes from the keys directory ("
                + fromFiles.get(keyId).name() + "); remove the file and restart");
        }
        int n = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM firmware_trusted_key WHERE key_id = ?")) {
                ps.setString(1, keyId);
                return ps.executeUpdate();
            }
        });
        rebuild();
        return n == 1;
    }

    public ManifestVerifier verifier() {
        return verifier;
    }

    private synchronized void rebuild() {
        List<PublicKey> keys = new ArrayList<>();
        for (TrustedKey k : list()) {
            keys.add(Ed25519Keys.readPublic(k.publicKeyPem()));
        }
        verifier = new ManifestVerifier(keys);
    }
}
