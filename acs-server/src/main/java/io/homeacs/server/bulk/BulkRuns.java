package io.homeacs.server.bulk;

import io.homeacs.server.device.DevicePage;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.task.SecretSealer;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskSpecCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues one task for every device of a search, no faster than the run's rate, so a fleet-wide
 * action cannot swamp the ACS or the access network. The targets are fixed when the run is created;
 * each task records its run, which is both the progress report and what keeps a restarted
 * dispatcher from giving a device the same task twice.
 */
public final class BulkRuns {
    private static final Logger LOG = LoggerFactory.getLogger(BulkRuns.class);
    public static final int MAX_DEVICES = 1_000_000;
    private static final int MAX_PER_TICK = 1000;

    private final Database db;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final SecretSealer sealer;
    /** Fractional dispatch allowance per running run, refilled at each tick. */
    private final ConcurrentHashMap<Long, Double> allowance = new ConcurrentHashMap<>();

    public BulkRuns(Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, SecretSealer sealer) {
        this.db = db;
        this.registry = registry;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.sealer = sealer;
    }

    public BulkRun create(DeviceQuery query, Map<String, Object> queryJson, TaskSpec spec, int ratePerMinute,
                          boolean connectionRequest, String createdBy, Instant now) {
        List<Long> targets = new ArrayList<>();
        // Keyset pages: each is an index seek past the last device of the one before, where OFFSET
        // paging re-read every earlier row and made collecting a million-device run quadratic.
        DeviceQuery.After after = null;
        do {
            DevicePage page = registry.page(query.after(after, DeviceQuery.MAX_LIMIT));
            page.devices().forEach(d -> targets.add(d.id()));
            if (targets.size() > MAX_DEVICES) {
                throw new IllegalArgumentException("the query matches more than " + MAX_DEVICES + " devices");
            }
            after = page.next();
        } while (after != null);
        String specJson = Json.write(TaskSpecCodec.mapSecrets(TaskSpecCodec.toJson(spec, false), sealer::seal));
        long id = db.inTransaction(c -> {
            long runId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bulk_run (created_at, created_by, query, spec, "
                + "rate_per_minute, connection_request, state, total) VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                Sql.setInstant(ps, 1, now);
                ps.setString(2, createdBy);
                ps.setString(3, Json.write(queryJson));
                ps.setString(4, specJson);
                ps.setInt(5, ratePerMinute);
                ps.setBoolean(6, connectionRequest);
                ps.setString(7, (targets.isEmpty() ? BulkRun.State.DISPATCHED : BulkRun.State.DISPATCHING).name());
                ps.setInt(8, targets.size());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    runId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bulk_run_device (run_id, device_id) VALUES (?,?)")) {
                for (int i = 0; i < targets.size(); i++) {
                    ps.setLong(1, runId);
                    ps.setLong(2, targets.get(i));
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return runId;
        });
        LOG.info("bulk run {} by {}: {} for {} devices at {}/min", id, createdBy, spec.type().apiName(), targets.size(),
            ratePerMinute);
        return find(id).orElseThrow();
    }

    /** Called once a second: queues the next tasks of every dispatching run within its rate. */
    public synchronized void tick(Instant now, double elapsedSeconds) {
        for (BulkRun run : list(BulkRun.State.DISPATCHING, 1000)) {
            double budget = Math.min(allowance.getOrDefault(run.id(), 1.0) + run.ratePerMinute() / 60.0 * elapsedSeconds,
                Math.max(1.0, run.ratePerMinute() / 60.0 * 2));
            int n = (int) Math.min(Math.floor(budget), MAX_PER_TICK);
            allowance.put(run.id(), budget - n);
            if (n > 0) {
                dispatch(run, n, now);
            }
        }
    }

    private void dispatch(BulkRun run, int n, Instant now) {
        List<Long> next = db.withConnection(c -> {
            // Devices are dispatched in id order, so resuming after the highest one already given a
            // task keeps each tick's scan short on a million-device run, and is right after a restart.
            try (PreparedStatement ps = c.prepareStatement("SELECT b.device_id FROM bulk_run_device b WHERE b.run_id = ? "
                + "AND b.device_id > COALESCE((SELECT MAX(t.device_id) FROM task t WHERE t.bulk_run_id = ?), -1) "
                + "ORDER BY b.device_id LIMIT ?")) {
                ps.setLong(1, run.id());
                ps.setLong(2, run.id());
                ps.setInt(3, n);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
        for (long deviceId : next) {
            tasks.enqueue(deviceId, run.spec(), TaskOrigin.API, null, now, run.id());
            if (run.connectionRequest()) {
                registry.find(deviceId).ifPresent(wakeup::wake);
            }
        }
        if (next.size() < n) {
            setState(run.id(), BulkRun.State.DISPATCHING, BulkRun.State.DISPATCHED, now);
            allowance.remove(run.id());
        }
    }

    /** Stops dispatching and cancels the run's tasks that have not been sent yet. */
    public synchronized boolean cancel(long id, Instant now) {
        if (!setState(id, BulkRun.State.DISPATCHING, BulkRun.State.CANCELLED, now)
            && !setState(id, BulkRun.State.DISPATCHED, BulkRun.State.CANCELLED, now)) {
            return false;
        }
        allowance.remove(id);
        tasks.cancelBulkRun(id, now);
        return true;
    }

    private boolean setState(long id, BulkRun.State from, BulkRun.State to, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE bulk_run SET state = ?, finished_at = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                Sql.setInstant(ps, 2, now);
                ps.setLong(3, id);
                ps.setString(4, from.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<BulkRun.Progress> progress(long id) {
        return find(id).map(run -> {
            Map<String, Long> byState = new LinkedHashMap<>();
            long dispatched = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, COUNT(*) FROM task WHERE bulk_run_id = ? GROUP BY state ORDER BY state")) {
                    ps.setLong(1, id);
                    long sum = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byState.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
                            sum += rs.getLong(2);
                        }
                    }
                    return sum;
                }
            });
            return new BulkRun.Progress(run, (int) dispatched, byState);
        });
    }

    public Optional<BulkRun> find(long id) {
        List<BulkRun> l = query("SELECT * FROM bulk_run WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<BulkRun> list(int limit) {
        return query("SELECT * FROM bulk_run ORDER BY id DESC LIMIT ?", limit);
    }

    private List<BulkRun> list(BulkRun.State state, int limit) {
        return query("SELECT * FROM bulk_run WHERE state = ? ORDER BY id LIMIT ?", state.name(), limit);
    }

    private List<BulkRun> query(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<BulkRun> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private BulkRun map(ResultSet rs) throws SQLException {
        TaskSpec spec = TaskSpecCodec.fromJson(new JsonFields(
            TaskSpecCodec.mapSecrets(Json.parseObject(rs.getString("spec")), sealer::open)));
        return new BulkRun(rs.getLong("id"), Sql.instant(rs, "created_at"), rs.getString("created_by"),
            Json.parseObject(rs.getString("query")), spec, rs.getInt("rate_per_minute"), rs.getBoolean("connection_request"),
            BulkRun.State.valueOf(rs.getString("state")), rs.getInt("total"), Sql.instant(rs, "finished_at"));
    }
}
