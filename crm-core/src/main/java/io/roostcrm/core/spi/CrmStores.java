package io.roostcrm.core.spi;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmStoreException;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Finds a store provider with {@link ServiceLoader} and opens a store. Discovery is explicit: nothing is cached
 * between calls, and a store built directly with its own builder bypasses this class entirely.
 */
public final class CrmStores {

    private CrmStores() {
    }

    /** Opens a store for a JDBC URL, using the context class loader. */
    public static CrmStore open(String jdbcUrl, Map<String, String> properties) {
        return open(jdbcUrl, properties, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Opens a store for a JDBC URL with the providers visible to a class loader.
     *
     * @throws CrmConfigurationException if no provider, or more than one at the same priority, accepts the URL
     */
    public static CrmStore open(String jdbcUrl, Map<String, String> properties, ClassLoader loader) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        StoreSettings settings = StoreSettings.ofUrl(jdbcUrl, properties);
        return choose(loader, p -> p.supports(jdbcUrl, properties), settings.redactedUrl()).open(settings);
    }

    /** Opens a store on a host-owned data source, choosing the provider from the database's metadata. */
    public static CrmStore open(DataSource dataSource, Map<String, String> properties) {
        Objects.requireNonNull(dataSource, "dataSource");
        DatabaseMetaData metadata;
        try (Connection connection = dataSource.getConnection()) {
            metadata = connection.getMetaData();
            String product = metadata.getDatabaseProductName();
            CrmStoreProvider provider = choose(Thread.currentThread().getContextClassLoader(),
                    p -> p.supports(connection.getMetaData(), properties), product);
            return provider.open(StoreSettings.ofDataSource(dataSource, properties));
        } catch (SQLException e) {
            throw new CrmStoreException("could not read the data source's metadata", e);
        }
    }

    private static CrmStoreProvider choose(ClassLoader loader, SqlPredicate<CrmStoreProvider> accepts, String what) {
        List<String> found = new ArrayList<>();
        List<CrmStoreProvider> accepting = new ArrayList<>();
        for (ServiceLoader.Provider<CrmStoreProvider> entry : ServiceLoader.load(CrmStoreProvider.class, loader)
                .stream().toList()) {
            CrmStoreProvider provider = entry.get();
            found.add(provider.name());
            if (accepts.test(provider)) {
                accepting.add(provider);
            }
        }
        if (accepting.isEmpty()) {
            throw new CrmConfigurationException("no store provider accepts " + what + "; providers found: " + found);
        }
        accepting.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        if (accepting.size() > 1 && accepting.get(0).priority() == accepting.get(1).priority()) {
            throw new CrmConfigurationException("store providers " + accepting.get(0).name() + " and "
                    + accepting.get(1).name() + " both accept " + what + " at priority " + accepting.get(0).priority());
        }
        return accepting.get(0);
    }

    @FunctionalInterface
    private interface SqlPredicate<T> extends Predicate<T> {
        boolean testSql(T t) throws SQLException;

        @Override
        default boolean test(T t) {
            try {
                return testSql(t);
            } catch (SQLException e) {
                throw new CrmStoreException("could not read the data source's metadata", e);
            }
        }
    }
}
