package io.roostcrm.store.fluentcrm;

/**
 * The exact rows FluentCRM 3.1.10 itself wrote through its PHP API (schema document §15.1): Ada Lovelace with two
 * custom fields, the Newsletter list, the VIP tag, and a note.
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
}
