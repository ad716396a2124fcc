package io.roostcrm.auth;

import io.roostcrm.core.spi.CrmStore;

/** The Authenticator on the JDBC store over MariaDB (two store objects, two pools, one database). */
class AuthenticatorMariaDbTest extends AuthenticatorContract {
    private String schema;

    @Override
    protected CrmStore newStore() {
        ServerDatabases.assumeReachable(ServerDatabases.MARIADB, "root");
        schema = ServerDatabases.newSchema();
        return ServerDatabases.store(ServerDatabases.MARIADB, "root", schema);
    }

    @Override
    protected CrmStore onSameDatabase(CrmStore first) {
        return ServerDatabases.store(ServerDatabases.MARIADB, "root", schema);
    }

    @Override
    protected void dispose(CrmStore first) {
        ServerDatabases.drop(ServerDatabases.MARIADB, "root", "DROP DATABASE " + schema);
    }
}
