package io.roostcrm.auth;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

/** The Authenticator on the in-memory reference store (the second node shares the store object). */
class AuthenticatorMemoryTest extends AuthenticatorContract {
    @Override
    protected CrmStore newStore() {
        return new InMemoryCrmStore();
    }

    @Override
    protected CrmStore onSameDatabase(CrmStore first) {
        return first;
    }
}
