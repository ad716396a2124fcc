package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2UpsertStatementShapeTest extends UpsertStatementShapeTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
