package io.roostcrm.tck.service;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

import java.util.Optional;

/**
 * The service kit's self-test, on the in-memory reference store. Its second "node" is a second {@code Crm} over the
 * same store instance, the only way two nodes can share an in-memory store.
 */
class InMemoryServiceCompatibilityTest extends CrmServiceCompatibilityKit {

    private InMemoryCrmStore store;

    @Override
    protected CrmStore newStore() {
        store = new InMemoryCrmStore();
        return store;
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(store);
    }
}
