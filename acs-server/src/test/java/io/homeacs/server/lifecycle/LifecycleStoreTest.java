package io.homeacs.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Conflict;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.math.BigDecimal;
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

/** The lifecycle tables (migration V10) and their SQL on both stores the ACS supports. */
class LifecycleStoreTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
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

    private static Database open(String store) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.resolve(store).toString()));
        if (store.equals("postgresql")) {
            args.addAll(List.of("--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()));
        }
        AcsConfig cfg = new ConfigLoader().load(args, Map.of());
        Database db = Database.open(cfg.database());
        OPEN.add(db);
        return db;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void recordsEvidenceCatalogueAndReturns(String store) {
        Database db = open(store);
        DeviceRegistry registry = new DeviceRegistry(db);
        long device = registry.checkIn(new InformFacts(new DeviceIdentity("00259E", "HG8245H", "ST" + store), "Huawei",
            List.of(), List.of(new ParamValue("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string")), "10.0.0.7",
            "CWMP", "cwmp-1-2"), T).device().id();

        Equipment equipment = new Equipment(db);
        EquipmentRecord r = equipment.ensure(device, Ownership.LEASED, "ST" + store, "HW1", T);
        assertThat(equipment.ensure(device, Ownership.FREE, "other", null, T)).as("created once").isEqualTo(r);
        equipment.update(new EquipmentRecord(device, Ownership.FREE, T, T, 7L, new BigDecimal("320.50"), r.serialNumber(),
            "HW1", "LOID-1", "note", r.createdAt(), T, "admin"));
        equipment.setLine(device, "LOID-2", T);
        EquipmentRecord stored = equipment.find(device).orElseThrow();
        assertThat(stored.ownership()).isEqualTo(Ownership.FREE);
        assertThat(stored.purchasePrice()).isEqualByComparingTo("320.50");
        assertThat(stored.datesAssignmentId()).isEqualTo(7L);
        assertThat(stored.installedAt()).isEqualTo(T);
        assertThat(equipment.othersOnLine("LOID-2", device + 1)).containsExactly(device);
        assertThat(equipment.all()).extracting(EquipmentRecord::deviceId).contains(device);

        EvidenceLog log = new EvidenceLog(db);
        Evidence.Sighting s = new Evidence.Sighting(device, EvidenceKind.FACTORY_RESET, "0 BOOTSTRAP", "none",
            "reset, session refused", null, Map.of("events", List.of("0 BOOTSTRAP")), T);
        Evidence first = log.record(s);
        Evidence again = log.record(new Evidence.Sighting(device, EvidenceKind.FACTORY_RESET, "0 BOOTSTRAP", "none",
            "reset, session refused", null, Map.of(), T.plusSeconds(60)));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.occurrences()).isEqualTo(2);
        assertThat(again.lastSeenAt()).isEqualTo(T.plusSeconds(60));
        assertThat(again.proof()).as("the first sighting's proof stays").containsKey("events");
        Evidence otherHolder = log.record(new Evidence.Sighting(device, EvidenceKind.FACTORY_RESET, "0 BOOTSTRAP", "none",
            "reset, session refused", 5L, Map.of(), T.plusSeconds(120)));
        assertThat(otherHolder.id()).as("a new holder is not answerable for the last one's").isNotEqualTo(first.id());
        assertThat(log.list(new Evidence.Query(device, EvidenceKind.FACTORY_RESET, true, T.plusSeconds(90), 0, 10)))
            .extracting(Evidence::id).containsExactly(otherHolder.id());
        assertThat(log.dismiss(first.id(), "admin", "operator's own test", T)).isTrue();
        assertThat(log.dismiss(first.id(), "admin", "twice", T)).isFalse();
        assertThat(log.openSince(device, null)).extracting(Evidence::id).containsExactly(otherHolder.id());

        OperatorCatalog catalog = new OperatorCatalog(db);
        long generation = catalog.generation();
        OperatorCatalog.SoftwareEntry e = catalog.approve("HG8245H", "1.0", null, "admin", T);
        assertThat(catalog.generation()).isGreaterThan(generation);
        assertThatThrownBy(() -> catalog.approve("HG8245H", "1.0", null, "admin", T)).isInstanceOf(Conflict.class);
        assertThat(catalog.judgeSoftware("hg8245h", "1.0")).isEqualTo(Judgement.APPROVED);
        assertThat(catalog.judgeSoftware("HG8245H", "1.1")).isEqualTo(Judgement.NOT_APPROVED);
        assertThat(catalog.judgeSoftware("F660", "1.1")).isEqualTo(Judgement.NOT_LISTED);
        assertThat(catalog.withdrawSoftware(e.id())).isTrue();
        assertThat(catalog.judgeSoftware("HG8245H", "1.1")).isEqualTo(Judgement.NOT_LISTED);
        catalog.certify("F660", "ZTE", "note", "admin", T);
        assertThat(catalog.judgeModel("HG8245H")).isEqualTo(Judgement.NOT_APPROVED);

        Returns returns = new Returns(db);
        Returns.Check check = returns.addCheck(device, 1L, "clean", List.of(Map.of("name", "reachable")), T, "li.support");
        assertThat(returns.checks(device, 5)).extracting(Returns.Check::id).containsExactly(check.id());
        returns.addInspection(new Returns.Inspection(0, device, null, Ownership.LEASED, DeviceKind.GATEWAY, false, null, null,
            false, new BigDecimal("150.00"), "not returned", false, check.id(), Map.of("reasons", List.of("not returned")),
            T, "li.support"));
        Returns.Inspection read = returns.inspections(device, 5).get(0);
        assertThat(read.compensation()).isEqualByComparingTo("150");
        assertThat(read.intact()).isNull();
        assertThat(read.checkId()).isEqualTo(check.id());
        assertThat(read.kind()).isEqualTo(DeviceKind.GATEWAY);
        assertThat(read.detail()).containsEntry("reasons", List.of("not returned"));

        // The reports' SQL on this store: the unit owes 150 and has open evidence; no holding has ended.
        LifecycleReports reports = new LifecycleReports(db, registry, id -> {
            throw new AssertionError("no held unit to judge");
        }, 12);
        List<Map<String, Object>> owed = reports.compensationOwed().stream()
            .filter(m -> m.get("deviceId").equals(device)).toList();
        assertThat(owed).hasSize(1);
        assertThat((BigDecimal) owed.get(0).get("compensation")).isEqualByComparingTo("150");
        assertThat(owed.get(0)).containsEntry("reasons", List.of("not returned")).containsEntry("returned", false);
        Map<String, Object> tampered = reports.tampered().stream().filter(m -> m.get("deviceId").equals(device))
            .findFirst().orElseThrow();
        assertThat(tampered).containsEntry("kinds", List.of("factory-reset")).containsEntry("openEvidence", 1)
            .containsEntry("subscriberId", 5L);
        assertThat(reports.dueForReturn(T).stream().filter(m -> m.get("deviceId").equals(device))).isEmpty();
        assertThat(reports.warrantyExpiring(T, 30)).isEmpty();
    }
}
