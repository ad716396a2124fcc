package io.roostcrm.tck;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;

/**
 * Runs the kit against a store that declares few capabilities, so that the kit's skips (reported as skipped) and
 * its checks of undeclared types and features run too.
 */
class LimitedStoreCompatibilityTest extends CrmStoreCompatibilityKit {

    @Override
    protected CrmStore newStore() {
        return new LimitedStore(new InMemoryCrmStore());
    }
}
