package io.roostcrm.tck.service;

import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreCapabilities;

import java.util.EnumSet;
import java.util.Set;

/**
 * The service kit on the in-memory store narrowed to a store without check boxes (as FluentCRM's): the seed's
 * marketing opt-in is then a yes/no select, and every scenario must still hold.
 */
class InMemoryWithoutCheckboxServiceCompatibilityTest extends CrmServiceCompatibilityKit {

    @Override
    protected CrmStore newStore() {
        StoreCapabilities full = StoreCapabilities.full();
        Set<FieldType> types = EnumSet.copyOf(full.customFieldTypes());
        types.remove(FieldType.CHECKBOX);
        return new CountingStore(new InMemoryCrmStore(), new StoreCapabilities(types, full.features()));
    }
}
