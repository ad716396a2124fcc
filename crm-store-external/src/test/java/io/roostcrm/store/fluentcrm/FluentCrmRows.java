package io.roostcrm.store.fluentcrm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exact rows FluentCRM 3.1.10 itself wrote through its PHP API (schema document §15.1): Ada Lovelace with two
 * custom fields, the Newsletter list, the VIP tag, and a note. Also a site holding the seed's custom fields
 * ({@code seeds/001}) and five contacts, written the way FluentCRM writes them ({@link #insertSeedSite}).
 */
final class FluentCrmRows {

    /** {@code fc_meta.value} of {@code contact_custom_fields} as FluentCRM wrote it. */
    static final String DEFINITIONS = "a:2:{i:0;a:5:{s:9:\"field_key\";s:4:\"text\";s:4:\"type\";s:4:\"text\";s:5:\"label\";"
            + "s:14:\"Favorite Color\";s:5:\"group\";s:7:\"default\";s:4:\"slug\";s:14:\"favorite_color\";}i:1;a:6:{"
            + "s:9:\"field_key\";s:12:\"multi-select\";s:4:\"type\";s:12:\"select-multi\";s:5:\"label\";s:9:\"Interests\";"
            + "s:4:\"slug\";s:9:\"interests\";s:7:\"options\";a:3:{i:0;s:4:\"Java\";i:1;s:3:\"PHP\";i:2;s:2:\"Go\";}"
            + "s:5:\"group\";s:7:\"default\";}}";
    static final String INTERESTS = "a:2:{i:0;s:4:\"Java\";i:1;s:2:\"Go\";}";
    static final String WRITTEN_AT = "2026-11-23 08:44:22";
    static final String LISTS = "FluentCrm\\App\\Models\\Lists";
    static final String TAG = "FluentCrm\\App\\Models\\Tag";

    private FluentCrmRows() {
    }

    /** Inserts the §15.1 rows under a prefix (ids as FluentCRM gave them: all 1). */
    static void insertAda(FluentCrmTestDatabase db, String p) {
        db.update("INSERT INTO " + p + "fc_subscribers (id, user_id, hash, contact_owner, company_id, prefix, first_name,"
                + " last_name, email, timezone, address_line_1, address_line_2, postal_code, city, state, country, ip,"
                + " latitude, longitude, total_points, life_time_value, phone, status, contact_type, source, avatar,"
                + " date_of_birth, created_at, last_activity, updated_at) VALUES (1, NULL,"
                + " '3e3417d7ef77d5932a6734b916515ed5', NULL, NULL, NULL, 'Ada', 'Lovelace', 'ada@example.com', NULL,"
                + " NULL, NULL, NULL, 'London', NULL, 'GB', NULL, NULL, NULL, 0, 0, '+44 20 7946 0000', 'subscribed',"
                + " 'lead', NULL, NULL, '1815-12-10', ?, NULL, ?)", WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_subscriber_meta (id, subscriber_id, created_by, object_type, `key`, `value`,"
                + " created_at, updated_at) VALUES (1, 1, 1, 'custom_field', 'favorite_color', 'Blue', ?, ?)",
                WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_subscriber_meta (id, subscriber_id, created_by, object_type, `key`, `value`,"
                + " created_at, updated_at) VALUES (2, 1, 1, 'custom_field', 'interests', ?, ?, ?)",
                INTERESTS, WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_meta (id, object_type, object_id, `key`, `value`, created_at, updated_at)"
                + " VALUES (1, 'option', NULL, 'contact_custom_fields', ?, ?, ?)", DEFINITIONS, WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_subscriber_pivot (id, subscriber_id, object_id, object_type, status, is_public,"
                + " created_at, updated_at) VALUES (1, 1, 1, ?, NULL, 1, ?, ?)", LISTS, WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_subscriber_pivot (id, subscriber_id, object_id, object_type, status, is_public,"
                + " created_at, updated_at) VALUES (2, 1, 1, ?, NULL, 1, ?, ?)", TAG, WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_lists (id, title, slug, description, is_public, created_at, updated_at)"
                + " VALUES (1, 'Newsletter', 'newsletter', 'Main list', 0, ?, ?)", WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_tags (id, title, slug, description, created_at, updated_at)"
                + " VALUES (1, 'VIP', 'vip', 'Very important', ?, ?)", WRITTEN_AT, WRITTEN_AT);
        db.update("INSERT INTO " + p + "fc_subscriber_notes (id, subscriber_id, parent_id, created_by, status, type,"
                + " is_private, title, description, created_at, updated_at) VALUES (1, 1, NULL, 1, 'open', 'note', 1,"
                + " 'First call', '<p>Talked about <b>engines</b>.</p>', ?, ?)", WRITTEN_AT, WRITTEN_AT);
    }

    /**
     * A save of FluentCRM's profile screen that changed one column: its {@code Subscriber} model writes only the
     * dirty attributes, {@code hash = md5(email)} (its saving hook) and {@code updated_at} (site-local
     * {@code current_time('mysql')}, whole seconds).
     */
    static void profileSave(FluentCrmTestDatabase db, String p, long id, String column, String value, String now) {
        String email = (String) db.value("SELECT email FROM " + p + "fc_subscribers WHERE id = ?", id);
        db.update("UPDATE " + p + "fc_subscribers SET " + column + " = ?, hash = ?, updated_at = ? WHERE id = ?", value,
                io.roostcrm.store.fluentcrm.internal.mapping.Md5.hex(email), now, id);
    }

    /**
     * A custom value FluentCRM's profile screen changed ({@code syncCustomFieldValues}): the latest row of the key
     * gets the value and {@code updated_at}, or a row is created; the subscriber row is not written when no column of
     * it changed.
     */
    static void customValueSave(FluentCrmTestDatabase db, String p, long id, String key, String value, String now) {
        Object row = db.value("SELECT MAX(id) FROM " + p + "fc_subscriber_meta WHERE subscriber_id = ?"
                + " AND object_type = 'custom_field' AND `key` = ?", id, key);
        if (row == null) {
            db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`,"
                    + " created_at, updated_at) VALUES (?, ?, 'custom_field', ?, ?, ?, ?)", id, WP_ADMIN, key, value,
                    now, now);
        } else {
            db.update("UPDATE " + p + "fc_subscriber_meta SET `value` = ?, updated_at = ? WHERE id = ?", value, now,
                    row);
        }
    }

    // ------------------------------------------------------------------ the seed's fields on a FluentCRM site

    /** WordPress user ids: the site's administrator, who wrote every row below ({@code created_by}). */
    static final long WP_ADMIN = 1;
    /** WordPress user id of the sales representative. */
    static final long WP_REP = 11;
    /** WordPress user id of the sales representative's teammate. */
    static final long WP_TEAMMATE = 12;
    /** WordPress user id of the sales manager. */
    static final long WP_MANAGER = 13;
    /** WordPress user id of the support agent. */
    static final long WP_SUPPORT = 21;
    /** WordPress user id of the marketer. */
    static final long WP_MARKETER = 31;
    /** Site-local (Europe/Berlin) wall-clock time of the seed site's rows: 09:15:00Z. */
    static final String SEED_WRITTEN_AT = "2026-11-20 10:15:00";

    /**
     * {@code fc_meta.value} of {@code contact_custom_fields} for the seed's fields as FluentCRM's field editor saves
     * them (schema §8.2: keys in the order the UI sets them; {@code field_key} the picker key; {@code options} only
     * for selects). The marketing opt-in is a yes/no {@code select-one}: FluentCRM has no boolean field.
     */
    static final String SEED_DEFINITIONS = array(List.of(
            definition("single-select", "select-one", "Lead Source", "lead_source", List.of("web", "referral", "fair",
                    "partner")),
            definition("single-select", "select-one", "Lead Status", "lead_status", List.of("new", "working",
                    "qualified", "lost")),
            definition("number", "number", "Lead Score", "lead_score", null),
            definition("number", "number", "Contract Value", "contract_value", null),
            definition("textarea", "textarea", "Sales Notes", "sales_notes", null),
            definition("single-select", "select-one", "Support Tier", "support_tier", List.of("bronze", "silver",
                    "gold")),
            definition("date", "date", "Last Support Date", "last_support_date", null),
            definition("textarea", "textarea", "Support Notes", "support_notes", null),
            definition("single-select", "select-one", "Marketing Opt-in", "marketing_opt_in", List.of("yes", "no")),
            definition("number", "number", "Engagement Score", "engagement_score", null),
            definition("text", "text", "Last Campaign", "last_campaign", null)));

    /**
     * Inserts the seed site under a prefix: its WordPress users (beside the administrator the install created), the
     * definitions above, and five contacts with {@code contact_owner} set
     * to WordPress user ids or unassigned, and their custom values as {@code fc_subscriber_meta} rows
     * ({@code object_type 'custom_field'}, scalars as plain text, {@code created_by} the administrator). Times are
     * {@link #SEED_WRITTEN_AT}, site-local.
     * <ol>
     *   <li>Ada Lovelace, owned by the rep: every seed field;</li>
     *   <li>Grace Hopper, unassigned ({@code NULL}): lead source and status, contract value, opt-in;</li>
     *   <li>Linus Torvalds, owned by the rep's teammate: sales and support fields, engagement score;</li>
     *   <li>Margaret Hamilton, owned by the manager: lead source and status, contract value, last support date, last
     *       campaign, opt-in;</li>
     *   <li>Edsger Dijkstra, unassigned ({@code 0}), unsubscribed customer: status, notes, engagement score.</li>
     * </ol>
     */
    static void insertSeedSite(FluentCrmTestDatabase db, String p) {
        // The administrator (ID 1) comes with the WordPress install; the others were added in WordPress.
        db.addWordPressUser(p, WP_REP, "rep");
        db.addWordPressUser(p, WP_TEAMMATE, "rep2");
        db.addWordPressUser(p, WP_MANAGER, "manager");
        db.addWordPressUser(p, WP_SUPPORT, "support");
        db.addWordPressUser(p, WP_MARKETER, "marketer");
        db.update("INSERT INTO " + p + "fc_meta (id, object_type, object_id, `key`, `value`, created_at, updated_at)"
                + " VALUES (1, 'option', NULL, 'contact_custom_fields', ?, ?, ?)", SEED_DEFINITIONS, SEED_WRITTEN_AT,
                SEED_WRITTEN_AT);
        subscriber(db, p, 1, WP_REP, "Ada", "Lovelace", "ada@example.com", "+44 20 7946 0000", "London", "GB",
                "subscribed", "lead");
        subscriber(db, p, 2, null, "Grace", "Hopper", "grace@example.com", null, "Arlington", null, "subscribed",
                "lead");
        subscriber(db, p, 3, WP_TEAMMATE, "Linus", "Torvalds", "linus@example.com", "+358 9 123 4567", null, null,
                "subscribed", "lead");
        subscriber(db, p, 4, WP_MANAGER, "Margaret", "Hamilton", "margaret@example.com", null, null, null,
                "subscribed", "lead");
        subscriber(db, p, 5, 0L, "Edsger", null, "edsger@example.com", null, null, null, "unsubscribed", "customer");

        meta(db, p, 1, "lead_source", "web");
        meta(db, p, 1, "lead_status", "working");
        meta(db, p, 1, "lead_score", "42");
        meta(db, p, 1, "contract_value", "987654.32");
        meta(db, p, 1, "sales_notes", "Wants a demo");
        meta(db, p, 1, "support_tier", "gold");
        meta(db, p, 1, "last_support_date", "2026-03-14");
        meta(db, p, 1, "support_notes", "Reset password");
        meta(db, p, 1, "marketing_opt_in", "yes");
        meta(db, p, 1, "engagement_score", "7.5");
        meta(db, p, 1, "last_campaign", "Spring launch");

        meta(db, p, 2, "lead_source", "referral");
        meta(db, p, 2, "lead_status", "new");
        meta(db, p, 2, "contract_value", "120034.56");
        meta(db, p, 2, "marketing_opt_in", "no");

        meta(db, p, 3, "lead_status", "qualified");
        meta(db, p, 3, "lead_score", "17");
        meta(db, p, 3, "contract_value", "445566.77");
        meta(db, p, 3, "sales_notes", "Kernel licence talk");
        meta(db, p, 3, "support_tier", "silver");
        meta(db, p, 3, "support_notes", "Mailing list issue");
        meta(db, p, 3, "engagement_score", "3");

        meta(db, p, 4, "lead_source", "fair");
        meta(db, p, 4, "lead_status", "lost");
        meta(db, p, 4, "contract_value", "31337.5");
        meta(db, p, 4, "last_support_date", "2025-12-01");
        meta(db, p, 4, "last_campaign", "Moon shot");
        meta(db, p, 4, "marketing_opt_in", "yes");

        meta(db, p, 5, "lead_status", "new");
        meta(db, p, 5, "sales_notes", "Prefers letters");
        meta(db, p, 5, "support_notes", "Goto considered harmful");
        meta(db, p, 5, "engagement_score", "0.25");
    }

    private static void subscriber(FluentCrmTestDatabase db, String p, long id, Long owner, String first, String last,
                                   String email, String phone, String city, String country, String status,
                                   String type) {
        db.update("INSERT INTO " + p + "fc_subscribers (id, user_id, hash, contact_owner, company_id, prefix, first_name,"
                + " last_name, email, timezone, address_line_1, address_line_2, postal_code, city, state, country, ip,"
                + " latitude, longitude, total_points, life_time_value, phone, status, contact_type, source, avatar,"
                + " date_of_birth, created_at, last_activity, updated_at) VALUES (?, NULL, ?, ?, NULL, NULL, ?, ?, ?,"
                + " NULL, NULL, NULL, NULL, ?, NULL, ?, NULL, NULL, NULL, 0, 0, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?)",
                id, io.roostcrm.store.fluentcrm.internal.mapping.Md5.hex(email), owner, first, last, email, city,
                country, phone, status, type, SEED_WRITTEN_AT, SEED_WRITTEN_AT);
    }

    private static void meta(FluentCrmTestDatabase db, String p, long subscriber, String slug, String value) {
        db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`,"
                + " created_at, updated_at) VALUES (?, ?, 'custom_field', ?, ?, ?, ?)", subscriber, WP_ADMIN, slug,
                value, SEED_WRITTEN_AT, SEED_WRITTEN_AT);
    }

    /** One definition, PHP-serialized: field_key, type, label, slug, options (selects only), group. */
    static String definition(String fieldKey, String type, String label, String slug, List<String> options) {
        StringBuilder out = new StringBuilder("a:" + (options == null ? 5 : 6) + ":{");
        out.append(php("field_key")).append(php(fieldKey)).append(php("type")).append(php(type))
                .append(php("label")).append(php(label)).append(php("slug")).append(php(slug));
        if (options != null) {
            out.append(php("options")).append(array(options.stream().map(FluentCrmRows::php).toList()));
        }
        return out.append(php("group")).append(php("default")).append('}').toString();
    }

    /** A PHP list of already-serialized elements: {@code a:n:{i:0;...}}. */
    static String array(List<String> serializedElements) {
        StringBuilder out = new StringBuilder("a:" + serializedElements.size() + ":{");
        for (int i = 0; i < serializedElements.size(); i++) {
            out.append("i:").append(i).append(';').append(serializedElements.get(i));
        }
        return out.append('}').toString();
    }

    /** A PHP string: {@code s:<UTF-8 bytes>:"text";}. */
    static String php(String text) {
        return "s:" + text.getBytes(StandardCharsets.UTF_8).length + ":\"" + text + "\";";
    }
}
