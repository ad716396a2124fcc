package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteFormat;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.FieldKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per mapping: rows written the way FluentCRM writes them (schema document §15.1) read correctly through
 * the store, and rows the store writes are exactly what FluentCRM reads.
 */
class FluentCrmInteropTest extends FluentCrmTestSupport {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    // ------------------------------------------------------------------ contacts

    @Test
    void contactFluentCrmWroteReadsWithItsStandardFieldsVersionOneAndSiteLocalTimes() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);

        ContactRow ada = get(store, 1).orElseThrow();

        assertThat(ada.version()).isEqualTo(1);
        assertThat(ada.ownerId()).isZero();
        assertThat(ada.values()).containsAllEntriesOf(Map.of("email", "ada@example.com", "first_name", "Ada",
                "last_name", "Lovelace", "phone", "+44 20 7946 0000", "city", "London", "country", "GB",
                "status", "subscribed", "contact_type", "lead", "date_of_birth", LocalDate.of(1815, 12, 10)));
        assertThat(ada.values()).doesNotContainKeys("stage", "company", "job_title", "source");
        // 08:44:22 wall-clock in Berlin (UTC+1 in November) is 07:44:22Z: read in the site zone, not shifted.
        assertThat(ada.createdAt()).isEqualTo(Instant.parse("2026-11-23T07:44:22Z"));
        assertThat(ada.updatedAt()).isEqualTo(Instant.parse("2026-11-23T07:44:22Z"));
    }

    @Test
    void contactRoostWritesIsTheRowFluentCrmWouldWrite() {
        FluentCrmStore store = open(BERLIN);
        Instant created = Instant.parse("2026-07-01T10:00:00Z");

        ContactRow row = tx(store, t -> t.contacts().insert(new NewContact(7, created, Map.of("email",
                "grace@example.com", "first_name", "Grace", "company", "Navy", "job_title", "Rear Admiral"))));

        Map<String, Object> raw = db.query("SELECT * FROM " + p + "fc_subscribers WHERE id = ?", row.id()).get(0);
        assertThat(raw.get("hash")).isEqualTo(md5("grace@example.com"));
        assertThat(raw.get("status")).isEqualTo("subscribed");
        assertThat(raw.get("contact_type")).isEqualTo("lead");
        assertThat(((Number) raw.get("contact_owner")).longValue()).isEqualTo(7);
        assertThat(((Number) raw.get("total_points")).longValue()).isZero();
        // 10:00Z is 12:00 wall-clock in Berlin (summer time): what current_time('mysql') gives on that site.
        assertThat(String.valueOf(raw.get("created_at"))).startsWith("2026-07-01 12:00:00");
        assertThat(String.valueOf(raw.get("updated_at"))).startsWith("2026-07-01 12:00:00");
        assertThat(raw.get("user_id")).isNull();
        // company and job title have no FluentCRM column: they are in Roost's side table.
        assertThat(db.query("SELECT company, job_title, version FROM " + p + "roost_contacts WHERE subscriber_id = ?",
                row.id()).get(0)).containsEntry("company", "Navy").containsEntry("job_title", "Rear Admiral");
        assertThat(row.values()).doesNotContainKeys("status", "contact_type");
    }

    @Test
    void updateRecomputesHashAndSiteLocalUpdatedAt() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);

        long version = tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("email", "countess@example.com",
                "status", "unsubscribed"), Set.of(), Instant.parse("2026-12-01T12:00:00Z"))));

        Map<String, Object> raw = db.query("SELECT hash, status, updated_at, created_at FROM " + p
                + "fc_subscribers WHERE id = 1").get(0);
        assertThat(version).isEqualTo(2);
        assertThat(raw.get("hash")).isEqualTo(md5("countess@example.com"));
        assertThat(raw.get("status")).isEqualTo("unsubscribed");
        assertThat(String.valueOf(raw.get("updated_at"))).startsWith("2026-12-01 13:00:00");
        assertThat(String.valueOf(raw.get("created_at"))).startsWith(FluentCrmRows.WRITTEN_AT);
        assertThat(get(store, 1).orElseThrow().version()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ custom field definitions

    @Test
    void definitionsFluentCrmWroteReadAsRoostFields() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        List<FieldDefinition> fields = tx(store, t -> t.fields().all());

        assertThat(fields).containsExactly(
                new FieldDefinition("favorite_color", "Favorite Color", FieldType.TEXT, List.of(), false, true, false,
                        false, FieldKind.CUSTOM),
                new FieldDefinition("interests", "Interests", FieldType.MULTI_SELECT, List.of("Java", "PHP", "Go"),
                        false, true, false, false, FieldKind.CUSTOM));
    }

    @Test
    void definingAFieldAppendsFluentCrmsArrayAndKeepsEveryExistingKeyByteForByte() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        tx(store, t -> {
            t.fields().define(FieldDefinition.custom("tier", FieldType.SELECT).label("Tier").options("Gold", "Über")
                    .build());
            t.fields().define(FieldDefinition.custom("website", FieldType.URL).label("Website").readOnly(true).build());
            return null;
        });

        String expected = "a:4:{" + FluentCrmRows.DEFINITIONS.substring("a:2:{".length(),
                FluentCrmRows.DEFINITIONS.length() - 1)
                + "i:2;a:6:{s:9:\"field_key\";s:13:\"single-select\";s:4:\"type\";s:10:\"select-one\";s:5:\"label\";"
                + "s:4:\"Tier\";s:4:\"slug\";s:4:\"tier\";s:7:\"options\";a:2:{i:0;s:4:\"Gold\";i:1;s:5:\"Über\";}"
                + "s:5:\"group\";s:7:\"default\";}"
                + "i:3;a:5:{s:9:\"field_key\";s:4:\"text\";s:4:\"type\";s:4:\"text\";s:5:\"label\";s:7:\"Website\";"
                + "s:4:\"slug\";s:7:\"website\";s:5:\"group\";s:7:\"default\";}}";
        assertThat(db.value("SELECT `value` FROM " + p + "fc_meta WHERE id = 1")).isEqualTo(expected);
        // The Roost type FluentCRM's 'text' does not say, and Roost's flags, are in the side table.
        assertThat(db.query("SELECT roost_type, is_read_only FROM " + p + "roost_fields WHERE slug = 'website'").get(0))
                .containsEntry("roost_type", "URL");
        List<FieldDefinition> all = tx(store, t -> t.fields().all());
        assertThat(all).extracting(FieldDefinition::type)
                .containsExactly(FieldType.TEXT, FieldType.MULTI_SELECT, FieldType.SELECT, FieldType.URL);
    }

    @Test
    void radioAndCheckboxReadAsChoicesAndWriteBackAsWhatTheyWere() {
        String definitions = "a:2:{i:0;a:5:{s:4:\"type\";s:5:\"radio\";s:5:\"label\";s:4:\"Size\";s:4:\"slug\";s:4:\"size\";"
                + "s:7:\"options\";a:2:{i:0;s:1:\"S\";i:1;s:1:\"M\";}s:8:\"x_custom\";s:4:\"kept\";}"
                + "i:1;a:4:{s:4:\"type\";s:8:\"checkbox\";s:5:\"label\";s:6:\"Extras\";s:4:\"slug\";s:6:\"extras\";"
                + "s:7:\"options\";a:2:{i:0;s:1:\"A\";i:1;s:1:\"B\";}}}";
        db.update("INSERT INTO " + p + "fc_meta (object_type, `key`, `value`) VALUES ('option', 'contact_custom_fields', ?)",
                definitions);
        FluentCrmStore store = open();

        List<FieldDefinition> fields = tx(store, t -> t.fields().all());
        tx(store, t -> {
            t.fields().update(fields.get(0).withLabel("Shirt size").withOptions(List.of("S", "M", "L")));
            return null;
        });

        assertThat(fields).extracting(FieldDefinition::type).containsExactly(FieldType.SELECT, FieldType.MULTI_SELECT);
        assertThat(db.value("SELECT `value` FROM " + p + "fc_meta")).isEqualTo("a:2:{i:0;a:5:{s:4:\"type\";"
                + "s:5:\"radio\";s:5:\"label\";s:10:\"Shirt size\";s:4:\"slug\";s:4:\"size\";s:7:\"options\";a:3:{"
                + "i:0;s:1:\"S\";i:1;s:1:\"M\";i:2;s:1:\"L\";}s:8:\"x_custom\";s:4:\"kept\";}"
                + definitions.substring(definitions.indexOf("i:1;a:4:")));
    }

    // ------------------------------------------------------------------ custom values

    @Test
    void customValuesFluentCrmWroteReadForDefinedKeysOnly() {
        FluentCrmRows.insertAda(db, p);
        db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`)"
                + " VALUES (1, 1, 'custom_field', 'deleted_field', 'hidden')");
        db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`)"
                + " VALUES (1, 1, 'option', '_secure_hash', 'abc')");
        FluentCrmStore store = open();

        ContactRow ada = get(store, 1).orElseThrow();

        assertThat(ada.values()).containsEntry("favorite_color", "Blue").containsEntry("interests", List.of("Java", "Go"))
                .doesNotContainKeys("deleted_field", "_secure_hash");
        assertThat(select(store, Filter.eq("interests", "Go"))).extracting(ContactRow::id).containsExactly(1L);
        assertThat(select(store, Filter.eq("interests", "PHP"))).isEmpty();
    }

    @Test
    void customValuesRoostWritesAreFluentCrmsStringsAndSerializedArraysWithCreatedBy() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(ZoneId.of("UTC"));
        tx(store, t -> {
            t.fields().define(FieldDefinition.custom("score", FieldType.NUMBER).build());
            t.fields().define(FieldDefinition.custom("renewal", FieldType.DATE).build());
            t.fields().define(FieldDefinition.custom("call_at", FieldType.DATETIME).build());
            return null;
        });
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", "bob@example.com");
        values.put("score", new BigDecimal("42"));
        values.put("renewal", LocalDate.of(2026, 2, 1));
        values.put("call_at", LocalDateTime.of(2026, 2, 1, 13, 5, 0));
        values.put("interests", List.of("Java", "Go"));
        values.put("favorite_color", "Grün");

        // The acting WordPress user of the unit of work is what FluentCRM records as the writer.
        WorkContext asUser5 = WorkContext.of(Actor.user(5), Instant.parse("2026-01-05T09:30:00Z"));
        ContactRow bob = store.transactionResult(asUser5, t -> t.contacts().insert(new NewContact(0,
                Instant.parse("2026-01-05T09:30:00Z"), values)));

        Map<String, Object> stored = new LinkedHashMap<>();
        for (Map<String, Object> row : db.query("SELECT `key`, `value`, created_by, object_type FROM " + p
                + "fc_subscriber_meta WHERE subscriber_id = ? ORDER BY id", bob.id())) {
            stored.put((String) row.get("key"), row.get("value"));
            assertThat(((Number) row.get("created_by")).longValue()).isEqualTo(5);
            assertThat(row.get("object_type")).isEqualTo("custom_field");
        }
        assertThat(stored).containsExactly(Map.entry("score", "42"), Map.entry("renewal", "2026-02-01"),
                Map.entry("call_at", "2026-02-01 13:05:00"), Map.entry("interests", FluentCrmRows.INTERESTS),
                Map.entry("favorite_color", "Grün"));

        tx(store, t -> t.contacts().update(new ContactChange(bob.id(), 1, Map.of("favorite_color", ""),
                Set.of("score"), Instant.parse("2026-01-06T09:30:00Z"))));
        assertThat(db.query("SELECT `key` FROM " + p + "fc_subscriber_meta WHERE subscriber_id = ? ORDER BY id",
                bob.id())).extracting(r -> r.get("key")).containsExactly("renewal", "call_at", "interests");
    }

    // ------------------------------------------------------------------ lists and tags

    @Test
    void membershipsFluentCrmWroteReadAndRoostWritesTheExactPivotRows() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        Map<Long, Set<Long>> lists = tx(store, t -> t.groups(GroupKind.LIST).groupsOf(List.of(1L)));
        assertThat(lists).containsEntry(1L, Set.of(1L));
        List<ContactGroup> tags = tx(store, t -> t.groups(GroupKind.TAG).all());
        assertThat(tags).containsExactly(
                new ContactGroup(1, GroupKind.TAG, "VIP", "vip", "Very important"));
        assertThat(select(store, new Filter.InGroup(GroupKind.TAG, 1))).extracting(ContactRow::id).containsExactly(1L);

        ContactGroup customers = tx(store, t -> t.groups(GroupKind.TAG).insert(new ContactGroup(0, GroupKind.TAG,
                "Customers", "customers", "")));
        tx(store, t -> {
            t.groups(GroupKind.TAG).add(1, customers.id());
            t.groups(GroupKind.TAG).add(1, customers.id());
            return null;
        });

        List<Map<String, Object>> rows = db.query("SELECT object_type, status, is_public FROM " + p
                + "fc_subscriber_pivot WHERE subscriber_id = 1 AND object_id = ? AND object_type = ?", customers.id(),
                FluentCrmRows.TAG);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("object_type")).isEqualTo("FluentCrm\\App\\Models\\Tag");
        assertThat(((String) rows.get(0).get("object_type")).length()).isEqualTo(24);
        assertThat(rows.get(0).get("status")).isNull();
        // TINYINT(1) reads as a boolean through JDBC: 1 is true.
        assertThat(String.valueOf(rows.get(0).get("is_public"))).isIn("1", "true");
    }

    @Test
    void duplicatePivotRowsFromOldInstallsAreReadOnceAndAllRemoved() {
        FluentCrmRows.insertAda(db, p);
        db.update("INSERT INTO " + p + "fc_subscriber_pivot (subscriber_id, object_id, object_type) VALUES (1, 1, ?)",
                FluentCrmRows.LISTS);
        FluentCrmStore store = open();

        Map<Long, Set<Long>> lists = tx(store, t -> t.groups(GroupKind.LIST).groupsOf(List.of(1L)));
        assertThat(lists).containsEntry(1L, Set.of(1L));
        assertThat(select(store, new Filter.InGroup(GroupKind.LIST, 1))).hasSize(1);
        tx(store, t -> {
            t.groups(GroupKind.LIST).remove(1, 1);
            return null;
        });

        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscriber_pivot WHERE object_type = ?",
                FluentCrmRows.LISTS)).isEqualTo(0L);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscriber_pivot WHERE object_type = ?",
                FluentCrmRows.TAG)).isEqualTo(1L);
    }

    // ------------------------------------------------------------------ notes

    @Test
    void noteFluentCrmWroteReadsAsItsHtmlWithAPlainTextRendering() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        Note note = tx(store, t -> t.notes().find(1)).orElseThrow();

        assertThat(note.format()).isEqualTo(NoteFormat.HTML);
        assertThat(note.body()).isEqualTo("<p>Talked about <b>engines</b>.</p>");
        assertThat(note.plainText()).isEqualTo("Talked about engines.");
        assertThat(note.title()).isEqualTo("First call");
        assertThat(note.type()).isEqualTo(NoteType.NOTE);
        assertThat(note.authorId()).isEqualTo(1);
        assertThat(note.createdAt()).isEqualTo(Instant.parse("2026-11-23T08:44:22Z"));
    }

    @Test
    void noteRoostWritesIsOpenEscapedHtmlAndRoundTripsExactly() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        String body = "<b>not bold</b> & \"quoted\" 'single'\nsecond line &amp; literal";

        Note task = tx(store, t -> t.notes().insert(new Note(0, 1, 3, NoteType.TASK, "Call back", body,
                Instant.parse("2026-03-01T10:00:00.123456789Z"), Instant.parse("2026-03-01T10:00:00.123456789Z"))));

        Map<String, Object> raw = db.query("SELECT status, type, description, created_by FROM " + p
                + "fc_subscriber_notes WHERE id = ?", task.id()).get(0);
        assertThat(raw.get("status")).isEqualTo("open");
        assertThat(raw.get("type")).isEqualTo("note");
        assertThat(raw.get("description")).isEqualTo("&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot; "
                + "&#039;single&#039;<br />second line &amp;amp; literal");
        java.util.Optional<Note> found = tx(store, t -> t.notes().find(task.id()));
        assertThat(found).contains(task);
    }

    // ------------------------------------------------------------------ side tables

    @Test
    void stagesAndRemindersLiveBesideFluentCrmsTables() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        Stage stage = tx(store, t -> t.stages().insert(new Stage(0, "Contacted", 1)));
        tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("stage", stage.id()), Set.of(),
                Instant.parse("2026-12-01T00:00:00Z"))));

        assertThat(get(store, 1).orElseThrow().values()).containsEntry("stage", stage.id());
        assertThat(db.value("SELECT stage_id FROM " + p + "roost_contacts WHERE subscriber_id = 1"))
                .isEqualTo(stage.id());
        assertThat(db.tables(p)).contains(p + "roost_stages", p + "roost_reminders", p + "roost_schema_history");
    }

    @Test
    void defaultedStatusIsFluentCrmsDefaultThereAndAbsentInRoostUntilSomeoneSetsIt() {
        FluentCrmStore store = open();
        ContactRow row = tx(store, t -> t.contacts().insert(new NewContact(0, Instant.parse("2026-01-05T09:30:00Z"),
                Map.of("email", "new@example.com"))));
        assertThat(db.value("SELECT status FROM " + p + "fc_subscribers WHERE id = ?", row.id())).isEqualTo("subscribed");
        assertThat(row.values()).containsOnlyKeys("email");

        // FluentCRM unsubscribes the contact itself (e.g. from an unsubscribe link).
        db.update("UPDATE " + p + "fc_subscribers SET status = 'unsubscribed' WHERE id = ?", row.id());

        assertThat(get(store, row.id()).orElseThrow().values()).containsEntry("status", "unsubscribed");
        assertThat(select(store, Filter.eq("status", "unsubscribed"))).extracting(ContactRow::id)
                .containsExactly(row.id());
    }

    @Test
    void textLongerThanFluentCrmsColumnKeepsItsStartThereAndReadsWholeUntilFluentCrmChangesIt() {
        FluentCrmStore store = open();
        String city = "Llanfair" + "x".repeat(240);
        ContactRow row = tx(store, t -> t.contacts().insert(new NewContact(0, Instant.parse("2026-01-05T09:30:00Z"),
                Map.of("email", "long@example.com", "city", city))));

        assertThat(db.value("SELECT city FROM " + p + "fc_subscribers WHERE id = ?", row.id()))
                .isEqualTo(city.substring(0, 192));
        assertThat(get(store, row.id()).orElseThrow().values()).containsEntry("city", city);
        assertThat(select(store, Filter.eq("city", city))).hasSize(1);

        db.update("UPDATE " + p + "fc_subscribers SET city = 'Cardiff' WHERE id = ?", row.id());

        assertThat(get(store, row.id()).orElseThrow().values()).containsEntry("city", "Cardiff");
    }

    @Test
    void doublySerializedDefinitionsRowIsRead() {
        String twice = "s:" + FluentCrmRows.DEFINITIONS.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + ":\"" + FluentCrmRows.DEFINITIONS + "\";";
        db.update("INSERT INTO " + p + "fc_meta (object_type, `key`, `value`) VALUES ('option', 'contact_custom_fields', ?)",
                twice);
        FluentCrmStore store = open();

        List<FieldDefinition> fields = tx(store, t -> t.fields().all());

        assertThat(fields).extracting(FieldDefinition::key).containsExactly("favorite_color", "interests");
    }

    @Test
    void twoSitesInOneDatabaseKeepTheirOwnContactsAndSideTables() {
        FluentCrmRows.insertAda(db, p);
        String site2 = p + "2_";
        db.createFluentCrmTables(site2);
        FluentCrmStore first = open();
        FluentCrmStore second = FluentCrmStore.builder().dataSource(db.dataSource()).tablePrefix(site2).build();
        try {
            tx(second, t -> t.contacts().insert(new NewContact(0, Instant.parse("2026-01-05T09:30:00Z"),
                    Map.of("email", "site2@example.com"))));

            assertThat(select(first, Filter.all())).extracting(r -> r.values().get("email"))
                    .containsExactly("ada@example.com");
            assertThat(select(second, Filter.all())).extracting(r -> r.values().get("email"))
                    .containsExactly("site2@example.com");
            assertThat(db.tables(site2)).contains(site2 + "roost_schema_history", site2 + "roost_contacts");
        } finally {
            second.close();
        }
    }

    private static String md5(String s) {
        return io.roostcrm.store.fluentcrm.internal.mapping.Md5.hex(s);
    }
}
