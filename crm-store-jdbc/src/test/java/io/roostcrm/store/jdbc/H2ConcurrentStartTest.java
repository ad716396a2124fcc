package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes starting at once on an empty database, on H2. */
class H2ConcurrentStartTest extends ConcurrentStartTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
