package io.roostcrm.store.jdbc;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.CrmStoreProvider;
import io.roostcrm.core.spi.StoreSettings;
import io.roostcrm.store.jdbc.internal.DatabaseKind;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;

/**
 * The {@link java.util.ServiceLoader} entry for {@link JdbcStore}, named {@code jdbc}. It accepts H2, PostgreSQL,
 * MariaDB and MySQL URLs and data sources, unless the properties ask for FluentCRM's tables
 * ({@value #FLUENTCRM_TABLE_PREFIX}), which another provider opens.
 *
 * <p>Properties: {@code user}, {@code password}, {@code schema}, {@code maximumPoolSize}.
 */
public final class JdbcStoreProvider implements CrmStoreProvider {

    /** The property that makes a URL FluentCRM's, not this store's. */
    public static final String FLUENTCRM_TABLE_PREFIX = "fluentcrm.tablePrefix";

    /** For {@link java.util.ServiceLoader}. */
    public JdbcStoreProvider() {
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean supports(String jdbcUrl, Map<String, String> properties) {
        return DatabaseKind.ofUrl(jdbcUrl).isPresent() && !properties.containsKey(FLUENTCRM_TABLE_PREFIX);
    }

    @Override
    public boolean supports(DatabaseMetaData metadata, Map<String, String> properties) {
        try {
            return DatabaseKind.ofProductName(metadata.getDatabaseProductName()).isPresent()
                    && !properties.containsKey(FLUENTCRM_TABLE_PREFIX);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Opens a {@link JdbcStore}.
     *
     * @throws CrmConfigurationException naming the bad setting
     */
    @Override
    public CrmStore open(StoreSettings settings) {
        JdbcStore.Builder builder = JdbcStore.builder();
        try {
            settings.url().ifPresent(builder::url);
            settings.dataSource().ifPresent(builder::dataSource);
            settings.property("user").ifPresent(builder::user);
            settings.property("password").ifPresent(builder::password);
            settings.property("schema").ifPresent(builder::schema);
            settings.property("maximumPoolSize").ifPresent(size -> builder.maximumPoolSize(parseSize(size)));
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CrmConfigurationException(e.getMessage(), e);
        }
    }

    private static int parseSize(String size) {
        try {
            return Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maximumPoolSize was '" + size + "' but it must be a whole number", e);
        }
    }
}
