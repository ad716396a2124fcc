package io.roostcrm.tck;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

import java.util.Optional;

/**
 * Runs the kit against the in-memory reference store, as Micrometer runs its kit against SimpleMeterRegistry. Its
 * second "instance over the same database" is the store itself, the only way two nodes can share an in-memory store.
 */
class InMemoryStoreCompatibilityTest extends CrmStoreCompatibilityKit {

    private InMemoryCrmStore current;

    @Override
    protected CrmStore newStore() {
        current = new InMemoryCrmStore();
        return current;
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(current);
    }
}
