package io.homeacs.server.bench;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Registry search over a large fleet: fills a store with N synthetic devices (batched SQL, not
 * Informs) and times typical operator queries, page plus total count, as the API runs them.
 * Usage (see docs/benchmarks.md): SearchBenchmark [devices] [jdbc-url user password]
 */
public final class SearchBenchmark {
    private static final String[] KINDS = {"GATEWAY", "GATEWAY", "GATEWAY", "MESH_ROUTER", "SET_TOP_BOX"};
    private static final String[] MODELS = {"HG8245Q2", "HG8145V5", "AX3000M", "IPTV-4K", "F660", "PT924"};

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
        try (Database db = Database.open(cfg.database())) {
            long t0 = System.nanoTime();
            fill(db, n);
            System.out.printf("filled %,d devices in %.1f s (%s)%n", n, (System.nanoTime() - t0) / 1e9,
                db.postgres() ? "PostgreSQL" : "H2");
            DeviceRegistry registry = new DeviceRegistry(db);
            Instant now = Instant.parse("2026-11-21T12:00:00Z");
            // Between rounds one device row is touched, as live traffic would: H2 otherwise hands back its
            // cached result for a repeated identical query, and the timing would measure nothing.
            time("kind=stb, first page + total", db, registry, i -> q(DeviceKind.SET_TOP_BOX, null, null, null, null, null, now, i));
            time("kind=gateway&softwareVersion=V5R020C10S115", db, registry,
                i -> q(DeviceKind.GATEWAY, "V5R020C10S115", null, null, null, null, now, i));
            time("model=AX3000M&online=false (last contact > 1 h ago)", db, registry,
                i -> new DeviceQuery(null, "AX3000M", null, null, null, null, null, now.minusSeconds(3600), List.of(),
                    List.of(), DeviceQuery.Sort.ID, 0, 100));
            time("tag=pilot (1 % of devices)", db, registry, i -> q(null, null, List.of("pilot"), null, null, null, now, i));
            time("q=SN0999 (substring of the key)", db, registry, i -> q(null, null, null, "SN0999", null, null, now, i));
            time("all, sort=-lastContact, page 1", db, registry,
                i -> q(null, null, null, null, DeviceQuery.Sort.LAST_CONTACT_DESC, null, now, i));
            time("all, page 5000 (offset 500000)", db, registry, i -> q(null, null, null, null, null, 500_000, now, i));
        }
    }

    private static DeviceQuery q(DeviceKind kind, String sw, List<String> tags, String search, DeviceQuery.Sort sort,
                                 Integer offset, Instant now, int round) {
        return new DeviceQuery(kind, null, null, sw, null, search, null, null,
            tags == null ? List.of() : tags, List.of(), sort == null ? DeviceQuery.Sort.ID : sort,
            offset == null ? 0 : offset, 100);
    }

    /** One call = the page plus the total count, as GET /api/v1/devices makes them. */
    private static void time(String label, Database db, DeviceRegistry registry, IntFunction<DeviceQuery> query) {
        registry.search(query.apply(0));
        registry.count(query.apply(0));
        int rounds = 7;
        double[] ms = new double[rounds];
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            DeviceQuery q = query.apply(i);
            touch(db, i);
            long t = System.nanoTime();
            registry.search(q);
            total = registry.count(q);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-55s total=%,9d  p50=%7.1f ms  max=%7.1f ms%n", label, total, ms[rounds / 2], ms[rounds - 1]);
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
                    + "data_model, protocol, protocol_version, first_contact, last_contact, ip_address) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,FALSE,'TR181','CWMP','cwmp-1-2',?,?,?)")) {
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
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM device"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
