package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.store.fluentcrm.internal.Dialect;
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

    /**
     * Locks a contact's row until the commit, shared, before a row is added that belongs to it; the contact's delete
     * locks it exclusively before it deletes what belongs to it, so the two take turns and no orphan can stay behind
     * (FluentCRM's tables have no foreign keys to do this).
     *
     * @throws io.roostcrm.core.CrmNotFoundException if there is no such contact (deleted meanwhile, perhaps)
     */
    void lockContact(long contactId) {
        lockRow(context.tables().subscribers(), contactId, "contact");
    }

    /** As {@link #lockContact}, for a list or tag row. */
    void lockRow(String table, long id, String entity) {
        String lock = context.dialect() == Dialect.MYSQL ? " LOCK IN SHARE MODE" : " FOR UPDATE";
        if (jdbc.first("SELECT id FROM " + table + " WHERE id = ?" + lock, rs -> rs.getLong(1), id).isEmpty()) {
            throw new io.roostcrm.core.CrmNotFoundException(entity, id);
        }
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
