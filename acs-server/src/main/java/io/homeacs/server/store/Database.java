package io.homeacs.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.homeacs.server.config.AcsConfig;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool plus schema migration. H2 (embedded default) and PostgreSQL share the same
 * Flyway scripts; H2 runs in PostgreSQL mode so one SQL dialect serves both.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    public static Database open(AcsConfig.Database cfg) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(cfg.url());
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setPoolName("acs-db");
        hc.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .javaMigrations(new TrigramIndexMigration()).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        boolean pg = cfg.url().startsWith("jdbc:postgresql:");
        LOG.info("store ready: {}", pg ? "PostgreSQL" : cfg.url().startsWith("jdbc:h2:") ? "embedded H2" : cfg.url());
        return new Database(ds, pg);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean postgres() {
        return postgres;
    }

    /** Runs work in one transaction; commits on success, rolls back on any exception. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs work on an auto-commit connection (single statements, reads). */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
