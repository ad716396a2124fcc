package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes starting at once on an empty database, on Postgres. */
class PostgresConcurrentStartTest extends ConcurrentStartTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
