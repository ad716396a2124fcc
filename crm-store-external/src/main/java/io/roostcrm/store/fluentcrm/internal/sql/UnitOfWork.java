package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

/**
 * The state of one unit of work: its connection and the custom field definitions as read in it. Definitions are read
 * once per unit of work (FluentCRM may change them between units of work) and kept current by the field store.
 */
public final class UnitOfWork {

    private final Jdbc jdbc;
    private final StoreContext context;
    private CustomFieldCatalog catalog;

    /** On a connection in a transaction. */
    public UnitOfWork(Jdbc jdbc, StoreContext context) {
        this.jdbc = jdbc;
        this.context = context;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    StoreContext context() {
        return context;
    }

    Tables tables() {
        return context.tables();
    }

    /** The custom field definitions, read on first use. */
    public CustomFieldCatalog catalog() {
        if (catalog == null) {
            catalog = CatalogSql.load(jdbc, context, false);
        }
        return catalog;
    }

    /** Re-reads the definitions with the row locked, before changing them. */
    CustomFieldCatalog catalogForUpdate() {
        catalog = CatalogSql.load(jdbc, context, true);
        return catalog;
    }

    void catalog(CustomFieldCatalog catalog) {
        this.catalog = catalog;
    }
}
