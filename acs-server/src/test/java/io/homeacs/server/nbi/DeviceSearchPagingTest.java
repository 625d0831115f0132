package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.DataModel;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyset paging, capped totals and the subscriber filter of the device search, over HTTP, on H2 and
 * on PostgreSQL. The fleet is written with SQL (ties in lastContact and serialNumber on purpose), not
 * onboarded, so thousands of devices cost a second.
 */
class DeviceSearchPagingTest {
    private static final Instant BASE = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dataDir;
    TestAcs acs;
    PostgresDatabase pg;

    /** One of the seeded devices as the test expects the API to order it. */
    private record Seeded(long id, String serial, Instant lastContact, String kind) {
    }

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    private void start(String store) {
        if (store.equals("postgresql")) {
            pg = PostgresDatabase.create();
            acs = TestAcs.start(dataDir, "--db-url", pg.url(), "--db-user", pg.user(), "--db-password",
                PostgresDatabase.password());
        } else {
            acs = TestAcs.start(dataDir);
        }
    }

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void cursorPagesCoverEveryDeviceOnceInEverySort(String store) throws SQLException {
        start(store);
        List<Seeded> fleet = seed(0, 57);
        Map<String, Comparator<Seeded>> sorts = Map.of(
            "id", Comparator.comparingLong(Seeded::id),
            "-id", Comparator.comparingLong(Seeded::id).reversed(),
            "lastContact", Comparator.comparing(Seeded::lastContact).thenComparingLong(Seeded::id),
            "-lastContact", Comparator.comparing(Seeded::lastContact).thenComparingLong(Seeded::id).reversed(),
            "serialNumber", Comparator.comparing(Seeded::serial).thenComparingLong(Seeded::id),
            "-serialNumber", Comparator.comparing(Seeded::serial).thenComparingLong(Seeded::id).reversed());
        sorts.forEach((sort, order) -> {
            assertThat(walk("sort=" + sort + "&limit=5")).as("sort=" + sort)
                .containsExactlyElementsOf(fleet.stream().sorted(order).map(Seeded::id).toList());
            assertThat(walk("kind=stb&sort=" + sort + "&limit=4")).as("kind=stb, sort=" + sort).containsExactlyElementsOf(
                fleet.stream().filter(s -> s.kind().equals("SET_TOP_BOX")).sorted(order).map(Seeded::id).toList());
        });

        List<Long> byOffset = ids(acs.get("/api/v1/devices?sort=-lastContact&offset=5&limit=5").json());
        Map<String, Object> first = acs.get("/api/v1/devices?sort=-lastContact&limit=5").json();
        assertThat(ids(acs.get("/api/v1/devices?sort=-lastContact&limit=5&cursor=" + first.get("nextCursor")).json()))
            .as("offset paging still works and agrees with the cursor").isEqualTo(byOffset);
        assertThat(acs.get("/api/v1/devices?sort=id&cursor=" + first.get("nextCursor")).status())
            .as("a cursor continues the sort it came from").isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?sort=-lastContact&offset=5&cursor=" + first.get("nextCursor")).status())
            .isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?cursor=%25%25").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void broadSearchesReportCappedTotalsUnlessAskedForExact(String store) throws SQLException {
        start(store);
        int n = (int) DevicesResource.COUNT_CAP + 50;
        List<Seeded> fleet = seed(0, n);
        Map<String, Object> capped = acs.get("/api/v1/devices?limit=10").json();
        assertThat(capped).containsEntry("total", DevicesResource.COUNT_CAP).containsEntry("totalExact", false);
        assertThat(acs.get("/api/v1/devices?limit=10&count=exact").json())
            .containsEntry("total", (long) n).containsEntry("totalExact", true);
        Map<String, Object> none = acs.get("/api/v1/devices?limit=10&count=none").json();
        assertThat(none).containsEntry("total", null).containsEntry("totalExact", false);
        assertThat(ids(none)).hasSize(10);
        assertThat(acs.get("/api/v1/devices?count=roughly").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/devices?kind=stb&limit=10").json())
            .as("a narrower search is counted exactly").containsEntry("total", (long) n / 5).containsEntry("totalExact", true);
        // Last-contact ranges with a kind (H2 counts these from the last-contact index).
        Instant cut = BASE.plusSeconds(180);
        long early = fleet.stream().filter(d -> d.kind().equals("SET_TOP_BOX") && d.lastContact().isBefore(cut)).count();
        assertThat(acs.get("/api/v1/devices?kind=stb&contactedBefore=" + cut + "&limit=10").json())
            .containsEntry("total", early).containsEntry("totalExact", true);
        assertThat(acs.get("/api/v1/devices?contactedAfter=" + BASE + "&limit=10").json())
            .containsEntry("total", DevicesResource.COUNT_CAP).containsEntry("totalExact", false);
        assertThat(acs.get("/api/v1/devices?contactedAfter=" + cut + "&kind=gateway&count=exact&limit=10").json())
            .containsEntry("total", fleet.stream().filter(d -> d.kind().equals("GATEWAY") && !d.lastContact().isBefore(cut))
                .count());
        Map<String, Object> deep = acs.get("/api/v1/devices?offset=" + (n - 20) + "&limit=10").json();
        assertThat(deep).as("past the cap, the rows already passed are the bound")
            .containsEntry("total", (long) n - 10).containsEntry("totalExact", false);
        assertThat(acs.get("/api/v1/devices?offset=" + (n - 5) + "&limit=10").json())
            .as("the last page needs no count").containsEntry("total", (long) n).containsEntry("totalExact", true)
            .containsEntry("nextCursor", null);

        // A bulk run collects its targets in keyset pages of 1000: every device once (bulk_run_device's key
        // would refuse a second), none left out.
        TestAcs.ApiReply run = acs.post("/api/v1/bulk", "{\"query\":{},\"task\":{\"type\":\"reboot\"},\"ratePerMinute\":1}");
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json()).containsEntry("total", (long) n);
        assertThat(acs.call("DELETE", "/api/v1/bulk/" + run.json().get("id"), null, acs.token).status()).isEqualTo(200);
        assertThat(acs.get("/api/v1/devices/export.csv?sort=-serialNumber").body().split("\r\n"))
            .as("the export pages by keyset too").hasSize(n + 1);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void subscriberIdSelectsTheSubscribersDevices(String store) throws SQLException {
        start(store);
        List<Seeded> fleet = seed(0, 12);
        List<Long> theirs = List.of(fleet.get(2).id(), fleet.get(7).id(), fleet.get(11).id());
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("UPDATE device SET subscriber_id = ? WHERE id = ?")) {
            for (long id : theirs) {
                ps.setLong(1, 4242);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            ps.setLong(1, 17);
            ps.setLong(2, fleet.get(3).id());
            ps.executeUpdate();
        }
        Map<String, Object> page = acs.get("/api/v1/devices?subscriberId=4242").json();
        assertThat(ids(page)).containsExactlyElementsOf(theirs);
        assertThat(page).containsEntry("total", 3L).containsEntry("totalExact", true);
        assertThat(ids(acs.get("/api/v1/devices?subscriberId=4242&kind=stb").json()))
            .containsExactlyElementsOf(fleet.stream().filter(s -> theirs.contains(s.id()) && s.kind().equals("SET_TOP_BOX"))
                .map(Seeded::id).toList());
        assertThat(ids(acs.get("/api/v1/devices?subscriberId=99").json())).isEmpty();
        assertThat(acs.get("/api/v1/devices?subscriberId=abc").status()).isEqualTo(400);
        String[] csv = acs.get("/api/v1/devices/export.csv?subscriberId=4242").body().split("\r\n");
        assertThat(csv).hasSize(4);
        assertThat(csv[1]).startsWith(theirs.get(0) + ",");
        TestAcs.ApiReply run = acs.post("/api/v1/bulk", "{\"query\":{\"subscriberId\":4242},\"task\":{\"type\":\"reboot\"},"
            + "\"ratePerMinute\":1}");
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json()).containsEntry("total", 3L);
        acs.call("DELETE", "/api/v1/bulk/" + run.json().get("id"), null, acs.token);
    }

