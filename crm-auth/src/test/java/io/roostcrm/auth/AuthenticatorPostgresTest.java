package io.roostcrm.auth;

import io.roostcrm.core.spi.CrmStore;

/** The Authenticator on the JDBC store over PostgreSQL (two store objects, two pools, one schema). */
class AuthenticatorPostgresTest extends AuthenticatorContract {
    private String schema;

    @Override
    protected CrmStore newStore() {
        ServerDatabases.assumeReachable(ServerDatabases.POSTGRES, "postgres");
        schema = ServerDatabases.newSchema();
        return ServerDatabases.store(ServerDatabases.POSTGRES, "postgres", schema);
    }

    @Override
    protected CrmStore onSameDatabase(CrmStore first) {
        return ServerDatabases.store(ServerDatabases.POSTGRES, "postgres", schema);
    }

    @Override
    protected void dispose(CrmStore first) {
        ServerDatabases.drop(ServerDatabases.POSTGRES, "postgres", "DROP SCHEMA " + schema + " CASCADE");
    }
}
