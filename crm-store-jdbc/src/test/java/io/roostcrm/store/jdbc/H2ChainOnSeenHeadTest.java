package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** An entry linked to the head its update read, and to the moved head when the guess was wrong, on H2. */
class H2ChainOnSeenHeadTest extends ChainOnSeenHeadTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
