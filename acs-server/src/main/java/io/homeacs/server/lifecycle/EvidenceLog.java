package io.homeacs.server.lifecycle;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tamper_evidence table. Nothing is deleted: a false alarm is dismissed with a reason, and the
 * row stays as the record of what the ACS saw.
 */
final class EvidenceLog {
    private final Database db;

    EvidenceLog(Database db) {
        this.db = db;
    }

    /**
     * Records a sighting: a new row, or, when the same fact is already on record for the same holder
     * and not dismissed, one more occurrence of it (a device retrying the same Inform must not flood
     * the table, and a new holder is not made answerable for the last one's).
     */
    Evidence record(Evidence.Sighting s) {
        long recorded = db.inTransaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM tamper_evidence WHERE device_id = ? AND kind = ? "
                + "AND subject = ? AND " + (s.observed() == null ? "observed IS NULL" : "observed = ?")
                + " AND " + (s.subscriberId() == null ? "subscriber_id IS NULL" : "subscriber_id = ?")
                + " AND dismissed_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE")) {
                int i = 1;
                find.setLong(i++, s.deviceId());
                find.setString(i++, s.kind().name());
                find.setString(i++, Equipment.cut(s.subject(), 256));
                if (s.observed() != null) {
                    find.setString(i++, Equipment.cut(s.observed(), 1024));
                }
                if (s.subscriberId() != null) {
                    find.setLong(i, s.subscriberId());
                }
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        try (PreparedStatement up = c.prepareStatement("UPDATE tamper_evidence SET occurrences = occurrences + 1, "
                            + "last_seen_at = ? WHERE id = ?")) {
                            Sql.setInstant(up, 1, s.at());
                            up.setLong(2, id);
                            up.executeUpdate();
                        }
                        return id;
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO tamper_evidence (device_id, kind, subject, expected, "
                + "observed, subscriber_id, proof, first_seen_at, last_seen_at, occurrences) VALUES (?,?,?,?,?,?,?,?,?,1)",
                new String[] {"id"})) {
                ins.setLong(1, s.deviceId());
                ins.setString(2, s.kind().name());
                ins.setString(3, Equipment.cut(s.subject(), 256));
                ins.setString(4, Equipment.cut(s.expected(), 1024));
                ins.setString(5, Equipment.cut(s.observed(), 1024));
                Sql.setNullableLong(ins, 6, s.subscriberId());
                ins.setString(7, Json.write(s.proof()));
                Sql.setInstant(ins, 8, s.at());
                Sql.setInstant(ins, 9, s.at());
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return find(recorded).orElseThrow();
    }

    Optional<Evidence> find(long id) {
        List<Evidence> found = list("SELECT * FROM tamper_evidence WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Newest first. */
    List<Evidence> list(Evidence.Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM tamper_evidence WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.deviceId() != null) {
            sql.append(" AND device_id = ?");
            args.add(q.deviceId());
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(q.kind().name());
        }
        if (q.open() != null) {
            sql.append(q.open() ? " AND dismissed_at IS NULL" : " AND dismissed_at IS NOT NULL");
        }
        if (q.since() != null) {
            sql.append(" AND last_seen_at >= ?");
            args.add(q.since());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return list(sql.toString(), args);
    }

    /** Open evidence of a device seen at or after the given time (the current holding's start). */
    List<Evidence> openSince(long deviceId, Instant since) {
        return list(new Evidence.Query(deviceId, null, true, since, 0, 1000));
    }

    /** False when the evidence does not exist or was dismissed already. */
    boolean dismiss(long id, String by, String reason, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tamper_evidence SET dismissed_at = ?, dismissed_by = ?, "
                + "dismiss_reason = ? WHERE id = ? AND dismissed_at IS NULL")) {
                Sql.setInstant(ps, 1, now);
                ps.setString(2, Equipment.cut(by, 128));
                ps.setString(3, Equipment.cut(reason, 500));
                ps.setLong(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<Evidence> list(String sql, List<Object> args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    Object a = args.get(i);
                    if (a instanceof Instant t) {
                        Sql.setInstant(ps, i + 1, t);
                    } else {
                        ps.setObject(i + 1, a);
                    }
                }
                List<Evidence> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Evidence read(ResultSet rs) throws SQLException {
        Long holder = Sql.nullableLong(rs, "subscriber_id");
        return new Evidence(rs.getLong("id"), rs.getLong("device_id"), EvidenceKind.valueOf(rs.getString("kind")),
            rs.getString("subject"), rs.getString("expected"), rs.getString("observed"), holder,
            Json.parseObject(rs.getString("proof")), Sql.instant(rs, "first_seen_at"), Sql.instant(rs, "last_seen_at"),
            rs.getInt("occurrences"), Sql.instant(rs, "dismissed_at"), rs.getString("dismissed_by"),
            rs.getString("dismiss_reason"));
    }
}
