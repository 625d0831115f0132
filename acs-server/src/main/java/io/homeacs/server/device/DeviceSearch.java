package io.homeacs.server.device;

import io.homeacs.server.json.Json;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of registry searches. Every filter on a device column is an equality or range that one of
 * the composite (column, id) indexes of migration V6 serves in id order, so a first page and a
 * keyset page are index seeks, and counting can stop early (see {@link #count(DeviceQuery, long)}).
 */
final class DeviceSearch {
    private final Database db;

    DeviceSearch(Database db) {
        this.db = db;
    }

    /** One page; the position after it is set only when more matching devices follow. */
    DevicePage page(DeviceQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = where(q, args);
        if (q.after() != null) {
            keyset(where, args, q.after());
        }
        // One row more than asked tells whether another page exists without a second query. Limits are
        // literals (validated ints), so even a cached generic plan on PostgreSQL knows how few rows are wanted.
        String sql = "SELECT " + DeviceRepository.COLUMNS + " FROM device" + where + " ORDER BY " + order(q)
            + " LIMIT " + (q.limit() + 1) + (q.offset() > 0 ? " OFFSET " + q.offset() : "");
        List<Device> rows = query(sql, args);
        if (rows.size() <= q.limit()) {
            return new DevicePage(rows, null);
        }
        List<Device> page = rows.subList(0, q.limit());
        return new DevicePage(List.copyOf(page), DeviceQuery.After.of(q.sort(), page.get(page.size() - 1)));
    }

    /**
     * Devices matching the filters, ignoring paging. With {@code cap > 0} at most cap + 1 rows are
     * read: an exact count of a broad search reads every matching index entry (hundreds of
     * thousands), while the first cap + 1 are found in a few milliseconds.
     */
    MatchCount count(DeviceQuery q, long cap) {
        List<Object> args = new ArrayList<>();
        String from = " FROM device" + (countsFromLastContactIndex(q) ? " USE INDEX (device_last_contact_idx)" : "");
        String where = where(q, args).toString();
        String sql = cap > 0
            ? "SELECT COUNT(*) FROM (SELECT 1" + from + where + " LIMIT " + (cap + 1) + ") capped"
            : "SELECT COUNT(*)" + from + where;
        long n = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.planEveryTime(ps);
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return cap > 0 && n > cap ? new MatchCount(cap, false) : new MatchCount(n, true);
    }

    /**
     * Whether to make H2 count from the last-contact index, which holds every column the filters
     * name: a last-contact range ("online=false") with kind, model or version equalities and nothing
     * else. H2 picks the equality index instead and reads the row of every device of, say, the model
     * for its last contact: 2 s for "model X, offline" at a million devices, against 20 ms from the
     * index alone. PostgreSQL chooses the index-only scan by itself, and has no such hint.
     */
    private boolean countsFromLastContactIndex(DeviceQuery q) {
        return !db.postgres() && (q.contactedAfter() != null || q.contactedBefore() != null) && q.productClass() == null
            && q.oui() == null && q.subscriberId() == null && q.search() == null && q.tags().isEmpty()
            && q.params().isEmpty();
    }

    private List<Device> query(String sql, List<Object> args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.planEveryTime(ps);
                bind(ps, args);
                List<Device> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(DeviceRepository.map(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The sort, led by a column the filters fix, when that makes an index match the whole ORDER BY.
     * Sorting by (kind, id) where kind = 'X' is sorting by id, but H2 only reads an index in order when
     * the index's leading columns are the ORDER BY's: without the lead it sorted all 200,000 set-top
     * boxes of a million-device fleet for each page. PostgreSQL drops the constant key itself.
     */
    private static String order(DeviceQuery q) {
        if (!q.sort().column.equals("id")) {
            return q.sort().sql();
        }
        // Most selective first: a subscriber has a few devices, a model or version a share, a kind a big one.
        String lead = q.subscriberId() != null ? "subscriber_id" : q.modelName() != null ? "model_name"
            : q.softwareVersion() != null ? "software_version" : q.productClass() != null ? "product_class"
            : q.kind() != null ? "kind" : null;
        return lead == null ? q.sort().sql() : lead + (q.sort().descending ? " DESC, " : ", ") + q.sort().sql();
    }

    /**
     * Rows strictly after the position in the sort's order. Written as "col >= v AND (col > v OR id > i)"
     * rather than a row-value comparison: both stores then seek the (col, id) index to v and only
     * filter the devices that share v, where H2 would not use the index for the row-value form.
     */
    private static void keyset(StringBuilder w, List<Object> args, DeviceQuery.After a) {
        DeviceQuery.Sort s = a.sort();
        String op = s.descending ? "<" : ">";
        if (s.column.equals("id")) {
            clause(w, args, "id " + op + " ?", a.id());
            return;
        }
        Object v = s.column.equals("last_contact") ? Sql.utc(a.lastContact()) : a.serialNumber();
        clause(w, args, s.column + " " + op + "= ?", v);
        w.append(" AND (").append(s.column).append(' ').append(op).append(" ? OR id ").append(op).append(" ?)");
        args.add(v);
        args.add(a.id());
    }

    private static StringBuilder where(DeviceQuery q, List<Object> args) {
        StringBuilder w = new StringBuilder();
        clause(w, args, "kind = ?", q.kind() == null ? null : q.kind().name());
        clause(w, args, "model_name = ?", q.modelName());
        clause(w, args, "product_class = ?", q.productClass());
        clause(w, args, "software_version = ?", q.softwareVersion());
        clause(w, args, "oui = ?", q.oui());
        clause(w, args, "subscriber_id = ?", q.subscriberId());
        // On PostgreSQL the trigram index of migration V6.1 serves this; elsewhere it is a scan.
        clause(w, args, "device_key LIKE ? ESCAPE '\\'", q.search() == null ? null : "%" + escapeLike(q.search()) + "%");
        clause(w, args, "last_contact >= ?", q.contactedAfter() == null ? null : Sql.utc(q.contactedAfter()));
        clause(w, args, "last_contact < ?", q.contactedBefore() == null ? null : Sql.utc(q.contactedBefore()));
        for (String tag : q.tags()) {
            clause(w, args, "id IN (SELECT device_id FROM device_tag WHERE tag = ?)", tag);
        }
        for (DeviceQuery.ParamFilter p : q.params()) {
            // The document is stored as {"path":["value","type",millis],...}; matching the exact
            // serialised pair finds the value without parsing every document.
            clause(w, args, "id IN (SELECT device_id FROM device_params WHERE params LIKE ? ESCAPE '\\')",
                "%" + escapeLike(Json.write(p.path()) + ":[" + Json.write(p.value()) + ",") + "%");
        }
        return w;
    }

    private static void clause(StringBuilder w, List<Object> args, String sql, Object value) {
        if (value == null) {
            return;
        }
        w.append(w.length() == 0 ? " WHERE " : " AND ").append(sql);
        args.add(value);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
