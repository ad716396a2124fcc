package io.roostcrm.store.jdbc.internal.schema;

import io.roostcrm.store.jdbc.internal.DatabaseKind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * Brings the store's tables up to date with Flyway, from {@code db/roost/<database>} and {@code db/roost/common} on
 * the class path (see {@code db/roost/README.md}), recording its history in {@code roost_schema_history} so that it
 * never mixes with the host's own Flyway history. Flyway locks the history while it migrates, so nodes starting at
 * once on an empty database take turns.
 */
public final class SchemaMigrator {

    /** The store's Flyway history table. */
    public static final String HISTORY_TABLE = "roost_schema_history";

    private SchemaMigrator() {
    }

    /** What H2 migrations in this JVM take turns on (see {@link #migrate}). */
    private static final Object H2_MIGRATIONS = new Object();

    /**
     * Migrates.
     *
     * @param schema the schema (created if missing) to migrate; empty for the connection's current one
     * @return the schema version after migrating
     */
    public static String migrate(DataSource dataSource, DatabaseKind kind, Optional<String> schema) {
        FluentConfiguration configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(kind.migrationLocations().toArray(String[]::new))
                .placeholders(kind.migrationPlaceholders())
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true);
        if (kind == DatabaseKind.H2) {
            // H2's V9 needs the custom fields' column names, known only at run time.
            configuration.javaMigrations(new H2CustomFieldIndexes());
        }
        schema.ifPresent(configuration::schemas);
        MigrateResult result;
        if (kind == DatabaseKind.H2) {
            // Flyway serialises migrators with the database's own lock on PostgreSQL and MariaDB, but on H2 two
            // stores starting at once over one new database could both run V1 (one then failed: table exists). Two
            // nodes in one JVM over one H2 database are serialised here; H2 in server mode shared by several JVMs
            // is not covered (start one node first).
            synchronized (H2_MIGRATIONS) {
                result = configuration.load().migrate();
            }
        } else {
            result = configuration.load().migrate();
        }
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : String.valueOf(result.initialSchemaVersion);
    }
}
