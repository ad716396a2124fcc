package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** An entry linked to the head its update read, and to the moved head when the guess was wrong, on PostgreSQL. */
class PostgresChainOnSeenHeadTest extends ChainOnSeenHeadTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
