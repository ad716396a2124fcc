package io.roostcrm.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A benchmark database: a Roost {@link JdbcStore} over a HikariCP pool the benchmark owns (so a hand-written baseline
 * can use the very same pool), with the 23 custom fields defined through the Crm admin API.
 *
 * <p>{@link #openLoaded} opens the 1,000,000-contact database, loading it first (raw JDBC batches into the store's own
 * tables, after the store created its schema and custom columns) unless it already holds exactly that data:
 * H2 in a file under {@code benchmarks/target/bench-h2}, PostgreSQL in database {@code roost_bench} on
 * 127.0.0.1:5432 (user postgres).
 */
final class BenchDatabase implements AutoCloseable {

    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";
    /** MariaDB on 127.0.0.1:3306, user root without password (so far only the upsert benchmark uses it). */
    static final String MARIADB = "mariadb";

    static final Subject SUPER_ADMIN = new Subject(1, Set.of(), List.of(Role.superAdmin("Super Admin")));

    private static final String PG_HOST = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String PG_USER = "postgres";
    private static final String MARIADB_HOST = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String MARIADB_USER = "root";
    private static final int LOAD_BATCH = 5_000;

    final String kind;
    final HikariDataSource pool;
    final Crm crm;
    /** Field key to column name, for the standard and the custom fields. */
    final Map<String, String> columns;
    /** Field key to definition. */
    final Map<String, FieldDefinition> fields;
    /** jOOQ over the same pool, rendering names the way the store does. */
    final DSLContext jooq;

