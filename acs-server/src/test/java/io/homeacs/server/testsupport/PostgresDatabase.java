package io.homeacs.server.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class on the local server that .ci/run starts
 * (override with ACS_TEST_PG_URL / ACS_TEST_PG_USER / ACS_TEST_PG_PASSWORD). Dropped again on close.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    public final String name;

    private PostgresDatabase(String adminUrl, String user, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = name;
    }

    public static PostgresDatabase create() {
        String admin = System.getenv().getOrDefault("ACS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("ACS_TEST_PG_USER", "postgres");
        String name = "acs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin, user, password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test (is it running? .ci/run starts it): "
                + e.getMessage(), e);
        }
        return new PostgresDatabase(admin, user, name);
    }

    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    public static String password() {
        return System.getenv().getOrDefault("ACS_TEST_PG_PASSWORD", "");
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
