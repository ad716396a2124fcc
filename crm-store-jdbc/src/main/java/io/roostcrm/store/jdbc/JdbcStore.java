package io.roostcrm.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.ErrorCode;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreSettings;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.SqlErrors;
import io.roostcrm.store.jdbc.internal.StoreContext;
import io.roostcrm.store.jdbc.internal.UnpooledDataSource;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.schema.SchemaMigrator;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Roost's native store: its own tables on H2 (embedded, in memory or in a file), PostgreSQL or MariaDB, through jOOQ,
 * a HikariCP pool and Flyway migrations.
 *
 * <pre>{@code
 * CrmStore store = JdbcStore.builder().h2InMemory("crm").build();
 * CrmStore pg = JdbcStore.builder().url("jdbc:postgresql://db/crm").user("crm").password(secret).build();
 * }</pre>
 *
 * <p>H2 comes with the store; for PostgreSQL, MariaDB or MySQL the host adds the JDBC driver
 * ({@code org.postgresql:postgresql}, {@code org.mariadb.jdbc:mariadb-java-client} or
 * {@code com.mysql:mysql-connector-j}). Without it {@link Builder#build()} says "No suitable driver" and names it.
 *
 * <p>Each unit of work is one database transaction. A contact page is one SELECT: scope, masked projection, filter,
 * sort and keyset are all in it, and custom fields are indexed columns of the contact table.
 *
 * <p><b>Custom fields and DDL.</b> Defining or removing a custom field adds or drops a column. On H2 and MariaDB DDL
 * commits the running transaction, so such a change is not undone if the rest of its unit of work fails; run field
 * definition in a unit of work of its own (the service does).
 *
 * <p><b>Limits per database.</b> A custom field's column gets an index (except text areas, URLs and multi-selects),
 * so filters on it use the index everywhere and ascending sorts walk it on H2 and PostgreSQL. MariaDB cannot sort
 * {@code NULLS LAST} on an index (jOOQ emulates it with an expression), so there a sort runs over the rows the
 * filter selects. MariaDB also caps a table at 64 indexes and 65,535 bytes of VARCHAR columns, which allows about
 * 45 text custom fields; a field that would need a 65th index is refused ({@code too_many_fields}).
 *
 * <p><b>Text matches and search.</b> On PostgreSQL free-text search and {@code contains}/{@code startsWith} on
 * custom text fields run on {@code pg_trgm} GIN indexes, which the migration creates when the database role may
 * create the extension (otherwise they scan, with the same answers); descending sorts have their own index, and
 * each contact query is planned with its values on every execution. On H2 {@code startsWith} runs on an index of a
 * generated lower-cased column. {@code crm-store-jdbc/BENCHMARKS.md} ("Contact queries on indexes") lists what runs
 * on which index on each database, and why.
 *
 * <p>Several store instances (nodes) may share one database: a unit of work that names a custom field its instance
 * has not seen yet reloads the field definitions first.
 *
 * <p>Loading this class sets the system properties {@code org.jooq.no-logo} and {@code org.jooq.no-tips} to
 * {@code true} unless the host set them, so that jOOQ's logo and tips stay out of the host's log.
 *
 * <p>Thread-safe. {@link #close()} closes the pool the store created; a {@link DataSource} passed in is never closed.
 */
public final class JdbcStore implements CrmStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    static {
        // jOOQ logs a 20-line logo and a "tip of the day" at INFO the first time it renders SQL, in the host's output,
        // unless these documented flags are set before that. A host that sets them itself (to false, too) keeps its
        // choice; they only silence jOOQ's own announcements, in this JVM.
        for (String flag : new String[] {"org.jooq.no-logo", "org.jooq.no-tips"}) {
            if (System.getProperty(flag) == null) {
                System.setProperty(flag, "true");
            }
        }
    }

    private final String name;
    private final HikariDataSource ownedPool;
    private final DataSource source;
    private final Settings settings;
    private final StoreContext context;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcStore(String name, HikariDataSource ownedPool, DataSource source, Settings settings,
                      StoreContext context) {
        this.name = name;
        this.ownedPool = ownedPool;
        this.source = source;
        this.settings = settings;
        this.context = context;
    }

    /** Starts building a store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every custom field type and every feature except encryption at rest, which this store does not implement yet;
     * among them the security epoch (one row, {@code roost_epoch}), the change log ({@code roost_change_log}),
     * inserts that keep given ids and account security ({@code SECURITY}, the {@code V7__security.sql} tables).
     */
    @Override
    public StoreCapabilities capabilities() {
        Set<StoreFeature> features = EnumSet.allOf(StoreFeature.class);
        features.remove(StoreFeature.ENCRYPTION_AT_REST);
        return new StoreCapabilities(StoreCapabilities.full().customFieldTypes(), features);
    }

    /**
     * Runs the work in one transaction.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return transactionResult(WorkContext.system(Instant.now()), work);
    }

    /**
     * Runs the work in one transaction for a call with this context; the change-log entries it appended are written
     * just before the commit.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public <T> T transactionResult(WorkContext workContext, Function<StoreTransaction, T> work) {
        Objects.requireNonNull(workContext, "workContext");
        Objects.requireNonNull(work, "work");
        if (closed.get()) {
            throw new IllegalStateException(name + " is closed");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(workContext, work);
            } catch (ColumnsChanged changed) {
                // A statement named a custom field's column that was dropped after this store loaded the fields (GH-13:
                // a field removed while queries run). The unit of work rolled back; with the definitions reloaded it
                // runs again and sees the field as gone, as if it had started after the removal.
                if (attempt >= MAX_ATTEMPTS) {
                    throw changed.failure;
                }
                LOG.debug("{} - custom fields changed under a unit of work; running it again", name);
            } catch (LostBeforeCommit lost) {
                // The server closed the connection (a restart, a failover, an idle cut) before anything was committed:
                // the unit of work rolled back with the connection, so running it again on a fresh one is safe. The
                // pool's other connections most likely went with it; the store's own pool replaces them now instead
                // of handing them out one failure at a time.
                if (attempt >= MAX_ATTEMPTS) {
                    throw lost.failure;
                }
                LOG.debug("{} - a connection was lost before commit; running the unit of work again", name);
                if (ownedPool != null) {
                    ownedPool.getHikariPoolMXBean().softEvictConnections();
                }
            }
        }
    }

    /** Units of work run at most this often when the server closes their connection before they commit. */
    private static final int MAX_ATTEMPTS = 3;

    /** A unit of work that named a dropped custom field column; {@link #failure} is what to throw. */
    private static final class ColumnsChanged extends RuntimeException {
        private final RuntimeException failure;

        ColumnsChanged(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** A unit of work whose connection was lost before it committed; {@link #failure} is what to throw. */
    private static final class LostBeforeCommit extends RuntimeException {
        private final RuntimeException failure;

        LostBeforeCommit(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private <T> T attempt(WorkContext workContext, Function<StoreTransaction, T> work) {
        RuntimeException[] thrownByWork = new RuntimeException[1];
        JdbcStoreTransaction[] unitOfWork = new JdbcStoreTransaction[1];
        boolean[] committing = new boolean[1];
        // One connection per unit of work, taken here once: jOOQ's own transaction handling would ask the pool again
        // to roll back and to close, three full waits on an exhausted pool.
        Connection connection = acquire();
        try {
            return DSL.using(connection, context.kind().dialect(), settings).transactionResult(configuration -> {
                JdbcStoreTransaction tx = new JdbcStoreTransaction(configuration.dsl(), context, workContext);
                unitOfWork[0] = tx;
                try {
                    T result = work.apply(tx);
                    tx.beforeCommit();
                    committing[0] = true;
                    return result;
                } catch (RuntimeException e) {
                    thrownByWork[0] = e;
                    throw e;
                } finally {
                    tx.end();
                }
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isLostConnection(e)) {
                if (committing[0]) {
                    LOG.debug("{} - the connection was lost during commit", name, e);
                    throw new CrmStoreException(ErrorCode.COMMIT_OUTCOME_UNKNOWN, "the connection to the database was"
                            + " lost while the unit of work committed, so it may or may not have committed: re-read"
                            + " what it wrote (a contact's version tells whether an update landed) before trying it"
                            + " again", e);
                }
                throw new LostBeforeCommit(translate(e, thrownByWork[0]));
            }
            if (SqlErrors.isMissingColumn(e) && unitOfWork[0] != null && !unitOfWork[0].hasChangedFields()) {
                // Nothing committed (the transaction rolled back, and this unit of work ran no DDL of its own).
                context.invalidateColumns();
                throw new ColumnsChanged(translate(e, thrownByWork[0]));
            }
            throw translate(e, thrownByWork[0]);
        } finally {
            release(connection);
            if (unitOfWork[0] != null && unitOfWork[0].hasChangedFields()) {
                context.invalidateColumns();
            }
        }
    }

    private static RuntimeException translate(RuntimeException e, RuntimeException thrownByWork) {
        if (e == thrownByWork || e instanceof CrmException || !(e instanceof DataAccessException)) {
            return e;
        }
        return SqlErrors.translate(e, "run a unit of work", Optional.empty());
    }

    /** A connection for one unit of work: one bounded wait on the pool, a typed error when it is exhausted. */
    private Connection acquire() {
        try {
            return source.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() == null) {
                throw new CrmStoreException(ErrorCode.STORE_BUSY, "no connection of the store's pool became free"
                        + " within " + waitText() + ": the pool is exhausted (raise maximumPoolSize, or keep units of"
                        + " work short)", e);
            }
            throw new CrmStoreException("could not connect to the database", e);
        } catch (SQLException e) {
            LOG.debug("{} - could not get a connection", name, e);
            throw new CrmStoreException("could not connect to the database", e);
        }
    }

    private String waitText() {
        if (ownedPool == null) {
            return "the data source's timeout";
        }
        long millis = ownedPool.getConnectionTimeout();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("{} - could not give a connection back", name, e);
        }
    }

    /** Closes the connection pool this store created, if any. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LOG.info("{} - Shutdown initiated...", name);
            if (ownedPool != null) {
                ownedPool.close();
            }
            LOG.info("{} - Shutdown completed.", name);
        }
    }

    @Override
    public String toString() {
        return name + "[" + context.kind() + "]";
    }

    /**
     * Builds a {@link JdbcStore}. Give exactly one of {@link #url}, {@link #h2InMemory}, {@link #h2File} or
     * {@link #dataSource}. Each setter checks its value at once; {@link #build()} checks how they combine and names
     * the bad setting. Not thread-safe.
     */
    public static final class Builder {

        private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
        private static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

        private String url;
        private String user;
        private String password;
        private DataSource dataSource;
        private String h2InMemory;
        private Path h2File;
        private String schema;
        private Integer maximumPoolSize;
        private Duration connectionTimeout;

        private Builder() {
        }

        /** A JDBC URL: {@code jdbc:h2:}, {@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code jdbc:mysql:}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The database user, with {@link #url}. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The database password, with {@link #url}. Never logged. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** A data source the host owns (and closes); the store uses it and never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * An embedded in-memory H2 database of this name, living as long as the store: stores of the same name in one
         * JVM share it while both are open.
         */
        public Builder h2InMemory(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9_\\-]{1,100}")) {
                throw new IllegalArgumentException("h2InMemory was '" + name
                        + "' but it must be 1 to 100 letters, digits, '_' or '-'");
            }
            this.h2InMemory = name;
            return this;
        }

        /** An embedded H2 database in a file (H2 adds {@code .mv.db} to the path). */
        public Builder h2File(Path file) {
            this.h2File = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The schema (PostgreSQL, H2) or database (MariaDB) for the store's tables, created if missing; by default the
         * connection's current one.
         */
        public Builder schema(String schema) {
            Objects.requireNonNull(schema, "schema");
            if (!SCHEMA.matcher(schema).matches()) {
                throw new IllegalArgumentException("schema was '" + schema
                        + "' but it must be a letter or '_' followed by at most 62 letters, digits or '_'");
            }
            this.schema = schema;
            return this;
        }

        /** The size of the connection pool the store creates for a URL. Default 10. */
        public Builder maximumPoolSize(int maximumPoolSize) {
            if (maximumPoolSize < 1) {
                throw new IllegalArgumentException("maximumPoolSize was " + maximumPoolSize + " but it must be at least 1");
            }
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /**
         * How long a unit of work waits for a free connection of the pool the store creates for a URL before it fails
         * with {@link io.roostcrm.core.ErrorCode#STORE_BUSY}. Default 5 seconds.
         *
         * @throws IllegalArgumentException if shorter than 250 ms (HikariCP's minimum)
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
                throw new IllegalArgumentException("connectionTimeout was " + connectionTimeout
                        + " but it must be at least 250 ms");
            }
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /**
         * Connects, migrates the store's tables and returns the store.
         *
         * @throws IllegalStateException    if the settings do not combine (e.g. both url and dataSource, or neither)
         * @throws IllegalArgumentException  if the URL or data source is not a supported database
         * @throws CrmConfigurationException if no JDBC driver on the class path accepts the URL: the message says
         *                                   "No suitable driver" and names the driver's Maven coordinates
         * @throws CrmStoreException         if the database cannot be reached or migrated
         */
        public JdbcStore build() {
            List<String> urlSettings = new ArrayList<>();
            if (url != null) {
                urlSettings.add("url");
            }
            if (h2InMemory != null) {
                urlSettings.add("h2InMemory");
            }
            if (h2File != null) {
                urlSettings.add("h2File");
            }
            if (dataSource != null && !urlSettings.isEmpty()) {
                throw new IllegalStateException(urlSettings.get(0) + " and dataSource cannot be used together");
            }
            if (urlSettings.size() > 1) {
                throw new IllegalStateException(String.join(" and ", urlSettings) + " cannot be used together");
            }
            if (dataSource == null && urlSettings.isEmpty()) {
                throw new IllegalStateException("url or dataSource is required");
            }
            if (dataSource != null && (user != null || password != null || maximumPoolSize != null
                    || connectionTimeout != null)) {
                throw new IllegalStateException((user != null ? "user" : password != null ? "password"
                        : maximumPoolSize != null ? "maximumPoolSize" : "connectionTimeout")
                        + " applies only to a url; configure the dataSource instead");
            }
            String name = "JdbcStore@" + Integer.toHexString(System.identityHashCode(this));
            if (dataSource != null) {
                LOG.info("{} - Starting on a host data source...", name);
                DatabaseKind kind = kindOf(dataSource);
                return start(name, kind, null, dataSource, dataSource);
            }
            String jdbcUrl = effectiveUrl();
            DatabaseKind kind = DatabaseKind.ofUrl(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(
                    "url was '" + StoreSettings.redact(jdbcUrl) + "' but it must start with one of "
                            + String.join(", ", DatabaseKind.urlPrefixes())));
            LOG.info("{} - Starting on {}...", name, StoreSettings.redact(jdbcUrl));
            requireDriver(jdbcUrl, kind);
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(poolConfig(name, jdbcUrl, kind));
            } catch (RuntimeException e) {
                LOG.debug("{} - could not connect", name, e);
                throw new CrmStoreException("could not connect to " + StoreSettings.redact(jdbcUrl), e);
            }
            try {
                return start(name, kind, pool, pool, new UnpooledDataSource(jdbcUrl, user, password));
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        /**
         * Refuses a URL no JDBC driver on the class path accepts, saying so and naming the driver to add. The
         * PostgreSQL and MariaDB drivers are the host's choice (not dependencies of this store), and without one the
         * pool failed with a bare "could not connect", the reason only in the cause.
         */
        private static void requireDriver(String jdbcUrl, DatabaseKind kind) {
            try {
                DriverManager.getDriver(jdbcUrl);
            } catch (SQLException e) {
                throw new CrmConfigurationException("could not connect to " + StoreSettings.redact(jdbcUrl)
                        + ": No suitable driver; add the " + kind.productName() + " JDBC driver (Maven "
                        + kind.driverCoordinates() + ") to the class path", e);
            }
        }

        private String effectiveUrl() {
            if (h2InMemory != null) {
                return "jdbc:h2:mem:" + h2InMemory;
            }
            if (h2File != null) {
                return "jdbc:h2:file:" + h2File.toAbsolutePath();
            }
            return url;
        }

        private HikariConfig poolConfig(String name, String jdbcUrl, DatabaseKind kind) {
            HikariConfig config = new HikariConfig();
            config.setPoolName(name);
            config.setJdbcUrl(jdbcUrl);
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.setMaximumPoolSize(maximumPoolSize == null ? 10 : maximumPoolSize);
            config.setConnectionTimeout((connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout)
                    .toMillis());
            // Idle connections are checked every minute, so one a server or a firewall closed is replaced before a unit
            // of work takes it; one closed in between costs that unit of work a retry, not a failure.
            config.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
            if (kind == DatabaseKind.H2 && jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:")) {
                // An in-memory H2 database lives while a connection to it is open: keep the pool's connections for
                // the store's lifetime, so the data lives exactly as long as the store.
                config.setMinimumIdle(config.getMaximumPoolSize());
                config.setMaxLifetime(0);
                config.setIdleTimeout(0);
                config.setKeepaliveTime(0);
            }
            return config;
        }

        /**
         * @param migrations where Flyway takes its connections: the host's data source, or connections of its own
         *                   beside the pool the store created
         */
        private JdbcStore start(String name, DatabaseKind kind, HikariDataSource ownedPool, DataSource source,
                                DataSource migrations) {
            Optional<String> schemaName = Optional.ofNullable(schema)
                    .map(s -> kind.foldsToUpperCase() ? s.toUpperCase(Locale.ROOT) : s);
            String version;
            try {
                version = SchemaMigrator.migrate(migrations, kind, schemaName);
            } catch (RuntimeException e) {
                LOG.debug("{} - could not migrate", name, e);
                throw new CrmStoreException("could not migrate the store's tables", e);
            }
            Settings settings = new Settings()
                    // Unquoted names fold the way the migrations' unquoted names do (upper case on H2).
                    .withRenderQuotedNames(RenderQuotedNames.NEVER)
                    // jOOQ's execute logging would write SQL with bound values at DEBUG.
                    .withExecuteLogging(false);
            LOG.info("{} - Start completed ({}, schema version {}).", name, kind, version);
            return new JdbcStore(name, ownedPool, source, settings, new StoreContext(kind, new RoostTables(schemaName)));
        }

        private static DatabaseKind kindOf(DataSource dataSource) {
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new CrmStoreException("could not read the data source's metadata", e);
            }
            return DatabaseKind.ofProductName(product).orElseThrow(() -> new IllegalArgumentException(
                    "dataSource was a " + product + " database but it must be H2, PostgreSQL, MariaDB or MySQL"));
        }
    }
}
