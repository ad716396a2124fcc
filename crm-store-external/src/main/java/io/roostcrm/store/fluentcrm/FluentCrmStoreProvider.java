package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.CrmStoreProvider;
import io.roostcrm.core.spi.StoreSettings;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The ServiceLoader entry for {@link FluentCrmStore}: name {@code fluentcrm}, priority 10 (above the generic JDBC
 * store), for {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs or MySQL/MariaDB data sources, and only when the
 * properties name a FluentCRM table prefix.
 *
 * <p>Properties: {@code fluentcrm.tablePrefix} (required, e.g. {@code wp_}), {@code fluentcrm.siteZone} (a
 * {@link ZoneId}, default UTC), {@code user}, {@code password}. The WordPress user FluentCRM records as a writer is
 * the acting user of each call, from its unit of work's context.
 */
public final class FluentCrmStoreProvider implements CrmStoreProvider {

    /** The property that selects this provider and names the table prefix. */
    public static final String TABLE_PREFIX = "fluentcrm.tablePrefix";
    /** The property naming the site's time zone. */
    public static final String SITE_ZONE = "fluentcrm.siteZone";

    /** For ServiceLoader. */
    public FluentCrmStoreProvider() {
    }

    @Override
    public String name() {
        return "fluentcrm";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean supports(String jdbcUrl, Map<String, String> properties) {
        return (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:"))
                && properties.containsKey(TABLE_PREFIX);
    }

    @Override
    public boolean supports(DatabaseMetaData metadata, Map<String, String> properties) {
        if (!properties.containsKey(TABLE_PREFIX)) {
            return false;
        }
        try {
            String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("mysql") || product.contains("mariadb");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public CrmStore open(StoreSettings settings) {
        FluentCrmStore.Builder b = FluentCrmStore.builder();
        try {
            b.tablePrefix(settings.property(TABLE_PREFIX).orElseThrow(() ->
                    new CrmConfigurationException(TABLE_PREFIX + " is required")));
            settings.property(SITE_ZONE).ifPresent(z -> b.siteZone(ZoneId.of(z)));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CrmConfigurationException("FluentCRM store settings are invalid: " + e.getMessage(), e);
        }
        settings.dataSource().ifPresent(b::dataSource);
        settings.url().ifPresent(b::url);
        settings.property("user").ifPresent(b::user);
        settings.property("password").ifPresent(b::password);
        return b.build();
    }
}
