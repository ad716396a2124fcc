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
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.tck.service.SeedRoles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
            "roost_user_role", "roost_user_team", "roost_role", "roost_change_log", "roost_setting", "roost_login_credential",
            "roost_api_password", "roost_login_session", "roost_failure_counter", "roost_totp", "roost_recovery_code",
            "roost_ip_rule");

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
    /** For H2: a directory of file databases, one per store, instead of in-memory ones. */
    private final boolean h2Files;
    private java.nio.file.Path h2Directory;
    private String schema;
    /** The in-memory H2 database {@link #newStore()} opened last. */
    private String h2Name;
    private boolean migrated;
    /** JUnit calls the callbacks again for each {@code @Nested} class; only the outermost one creates and drops. */
    private int depth;

    private TestDatabase(Kind kind) {
        this(kind, false);
    }

    private TestDatabase(Kind kind, boolean h2Files) {
        this.kind = kind;
        this.h2Files = h2Files;
    }

    static TestDatabase h2() {
        return new TestDatabase(Kind.H2);
    }

    /**
     * H2 with a file database per store (in a directory deleted after the class): two stores then share one database
     * the way two nodes share a file, not only through an in-memory name.
     */
    static TestDatabase h2Files() {
        return new TestDatabase(Kind.H2, true);
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
    public void beforeAll(ExtensionContext context) throws Exception {
        if (depth++ > 0) {
            return;
        }
        if (kind == Kind.H2) {
            if (h2Files) {
                h2Directory = java.nio.file.Files.createTempDirectory("roost-h2-");
            }
            return;
        }
        schema = "roost_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (--depth > 0) {
            return;
        }
        if (kind == Kind.H2) {
            if (h2Directory != null) {
                try (var files = java.nio.file.Files.walk(h2Directory)) {
                    for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(f);
                    }
                }
            }
            return;
        }
        if (schema == null) {
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
            case H2 -> {
                h2Name = "roost-" + UUID.randomUUID();
                yield h2Directory != null ? JdbcStore.builder().h2File(h2Directory.resolve(h2Name)).maximumPoolSize(4)
                        : JdbcStore.builder().h2InMemory(h2Name).maximumPoolSize(4);
            }
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
            empty(Set.of());
        }
        JdbcStore store = builder().build();
        migrated = true;
        return store;
    }

    /**
     * For the service kit: a store with no data and either no custom fields or exactly the seed's
     * ({@link SeedRoles#customFields}), as {@link SeedRoles#install} defines them. On the servers the seed's columns
     * are kept from the last test, their definitions restored, instead of being dropped and added again: eleven
     * {@code ALTER TABLE}s and their indexes per test were most of the kit's time. A test that removed or retyped a
     * seed field gets the plain empty store.
     */
    JdbcStore newStoreForSeed() {
        if (kind == Kind.H2 || !migrated) {
            return newStore();
        }
        Map<String, String> stored = customFieldTypes();
        // Built first for its capabilities (they decide the opt-in field's type); it has read no columns yet.
        JdbcStore store = builder().build();
        List<FieldDefinition> seed = SeedRoles.customFields(store.capabilities());
        boolean keep = seed.stream().allMatch(f -> f.type().name().equals(stored.get(f.key())));
        Set<String> kept = keep ? seed.stream().map(FieldDefinition::key).collect(Collectors.toSet()) : Set.of();
        empty(kept);
        if (keep) {
            store.transaction(tx -> seed.forEach(tx.fields()::update));
        }
        return store;
    }

    /** The stored custom fields' keys and types. */
    private Map<String, String> customFieldTypes() {
        Map<String, String> types = new HashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT field_key, field_type FROM roost_custom_field")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the custom fields", e);
        }
        return types;
    }

    /**
     * A second store on the database {@link #newStore()} opened last, with its own pool and caches, as a second
     * application node opens it. Not emptied. For H2, the in-memory database of that name, shared in this JVM while
     * the first store is open.
     */
    JdbcStore newStoreOnSameDatabase() {
        return switch (kind) {
            case H2 -> (h2Directory != null ? JdbcStore.builder().h2File(h2Directory.resolve(h2Name))
                    : JdbcStore.builder().h2InMemory(h2Name)).maximumPoolSize(4).build();
            case POSTGRESQL, MARIADB -> builder().build();
        };
    }

    /**
     * A builder for a store on a schema (PostgreSQL) or database (MariaDB) of this name, which the store creates if
     * missing; for H2, a database in this file. Drop it with {@link #dropSchema}.
     */
    JdbcStore.Builder builderForSchema(String name, java.nio.file.Path h2File) {
        return switch (kind) {
            case H2 -> JdbcStore.builder().h2File(h2File).maximumPoolSize(4);
            case POSTGRESQL -> JdbcStore.builder().url(serverUrl()).user("postgres").schema(name).maximumPoolSize(4);
            case MARIADB -> JdbcStore.builder().url(serverUrl()).user("root").password("").schema(name)
                    .maximumPoolSize(4);
        };
    }

    /**
     * A builder for a store of its own whose server sessions carry this tag: on PostgreSQL as their application name
     * (in the class's database, schema = tag), on MariaDB as their database (created if missing); on H2 an in-memory
     * database of that name. Drop it with {@link #dropSchema} (not for H2).
     */
    JdbcStore.Builder taggedBuilder(String tag) {
        return switch (kind) {
            case H2 -> JdbcStore.builder().h2InMemory(tag).maximumPoolSize(4);
            case POSTGRESQL -> JdbcStore.builder().url(serverUrl() + "?ApplicationName=" + tag).user("postgres")
                    .schema(tag).maximumPoolSize(4);
            case MARIADB -> JdbcStore.builder().url(serverUrl() + tag + "?createDatabaseIfNotExist=true").user("root")
                    .password("").maximumPoolSize(4);
        };
    }

    /** Ends every server session {@link #taggedBuilder} opened with this tag, as a server restart would. */
    void endSessions(String tag) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            if (kind == Kind.POSTGRESQL) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + tag
                        + "'");
            } else if (kind == Kind.MARIADB) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '" + tag
                        + "'")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    s.execute("KILL " + id);
                }
            }
        }
    }

    /** Drops a schema or database {@link #builderForSchema} created (not for H2). */
    void dropSchema(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }

    /**
     * Direct access to the audit table of the store {@link #newStore()} opened last, as a database administrator has
     * it (issue 12's tampering checks); for H2 a connection to that store's database in this JVM.
     */
    io.roostcrm.tck.service.AuditTables auditTables() {
        String h2 = h2Name;
        java.nio.file.Path dir = h2Directory;
        return new io.roostcrm.tck.service.AuditTables(() -> kind != Kind.H2 ? connection()
                : java.sql.DriverManager.getConnection(dir != null ? "jdbc:h2:file:" + dir.resolve(h2).toAbsolutePath()
                : "jdbc:h2:mem:" + h2), "roost_change_log", "roost_change_head");
    }

    /** A plain connection to this class's schema or database (not for H2), for checks and set-up. */
    Connection connection() throws SQLException {
        Connection c = adminConnection();
        try (Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "SET search_path TO " + schema : "USE " + schema);
        }
        return c;
    }

    /** Empties the schema: every row, and every custom field but these (kept with their columns). */
    private void empty(Set<String> keptFields) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            Set<String> keptColumns = new HashSet<>();
            if (!keptFields.isEmpty()) {
                try (ResultSet rs = s.executeQuery("SELECT field_key, column_name FROM roost_custom_field")) {
                    while (rs.next()) {
                        if (keptFields.contains(rs.getString(1))) {
                            keptColumns.add(rs.getString(2).toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            List<String> customColumns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                    + schema + "' AND table_name = 'roost_contact'")) {
                while (rs.next()) {
                    String column = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (column.startsWith("cf_") && !keptColumns.contains(column)) {
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
                try {
                    s.execute("ALTER TABLE roost_contact " + String.join(", ", drops));
                } catch (SQLException e) {
                    if (kind != Kind.MARIADB || e.getErrorCode() != 1118) {
                        throw e;
                    }
                    // MariaDB keeps instantly dropped columns in the row format; after a few hundred the table must
                    // be rebuilt (as the store itself does before adding a field).
                    drops.add("FORCE");
                    s.execute("ALTER TABLE roost_contact " + String.join(", ", drops));
                }
            }
            // DELETE beats TRUNCATE on tables this small.
            for (String table : TABLES) {
                if (table.equals("roost_custom_field") && !keptFields.isEmpty()) {
                    s.addBatch("DELETE FROM roost_custom_field WHERE field_key NOT IN ("
                            + keptFields.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + ")");
                } else {
                    s.addBatch("DELETE FROM " + table);
                }
            }
            // An empty audit trail starts a new chain (issue 12).
            s.addBatch("UPDATE roost_change_head SET last_sequence = 0, last_hash = NULL");
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
