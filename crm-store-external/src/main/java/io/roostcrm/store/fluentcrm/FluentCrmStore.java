package io.roostcrm.store.fluentcrm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.ErrorCode;
import io.roostcrm.core.RedactedCause;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.SideSchema;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.FluentFieldTypes;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;
import io.roostcrm.store.fluentcrm.internal.sql.SqlTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A Roost store on a FluentCRM installation's tables (MySQL or MariaDB), so that FluentCRM and Roost work on the
 * same contacts. Build it with {@link #builder()}; building creates or migrates Roost's side tables and reads and
 * checks FluentCRM's custom field definitions.
 *
 * <p><b>Capabilities.</b> Custom fields may be TEXT, TEXTAREA, NUMBER, DATE, DATETIME, SELECT, MULTI_SELECT, EMAIL,
 * URL and PHONE (EMAIL, URL and PHONE are FluentCRM {@code text} fields; Roost remembers their type); Roost's yes/no
 * CHECKBOX has no FluentCRM equivalent and is not offered. Reminders and teams live in side tables; filters and sorts
 * on custom values run in SQL. Values are not encrypted at rest (FluentCRM must read them). The security epoch and the
 * change log live in side tables too; the epoch Roost sees folds in a digest of FluentCRM's own field definitions, so
 * a field FluentCRM adds, relabels or re-options reaches every running Roost node at its next call.
 *
 * <p><b>Writers.</b> Where FluentCRM records who wrote a row ({@code created_by} of custom values), the store writes
 * the acting user of the call (a WordPress user id), or 0 for work no user asked for, as FluentCRM does.
 *
 * <p><b>Time.</b> FluentCRM writes the site's local wall-clock time into its TIMESTAMP columns; give the site's zone
 * with {@link Builder#siteZone(ZoneId)}. Those columns hold whole seconds; Roost keeps the exact instants it wrote in
 * a side table and reports them while FluentCRM's column still agrees.
 *
 * <p><b>Versions.</b> Roost's optimistic-lock version lives in a side table, beside a stamp of FluentCRM's rows for
 * the contact: a change FluentCRM makes itself moves the version a read reports, so a write from a version read before
 * it is stale (see {@code MAPPING.md}); a contact FluentCRM deleted is reported as stale.
 *
 * <p>Thread-safe. {@link #close()} closes the connection pool the store created from a URL, never a data source the
 * host passed in.
 */
public final class FluentCrmStore implements CrmStore {

    private static final Logger LOG = LoggerFactory.getLogger(FluentCrmStore.class);

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final StoreContext context;
    private final StoreCapabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FluentCrmStore(DataSource dataSource, HikariDataSource ownedPool, StoreContext context) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.context = context;
        Set<FieldType> types = FluentFieldTypes.SUPPORTED;
        this.capabilities = new StoreCapabilities(types, EnumSet.of(StoreFeature.REMINDERS, StoreFeature.TEAMS,
                StoreFeature.CUSTOM_FIELD_QUERIES, StoreFeature.SECURITY_EPOCH, StoreFeature.CHANGE_LOG,
                StoreFeature.SETTINGS, StoreFeature.SECURITY, StoreFeature.AUDIT_CHAIN));
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    /** The WordPress table prefix, e.g. {@code wp_}. */
    public String tablePrefix() {
        return context.tables().prefix();
    }

    /** The site's time zone. */
    public ZoneId siteZone() {
        return context.wallClock().zone();
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return transactionResult(WorkContext.system(context.clock().instant()), work);
    }

    /**
     * Runs the work in one transaction for a call with this context: custom values it writes record the acting user
     * as their {@code created_by}, as FluentCRM records the WordPress user, and its change-log entries are written
     * just before the commit.
     */
    @Override
    public <T> T transactionResult(WorkContext workContext, Function<StoreTransaction, T> work) {
        Objects.requireNonNull(workContext, "workContext");
        Objects.requireNonNull(work, "work");
        if (closed.get()) {
            throw new IllegalStateException("the store is closed");
        }
        return inTransaction(dataSource, context, workContext, work);
    }

    private static <T> T inTransaction(DataSource dataSource, StoreContext context, WorkContext workContext,
                                       Function<StoreTransaction, T> work) {
        Connection acquired;
        try {
            acquired = dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() == null) {
                throw new CrmStoreException(ErrorCode.STORE_BUSY, "no connection to the FluentCRM database became free"
                        + " in time: the pool is exhausted (raise maximumPoolSize, or keep units of work short)", e);
            }
            throw new CrmStoreException("could not connect to the FluentCRM database", e);
        } catch (SQLException e) {
            throw new CrmStoreException("could not connect to the FluentCRM database", e);
        }
        try (Connection connection = acquired) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            // READ COMMITTED: a unit of work sees what others committed once it holds a contact's row lock, and
            // InnoDB takes no gap locks (which deadlock concurrent inserts under REPEATABLE READ).
            boolean changeIsolation = context.dialect() == Dialect.MYSQL
                    && isolation != Connection.TRANSACTION_READ_COMMITTED;
            if (changeIsolation) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            connection.setAutoCommit(false);
            try {
                SqlTransaction tx = new SqlTransaction(new Jdbc(connection), context, workContext);
                T result;
                try {
                    result = work.apply(tx);
                    tx.beforeCommit();
                } finally {
                    tx.end();
                }
                try {
                    connection.commit();
                } catch (SQLException e) {
                    // The connection went while the commit was on its way: it may have committed, or not.
                    throw new CrmStoreException(ErrorCode.COMMIT_OUTCOME_UNKNOWN, "the connection to the FluentCRM"
                            + " database was lost while the unit of work committed, so it may or may not have"
                            + " committed: re-read what it wrote (a contact's version tells whether an update landed)"
                            + " before trying it again", e);
                }
                return result;
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit, changeIsolation ? isolation : -1);
            }
        } catch (SQLException e) {
            throw Jdbc.translate(e, "run a unit of work");
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The failure may reach the caller: a driver's text stays out of it (see RedactedCause).
            LOG.debug("could not roll back a unit of work", e);
            failure.addSuppressed(RedactedCause.redact(e));
        }
    }

    private static void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            connection.setAutoCommit(autoCommit);
            if (isolation >= 0) {
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            LOG.debug("could not restore auto-commit or isolation on a connection", e);
        }
    }

    /**
     * Removes Roost's side tables and their Flyway history table: stages, reminders, users, teams, roles, versions and
     * field flags are gone; every FluentCRM table and row stays as it is. The store must not be used afterwards.
     *
     * @throws CrmStoreException if the database refuses
     */
    public void dropRoostTables() {
        SideSchema.drop(dataSource, context.tables());
        LOG.info("FluentCRM store ({}) - Roost side tables dropped", context.tables().prefix());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "FluentCrmStore[prefix=" + context.tables().prefix() + ", zone=" + context.wallClock().zone() + "]";
    }

    /**
     * Builds a {@link FluentCrmStore}. Set either {@link #dataSource} or {@link #url}. Not thread-safe.
     */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private String user;
        private String password;
        private String tablePrefix = "wp_";
        private ZoneId siteZone = ZoneOffset.UTC;
        private Clock clock = Clock.systemUTC();
        private int maximumPoolSize = 10;

        private Builder() {
        }

        /** A data source the host owns (the store never closes it). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A JDBC URL ({@code jdbc:mariadb:} or {@code jdbc:mysql:}); the store opens and owns a HikariCP pool. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The database user, with {@link #url}. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The database password, with {@link #url}. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The WordPress table prefix ({@code $table_prefix}, e.g. {@code wp_}, or {@code wp_2_} for site 2 of a
         * multisite). Default {@code wp_}.
         *
         * @throws IllegalArgumentException unless it matches {@code [A-Za-z0-9_]+}
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            if (!Tables.PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix was '" + tablePrefix
                        + "' but it must match [A-Za-z0-9_]+");
            }
            this.tablePrefix = tablePrefix;
            return this;
        }

        /** The site's time zone (WordPress's timezone setting), in which FluentCRM writes timestamps. Default UTC. */
        public Builder siteZone(ZoneId siteZone) {
            this.siteZone = Objects.requireNonNull(siteZone, "siteZone");
            return this;
        }

        /** The clock for timestamps the SPI does not supply (memberships, definitions). Default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The size of the pool opened for {@link #url}. Default 10.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maximumPoolSize(int maximumPoolSize) {
            if (maximumPoolSize < 1) {
                throw new IllegalArgumentException("maximumPoolSize was '" + maximumPoolSize
                        + "' but it must be at least 1");
            }
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /**
         * Connects, checks that FluentCRM's tables exist under the prefix, creates or migrates Roost's side tables,
         * and reads and checks the custom field definitions.
         *
         * @throws IllegalStateException          if neither or both of a data source and a URL were given
         * @throws CrmConfigurationException      if FluentCRM's tables are missing or its field definitions cannot be
         *                                        read (the message names the {@code fc_meta} row)
         * @throws CrmStoreException              if the database fails
         */
        public FluentCrmStore build() {
            if ((dataSource == null) == (url == null)) {
                throw new IllegalStateException("exactly one of dataSource and url must be set, but "
                        + (dataSource == null ? "neither was" : "both were"));
            }
            if (url == null && (user != null || password != null)) {
                throw new IllegalStateException("user and password apply only with url");
            }
            HikariDataSource pool = null;
            DataSource ds = dataSource;
            if (url != null) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                if (user != null) {
                    config.setUsername(user);
                }
                if (password != null) {
                    config.setPassword(password);
                }
                config.setMaximumPoolSize(maximumPoolSize);
                config.setPoolName("roost-fluentcrm-" + tablePrefix);
                if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
                    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
                }
                try {
                    pool = new HikariDataSource(config);
                } catch (RuntimeException e) {
                    throw new CrmStoreException("could not connect to the FluentCRM database", e);
                }
                ds = pool;
            }
            try {
                return start(ds, pool);
            } catch (RuntimeException | Error e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }

        private FluentCrmStore start(DataSource ds, HikariDataSource pool) {
            Tables tables = new Tables(tablePrefix);
            Dialect dialect;
            String tableOptions = "";
            Set<String> existing = new HashSet<>();
            try (Connection c = ds.getConnection()) {
                try {
                    dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
                } catch (IllegalArgumentException e) {
                    throw new CrmConfigurationException("FluentCRM store needs MySQL or MariaDB: " + e.getMessage(), e);
                }
                new Jdbc(c).query(dialect.currentTablesQuery(), rs -> existing.add(rs.getString(1).toLowerCase(Locale.ROOT)));
                if (dialect == Dialect.MYSQL) {
                    warnOnSessionZone(new Jdbc(c));
                    String[] collation = new Jdbc(c).first("SELECT c.character_set_name, t.table_collation FROM"
                                    + " information_schema.tables t JOIN information_schema.collations c"
                                    + " ON c.collation_name = t.table_collation WHERE t.table_schema = DATABASE()"
                                    + " AND t.table_name = ?", rs -> new String[]{rs.getString(1), rs.getString(2)},
                            tables.subscribers()).orElse(new String[]{"utf8mb4", "utf8mb4_unicode_ci"});
                    tableOptions = dialect.tableOptions(collation[0], collation[1]);
                }
            } catch (SQLException e) {
                throw new CrmStoreException("could not connect to the FluentCRM database", e);
            }
            List<String> missing = new ArrayList<>();
            for (String table : Tables.REQUIRED_FLUENTCRM) {
                if (!existing.contains(tables.named(table).toLowerCase(Locale.ROOT))) {
                    missing.add(tables.named(table));
                }
            }
            if (!missing.isEmpty()) {
                throw new CrmConfigurationException("FluentCRM tables " + missing + " not found; is FluentCRM installed"
                        + " in this database with tablePrefix '" + tablePrefix + "'?");
            }
            SideSchema.migrate(ds, tables, tableOptions);
            StoreContext context = new StoreContext(tables, new WallClock(siteZone), clock, dialect, existing);
            int fields = inTransaction(ds, context, WorkContext.system(clock.instant()),
                    tx -> ((SqlTransaction) tx).customFieldCount());
            LOG.info("FluentCRM store ({}) - started: {} custom field definitions, site zone {}", tablePrefix, fields,
                    siteZone);
            return new FluentCrmStore(ds, pool, context);
        }

        private static void warnOnSessionZone(Jdbc jdbc) {
            jdbc.first("SELECT @@session.time_zone, @@global.time_zone", rs -> new String[]{rs.getString(1),
                    rs.getString(2)}).ifPresent(z -> {
                if (!Objects.equals(z[0], z[1])) {
                    // WordPress leaves the server's time_zone; a different session zone shifts TIMESTAMP values.
                    LOG.warn("FluentCRM store: the connection's time_zone differs from the server's; FluentCRM's"
                            + " timestamps will appear shifted. Do not set a session time zone on this data source.");
                }
            });
        }
    }

}
