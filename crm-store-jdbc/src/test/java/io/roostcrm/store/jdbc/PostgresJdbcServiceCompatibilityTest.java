package io.roostcrm.store.jdbc;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.tck.service.CrmServiceCompatibilityKit;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

/** The seed's roles and the bad-input checks, run through {@code Crm} on the JDBC store on Postgres. */
class PostgresJdbcServiceCompatibilityTest extends CrmServiceCompatibilityKit {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected CrmStore newStore() {
        return DATABASE.newStoreForSeed();
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(DATABASE.newStoreOnSameDatabase());
    }

    @Override
    protected Optional<io.roostcrm.tck.service.AuditTables> auditTables() {
        return Optional.of(DATABASE.auditTables());
    }
}
