package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes starting at once on an empty database, on MariaDb. */
class MariaDbConcurrentStartTest extends ConcurrentStartTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
