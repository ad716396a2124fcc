package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbUpsertStatementShapeTest extends UpsertStatementShapeTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
