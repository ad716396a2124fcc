package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection faults, commits of unknown outcome and an exhausted pool, on Postgres. */
class PostgresConnectionFaultsTest extends ConnectionFaultsTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
