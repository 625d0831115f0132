package io.homeacs.server.bench;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.MatchCount;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Registry search over a large fleet: fills a store with N synthetic devices (batched SQL, not
 * Informs) and times typical operator queries as GET /api/v1/devices runs them: one page of 100
 * (101 rows read, to know whether a next page exists) plus the total, counted up to the API's cap of
 * 10,000 unless a line says "exact". Prints p50, p99 and max per query.
 * Usage (see docs/benchmarks.md): SearchBenchmark [devices] [jdbc-url user password]
 */
public final class SearchBenchmark {
    private static final String[] KINDS = {"GATEWAY", "GATEWAY", "GATEWAY", "MESH_ROUTER", "SET_TOP_BOX"};
    private static final String[] MODELS = {"HG8245Q2", "HG8145V5", "AX3000M", "IPTV-4K", "F660", "PT924"};
    private static final long CAP = 10_000;
    private static final int MAX_ROUNDS = 100;
    private static final long ROUND_BUDGET_NANOS = 30_000_000_000L;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("acs-search-bench");
        List<String> flags = new ArrayList<>(List.of("--data-dir", dir.toString()));
        if (args.length > 3) {
            flags.addAll(List.of("--db-url", args[1], "--db-user", args[2], "--db-password", args[3]));
        }
        AcsConfig cfg = new ConfigLoader().load(flags, Map.of());
        System.out.println("data directory (an H2 store of a million devices takes GBs; delete it after): " + dir);
        try (Database db = Database.open(cfg.database())) {
            long t0 = System.nanoTime();
            fill(db, n);
            System.out.printf("filled %,d devices in %.1f s (%s)%n", n, (System.nanoTime() - t0) / 1e9,
                db.postgres() ? "PostgreSQL" : "H2");
        }
        if (!cfg.database().url().startsWith("jdbc:postgresql:")) {
            // The bulk load leaves H2's file at about 9 GB of mostly superseded chunks for 0.2 GB of
            // live data, and scans then run 2-3 times slower; the queries are timed on the live data.
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(cfg.database().url(), cfg.database().user(),
                cfg.database().password()); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
            System.out.printf("compacted in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        // Queried after a restart, with the caches of a freshly started server.
        try (Database db = Database.open(cfg.database())) {
            DeviceRegistry registry = new DeviceRegistry(db);
            Instant now = Instant.parse("2026-11-21T12:00:00Z");
            DeviceQuery all = q(null, null, null, null, null, null);
            DeviceQuery recent = q(null, null, null, null, DeviceQuery.Sort.LAST_CONTACT_DESC, null);
            // Between rounds one device row is touched, as live traffic would: H2 otherwise hands back its
            // cached result for a repeated identical query, and the timing would measure nothing.
            time("kind=stb", db, registry, q(DeviceKind.SET_TOP_BOX, null, null, null, null, null), CAP);
            time("kind=stb, count=exact", db, registry, q(DeviceKind.SET_TOP_BOX, null, null, null, null, null), 0);
            time("kind=gateway&softwareVersion=V5R020C10S115", db, registry,
                q(DeviceKind.GATEWAY, "V5R020C10S115", null, null, null, null), CAP);
            time("model=AX3000M&online=false (last contact > 1 h ago)", db, registry,
                new DeviceQuery(null, "AX3000M", null, null, null, null, null, now.minusSeconds(3600), List.of(),
                    List.of(), DeviceQuery.Sort.ID, 0, 100), CAP);
            time("tag=pilot (1 % of devices)", db, registry, q(null, null, List.of("pilot"), null, null, null), CAP);
            time("q=SN0999 (substring of the key)", db, registry, q(null, null, null, "SN0999", null, null), CAP);
            time("subscriberId=123456", db, registry, new DeviceQuery(null, null, null, null, null, null, null, null,
                List.of(), List.of(), 123_456L, DeviceQuery.Sort.ID, null, 0, 100), CAP);
            time("all, sort=-lastContact, page 1", db, registry, recent, CAP);
            time("all, page 5001 by cursor", db, registry, all.after(positionAt(registry, all, 500_000), 100), CAP);
            time("all, sort=-lastContact, page 5001 by cursor", db, registry,
                recent.after(positionAt(registry, recent, 500_000), 100), CAP);
            time("all, page 5001 by offset=500000", db, registry, q(null, null, null, null, null, 500_000), CAP);
        }
    }

    private static DeviceQuery q(DeviceKind kind, String sw, List<String> tags, String search, DeviceQuery.Sort sort,
                                 Integer offset) {
        return new DeviceQuery(kind, null, null, sw, null, search, null, null,
            tags == null ? List.of() : tags, List.of(), sort == null ? DeviceQuery.Sort.ID : sort,
            offset == null ? 0 : offset, 100);
    }

    /** The keyset position after the first {@code rows} devices of the search (set-up, not timed). */
    private static DeviceQuery.After positionAt(DeviceRegistry registry, DeviceQuery q, int rows) {
        return DeviceQuery.After.of(q.sort(), registry.search(q.page(rows - 1, 1)).get(0));
    }

    /** One call = the page plus the total (capped at {@code cap}; 0 = exact), as GET /api/v1/devices makes them. */
    private static void time(String label, Database db, DeviceRegistry registry, DeviceQuery q, long cap) {
        for (int i = 0; i < 3; i++) {
            registry.page(q);
            registry.count(q, cap);
        }
        List<Double> ms = new ArrayList<>();
        MatchCount total = null;
        long start = System.nanoTime();
        for (int i = 0; i < MAX_ROUNDS && (i < 10 || System.nanoTime() - start < ROUND_BUDGET_NANOS); i++) {
            touch(db, i);
            long t = System.nanoTime();
            registry.page(q);
            total = registry.count(q, cap);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%-52s total=%,9d%s  rounds=%3d  p50=%7.1f ms  p99=%7.1f ms  max=%7.1f ms%n", label,
            total.value(), total.exact() ? " " : "+", sorted.length, rank(sorted, 0.50), rank(sorted, 0.99),
            sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile. */
    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void touch(Database db, int i) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device SET ip_address = ? WHERE id = ?")) {
                ps.setString(1, "10.0.0." + (i % 250));
                ps.setLong(2, 1 + i);
                return ps.executeUpdate();
            }
        });
    }

    private static void fill(Database db, int n) {
        SplittableRandom r = new SplittableRandom(7);
        Instant base = Instant.parse("2026-11-21T12:00:00Z");
        int batch = 5000;
        for (int start = 0; start < n; start += batch) {
            int from = start;
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO device (device_key, oui, product_class, "
                    + "serial_number, manufacturer, model_name, hardware_version, software_version, kind, kind_overridden, "
                    + "data_model, protocol, protocol_version, first_contact, last_contact, ip_address, subscriber_id) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,FALSE,'TR181','CWMP','cwmp-1-2',?,?,?,?)")) {
                    for (int i = from; i < Math.min(from + batch, n); i++) {
                        String model = MODELS[r.nextInt(MODELS.length)];
                        String serial = String.format("SN%07d", i);
                        ps.setString(1, "A4C3F0-" + model + "-" + serial);
                        ps.setString(2, "A4C3F0");
                        ps.setString(3, model);
                        ps.setString(4, serial);
                        ps.setString(5, "OptiLink");
                        ps.setString(6, model);
                        ps.setString(7, "HW1");
                        ps.setString(8, r.nextInt(10) < 7 ? "V5R020C10S115" : "V5R019C00S" + r.nextInt(200));
                        ps.setString(9, KINDS[r.nextInt(KINDS.length)]);
                        Sql.setInstant(ps, 10, base.minusSeconds(86400L * 30));
                        Sql.setInstant(ps, 11, base.minusSeconds(r.nextInt(r.nextInt(100) < 5 ? 86400 * 7 : 1800)));
                        ps.setString(12, "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256));
                        ps.setLong(13, i / 2); // two devices per subscriber
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement tag = c.prepareStatement("INSERT INTO device_tag (device_id, tag) "
                    + "SELECT id, 'pilot' FROM device WHERE serial_number = ?")) {
                    for (int i = from; i < Math.min(from + batch, n); i += 100) {
                        tag.setString(1, String.format("SN%07d", i));
                        tag.addBatch();
                    }
                    tag.executeBatch();
                }
                return null;
            });
        }
        // A live store has fresh planner statistics (autovacuum on PostgreSQL, H2's automatic analysis);
        // a bulk load that is queried at once does not, so the bench brings them up to date.
        db.withConnection(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(db.postgres() ? "VACUUM ANALYZE device" : "ANALYZE");
                if (db.postgres()) {
                    st.execute("VACUUM ANALYZE device_tag");
                }
            }
            return null;
        });
    }
}
