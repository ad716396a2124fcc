package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.SideFieldFlags;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.HashMap;
import java.util.Map;

/** Reads and writes the {@code contact_custom_fields} row of {@code fc_meta} and Roost's {@code roost_fields}. */
public final class CatalogSql {

    private CatalogSql() {
    }

    /**
     * Reads the definitions (FluentCRM uses the first matching row).
     *
     * @throws io.roostcrm.core.CrmConfigurationException naming the row if it cannot be read faithfully
     */
    public static CustomFieldCatalog load(Jdbc jdbc, StoreContext context, boolean forUpdate) {
        Tables t = context.tables();
        Map<String, SideFieldFlags> side = new HashMap<>();
        jdbc.query("SELECT slug, roost_type, is_required, is_active, is_read_only, is_sensitive FROM " + t.roostFields(), rs -> {
            side.put(rs.getString(1), new SideFieldFlags(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                    rs.getBoolean(5), rs.getBoolean(6)));
            return null;
        });
        String sql = "SELECT id, `value` FROM " + t.meta() + " WHERE object_type = ? AND `key` = ? ORDER BY id LIMIT 1"
                + (forUpdate ? " FOR UPDATE" : "");
        return jdbc.first(sql, rs -> new Object[]{rs.getLong(1), rs.getString(2)},
                        CustomFieldCatalog.META_OBJECT_TYPE, CustomFieldCatalog.META_KEY)
                .map(row -> CustomFieldCatalog.parse((Long) row[0], (String) row[1], side))
                .orElseGet(CustomFieldCatalog::empty);
    }

    /** Writes the definitions back, creating the row if FluentCRM has none yet. */
    static CustomFieldCatalog save(Jdbc jdbc, StoreContext context, CustomFieldCatalog catalog) {
        Tables t = context.tables();
        String now = context.now();
        String value = catalog.serialize();
        if (catalog.rowId().isPresent()) {
            jdbc.update("UPDATE " + t.meta() + " SET `value` = ?, updated_at = ? WHERE id = ?", value, now,
                    catalog.rowId().get());
            return catalog;
        }
        long id = jdbc.insert("INSERT INTO " + t.meta() + " (object_type, object_id, `key`, `value`, created_at,"
                        + " updated_at) VALUES (?, NULL, ?, ?, ?, ?)", CustomFieldCatalog.META_OBJECT_TYPE,
                CustomFieldCatalog.META_KEY, value, now, now);
        return catalog.withRowId(id);
    }
}
