package io.homeacs.server.device;

import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds devices that went quiet and devices that came back, in batches off the Inform path: a
 * periodic Inform never pays for this bookkeeping.
 */
public final class Liveness {
    private static final int BATCH = 1000;

    private final Database db;
    private final DeviceRepository repository;

    public Liveness(Database db) {
        this.db = db;
        this.repository = new DeviceRepository(db);
    }

    /** Devices silent since before the cutoff and not yet reported; each is reported once per outage. */
    public List<Device> newlyOffline(Instant cutoff, Instant now) {
        List<Long> ids = ids("SELECT d.id FROM device d WHERE d.last_contact < ? AND NOT EXISTS "
            + "(SELECT 1 FROM device_offline_notice n WHERE n.device_id = d.id) ORDER BY d.id LIMIT " + BATCH, cutoff);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_offline_notice (device_id, since) VALUES (?,?)")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    Sql.setInstant(ps, 2, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return load(ids);
    }

    /** Devices reported offline that have been heard from since; their notice is cleared. */
    public List<Device> backOnline(Instant cutoff) {
        List<Long> ids = ids("SELECT n.device_id FROM device_offline_notice n JOIN device d ON d.id = n.device_id "
            + "WHERE d.last_contact >= ? ORDER BY n.device_id LIMIT " + BATCH, cutoff);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_offline_notice WHERE device_id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return load(ids);
    }

    private List<Long> ids(String sql, Instant cutoff) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.setInstant(ps, 1, cutoff);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    private List<Device> load(List<Long> ids) {
        List<Device> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            repository.findById(id).ifPresent(out::add);
        }
        return out;
    }
}
