package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTimeValuesTest extends TimeValuesTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
