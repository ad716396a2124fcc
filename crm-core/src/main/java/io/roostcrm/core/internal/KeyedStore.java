package io.roostcrm.core.internal;

import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;

import java.util.function.Function;

/**
 * The runtime's view of its store: every unit of work it opens links its audit entries with the {@code Crm}'s
 * chain (keyed when the host gave a key), before the work runs. One place, so no unit of work can forget it.
 */
final class KeyedStore implements CrmStore {

    private final CrmStore store;
    private final AuditChain chain;

    KeyedStore(CrmStore store, AuditChain chain) {
        this.store = store;
        this.chain = chain;
    }

    CrmStore unwrapped() {
        return store;
    }

    @Override
    public StoreCapabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return store.transactionResult(tx -> work.apply(keyed(tx)));
    }

    @Override
    public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        return store.transactionResult(context, tx -> work.apply(keyed(tx)));
    }

    private StoreTransaction keyed(StoreTransaction tx) {
        tx.audit().ifPresent(audit -> audit.linkWith(chain));
        return tx;
    }

    @Override
    public void close() {
        store.close();
    }
}
