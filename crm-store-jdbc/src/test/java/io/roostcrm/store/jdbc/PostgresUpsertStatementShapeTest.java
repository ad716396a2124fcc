package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUpsertStatementShapeTest extends UpsertStatementShapeTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
