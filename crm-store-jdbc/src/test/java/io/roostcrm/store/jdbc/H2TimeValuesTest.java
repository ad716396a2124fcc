package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2TimeValuesTest extends TimeValuesTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
