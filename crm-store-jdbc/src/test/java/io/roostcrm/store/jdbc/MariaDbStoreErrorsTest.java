package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbStoreErrorsTest extends StoreErrorsTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
