package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A contact's optimistic-lock version that also moves when FluentCRM changes the contact (GH-9).
 *
 * <p>FluentCRM's own saves never touch Roost's {@code roost_contacts.version}. So the store keeps, beside the version,
 * a stamp of what FluentCRM holds for the contact as it stood after Roost's last write ({@code fc_stamp}): an MD5 of
 * every column of its {@code fc_subscribers} row and of every column of its {@code custom_field} rows in
 * {@code fc_subscriber_meta} whose key is a defined field (FluentCRM and Roost ignore the others, and Roost's field
 * store deletes a field's values together with its definition). The version a read reports is
 * <ul>
 *   <li>Roost's version while the stamp of the rows now equals the recorded one (or none was recorded yet, for rows
 *       Roost wrote before stamps existed);</li>
 *   <li>otherwise Roost's version + 1 + the first 32 bits of the current stamp: FluentCRM changed the contact, and
 *       every further change it makes gives another number (up to a 1 in 2<sup>32</sup> chance of a repeat);</li>
 *   <li>for a contact Roost has never written (no side row): 1 while FluentCRM has not saved it since creating it
 *       (its {@code updated_at} is its {@code created_at}, and no custom value was changed or added later), otherwise
 *       2 + the first 32 bits of the stamp.</li>
 * </ul>
 * An update compares the version it was given with the version computed the same way under the contact's row lock
 * (and the locks of its custom-value rows), so a write from a version read before FluentCRM's change is stale. Content
 * is compared, not only FluentCRM's second-precision {@code updated_at}: a FluentCRM save within the same second as
 * Roost's write is seen too.
 */
final class ContactVersions {

    /** The columns of {@code fc_subscribers} (schema §2) but {@code id}; timestamps are compared as epoch seconds. */
    private static final List<String> SUBSCRIBER_COLUMNS = List.of("user_id", "hash", "contact_owner", "company_id",
            "prefix", "first_name", "last_name", "email", "timezone", "address_line_1", "address_line_2", "postal_code",
            "city", "state", "country", "ip", "latitude", "longitude", "total_points", "life_time_value", "phone",
            "status", "contact_type", "source", "avatar", "date_of_birth", "created_at", "last_activity",
            "updated_at");
    private static final List<String> META_COLUMNS = List.of("id", "created_by", "object_type", "`key`", "`value`",
            "created_at", "updated_at");
    private static final List<String> TIMESTAMPS = List.of("created_at", "last_activity", "updated_at");

    /** Columns {@link #columns} adds to a SELECT over {@code s} and {@code r}. */
    static final int COLUMNS = 4;

    private ContactVersions() {
    }

    /**
     * The expressions {@link #read} reads, in order: whether the side row exists, the recorded stamp, the current
     * stamp, and whether a contact without side row is as FluentCRM created it. Over aliases {@code s} (the
     * subscriber) and {@code r} (its side row).
     */
    static String columns(StoreContext context, CustomFieldCatalog catalog) {
        Tables t = context.tables();
        String untouched = "CASE WHEN r.subscriber_id IS NULL AND (s.updated_at IS NULL OR s.updated_at = s.created_at)"
                + " AND NOT EXISTS (SELECT 1 FROM " + t.subscriberMeta() + " um WHERE um.subscriber_id = s.id"
                + " AND um.object_type = 'custom_field' AND " + definedKeys("um", catalog)
                + " AND (um.updated_at <> um.created_at OR um.created_at > COALESCE(s.updated_at, s.created_at)))"
                + " THEN 1 ELSE 0 END";
        return "CASE WHEN r.subscriber_id IS NULL THEN 0 ELSE 1 END, r.fc_stamp, " + stamp(context, catalog) + ", "
                + untouched;
    }

    /** {@code alias.key IN (<defined slugs>)}; slugs are checked against {@code [a-z][a-z0-9_-]*}. */
    private static String definedKeys(String alias, CustomFieldCatalog catalog) {
        List<String> slugs = catalog.slugs().stream().sorted().toList();
        return slugs.isEmpty() ? "1=0" : alias + ".`key` IN ('" + String.join("', '", slugs) + "')";
    }

    /** The version reported for a row whose {@link #columns} start at {@code first}. */
    static long read(ResultSet rs, int first, long sideVersion) throws SQLException {
        boolean side = rs.getInt(first) == 1;
        String recorded = rs.getString(first + 1);
        String current = rs.getString(first + 2);
        boolean untouched = rs.getInt(first + 3) == 1;
        if (side) {
            return recorded == null || recorded.equalsIgnoreCase(current) ? sideVersion : moved(sideVersion, current);
        }
        return untouched ? 1 : moved(1, current);
    }

    private static long moved(long version, String stamp) {
        return version + 1 + Long.parseLong(stamp.substring(0, 8), 16);
    }

