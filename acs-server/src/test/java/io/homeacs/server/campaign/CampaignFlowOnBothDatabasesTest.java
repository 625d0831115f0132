package io.homeacs.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.security.SecretBox;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Campaigns driven end to end at the task level on H2 and PostgreSQL: notice before any download,
 * waves in order within the concurrency cap, halting with explained failures, rollback, and a
 * restart that loses and repeats nothing.
 */
class CampaignFlowOnBothDatabasesTest {
    @TempDir
    static Path dataDir;
    static PostgresDatabase pg;
    static final List<Database> OPEN = new ArrayList<>();
    static int seq;

    @BeforeAll
    static void createPostgres() {
        pg = PostgresDatabase.create();
    }

    @AfterAll
    static void closeAll() {
        OPEN.forEach(Database::close);
        pg.close();
    }

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    /** One ACS's worth of campaign machinery over a store. */
    private final class Acs {
        final Database db;
        final AcsConfig config;
        final TaskLevelFleet.MutableClock clock;
        final DeviceRegistry registry;
        final TaskQueue tasks;
        final Campaigns campaigns;
        final TaskLevelFleet.Images images;

        Acs(Database db, AcsConfig config, TaskLevelFleet.MutableClock clock, TaskLevelFleet.Images images) {
            this.images = images;
            this.db = db;
            this.config = config;
            this.clock = clock;
            this.registry = new DeviceRegistry(db);
            this.tasks = new TaskQueue(db, registry, config.tasks(), SecretBox.open(dataDir.resolve("secret-" + seq + ".key")));
            CampaignPlan defaults = new CampaignPlan(CampaignPlan.DEFAULT_WAVES, null, Duration.ofHours(24), 10, 10, -1,
                Duration.ofHours(2), ZoneId.of("UTC"));
            this.campaigns = new Campaigns(db, registry, tasks, d -> java.util.concurrent.CompletableFuture.completedFuture(
                new io.homeacs.server.device.DeviceWakeup.WakeupResult(true, "test", "")), images, null, null,
                new Campaigns.Settings(Duration.ofHours(1), Duration.ofHours(2), defaults, 100_000), clock);
            campaigns.start();
        }

        void tick() {
            campaigns.driver().tick(clock.instant());
        }
    }

