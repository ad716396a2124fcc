package io.roostcrm.store.fluentcrm.internal;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Roost's side tables beside FluentCRM's: created and migrated by Flyway with its own history table
 * ({@code <prefix>roost_schema_history}), so FluentCRM's tables are never altered and several sites
 * ({@code wp_}, {@code wp_2_}) in one database each have their own.
 */
public final class SideSchema {

    /** Where the migrations are. */
    public static final String LOCATION = "classpath:io/roostcrm/store/fluentcrm/migration";

    private SideSchema() {
    }

    /** Creates or migrates the side tables. */
    public static void migrate(DataSource dataSource, Tables tables, String tableOptions) {
        try {
            Flyway.configure(SideSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(tables.history())
                    .placeholders(Map.of("prefix", tables.prefix(), "tableOptions", tableOptions))
                    // The database already holds WordPress and FluentCRM: start Roost's history at 0, then run V1+.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("FluentCRM database before Roost")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new CrmStoreException("could not create or migrate Roost's side tables", e);
        }
    }

    /** Drops Roost's side tables and their history table; FluentCRM's tables and rows stay untouched. */
    public static void drop(DataSource dataSource, Tables tables) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : Tables.SIDE_TABLES) {
                st.execute("DROP TABLE IF EXISTS " + tables.named(table));
            }
            st.execute("DROP TABLE IF EXISTS " + tables.history());
        } catch (SQLException e) {
            throw new CrmStoreException("could not drop Roost's side tables", e);
        }
    }
}
