package io.homeacs.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry and task queue behave the same on embedded H2 and on PostgreSQL. */
class StoreOnBothDatabasesTest {
    @TempDir
    static Path dataDir;
    static PostgresDatabase pg;
    static final List<Database> OPEN = new ArrayList<>();

    @BeforeAll
    static void createPostgres() {
        pg = PostgresDatabase.create();
    }

    @AfterAll
    static void dropAll() {
        OPEN.forEach(Database::close);
        pg.close();
    }

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    private static Database open(String store, String suffix) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.resolve(suffix).toString()));
        if (store.equals("postgresql")) {
            args.addAll(List.of("--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()));
        }
        AcsConfig cfg = new ConfigLoader().load(args, Map.of());
        Database db = Database.open(cfg.database());
        OPEN.add(db);
        return db;
    }

    private static InformFacts inform(String serial, String sw, String... events) {
        List<DeviceEvent> ev = Stream.of(events).map(e -> new DeviceEvent(e, "")).toList();
        return new InformFacts(new DeviceIdentity("00A0C9", "HG8245Q2", serial), "OptiLink", ev,
            List.of(new ParamValue("Device.DeviceInfo.SoftwareVersion", sw, "xsd:string"),
                new ParamValue("Device.ManagementServer.ParameterKey", "", "xsd:string")),
            "10.0.0.7", "CWMP", "cwmp-1-2");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void registryRegistersUpdatesSearchesAndLearns(String store) {
        Database db = open(store, store + "-registry");
        DeviceRegistry registry = new DeviceRegistry(db);
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        DeviceRegistry.CheckIn first = registry.checkIn(inform("S1", "1.0", "0 BOOTSTRAP", "1 BOOT"), t0);
        assertThat(first.firstContact()).isTrue();
        registry.checkIn(inform("S2", "1.0", "1 BOOT"), t0);
        DeviceRegistry.CheckIn periodic = registry.checkIn(inform("S1", "1.0", "2 PERIODIC"), t0.plusSeconds(300));
        assertThat(periodic.firstContact()).isFalse();
        registry.checkIn(inform("S1", "1.1", "1 BOOT"), t0.plusSeconds(600));
        registry.flush();

        long id = first.device().id();
        registry.learn(id, List.of(new ParamValue("Device.WiFi.DataElements.Network.ID", "net", "xsd:string"),
            new ParamValue("Device.DeviceInfo.ModelName", "AX3000M", "xsd:string")), t0.plusSeconds(601));

        DeviceRegistry fresh = new DeviceRegistry(db);
        var d = fresh.find(id).orElseThrow();
        assertThat(d.softwareVersion()).isEqualTo("1.1");
        assertThat(d.kind()).isEqualTo(DeviceKind.MESH_ROUTER);
        assertThat(d.modelName()).isEqualTo("AX3000M");
        assertThat(d.lastContact()).isEqualTo(t0.plusSeconds(600));
        assertThat(fresh.parameters(id).get("Device.WiFi.DataElements.Network.ID").value()).isEqualTo("net");
        assertThat(fresh.events(id, 10)).extracting(e -> e.code()).contains("0 BOOTSTRAP", "1 BOOT").doesNotContain("2 PERIODIC");
        assertThat(fresh.count(new DeviceQuery(DeviceKind.MESH_ROUTER, null, null, null, null, null, null, null, 0, 10))).isEqualTo(1);
        assertThat(fresh.search(new DeviceQuery(null, null, null, "1.0", null, null, null, null, 0, 10)))
            .extracting(x -> x.identity().serialNumber()).containsExactly("S2");
        assertThat(fresh.count(new DeviceQuery(null, null, null, null, null, "S_", null, null, 0, 10)))
            .as("LIKE wildcards in the search text are literal").isZero();
        assertThat(fresh.overrideKind(id, DeviceKind.GATEWAY).kindOverridden()).isTrue();

        fresh.addTag(id, "vip");
        fresh.addTag(id, "vip");
        assertThat(fresh.tagsOf(List.of(id))).containsEntry(id, List.of("vip"));
        DeviceQuery tagged = new DeviceQuery(null, null, null, null, null, null, null, null, List.of("vip"),
            List.of(new DeviceQuery.ParamFilter("Device.WiFi.DataElements.Network.ID", "net")), DeviceQuery.Sort.SERIAL_DESC, 0, 10);
        assertThat(fresh.search(tagged)).extracting(x -> x.id()).containsExactly(id);
        assertThat(fresh.search(new DeviceQuery(null, null, null, null, null, null, null, null, List.of(), List.of(),
            DeviceQuery.Sort.SERIAL_DESC, 0, 10))).extracting(x -> x.identity().serialNumber()).containsExactly("S2", "S1");
        assertThat(fresh.removeTag(id, "vip")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void livenessReportsEachOutageOnceAndItsEndOnce(String store) {
        Database db = open(store, store + "-liveness");
        DeviceRegistry registry = new DeviceRegistry(db);
        io.homeacs.server.device.Liveness liveness = new io.homeacs.server.device.Liveness(db);
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        long id = registry.checkIn(inform("L1", "1.0", "1 BOOT"), t0).device().id();
        Instant cutoff = t0.plusSeconds(3600);
        // On PostgreSQL this class shares one database between tests, so only this device is looked at.
        assertThat(liveness.newlyOffline(cutoff, cutoff)).extracting(d -> d.id()).contains(id);
        assertThat(liveness.newlyOffline(cutoff, cutoff)).as("reported once").extracting(d -> d.id()).doesNotContain(id);
        assertThat(liveness.backOnline(cutoff)).extracting(d -> d.id()).doesNotContain(id);
        registry.checkIn(inform("L1", "1.0", "2 PERIODIC"), t0.plusSeconds(7200));
        registry.flush();
        assertThat(liveness.backOnline(cutoff)).extracting(d -> d.id()).contains(id);
        assertThat(liveness.backOnline(cutoff)).extracting(d -> d.id()).doesNotContain(id);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void taskQueueMovesThroughItsStatesDurably(String store) {
        Database db = open(store, store + "-tasks");
        DeviceRegistry registry = new DeviceRegistry(db);
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        long device = registry.checkIn(inform("T1", "1.0", "1 BOOT"), now).device().id();
        AcsConfig.Tasks cfg = new ConfigLoader().load(List.of("--data-dir", dataDir.toString()), Map.of()).tasks();
        TaskQueue tasks = new TaskQueue(db, registry, cfg, io.homeacs.server.task.SecretSealer.NONE);

        Task t = tasks.enqueue(device, new TaskSpec.GetParameterValues(List.of("Device.")), TaskOrigin.API, null, now);
        assertThat(tasks.mayHaveWork(device)).isTrue();
        Task next = tasks.nextToSend(device, now).orElseThrow();
        assertThat(tasks.markSent(next, now)).isTrue();
        assertThat(tasks.markSent(next, now)).as("a task is sent once").isFalse();

        TaskQueue afterRestart = new TaskQueue(db, new DeviceRegistry(db), cfg, io.homeacs.server.task.SecretSealer.NONE);
        assertThat(afterRestart.mayHaveWork(device)).isTrue();
        Task sent = afterRestart.inState(device, TaskState.SENT).get(0);
        afterRestart.finish(sent, new TaskOutcome.Done(Map.of("count", 1),
            List.of(new ParamValue("Device.X", "1", "xsd:string")), null), now);
        assertThat(afterRestart.find(t.id()).orElseThrow().state()).isEqualTo(TaskState.DONE);
        assertThat(afterRestart.nextToSend(device, now)).isEmpty();
        assertThat(afterRestart.mayHaveWork(device)).isFalse();

        Task expiring = afterRestart.enqueue(device, new TaskSpec.Reboot(), TaskOrigin.API, java.time.Duration.ofSeconds(5), now);
        afterRestart.expireDue(now.plusSeconds(6));
        assertThat(afterRestart.find(expiring.id()).orElseThrow().state()).isEqualTo(TaskState.EXPIRED);
    }
}
