package io.roostcrm.store.jdbc;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.tck.CrmStoreCompatibilityKit;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

/** The TCK against the JDBC store on H2. */
class H2JdbcStoreCompatibilityTest extends CrmStoreCompatibilityKit {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected CrmStore newStore() {
        return DATABASE.newStore();
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(DATABASE.newStoreOnSameDatabase());
    }
}
