package io.roostcrm.tck;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

/** Runs the kit against the in-memory reference store, as Micrometer runs its kit against SimpleMeterRegistry. */
class InMemoryStoreCompatibilityTest extends CrmStoreCompatibilityKit {

    @Override
    protected CrmStore newStore() {
        return new InMemoryCrmStore();
    }
}
