package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2StoreErrorsTest extends StoreErrorsTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