    private BenchDatabase(String kind, HikariDataSource pool, Crm crm) {
        this.kind = kind;
        this.pool = pool;
        this.crm = crm;
        this.jooq = DSL.using(pool, kind.equals(H2) ? SQLDialect.H2 : kind.equals(MARIADB) ? SQLDialect.MARIADB
                        : SQLDialect.POSTGRES,
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false));
        this.fields = new LinkedHashMap<>();
        StandardFields.all().forEach(f -> fields.put(f.key(), f));
        this.columns = new LinkedHashMap<>();
        StandardFields.keys().forEach(k -> columns.put(k, k));
        for (FieldDefinition f : crm.as(SUPER_ADMIN).admin().customFields()) {
            fields.put(f.key(), f);
        }
        jooq.resultQuery("select field_key, column_name from roost_custom_field").fetch()
                .forEach(r -> columns.put(r.get(0, String.class), r.get(1, String.class)));
    }

    /** The super admin's session. */
    CrmSession admin() {
        return crm.as(SUPER_ADMIN);
    }

    /**
     * Opens the 1,000,000-contact database, loading it if it does not hold exactly that data.
     *
     * @param h2CacheKb H2's page cache in KiB (it lives in the JVM heap), or 0 for H2's default
     */
    static BenchDatabase openLoaded(String kind, int h2CacheKb) {
        return openLoaded(kind, h2CacheKb, BenchData.CONTACTS);
    }

    /**
     * Opens a database of this many contacts (the same generated data, cut short), loading it if needed: the
     * 1,000,000-contact one is {@code roost_bench}, others {@code roost_bench_<contacts>}.
     */
    static BenchDatabase openLoaded(String kind, int h2CacheKb, int contacts) {
        String name = contacts == BenchData.CONTACTS ? "roost_bench" : "roost_bench_" + contacts;
        String url = url(kind, name, h2CacheKb);
        if (kind.equals(POSTGRESQL)) {
            createPostgresDatabase(name, false);
        }
        try (Connection c = connect(url)) {
            if (holdsData(c, contacts)) {
                log(kind + ": reusing the loaded database (" + contacts + " contacts)");
                return open(kind, url);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the " + kind + " benchmark database", e);
        }
        log(kind + ": (re)creating and loading the benchmark database");
        wipe(kind, name);
        // The store creates its tables and custom columns; then it is closed and the rows go in with raw JDBC.
        BenchDatabase schema = open(kind, url);
        List<Long> stages;
        try {
            schema.defineFields(BenchData.CUSTOM);
            schema.admin().admin().saveRole(BenchData.salesRole());
            stages = schema.stageIds();
        } finally {
            schema.close();
        }
        schema.load(url, stages, contacts);
        return open(kind, url);
    }

    /** Opens an empty database for the import benchmark, with the import's 10 custom fields. */
    static BenchDatabase openEmptyForImport(String kind) {
        String url = url(kind, "roost_bench_import", 0);
        wipe(kind, "roost_bench_import");
        BenchDatabase db = open(kind, url);
        db.defineFields(BenchData.CUSTOM.subList(0, 10));
        return db;
    }

    /**
     * Opens an empty database for the upsert benchmark ({@code roost_bench_upsert}), with the import's 10 custom
     * fields; on H2, PostgreSQL or MariaDB.
     */
    static BenchDatabase openEmptyForUpsert(String kind) {
        String url = url(kind, "roost_bench_upsert", 0);
        wipe(kind, "roost_bench_upsert");
        BenchDatabase db = open(kind, url);
        db.defineFields(BenchData.CUSTOM.subList(0, 10));
        return db;
    }

    private static BenchDatabase open(String kind, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user(kind));
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-" + kind);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Crm crm = Crm.builder().store(JdbcStore.builder().dataSource(pool).build()).build();
            return new BenchDatabase(kind, pool, crm);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void defineFields(List<FieldDefinition> custom) {
        for (FieldDefinition field : custom) {
            admin().admin().defineField(field);
        }
        fields.clear();
        columns.clear();
        StandardFields.all().forEach(f -> fields.put(f.key(), f));
        StandardFields.keys().forEach(k -> columns.put(k, k));
        custom.forEach(f -> fields.put(f.key(), f));
        jooq.resultQuery("select field_key, column_name from roost_custom_field").fetch()
                .forEach(r -> columns.put(r.get(0, String.class), r.get(1, String.class)));
    }

    /** The stage ids, in order. */
    List<Long> stageIds() {
        return jooq.resultQuery("select id from roost_stage order by position").fetch().getValues(0, Long.class);
    }

    /**
     * Empties the contact table and the change log, and starts a new audit chain, as a fresh database has them (the
     * import and upsert benchmarks, between invocations). Each database lets a table that foreign keys refer to be truncated its
     * own way: PostgreSQL with the referring (empty) tables, cascading; H2 and MariaDB with the checks off for the
     * statement, on one connection.
     */
    void emptyContactsAndChangeLog() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            switch (kind) {
                case POSTGRESQL -> s.execute("truncate table roost_contact, roost_change_log restart identity cascade");
                case MARIADB -> {
                    s.execute("set foreign_key_checks = 0");
                    try {
                        s.execute("truncate table roost_contact");
                        s.execute("truncate table roost_change_log");
                    } finally {
                        s.execute("set foreign_key_checks = 1");
                    }
                }
                default -> {
                    s.execute("set referential_integrity false");
                    try {
                        s.execute("truncate table roost_contact restart identity");
                        s.execute("truncate table roost_change_log");
                    } finally {
                        s.execute("set referential_integrity true");
                    }
                }
            }
            s.execute("update roost_change_head set last_sequence = 0, last_hash = null");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the " + kind + " contact table", e);
        }
    }

    /** How many contacts match a condition (SQL on roost_contact's columns, e.g. {@code version = 2}). */
    long countContacts(String condition) {
        return jooq.fetchCount(DSL.table(DSL.name("roost_contact")), DSL.condition(condition));
    }

    long countContacts() {
        return jooq.fetchCount(DSL.table(DSL.name("roost_contact")));
    }

    // ---- loading ----------------------------------------------------------------------------------------------

    private void load(String url, List<Long> stages, int contacts) {
        List<FieldDefinition> all = new ArrayList<>(fields.values());
        long started = System.nanoTime();
        String loadUrl = kind.equals(POSTGRESQL)
                ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : url;
        try (Connection c = connect(loadUrl)) {
            // Loading with 30 secondary indexes in place is several times slower than building them afterwards: drop
            // them (recording their exact definitions) and recreate them once the rows are in.
            List<String> indexDdl = kind.equals(POSTGRESQL) ? dropPostgresIndexes(c) : dropH2Indexes(c);
            c.setAutoCommit(false);
            insertRows(c, all, contacts, "bench", stages, true);
            c.commit();
            c.setAutoCommit(true);
            log(String.format(Locale.ROOT, "%s: rows in after %.0f s; creating %d indexes", kind,
                    (System.nanoTime() - started) / 1e9, indexDdl.size()));
            try (Statement s = c.createStatement()) {
                for (String ddl : indexDdl) {
                    s.execute(ddl);
                }
                if (kind.equals(H2)) {
                    s.execute("analyze");
                    // Rewrites the file without the garbage of the load (and closes the database).
                    s.execute("shutdown compact");
                } else {
                    s.execute("vacuum analyze roost_contact");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading the " + kind + " benchmark database failed", e);
        }
        log(String.format(Locale.ROOT, "%s: loaded %,d contacts in %.0f s", kind, contacts,
                (System.nanoTime() - started) / 1e9));
    }

    private static List<String> dropPostgresIndexes(Connection c) throws SQLException {
        List<String> create = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select indexname, indexdef from pg_indexes where schemaname = 'public'"
                     + " and tablename = 'roost_contact' and indexname <> 'pk_roost_contact'")) {
            while (r.next()) {
                names.add(r.getString(1));
                create.add(r.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("drop index " + name);
            }
        }
        return create;
    }

    /** H2 has no index DDL in its catalog: rebuild it from INFORMATION_SCHEMA (columns, order, null ordering). */
    private static List<String> dropH2Indexes(Connection c) throws SQLException {
        Map<String, StringBuilder> columnsOf = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select i.index_name, i.index_type_name, c.column_name,"
                     + " c.ordering_specification, c.null_ordering from information_schema.indexes i"
                     + " join information_schema.index_columns c on c.index_schema = i.index_schema"
                     + " and c.index_name = i.index_name and c.table_name = i.table_name"
                     + " where i.table_name = 'ROOST_CONTACT' and i.index_type_name <> 'PRIMARY KEY'"
                     // An index a constraint owns (V5's foreign keys) cannot be dropped; it stays during the load.
                     + " and i.index_name not in (select index_name from information_schema.table_constraints"
                     + " where index_name is not null and constraint_type <> 'UNIQUE')"
                     + " order by i.index_name, c.ordinal_position")) {
            while (r.next()) {
                String name = r.getString(1);
                unique.put(name, r.getString(2).startsWith("UNIQUE"));
                StringBuilder cols = columnsOf.computeIfAbsent(name, k -> new StringBuilder());
                if (cols.length() > 0) {
                    cols.append(", ");
                }
                cols.append(r.getString(3)).append(' ').append(r.getString(4));
                // The migrations name NULLS LAST where they want it; the other columns use H2's default.
                if ("LAST".equals(r.getString(5))) {
                    cols.append(" NULLS LAST");
                } else if ("FIRST".equals(r.getString(5)) && "DESC".equals(r.getString(4))) {
                    cols.append(" NULLS FIRST"); // the descending custom field indexes (issue 13)
                }
            }
        }
        List<String> create = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, StringBuilder> index : columnsOf.entrySet()) {
                s.execute("drop index " + index.getKey());
                create.add("create " + (unique.get(index.getKey()) ? "unique " : "") + "index " + index.getKey()
                        + " on roost_contact (" + index.getValue() + ")");
            }
        }
        return create;
    }

    /** Inserts generated contacts with raw JDBC batches of {@value #LOAD_BATCH}, committing each batch. */
    void insertRows(Connection c, List<FieldDefinition> rowFields, int count, String emailTag, List<Long> stages,
                    boolean progress) throws SQLException {
        String sql = insertSql(rowFields);
        SplittableRandom random = new SplittableRandom(20261123L);
        LocalDateTime base = LocalDateTime.of(2024, 1, 1, 0, 0);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int n = 1; n <= count; n++) {
                Object[] row = new Object[4 + rowFields.size()];
                row[0] = 1L;
                row[1] = BenchData.owner(random);
                row[2] = base.plusSeconds(n);
                row[3] = row[2];
                for (int i = 0; i < rowFields.size(); i++) {
                    FieldDefinition f = rowFields.get(i);
                    row[4 + i] = BenchData.toColumn(f, BenchData.value(f, n, emailTag, random, stages));
                }
                bind(ps, rowFields, row);
                ps.addBatch();
                if (n % LOAD_BATCH == 0 || n == count) {
                    ps.executeBatch();
                    c.commit();
                    if (progress && n % 100_000 == 0) {
                        log(String.format(Locale.ROOT, "%s: %,d rows", kind, n));
                    }
                }
            }
        }
    }

    /** INSERT of version, owner, timestamps and the given fields' columns. */
    String insertSql(List<FieldDefinition> rowFields) {
        StringBuilder cols = new StringBuilder("version, owner_id, created_at, updated_at");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?");
        for (FieldDefinition f : rowFields) {
            cols.append(", ").append(columns.get(f.key()));
            marks.append(", ?");
        }
        return "insert into roost_contact (" + cols + ") values (" + marks + ")";
    }

    /** Binds a row made of version, owner, created, updated and the fields' column values. */
    static void bind(PreparedStatement ps, List<FieldDefinition> rowFields, Object[] row) throws SQLException {
        ps.setLong(1, (Long) row[0]);
        if (row[1] == null) {
            ps.setNull(2, Types.BIGINT);
        } else {
            ps.setLong(2, (Long) row[1]);
        }
        ps.setObject(3, row[2]);
        ps.setObject(4, row[3]);
        for (int i = 0; i < rowFields.size(); i++) {
            Object v = row[4 + i];
            if (v == null) {
                ps.setNull(5 + i, sqlType(rowFields.get(i).type()));
            } else {
                ps.setObject(5 + i, v);
            }
        }
    }

    private static int sqlType(FieldType type) {
        return switch (type) {
            case NUMBER -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP;
            case CHECKBOX -> Types.BOOLEAN;
            case STAGE -> Types.BIGINT;
            default -> Types.VARCHAR;
        };
    }

    // ---- databases --------------------------------------------------------------------------------------------

    private static boolean holdsData(Connection c, int contacts) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from roost_custom_field")) {
                if (!r.next() || r.getLong(1) != BenchData.CUSTOM.size()) {
                    return false;
                }
            }
            try (ResultSet r = s.executeQuery("select count(*) from roost_contact")) {
                return r.next() && r.getLong(1) == contacts;
            }
        } catch (SQLException e) {
            return false; // no tables yet
        }
    }

    /**
     * A pool of 4 over a fresh, empty database: PostgreSQL database {@code name} dropped and created again, or a new
     * in-memory H2 database. For benchmarks that load their own small data set in their trial setup.
     */
    static com.zaxxer.hikari.HikariDataSource freshPool(String kind, String name) throws SQLException {
        String url;
        if (kind.equals(POSTGRESQL)) {
            try (Connection c = java.sql.DriverManager.getConnection(PG_HOST + "test", PG_USER, "");
                 java.sql.Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
                s.execute("create database " + name);
            }
            url = PG_HOST + name;
        } else {
            url = "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        }
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user(kind));
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setPoolName(name + "-" + kind);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    static String url(String kind, String name, int h2CacheKb) {
        return switch (kind) {
            case H2 -> "jdbc:h2:file:" + h2Dir(name).resolve("roost").toAbsolutePath()
                    + (h2CacheKb > 0 ? ";CACHE_SIZE=" + h2CacheKb : "");
            // Extra pgJDBC options for diagnosis runs, e.g. -Droost.bench.pgOptions=prepareThreshold=0
            case POSTGRESQL -> PG_HOST + name + (System.getProperty("roost.bench.pgOptions", "").isEmpty() ? ""
                    : "?" + System.getProperty("roost.bench.pgOptions"));
            case MARIADB -> MARIADB_HOST + name;
            default -> throw new IllegalArgumentException("database was '" + kind
                    + "' but it must be h2, postgresql or mariadb");
        };
    }

    private static Path h2Dir(String name) {
        // The benchmarks are run from the repository root (java -jar benchmarks/target/benchmarks.jar).
        Path target = Path.of("benchmarks", "target");
        if (!Files.isDirectory(target)) {
            target = Path.of("target");
        }
        return target.resolve(name.equals("roost_bench") ? "bench-h2" : name.equals("roost_bench_import")
                ? "bench-h2-import" : "bench-h2-" + name.substring("roost_bench_".length()));
    }

    private static void wipe(String kind, String name) {
        if (kind.equals(H2)) {
            Path dir = h2Dir(name);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } else if (kind.equals(MARIADB)) {
            try (Connection c = DriverManager.getConnection(MARIADB_HOST + "?connectTimeout=5000", MARIADB_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name);
                // As the store's tests create theirs: binary collation, so text compares exactly as on the others.
                s.execute("create database " + name + " character set utf8mb4 collate utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException("MariaDB is unreachable at 127.0.0.1:3306 (user root), so the"
                        + " MariaDB benchmarks are skipped: " + e.getMessage(), e);
            }
        } else {
            createPostgresDatabase(name, true);
        }
    }

    private static String user(String kind) {
        return kind.equals(POSTGRESQL) ? PG_USER : kind.equals(MARIADB) ? MARIADB_USER : "sa";
    }

    /** Creates the PostgreSQL database if missing (dropping it first when asked); fails clearly if unreachable. */
    private static void createPostgresDatabase(String name, boolean recreate) {
        try (Connection c = DriverManager.getConnection(PG_HOST + "test?connectTimeout=5", PG_USER, "");
             Statement s = c.createStatement()) {
            if (recreate) {
                s.execute("drop database if exists " + name + " with (force)");
            }
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is unreachable at 127.0.0.1:5432 (user postgres), so the"
                    + " PostgreSQL benchmarks are skipped: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "sa", "")
                : DriverManager.getConnection(url, url.startsWith("jdbc:mariadb:") ? MARIADB_USER : PG_USER, "");
    }

    static void log(String message) {
        System.out.println("[store-bench] " + message);
    }

    @Override
    public void close() {
        try {
            crm.close();
        } finally {
            pool.close();
        }
    }
}