    /** The version of one contact as a read in this unit of work reports it; the caller holds its locks. */
    static long current(Jdbc jdbc, StoreContext context, CustomFieldCatalog catalog, long id) {
        Tables t = context.tables();
        return jdbc.first("SELECT COALESCE(r.version, 1), " + columns(context, catalog) + " FROM " + t.subscribers()
                + " s LEFT JOIN " + t.roostContacts() + " r ON r.subscriber_id = s.id WHERE s.id = ?",
                rs -> read(rs, 2, rs.getLong(1)), id).orElseThrow();
    }

    /** Records the stamp of what FluentCRM's rows now hold for a contact, after Roost wrote them. */
    static void record(Jdbc jdbc, StoreContext context, CustomFieldCatalog catalog, long id) {
        Tables t = context.tables();
        String stamp = jdbc.first("SELECT " + stamp(context, catalog) + " FROM " + t.subscribers() + " s WHERE s.id = ?",
                rs -> rs.getString(1), id).orElseThrow();
        jdbc.update("UPDATE " + t.roostContacts() + " SET fc_stamp = ? WHERE subscriber_id = ?", stamp, id);
    }

    /**
     * The contacts holding a value of a field whose FluentCRM rows still match Roost's last write, before Roost's
     * field store removes the field and its values: afterwards {@link #record(Jdbc, StoreContext, CustomFieldCatalog,
     * List)} gives them the stamp of their rows without it, so that removing a field does not look like a change
     * FluentCRM made.
     */
    static List<Long> unchangedHolding(Jdbc jdbc, StoreContext context, CustomFieldCatalog catalog, String slug) {
        Tables t = context.tables();
        return jdbc.query("SELECT r.subscriber_id FROM " + t.roostContacts() + " r WHERE r.subscriber_id IN (SELECT"
                + " subscriber_id FROM " + t.subscriberMeta() + " WHERE object_type = 'custom_field' AND `key` = ?)"
                + " AND (r.fc_stamp IS NULL OR r.fc_stamp = (SELECT " + stamp(context, catalog) + " FROM "
                + t.subscribers() + " s WHERE s.id = r.subscriber_id)) ORDER BY r.subscriber_id",
                rs -> rs.getLong(1), slug);
    }

    /** Records the current stamps of contacts that have side rows. */
    static void record(Jdbc jdbc, StoreContext context, CustomFieldCatalog catalog, List<Long> ids) {
        Tables t = context.tables();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.update("UPDATE " + t.roostContacts() + " SET fc_stamp = (SELECT " + stamp(context, catalog) + " FROM "
                    + t.subscribers() + " s WHERE s.id = " + t.roostContacts() + ".subscriber_id) WHERE subscriber_id"
                    + " IN (" + String.join(", ", chunk.stream().map(String::valueOf).toList()) + ")");
        }
    }

    /** Locks the contact's custom-value rows, so that FluentCRM cannot change one between the check and the commit. */
    static void lockCustomValues(Jdbc jdbc, StoreContext context, long id) {
        jdbc.query("SELECT id FROM " + context.tables().subscriberMeta() + " WHERE subscriber_id = ?"
                + " AND object_type = 'custom_field' FOR UPDATE", rs -> rs.getLong(1), id);
    }

    /** The stamp expression over alias {@code s}: an MD5 (hex) of the subscriber row and its custom-value rows. */
    private static String stamp(StoreContext context, CustomFieldCatalog catalog) {
        Dialect d = context.dialect();
        List<String> parts = new ArrayList<>();
        for (String column : SUBSCRIBER_COLUMNS) {
            parts.add(field(d, "s." + column, TIMESTAMPS.contains(column)));
        }
        List<String> metaParts = new ArrayList<>();
        for (String column : META_COLUMNS) {
            metaParts.add(field(d, "sm." + column, TIMESTAMPS.contains(column)));
        }
        String row = "CONCAT_WS(CHAR(31), " + String.join(", ", metaParts) + ")";
        // An order-free sum of per-row hashes: no GROUP_CONCAT, whose length MySQL cuts at 1024 bytes by default.
        String rowHash = d == Dialect.MYSQL ? "CAST(CONV(LEFT(MD5(" + row + "), 15), 16, 10) AS UNSIGNED)"
                : "ORA_HASH(" + row + ")";
        String meta = "(SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(" + rowHash + "), 0)) FROM "
                + context.tables().subscriberMeta() + " sm WHERE sm.subscriber_id = s.id"
                + " AND sm.object_type = 'custom_field' AND " + definedKeys("sm", catalog) + ")";
        String all = "CONCAT_WS(CHAR(31), " + String.join(", ", parts) + ", " + meta + ")";
        return d == Dialect.MYSQL ? "MD5(" + all + ")" : "LOWER(RAWTOHEX(HASH('MD5', " + all + ")))";
    }

    /** One column as unambiguous text: its length, a colon and its text, or {@code -} for NULL. */
    private static String field(Dialect d, String column, boolean timestamp) {
        String text = timestamp ? (d == Dialect.MYSQL ? "UNIX_TIMESTAMP(" + column + ")"
                : "EXTRACT(EPOCH FROM " + column + ")") : column;
        return "COALESCE(CONCAT(CHAR_LENGTH(" + text + "), ':', " + text + "), '-')";
    }
}
