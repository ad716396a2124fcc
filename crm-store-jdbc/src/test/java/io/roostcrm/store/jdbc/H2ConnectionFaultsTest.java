package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection faults, commits of unknown outcome and an exhausted pool, on H2. */
class H2ConnectionFaultsTest extends ConnectionFaultsTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
