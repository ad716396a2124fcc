package io.roostcrm.store.fluentcrm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A database per test class holding FluentCRM's tables exactly as the plugin creates them, beside WordPress's
 * {@code users} table as WordPress creates it (empty: a test adds the site's WordPress users): on the local MariaDB
 * (127.0.0.1:3306, root) when reachable, otherwise on H2 in MySQL mode. With env {@code CI=true} MariaDB must be
 * reachable. System property {@code roost.fluentcrm.db=h2} forces H2.
 */
final class FluentCrmTestDatabase implements AutoCloseable {

    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String SCHEMA = "/fluentcrm/fluentcrm-2.9.84-schema.sql";
    private static final String WORDPRESS_USERS = "/fluentcrm/wordpress-6.1-users.sql";

    private final String name;
    private final boolean mariaDb;
    private final HikariDataSource dataSource;

    private FluentCrmTestDatabase(String name, boolean mariaDb, HikariDataSource dataSource) {
        this.name = name;
        this.mariaDb = mariaDb;
        this.dataSource = dataSource;
    }

    /** A fresh, empty database for one test class. */
    static FluentCrmTestDatabase create(String testClass) {
        String name = ("roost_fc_" + testClass.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 50) {
            name = name.substring(0, 50);
        }
        // Unique per run: two builds on one machine must not drop each other's database.
        name += "_" + Long.toString(ProcessHandle.current().pid(), 36)
                + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1296), 36);
        boolean forceH2 = "h2".equalsIgnoreCase(System.getProperty("roost.fluentcrm.db"));
        if (!forceH2 && mariaDbReachable()) {
            try (Connection c = DriverManager.getConnection(MARIADB + "test", "root", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
                st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + name, e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(MARIADB + name);
            config.setUsername("root");
            config.setPassword("");
            config.setMaximumPoolSize(6);
            config.setPoolName("test-" + name);
            return new FluentCrmTestDatabase(name, true, new HikariDataSource(config));
        }
        if ("true".equalsIgnoreCase(System.getenv("CI")) && !forceH2) {
            throw new IllegalStateException("CI=true but MariaDB at 127.0.0.1:3306 is not reachable");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(6);
        config.setPoolName("test-" + name);
        return new FluentCrmTestDatabase(name, false, new HikariDataSource(config));
    }

    static boolean mariaDbReachable() {
        try (Connection c = DriverManager.getConnection(MARIADB + "test?connectTimeout=2000", "root", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    int activeConnections() {
        return dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    boolean isMariaDb() {
        return mariaDb;
    }

    /** Creates FluentCRM's tables under a prefix. */
    void createFluentCrmTables(String prefix) {
        for (String statement : statements(prefix)) {
            execute(statement);
        }
    }

    /** Creates FluentCRM's tables except some (e.g. an install without the Pro tables). */
    void createFluentCrmTablesExcept(String prefix, List<String> skipped) {
        for (String statement : statements(prefix)) {
            boolean skip = skipped.stream().anyMatch(t -> statement.contains("CREATE TABLE " + prefix + t + " "));
            if (!skip) {
                execute(statement);
            }
        }
    }

    /** An extra table of §12 that exists only in some installs (e.g. the Pro sequence tracker). */
    void createSequenceTracker(String prefix) {
        execute("CREATE TABLE " + prefix + "fc_sequence_tracker (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " campaign_id BIGINT UNSIGNED NULL, subscriber_id BIGINT UNSIGNED NULL, created_at TIMESTAMP NULL,"
                + " updated_at TIMESTAMP NULL)");
    }

    /**
     * Adds a WordPress user as WordPress's installer or user editor writes it ({@code user_nicename} the login,
     * {@code display_name} the login, e-mail {@code <login>@example.com}); never a row the store writes.
     */
    void addWordPressUser(String prefix, long id, String login) {
        update("INSERT INTO " + prefix + "users (ID, user_login, user_pass, user_nicename, user_email, user_url,"
                + " user_registered, user_activation_key, user_status, display_name) VALUES (?, ?, ?, ?, ?, '', ?, '',"
                + " 0, ?)", id, login, "$P$Bnotarealhashnotarealhash000000", login, login + "@example.com",
                "2026-01-05 09:00:00", login);
    }

    private List<String> statements(String prefix) {
        String ddl = resource(SCHEMA) + ";\n" + resource(WORDPRESS_USERS);
        ddl = ddl.replaceAll("(?m)^--.*$", "").replace("{p}", prefix);
        if (!mariaDb) {
            // H2 has no table charsets and compares case-sensitively unless told; its index names are per schema;
            // it has no zero date.
            ddl = ddl.replace(" DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci", "")
                    .replace("email VARCHAR(190) NOT NULL UNIQUE", "email VARCHAR_IGNORECASE(190) NOT NULL UNIQUE")
                    .replace("INDEX type (type)", "INDEX " + prefix + "type (type)")
                    .replace("user_login VARCHAR(60)", "user_login VARCHAR_IGNORECASE(60)")
                    .replace("user_email VARCHAR(100)", "user_email VARCHAR_IGNORECASE(100)")
                    .replace("'0000-00-00 00:00:00'", "'1970-01-01 00:00:00'")
                    .replaceAll("KEY (user_\\w+) \\(", "KEY " + prefix + "$1 (");
        }
        List<String> out = new ArrayList<>();
        for (String s : ddl.split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = FluentCrmTestDatabase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the tables whose name starts with a prefix. */
    List<String> tables(String prefix) {
        String sql = mariaDb ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA";
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : query(sql + " ORDER BY table_name")) {
            String table = String.valueOf(row.values().iterator().next()).toLowerCase(Locale.ROOT);
            if (table.startsWith(prefix.toLowerCase(Locale.ROOT))) {
                out.add(table);
            }
        }
        return out;
    }

    /** Per recycled site, the tables it had when it was first emptied: a test that changed the set is not recycled. */
    private final Map<String, List<String>> recycled = new java.util.HashMap<>();

    /**
     * Makes a site ready for the next test of a kit: the first call creates FluentCRM's tables; later calls empty
     * every table of the site instead (Roost's side tables and its Flyway history stay, migrated; the epoch row stays,
     * as a node's epoch never moves back; the audit chain's head starts a new chain), which costs a fraction of
     * creating and dropping some forty InnoDB tables for each of the kits' several hundred tests. A site whose set of
     * tables a test changed (dropped one, added one) is dropped and created afresh. Ids continue from the last test's,
     * as on a site that has had contacts deleted.
     */
    void freshSite(String prefix) {
        List<String> tables = tables(prefix);
        List<String> known = recycled.get(prefix);
        if (tables.isEmpty() || (known != null && !known.equals(tables))) {
            dropTables(prefix);
            recycled.remove(prefix);
            createFluentCrmTables(prefix);
            return;
        }
        if (known == null) {
            recycled.put(prefix, tables);
        }
        String p = prefix.toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : tables) {
                if (table.equals(p + "roost_epoch") || table.equals(p + "roost_schema_history")) {
                    continue;
                }
                if (table.equals(p + "roost_change_head")) {
                    st.addBatch("UPDATE " + table + " SET last_sequence = 0, last_hash = NULL");
                } else {
                    st.addBatch("DELETE FROM " + table);
                }
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty site " + prefix, e);
        }
    }

    void dropTables(String prefix) {
        for (String table : tables(prefix)) {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    /** Rows as column label (lower-case) to value; timestamps and dates as text. */
    List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp || v instanceof java.sql.Date
                                || v instanceof java.time.temporal.Temporal) {
                            v = rs.getString(i);
                        }
                        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** One value. */
    Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = query(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** A checksum of every row of a table, in id order: each column as text, hashed. */
    String checksum(String table) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map<String, Object> row : query("SELECT * FROM " + table + " ORDER BY id")) {
                md.update(row.toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checksum of every row of a table without an id column: rows as text, sorted. */
    String checksumUnordered(String table) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : query("SELECT * FROM " + table)) {
            rows.add(row.toString());
        }
        java.util.Collections.sort(rows);
        return Integer.toHexString(rows.hashCode()) + ":" + rows.size();
    }

    /** Checksums of every table under a prefix, by name. */
    Map<String, String> checksums(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : tables(prefix)) {
            if (!table.startsWith((prefix + "roost_").toLowerCase(Locale.ROOT))) {
                out.put(table, checksum(table));
            }
        }
        return out;
    }

    @Override
    public void close() {
        dataSource.close();
        if (mariaDb) {
            try (Connection c = DriverManager.getConnection(MARIADB + "test", "root", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + name, e);
            }
        }
    }
}
