package io.homeacs.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 6.1: a trigram index for the device search's substring match on the device key
 * ({@code q=}, {@code device_key LIKE '%…%'}), on PostgreSQL only. It lives in Java because it must
 * be optional, which one SQL script for both stores cannot express: H2 has neither
 * {@code CREATE EXTENSION} nor GIN indexes nor {@code DO} blocks, and on PostgreSQL the pg_trgm
 * extension may be missing (not installed with the server) or not creatable by the ACS's role.
 * Then the migration still succeeds and the search scans, as before; the log says how to add the
 * index by hand.
 */
final class TrigramIndexMigration implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(TrigramIndexMigration.class);
    static final String INDEX_SQL = "CREATE INDEX IF NOT EXISTS device_key_trgm_idx ON device USING gin (device_key gin_trgm_ops)";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "trigram index on device key (PostgreSQL only)";
    }

    @Override
    public Integer getChecksum() {
        return INDEX_SQL.hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            return;
        }
        // A failed statement aborts a PostgreSQL transaction; the savepoint keeps Flyway's usable.
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            s.execute(INDEX_SQL);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            c.rollback(before);
            LOG.warn("no trigram index for device search, so q= will scan the device table ({}). To add it, a superuser "
                + "(or, the extension being trusted, a role with CREATE on the database) runs: CREATE EXTENSION pg_trgm; "
                + "{};", e.getMessage().replace('\n', ' '), INDEX_SQL);
        }
    }
}
