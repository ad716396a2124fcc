package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.spi.WorkContext;
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
    private final WorkContext workContext;
    private CustomFieldCatalog catalog;

    /** On a connection in a transaction, for a call with this context. */
    public UnitOfWork(Jdbc jdbc, StoreContext context, WorkContext workContext) {
        this.jdbc = jdbc;
        this.context = context;
        this.workContext = workContext;
    }

    /** Who acts, when, from where. */
    WorkContext workContext() {
        return workContext;
    }

    /** The WordPress user id FluentCRM records as the writer ({@code created_by}): the acting user, 0 for none. */
    long actingUserId() {
        return workContext.actor().userId();
    }

    /** Moves a component of the security epoch, in this transaction. */
    void bumpEpoch(SqlEpoch.Part part) {
        SqlEpoch.bump(jdbc, context.tables(), part);
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
