package io.roostcrm.core.spi;

import java.sql.DatabaseMetaData;

/**
 * A {@link java.util.ServiceLoader} entry that opens a kind of store. Register implementations in
 * {@code META-INF/services/io.roostcrm.core.spi.CrmStoreProvider}. Found by {@link CrmStores}.
 */
public interface CrmStoreProvider {

    /** A short name, e.g. {@code jdbc} or {@code fluentcrm}. */
    String name();

    /** Higher wins when several providers accept the same input; two accepting at the same priority is an error. */
    default int priority() {
        return 0;
    }

    /** Whether this provider opens stores for a JDBC URL (and these properties). */
    boolean supports(String jdbcUrl, java.util.Map<String, String> properties);

    /** Whether this provider opens stores on a database described by this metadata (and these properties). */
    default boolean supports(DatabaseMetaData metadata, java.util.Map<String, String> properties) {
        return false;
    }

    /**
     * Opens a store: connects, migrates its own schema if needed, and checks it.
     *
     * @throws io.roostcrm.core.CrmConfigurationException naming the bad setting
     */
    CrmStore open(StoreSettings settings);
}
