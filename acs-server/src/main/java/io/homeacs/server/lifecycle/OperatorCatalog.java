package io.homeacs.server.lifecycle;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.subscriber.Conflict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's approved-software and certified-model lists, kept in the store and mirrored in
 * memory: the check-in hook judges every changed version without a query. Models match without
 * regard to case; versions exactly. A software entry for model '*' approves that version everywhere.
 */
public final class OperatorCatalog implements SoftwareCatalog, ModelCertification {
    public static final String ANY_MODEL = "*";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of(), 0);

    public record SoftwareEntry(long id, String model, String softwareVersion, String note, Instant addedAt, String addedBy) {
    }

    public record ModelEntry(long id, String model, String manufacturer, String note, Instant addedAt, String addedBy) {
    }

    /** versions: lower-cased model (or '*') to approved versions; certified: lower-cased models. */
    private record Snapshot(Map<String, Set<String>> versions, Set<String> certified, long generation) {
    }

    public OperatorCatalog(Database db) {
        this.db = db;
        reload();
    }

    @Override
    public Judgement judgeSoftware(String model, String softwareVersion) {
        Set<String> approved = approved(snapshot, model);
        if (approved.isEmpty()) {
            return Judgement.NOT_LISTED;
        }
        return softwareVersion != null && approved.contains(softwareVersion.trim()) ? Judgement.APPROVED : Judgement.NOT_APPROVED;
    }

    @Override
    public List<String> approvedVersions(String model) {
        return List.copyOf(new TreeSet<>(approved(snapshot, model)));
    }

    @Override
    public Judgement judgeModel(String model) {
        Snapshot s = snapshot;
        if (s.certified().isEmpty()) {
            return Judgement.NOT_LISTED;
        }
        return model != null && s.certified().contains(key(model)) ? Judgement.APPROVED : Judgement.NOT_APPROVED;
    }

    @Override
    public long generation() {
        return snapshot.generation();
    }

    private static Set<String> approved(Snapshot s, String model) {
        Set<String> out = new HashSet<>(s.versions().getOrDefault(ANY_MODEL, Set.of()));
        if (model != null) {
            out.addAll(s.versions().getOrDefault(key(model), Set.of()));
        }
        return out;
    }

    public List<SoftwareEntry> software() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM approved_software ORDER BY model, software_version");
                 ResultSet rs = ps.executeQuery()) {
                List<SoftwareEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SoftwareEntry(rs.getLong("id"), rs.getString("model"), rs.getString("software_version"),
                        rs.getString("note"), Sql.instant(rs, "added_at"), rs.getString("added_by")));
                }
                return out;
            }
        });
    }

    public List<ModelEntry> models() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM certified_model ORDER BY model");
                 ResultSet rs = ps.executeQuery()) {
                List<ModelEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ModelEntry(rs.getLong("id"), rs.getString("model"), rs.getString("manufacturer"),
                        rs.getString("note"), Sql.instant(rs, "added_at"), rs.getString("added_by")));
                }
                return out;
            }
        });
    }

    public SoftwareEntry approve(String model, String version, String note, String by, Instant now) {
        String m = checked(model, "model", 128);
        String v = checked(version, "softwareVersion", 128);
        long id = insert("INSERT INTO approved_software (model, software_version, note, added_at, added_by) VALUES (?,?,?,?,?)",
            "software " + v + " is already approved for " + m, m, v, note, now, by);
        return software().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    public ModelEntry certify(String model, String manufacturer, String note, String by, Instant now) {
        String m = checked(model, "model", 128);
        long id = insert("INSERT INTO certified_model (model, manufacturer, note, added_at, added_by) VALUES (?,?,?,?,?)",
            "model " + m + " is already certified", m, manufacturer == null || manufacturer.isBlank() ? null
                : checked(manufacturer, "manufacturer", 128), note, now, by);
        return models().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    public boolean withdrawSoftware(long id) {
        return delete("DELETE FROM approved_software WHERE id = ?", id);
    }

    public boolean decertify(long id) {
        return delete("DELETE FROM certified_model WHERE id = ?", id);
    }

    private long insert(String sql, String duplicate, String a, String b, String note, Instant now, String by) {
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                ps.setString(1, a);
                ps.setString(2, b);
                ps.setString(3, note == null ? null : Equipment.cut(note, 500));
                Sql.setInstant(ps, 4, now);
                ps.setString(5, Equipment.cut(by, 128));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new Conflict(duplicate);
                }
                throw e;
            }
        });
        reload();
        return id;
    }

    private boolean delete(String sql, long id) {
        boolean done = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
        reload();
        return done;
    }

    /** Mirrors the tables in memory; the generation tells cached judgements that they are stale. */
    synchronized void reload() {
        Map<String, Set<String>> versions = new HashMap<>();
        for (SoftwareEntry e : software()) {
            versions.computeIfAbsent(key(e.model()), k -> new HashSet<>()).add(e.softwareVersion());
        }
        Set<String> certified = new HashSet<>();
        for (ModelEntry e : models()) {
            certified.add(key(e.model()));
        }
        versions.replaceAll((k, v) -> Set.copyOf(v));
        snapshot = new Snapshot(Map.copyOf(versions), Set.copyOf(certified), snapshot.generation() + 1);
    }

    private static String key(String model) {
        return model.trim().toLowerCase(Locale.ROOT);
    }

    private static String checked(String value, String name, int max) {
        if (value == null || value.isBlank() || value.trim().length() > max) {
            throw new IllegalArgumentException(name + " is required, at most " + max + " characters");
        }
        return value.trim();
    }
}
