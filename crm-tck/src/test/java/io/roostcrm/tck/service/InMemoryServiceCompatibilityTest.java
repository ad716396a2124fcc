package io.roostcrm.tck.service;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

/** The service kit's self-test, on the in-memory reference store. */
class InMemoryServiceCompatibilityTest extends CrmServiceCompatibilityKit {

    @Override
    protected CrmStore newStore() {
        return new InMemoryCrmStore();
    }
}
