package io.homeacs.server.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.store.Database;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V9's diagnostic_run table and its conditional moves behave the same on H2 and PostgreSQL. */
class DiagnosticRunsOnBothDatabasesTest {
    @TempDir
    static Path dataDir;
    static PostgresDatabase pg;
    static final List<Database> OPEN = new ArrayList<>();

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

    @ParameterizedTest
    @MethodSource("stores")
    void runsAreStoredMovedOnlyFromWhereTheyWereAndReadBack(String store) {
        DiagnosticRuns runs = new DiagnosticRuns(open(store));
        Instant now = Instant.parse("2026-11-21T10:00:00.123456Z");
        DiagnosticRequest req = new DiagnosticRequest(DiagnosticType.SPEED_TEST, "http://acs.example:7549/download/1000",
            "http://acs.example:7549/upload", 1000, null, 0, 0, 0, 0, 0,
            new DiagnosticRequest.Contract(4L, "GD-4", "FTTH-100", 100, 20));
        DiagnosticRun run = runs.insert(7, req, "li.support", now, now.plus(Duration.ofMinutes(10)));
        assertThat(run.state()).isEqualTo(RunState.REQUESTED);
        assertThat(run.phase()).isEqualTo(DiagnosticObject.DOWNLOAD);
        assertThat(run.request()).isEqualTo(req);
        assertThat(run.createdAt()).isEqualTo(now);
        assertThat(runs.active(7)).contains(run);

        DiagnosticRun sent = run.to(RunState.REQUESTED, DiagnosticObject.DOWNLOAD, Step.REQUEST, 41L, "asking", now);
        assertThat(runs.move(run, sent)).isTrue();
        DiagnosticRun running = sent.to(RunState.RUNNING, DiagnosticObject.DOWNLOAD, Step.TEST, 41L, "measuring", now);
        assertThat(runs.move(sent, running)).isTrue();
        assertThat(runs.move(sent, running)).as("a second writer that saw the old step loses").isFalse();
        assertThat(runs.byTask(41)).map(DiagnosticRun::step).contains(Step.TEST);

        Map<String, Object> download = new LinkedHashMap<>();
        download.put("mbps", 95.5);
        download.put("romTime", null);
        DiagnosticRun done = running.withResult("download", download).withSpeed(95.5, 19.25, false)
            .to(RunState.COMPLETED, DiagnosticObject.UPLOAD, Step.DONE, 42L, "not compliant", now.plusSeconds(5));
        assertThat(runs.move(running, done)).isTrue();
        DiagnosticRun read = runs.find(run.id()).orElseThrow();
        assertThat(read.state()).isEqualTo(RunState.COMPLETED);
        assertThat(read.compliant()).isFalse();
        assertThat(read.downMbps()).isEqualTo(95.5);
        assertThat(read.upMbps()).isEqualTo(19.25);
        assertThat(read.finishedAt()).isEqualTo(now.plusSeconds(5));
        assertThat(((Map<?, ?>) read.result().get("download")).containsKey("romTime")).isTrue();
        assertThat(runs.active(7)).isEmpty();
        assertThat(runs.unfinished(10)).isEmpty();
        assertThat(runs.forDevice(7, 10)).hasSize(1);

        DiagnosticRun ping = runs.insert(7, new DiagnosticRequest(DiagnosticType.IP_PING, null, null, 0, "a.example", 4, 1000,
            64, 0, 0, null), "zhao", now, now.plusSeconds(600));
        assertThat(ping.compliant()).isNull();
        assertThat(ping.downMbps()).isNull();
        assertThat(runs.unfinished(10)).extracting(DiagnosticRun::id).containsExactly(ping.id());
        assertThat(runs.forDevice(7, 10)).extracting(DiagnosticRun::id).containsExactly(ping.id(), run.id());
    }

    private static Database open(String store) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.resolve(store).toString()));
        if (store.equals("postgresql")) {
            args.addAll(List.of("--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()));
        }
        Database db = Database.open(new ConfigLoader().load(args, Map.of()).database());
        OPEN.add(db);
        return db;
    }
}
