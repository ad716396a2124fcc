package io.roostcrm.auth;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.store.jdbc.JdbcStore;

import java.util.UUID;

/** The Authenticator on the JDBC store over H2 (two store objects on one named in-memory database). */
class AuthenticatorH2Test extends AuthenticatorContract {
    private String url;

    @Override
    protected CrmStore newStore() {
        url = "jdbc:h2:mem:auth_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return JdbcStore.builder().url(url).build();
    }

    @Override
    protected CrmStore onSameDatabase(CrmStore first) {
        return JdbcStore.builder().url(url).build();
    }
}
