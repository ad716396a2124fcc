package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCustomFieldIndexUsageTest extends CustomFieldIndexUsageTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