    private Acs acs(String store, TaskLevelFleet.Images images, Instant start) {
        seq++;
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.resolve(store + seq).toString()));
        if (store.equals("postgresql")) {
            args.addAll(List.of("--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()));
        }
        AcsConfig cfg = new ConfigLoader().load(args, Map.of());
        Database db = Database.open(cfg.database());
        OPEN.add(db);
        return new Acs(db, cfg, new TaskLevelFleet.MutableClock(start), images);
    }

    private static TaskLevelFleet.Images catalogue() {
        TaskLevelFleet.Images images = new TaskLevelFleet.Images();
        images.versions.put(1L, "1.0.0");
        images.versions.put(2L, "2.0.0");
        return images;
    }

    private static DeviceQuery serialPrefix(String prefix) {
        return new DeviceQuery(null, null, null, null, null, prefix, null, null, 0, 1);
    }

    private static Map<String, Object> plan(String notice, long concurrency, List<Double> waves, double maxFailurePercent) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("notice", notice);
        m.put("concurrency", concurrency);
        m.put("waves", waves);
        m.put("maxFailurePercent", maxFailurePercent);
        m.put("successTimeLimit", "PT1H");
        return m;
    }

    private static int inFlight(Campaigns.Progress p) {
        int n = 0;
        for (Campaigns.WaveProgress w : p.waves()) {
            for (DeviceState s : List.of(DeviceState.SCHEDULED, DeviceState.SENT, DeviceState.INSTALLED)) {
                n += w.counts().getOrDefault(s, 0);
            }
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void wavesRunInOrderAfterTheirNoticeWithinTheCapAndEveryDeviceGetsOneDownload(String store) {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        Acs a = acs(store, catalogue(), t0);
        String prefix = "W" + seq + "-";
        TaskLevelFleet fleet = new TaskLevelFleet(a.registry, a.tasks, a.images);
        List<Long> ids = fleet.register(prefix, 200, "1.0.0", t0);
        assertThatThrownBy(() -> a.campaigns.create("too short", 2, serialPrefix(prefix), Map.of("q", prefix),
            CampaignPlan.fromJson(plan("PT30M", 20, List.of(1.0, 10.0, 25.0), 10), a.campaigns.defaults()), "ops"))
            .hasMessageContaining("shorter than");
        Campaign c = a.campaigns.create("to 2.0", 2, serialPrefix(prefix), Map.of("q", prefix),
            CampaignPlan.fromJson(plan("PT1H", 20, List.of(1.0, 10.0, 25.0), 10), a.campaigns.defaults()), "ops");
        Campaigns.Progress p = a.campaigns.progress(c.id());
        assertThat(p.waves()).extracting(w -> w.wave().size()).containsExactly(2, 20, 50, 128);
        assertThat(p.waves().get(0).wave().state()).isEqualTo(WaveState.NOTICED);
        assertThat(a.campaigns.notice(c.id(), 0)).hasSize(2)
            .allSatisfy(l -> assertThat(l.notBefore()).isEqualTo(t0.plus(Duration.ofHours(1))));
        assertThat(a.campaigns.notice(c.id(), 1)).as("the next wave is announced when this one opens").isEmpty();

        a.clock.advance(Duration.ofMinutes(59));
        a.tick();
        assertThat(fleet.takeDownloads(a.clock.instant())).as("nothing is touched before the notice has run").isEmpty();

        int maxInFlight = 0;
        for (int round = 0; round < 200 && a.campaigns.get(c.id()).state() == CampaignState.RUNNING; round++) {
            a.clock.advance(Duration.ofMinutes(5));
            a.tick();
            maxInFlight = Math.max(maxInFlight, inFlight(a.campaigns.progress(c.id())));
            for (Task t : fleet.takeDownloads(a.clock.instant())) {
                assertThat(t.origin()).isEqualTo(TaskOrigin.CAMPAIGN);
            }
            a.clock.advance(Duration.ofMinutes(1));
            fleet.complete(a.clock.instant());
        }
        p = a.campaigns.progress(c.id());
        assertThat(p.campaign().state()).isEqualTo(CampaignState.FINISHED);
        assertThat(maxInFlight).isLessThanOrEqualTo(20).isPositive();
        for (Campaigns.WaveProgress w : p.waves()) {
            assertThat(w.counts()).containsOnlyKeys(DeviceState.SUCCEEDED);
            assertThat(w.wave().state()).isEqualTo(WaveState.CLOSED);
        }
        for (int i = 1; i < p.waves().size(); i++) {
            Campaigns.WaveProgress before = p.waves().get(i - 1);
            Campaigns.WaveProgress w = p.waves().get(i);
            assertThat(w.wave().openedAt()).as("wave %d after wave %d closed", i, i - 1)
                .isAfterOrEqualTo(before.wave().closedAt());
            assertThat(w.wave().openedAt()).as("wave %d after its notice", i)
                .isAfterOrEqualTo(w.wave().noticeAt().plus(Duration.ofHours(1)));
        }
        for (long id : ids) {
            assertThat(fleet.downloadsOf(id)).as("device %d", id).isEqualTo(1);
            assertThat(a.registry.find(id).orElseThrow().softwareVersion()).isEqualTo("2.0.0");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void failuresHaltTheCampaignAtTheThresholdWithTheirReasonsAndTheWaveRollsBack(String store) {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        Acs a = acs(store, catalogue(), t0);
        String prefix = "H" + seq + "-";
        TaskLevelFleet fleet = new TaskLevelFleet(a.registry, a.tasks, a.images);
        List<Long> ids = fleet.register(prefix, 100, "1.0.0", t0);
        Campaign c = a.campaigns.create("to 2.0", 2, serialPrefix(prefix), Map.of("q", prefix),
            CampaignPlan.fromJson(plan("PT1H", 100, List.of(20.0), 10), a.campaigns.defaults()), "ops");
        List<Long> wave0 = a.campaigns.devices(c.id(), null, 0, 0, 1000).stream().map(Campaign.Device::deviceId).toList();
        assertThat(wave0).hasSize(20);
        // 2 of 20 fail in transfer, 1 comes back with the old version: 3 of 20 is above 10%.
        fleet.behaviour.put(wave0.get(0), TaskLevelFleet.Behaviour.TRANSFER_FAULT);
        fleet.behaviour.put(wave0.get(1), TaskLevelFleet.Behaviour.TRANSFER_FAULT);
        fleet.behaviour.put(wave0.get(2), TaskLevelFleet.Behaviour.KEEPS_OLD_VERSION);
        a.clock.advance(Duration.ofHours(1));
        a.tick();
        assertThat(fleet.takeDownloads(a.clock.instant())).hasSize(20);
        a.clock.advance(Duration.ofMinutes(1));
        fleet.complete(a.clock.instant());
        a.tick();

        Campaigns.Progress p = a.campaigns.progress(c.id());
        assertThat(p.campaign().state()).isEqualTo(CampaignState.HALTED);
        assertThat(p.campaign().stateReason()).contains("wave 0").contains("3 of 20 devices failed");
        assertThat(p.waves().get(0).wave().state()).isEqualTo(WaveState.HALTED);
        assertThat(p.waves().get(0).reasons()).containsEntry("failed: download fault 9010 Download failure: HTTP 404", 2)
            .containsEntry("failed: came back with software version 1.0.0, not 2.0.0", 1);
        assertThat(a.campaigns.devices(c.id(), DeviceState.FAILED, null, 0, 10)).hasSize(3)
            .anySatisfy(d -> assertThat(d.faultCode()).isEqualTo(9010));
        a.clock.advance(Duration.ofHours(3));
        a.tick();
        for (long id : ids) {
            if (!wave0.contains(id)) {
                assertThat(fleet.downloadsOf(id)).as("a halted campaign touches no further device").isZero();
            }
        }

        Campaigns.RollbackResult r = a.campaigns.rollback(c.id(), 0, null);
        assertThat(r.started()).isEqualTo(17);
        assertThat(r.refused()).hasSize(3).allSatisfy(x -> assertThat(x.reason()).contains("already runs 1.0.0"));
        a.tick();
        assertThat(fleet.takeDownloads(a.clock.instant())).as("rollbacks go out while the campaign is halted").hasSize(17);
        a.clock.advance(Duration.ofMinutes(1));
        fleet.complete(a.clock.instant());
        a.tick();
        assertThat(a.campaigns.devices(c.id(), DeviceState.ROLLED_BACK, null, 0, 100)).hasSize(17)
            .allSatisfy(d -> assertThat(d.step()).isEqualTo(1));
        for (long id : wave0) {
            assertThat(a.registry.find(id).orElseThrow().softwareVersion()).isEqualTo("1.0.0");
        }
        assertThat(a.campaigns.rollback(c.id(), null, wave0.get(5)).refused()).singleElement()
            .satisfies(x -> assertThat(x.reason()).contains("rolled_back"));

        a.campaigns.cancel(c.id());
        assertThat(a.campaigns.progress(c.id()).waves().get(1).counts()).containsOnlyKeys(DeviceState.CANCELLED);
        assertThatThrownBy(() -> a.campaigns.resume(c.id())).isInstanceOf(CampaignException.class).hasMessageContaining("cancelled");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aRestartLosesAndRepeatsNothing(String store) {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        Acs a = acs(store, catalogue(), t0);
        String prefix = "R" + seq + "-";
        TaskLevelFleet fleet = new TaskLevelFleet(a.registry, a.tasks, a.images);
        List<Long> ids = fleet.register(prefix, 60, "1.0.0", t0);
        Campaign c = a.campaigns.create("to 2.0", 2, serialPrefix(prefix), Map.of("q", prefix),
            CampaignPlan.fromJson(plan("PT1H", 30, List.of(50.0), 50), a.campaigns.defaults()), "ops");
        a.clock.advance(Duration.ofHours(1));
        a.tick();
        List<Task> taken = fleet.takeDownloads(a.clock.instant());
        assertThat(taken).hasSize(30);
        // Half complete while the ACS is "down": their outcomes reach a task queue without campaign listeners.
        TaskQueue bare = new TaskQueue(a.db, a.registry, a.config.tasks(), SecretBox.open(dataDir.resolve("bare.key")));
        fleet.tasks = bare;
        a.clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 15; i++) {
            fleet.complete(taken.get(i).deviceId(), bare.find(taken.get(i).id()).orElseThrow(), a.clock.instant());
        }
        // A claim whose task was never queued (killed between the two writes) and one whose task was
        // queued but not recorded.
        Campaign.Device notSent = a.campaigns.devices(c.id(), DeviceState.NOTIFIED, null, 0, 1).get(0);
        DeviceRows rows = new DeviceRows(a.db);
        assertThat(rows.claim(notSent, a.clock.instant().plus(Duration.ofHours(1)), a.clock.instant())).isTrue();
        Campaign.Device unrecorded = a.campaigns.devices(c.id(), DeviceState.NOTIFIED, null, 0, 1).get(0);
        assertThat(rows.claim(unrecorded, a.clock.instant().plus(Duration.ofHours(1)), a.clock.instant())).isTrue();
        bare.enqueue(unrecorded.deviceId(), a.images.download(2, a.registry.find(unrecorded.deviceId()).orElseThrow(),
            Duration.ofHours(1)), TaskOrigin.CAMPAIGN, Duration.ofHours(1), a.clock.instant());

        Acs b = new Acs(a.db, a.config, a.clock, a.images);
        fleet.tasks = b.tasks;
        assertThat(b.campaigns.devices(c.id(), DeviceState.SUCCEEDED, null, 0, 100)).as("reconciled from the tasks").hasSize(15);
        assertThat(b.campaigns.find(c.id(), notSent.deviceId()).state()).isEqualTo(DeviceState.NOTIFIED);
        assertThat(b.campaigns.find(c.id(), unrecorded.deviceId()).taskId()).isNotNull();
        for (int round = 0; round < 50 && b.campaigns.get(c.id()).state() == CampaignState.RUNNING; round++) {
            a.clock.advance(Duration.ofMinutes(5));
            b.tick();
            fleet.takeDownloads(a.clock.instant());
            a.clock.advance(Duration.ofMinutes(1));
            fleet.complete(a.clock.instant());
        }
        assertThat(b.campaigns.get(c.id()).state()).isEqualTo(CampaignState.FINISHED);
        assertThat(b.campaigns.devices(c.id(), DeviceState.SUCCEEDED, null, 0, 100)).hasSize(60);
        for (long id : ids) {
            assertThat(fleet.downloadsOf(id)).as("device %d got one download", id).isEqualTo(1);
        }
    }
}