    @Test
    void cursorsRoundTripAndTheDocumentedOneIsValid() {
        Instant t = Instant.parse("2026-11-21T20:31:10.782439Z");
        for (DeviceQuery.Sort sort : DeviceQuery.Sort.values()) {
            DeviceQuery.After a = DeviceQuery.After.of(sort, device(7, "SN,\"x\"", t));
            assertThat(SearchCursor.decode(SearchCursor.encode(a), sort)).as(sort.apiName()).isEqualTo(a);
        }
        assertThat(SearchCursor.decode("WyItbGFzdENvbnRhY3QiLCIyMDI2LTExLTIxVDIwOjMxOjEwLjc4MjQzOVoiLDQyXQ",
            DeviceQuery.Sort.LAST_CONTACT_DESC)).as("the example in openapi.json")
            .isEqualTo(new DeviceQuery.After(DeviceQuery.Sort.LAST_CONTACT_DESC, t, null, 42));
    }

    private static Device device(long id, String serial, Instant lastContact) {
        return new Device(id, "OUI-" + serial, new DeviceIdentity("OUI", "", serial), null, null, null, null,
            DeviceKind.GATEWAY, false, DataModel.TR181, "CWMP", null, lastContact, lastContact, null, null, null, null,
            null, null, null);
    }

    /** Follows nextCursor from the first page to the last, checking no device comes twice. */
    private List<Long> walk(String query) {
        List<Long> all = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        String cursor = null;
        do {
            TestAcs.ApiReply r = acs.get("/api/v1/devices?" + query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (long id : ids(r.json())) {
                assertThat(seen.add(id)).as("device %d on two pages of %s", id, query).isTrue();
                all.add(id);
            }
            cursor = (String) r.json().get("nextCursor");
        } while (cursor != null);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("devices")).stream().map(d -> ((Number) d.get("id")).longValue()).toList();
    }

    private Connection connect() throws SQLException {
        AcsConfig.Database cfg = acs.server.config().database();
        return DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password());
    }

    /**
     * Devices from..to-1: every fifth a set-top box, lastContact in seven groups of equal times,
     * serial numbers shared by pairs of devices of different OUIs.
     */
    private List<Seeded> seed(int from, int to) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device (device_key, oui, product_class, serial_number, "
                + "kind, data_model, protocol, first_contact, last_contact) VALUES (?,?,'HGW',?,?,'TR181','CWMP',?,?)")) {
                for (int i = from; i < to; i++) {
                    String oui = i % 2 == 0 ? "00A0C9" : "00D09E";
                    String serial = String.format("SER%05d", i / 2);
                    ps.setString(1, oui + "-HGW-" + serial);
                    ps.setString(2, oui);
                    ps.setString(3, serial);
                    ps.setString(4, i % 5 == 0 ? "SET_TOP_BOX" : "GATEWAY");
                    ps.setObject(5, OffsetDateTime.ofInstant(BASE, ZoneOffset.UTC));
                    ps.setObject(6, OffsetDateTime.ofInstant(BASE.plusSeconds(60L * ((i * 3) % 7)), ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        List<Seeded> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
            "SELECT id, serial_number, last_contact, kind FROM device ORDER BY id");
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Seeded(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4)));
            }
        }
        return out;
    }
}
