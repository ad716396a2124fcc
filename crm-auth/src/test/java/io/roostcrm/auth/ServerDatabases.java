package io.roostcrm.auth;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** PostgreSQL and MariaDB for the cross-store tests, each test in a schema of its own; skipped when unreachable unless CI=true. */
final class ServerDatabases {
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";

    private ServerDatabases() {
    }

    static void assumeReachable(String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.isValid(2);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("database " + url + " is unreachable under CI", e);
            }
            Assumptions.abort("database " + url + " is unreachable: " + e.getClass().getSimpleName());
        }
    }

    static String newSchema() {
        return "roost_auth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static CrmStore store(String url, String user, String schema) {
        return JdbcStore.builder().url(url).user(user).password("").schema(schema).maximumPoolSize(4).build();
    }

    static void drop(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test schema", e);
        }
    }
}
