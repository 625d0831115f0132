package io.homeacs.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 6.1 adds the trigram index where PostgreSQL allows it and is a harmless no-op elsewhere:
 * the schema migrates, and the substring search answers, in every case.
 */
class TrigramIndexMigrationTest {
    @TempDir
    Path dataDir;

    @Test
    void postgresGetsTheIndex() throws SQLException {
        try (PostgresDatabase pg = PostgresDatabase.create();
             Database db = open(pg.url(), pg.user(), PostgresDatabase.password())) {
            assertThat(hasTrigramIndex(db)).isTrue();
            assertThat(migrated(db)).contains("6", "6.1");
            assertSubstringSearchWorks(db);
        }
    }

    @Test
    void aRoleThatMayNotCreateTheExtensionStillMigrates() throws SQLException {
        String role = "acs_plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        String password = UUID.randomUUID().toString();
        try (PostgresDatabase pg = PostgresDatabase.create()) {
            try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), PostgresDatabase.password());
                 Statement s = admin.createStatement()) {
                // May create tables in the schema, but not extensions (that needs CREATE on the database).
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
                s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
                s.execute("REVOKE CREATE ON DATABASE " + pg.name + " FROM PUBLIC");
            }
            try (Database db = open(pg.url(), role, password)) {
                assertThat(hasTrigramIndex(db)).isFalse();
                assertThat(migrated(db)).contains("6", "6.1");
                assertSubstringSearchWorks(db);
            } finally {
                try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), PostgresDatabase.password());
                     Statement s = admin.createStatement()) {
                    s.execute("DROP OWNED BY " + role);
                    s.execute("DROP ROLE " + role);
                }
            }
        }
    }

    @Test
    void h2RecordsTheMigrationAndSearchesWithoutIt() throws SQLException {
        try (Database db = open(null, null, null)) {
            assertThat(migrated(db)).contains("6", "6.1");
            assertSubstringSearchWorks(db);
        }
    }

    private Database open(String url, String user, String password) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        if (url != null) {
            args.addAll(List.of("--db-url", url, "--db-user", user, "--db-password", password));
        }
        return Database.open(new ConfigLoader().load(args, Map.of()).database());
    }

    private static boolean hasTrigramIndex(Database db) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_indexes WHERE indexname = 'device_key_trgm_idx'");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static List<String> migrated(Database db) {
        return db.withConnection(c -> {
            List<String> versions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\"");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            return versions;
        });
    }

    private static void assertSubstringSearchWorks(Database db) {
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO device (device_key, oui, product_class, serial_number, kind, data_model, protocol, "
                    + "first_contact, last_contact) VALUES ('00A0C9-HGW-TRGM0042', '00A0C9', 'HGW', 'TRGM0042', 'GATEWAY', "
                    + "'TR181', 'CWMP', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            return null;
        });
        DeviceRegistry registry = new DeviceRegistry(db);
        assertThat(registry.search(new DeviceQuery(null, null, null, null, null, "GM004", null, null, 0, 10)))
            .extracting(d -> d.identity().serialNumber()).containsExactly("TRGM0042");
        assertThat(registry.count(new DeviceQuery(null, null, null, null, null, "GM005", null, null, 0, 10))).isZero();
    }
}
