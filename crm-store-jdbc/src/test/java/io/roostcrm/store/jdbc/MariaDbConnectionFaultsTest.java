package io.roostcrm.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection faults, commits of unknown outcome and an exhausted pool, on MariaDb. */
class MariaDbConnectionFaultsTest extends ConnectionFaultsTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
