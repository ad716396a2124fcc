package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database for one test class, as a JUnit 5 extension: an in-memory H2 database per store, or on the local
 * PostgreSQL a schema (on the local MariaDB a database) created before the class and dropped after it. When the
 * server is unreachable the class is skipped with a message naming host and port, or fails when the environment
 * variable {@code CI} is {@code true}. Host and port can be changed with the system properties
 * {@code roost.test.postgresql.host}/{@code .port} and {@code roost.test.mariadb.host}/{@code .port}.
 *
 * <p>{@link #newStore()} returns an empty store: on H2 a new database; on the servers the class's schema with every
 * table emptied and every custom field column dropped, which is what a fresh schema would hold, at a fraction of the
 * cost of migrating one per test.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    /** The tables a store writes, for emptying. The Flyway history stays. */
    private static final List<String> TABLES = List.of("roost_contact", "roost_custom_field", "roost_counter",
            "roost_group", "roost_membership", "roost_note", "roost_reminder", "roost_stage", "roost_user",
            "roost_user_role", "roost_user_team", "roost_role");

    enum Kind {
        H2("H2", null, 0),
        POSTGRESQL("PostgreSQL", "127.0.0.1", 5432),
        MARIADB("MariaDB", "127.0.0.1", 3306);

        final String product;
        final String host;
        final int port;

        Kind(String product, String host, int port) {
            String key = "roost.test." + name().toLowerCase(Locale.ROOT);
            this.product = product;
            this.host = System.getProperty(key + ".host", host);
            this.port = Integer.getInteger(key + ".port", port);
        }
    }

    private final Kind kind;
    private String schema;
    private boolean migrated;
    /** JUnit calls the callbacks again for each {@code @Nested} class; only the outermost one creates and drops. */
    private int depth;

    private TestDatabase(Kind kind) {
        this.kind = kind;
    }

    static TestDatabase h2() {
        return new TestDatabase(Kind.H2);
    }

    static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRESQL);
    }

    static TestDatabase mariadb() {
        return new TestDatabase(Kind.MARIADB);
    }

    Kind kind() {
        return kind;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (kind == Kind.H2 || depth++ > 0) {
            return;
        }
        schema = "roost_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (kind == Kind.H2 || --depth > 0 || schema == null) {
            return;
        }
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema);
        }
    }

    /** The schema or database of this class (not for H2). */
    String schema() {
        return schema;
    }

    /** A builder for a store on this class's database, not yet emptied. */
    JdbcStore.Builder builder() {
        return switch (kind) {
            case H2 -> JdbcStore.builder().h2InMemory("roost-" + UUID.randomUUID()).maximumPoolSize(4);
            case POSTGRESQL -> JdbcStore.builder().url(serverUrl()).user("postgres").schema(schema).maximumPoolSize(4);
            case MARIADB -> JdbcStore.builder().url(serverUrl() + schema).user("root").password("").maximumPoolSize(4);
        };
    }

    /**
     * A plain (unpooled) data source on this class's database, as a host would pass one in: for H2 a new in-memory
     * database that lives until {@code SHUTDOWN}.
     */
    DataSource hostDataSource() throws SQLException {
        return switch (kind) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(serverUrl());
                pg.setUser("postgres");
                pg.setCurrentSchema(schema);
                yield pg;
            }
            case MARIADB -> new MariaDbDataSource(serverUrl() + schema + "?user=root");
        };
    }

    /** A store with no data and no custom fields. */
    JdbcStore newStore() {
        if (kind != Kind.H2 && migrated) {
            empty();
        }
        JdbcStore store = builder().build();
        migrated = true;
        return store;
    }

    /** A plain connection to this class's schema or database (not for H2), for checks and set-up. */
    Connection connection() throws SQLException {
        Connection c = adminConnection();
        try (Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "SET search_path TO " + schema : "USE " + schema);
        }
        return c;
    }

    private void empty() {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            List<String> customColumns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                    + schema + "' AND table_name = 'roost_contact'")) {
                while (rs.next()) {
                    String column = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (column.startsWith("cf_")) {
                        customColumns.add(column);
                    }
                }
            }
            if (!customColumns.isEmpty()) {
                List<String> drops = new ArrayList<>();
                if (kind == Kind.MARIADB) {
                    // MariaDB keeps an index when one of its columns is dropped.
                    customColumns.forEach(column -> drops.add("DROP INDEX IF EXISTS ix_roost_contact_" + column));
                }
                customColumns.forEach(column -> drops.add("DROP COLUMN " + column));
                if (kind == Kind.MARIADB) {
                    // An instant DROP COLUMN leaves the column in InnoDB's metadata; after a few hundred tests the
                    // table's row then counts as "too large" and the next ADD COLUMN fails. Rebuilding drops them.
                    drops.add("ALGORITHM=COPY");
                }
                s.execute("ALTER TABLE roost_contact " + String.join(", ", drops));
            }
            // DELETE beats TRUNCATE on tables this small.
            for (String table : TABLES) {
                s.addBatch("DELETE FROM " + table);
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test schema", e);
        }
    }

    private String serverUrl() {
        return kind == Kind.POSTGRESQL
                ? "jdbc:postgresql://" + kind.host + ":" + kind.port + "/test"
                : "jdbc:mariadb://" + kind.host + ":" + kind.port + "/";
    }

    private Connection adminConnection() throws SQLException {
        try {
            return kind == Kind.POSTGRESQL
                    ? DriverManager.getConnection(serverUrl() + "?connectTimeout=3", "postgres", "")
                    : DriverManager.getConnection(serverUrl() + "test?connectTimeout=3000", "root", "");
        } catch (SQLException e) {
            String message = kind.product + " is not reachable at " + kind.host + ":" + kind.port + " (" + e.getMessage()
                    + ")";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so this fails instead of skipping", e);
            }
            Assumptions.abort(message + "; skipping");
            throw e;
        }
    }
}
