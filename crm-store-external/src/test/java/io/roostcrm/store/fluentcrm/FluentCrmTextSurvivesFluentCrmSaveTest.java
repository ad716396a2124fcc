package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.store.fluentcrm.internal.mapping.WordPressText.Sanitizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Text Roost writes survives an unchanged save in FluentCRM, which passes subscriber text columns and note titles
 * through WordPress's {@code sanitize_text_field} and the e-mail through {@code sanitize_email} (GH-9, item 4):
 * values FluentCRM would change are refused there, naming the field and the sanitizer; custom text values are stored
 * as FluentCRM keeps them and read back exactly.
 */
class FluentCrmTextSurvivesFluentCrmSaveTest extends FluentCrmTestSupport {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** The subscriber text columns FluentCRM's Sanitize::contact passes through sanitize_text_field. */
    private static final List<String> TEXT_COLUMNS = List.of("first_name", "last_name", "phone", "address_line_1",
            "address_line_2", "postal_code", "city", "state", "country", "source");

    /** One value per rule of sanitize_text_field that it changes (schema document, WordPress pieces). */
    static List<Arguments> valuesFluentCrmWouldChange() {
        List<Arguments> out = new ArrayList<>();
        for (String column : TEXT_COLUMNS) {
            for (String value : List.of("Apt \"B\" <rear>", "a < b", "two\nlines", "tab\there", "two  spaces",
                    " leading", "trailing ", "50%25")) {
                out.add(Arguments.of(column, value));
            }
        }
        return out;
    }

    // GH-9: address_line_2 'Apt "B" <rear>' written by Roost became 'Apt "B"' after an unchanged FluentCRM save.
    @ParameterizedTest(name = "{0} = [{1}]")
    @MethodSource("valuesFluentCrmWouldChange")
    void standardTextFluentCrmWouldChangeIsRefusedNamingTheFieldAndSanitizeTextField(String column, String value) {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        Map<String, String> before = db.checksums(p);

        assertRefused(() -> tx(store, t -> t.contacts().insert(new NewContact(0, NOW, Map.of("email",
                "new@example.com", column, value)))), column, "sanitize_text_field");
        assertRefused(() -> tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of(column, value),
                Set.of(), NOW))), column, "sanitize_text_field");

        assertThat(db.checksums(p)).isEqualTo(before);
    }

    @Test
    void emailSanitizeEmailWouldChangeIsRefused() {
        FluentCrmStore store = open();

        assertRefused(() -> tx(store, t -> t.contacts().insert(new NewContact(0, NOW, Map.of("email",
                "zoë@example.com")))), "email", "sanitize_email");
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscribers")).isEqualTo(0L);
    }

    @Test
    void standardTextFluentCrmKeepsIsStoredVerbatimAndAnUnchangedFluentCrmSaveLeavesTheRow() {
        FluentCrmStore store = open();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", "o'brien+crm@example.com");
        values.put("first_name", "Siobhán");
        values.put("last_name", "O'Brien & Sons");
        values.put("address_line_2", "Apt \"B\" > 1 < 2 >");
        values.put("city", "Dún Laoghaire");
        values.put("source", "50% off");
        ContactRow row = tx(store, t -> t.contacts().insert(new NewContact(0, NOW, values)));
        String written = db.checksum(p + "fc_subscribers");

        int changed = profileSave(row.id());

        assertThat(changed).as("columns FluentCRM's save changed").isZero();
        assertThat(db.checksum(p + "fc_subscribers")).isEqualTo(written);
        assertThat(get(store, row.id()).orElseThrow().values()).containsAllEntriesOf(values);
    }

    @Test
    void longTextWhoseCutFallsOnASpaceKeepsAStartFluentCrmDoesNotTrim() {
        FluentCrmStore store = open();
        // 191 characters, a space, then more: FluentCRM's VARCHAR(192) would end in the space.
        String longName = "x".repeat(191) + " and the rest";
        ContactRow row = tx(store, t -> t.contacts().insert(new NewContact(0, NOW, Map.of("email",
                "long@example.com", "last_name", longName))));

        assertThat(db.value("SELECT last_name FROM " + p + "fc_subscribers WHERE id = ?", row.id()))
                .isEqualTo("x".repeat(191));
        assertThat(profileSave(row.id())).isZero();
        assertThat(get(store, row.id()).orElseThrow().values()).containsEntry("last_name", longName);
    }

    // GH-9: a note title 'Roost note <1>' became 'Roost note' after FluentCRM's note editor re-saved it.
    @Test
    void noteTitleFluentCrmWouldChangeIsRefusedNamingTitle() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        Map<String, String> before = db.checksums(p);

        for (String title : List.of("Roost note <1>", "two\nlines", " padded", "100%25")) {
            assertRefused(() -> tx(store, t -> t.notes().insert(new Note(0, 1, 0, NoteType.NOTE, title, "body", NOW,
                    NOW))), "title", "sanitize_text_field");
            assertRefused(() -> tx(store, t -> t.notes().update(new Note(1, 1, 0, NoteType.NOTE, title, "body", NOW,
                    NOW))), "title", "sanitize_text_field");
        }

        assertThat(db.checksums(p)).isEqualTo(before);
    }

    @Test
    void noteTitleFluentCrmKeepsIsStoredVerbatim() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        Note note = tx(store, t -> t.notes().insert(new Note(0, 1, 0, NoteType.CALL, "Call: 1 > 0 & \"done\"",
                "body", NOW, NOW)));

        assertThat(db.value("SELECT title FROM " + p + "fc_subscriber_notes WHERE id = ?", note.id()))
                .isEqualTo(Sanitizer.TEXT_FIELD.apply("Call: 1 > 0 & \"done\""));
    }

    @Test
    void customTextIsStoredAsFluentCrmKeepsItAndReadBackExactlyUntilFluentCrmChangesIt() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        tx(store, t -> {
            t.fields().define(FieldDefinition.custom("nickname", FieldType.TEXT).build());
            t.fields().define(FieldDefinition.custom("website", FieldType.URL).build());
            t.fields().define(FieldDefinition.custom("about", FieldType.TEXTAREA).build());
            return null;
        });
        String nickname = " The  <Countess> ";
        String website = "https://example.com/?q=%20x";
        String about = "First line\n<b>second</b>\tline\n";

        tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("nickname", nickname, "website", website,
                "about", about), Set.of(), NOW)));

        // FluentCRM's rows hold what its next save would keep, so that save changes nothing.
        assertThat(meta("nickname")).isEqualTo("The");
        assertThat(meta("website")).isEqualTo("https://example.com/?q=x");
        assertThat(meta("about")).isEqualTo("First line\nsecond\tline");
        for (String slug : List.of("nickname", "website", "about")) {
            String kept = meta(slug);
            Sanitizer sanitizer = slug.equals("about") ? Sanitizer.TEXTAREA_FIELD : Sanitizer.TEXT_FIELD;
            assertThat(sanitizer.apply(kept)).as("an unchanged save of %s", slug).isEqualTo(kept);
        }
        // Roost reads, filters and sorts on the exact values.
        assertThat(get(store, 1).orElseThrow().values()).containsEntry("nickname", nickname)
                .containsEntry("website", website).containsEntry("about", about);
        assertThat(select(store, new io.roostcrm.core.query.Filter.Compare("nickname",
                io.roostcrm.core.query.Filter.Op.EQ, nickname))).extracting(ContactRow::id).containsExactly(1L);

        // Once FluentCRM changes the value, FluentCRM's value is what Roost reads.
        db.update("UPDATE " + p + "fc_subscriber_meta SET `value` = 'Ada' WHERE subscriber_id = 1 AND `key` = ?",
                "nickname");
        assertThat(get(store, 1).orElseThrow().values()).containsEntry("nickname", "Ada");
    }

    @Test
    void customTextFluentCrmKeepsLeavesNoExactCopy() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("favorite_color", "Blue & <green"),
                Set.of(), NOW)));
        tx(store, t -> t.contacts().update(new ContactChange(1, 2, Map.of("favorite_color", "Teal"), Set.of(), NOW)));

        assertThat(meta("favorite_color")).isEqualTo("Teal");
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "roost_custom_values")).isEqualTo(0L);
    }

    /**
     * What FluentCRM's profile screen does on an unchanged save: every text column through its sanitizer, written
     * back (with {@code updated_at}) only where that changed it. Returns the number of columns it changed.
     */
    private int profileSave(long id) {
        Map<String, Object> row = db.query("SELECT * FROM " + p + "fc_subscribers WHERE id = ?", id).get(0);
        int changed = 0;
        for (String column : TEXT_COLUMNS) {
            Object value = row.get(column);
            if (value instanceof String text && !Sanitizer.TEXT_FIELD.apply(text).equals(text)) {
                db.update("UPDATE " + p + "fc_subscribers SET " + column + " = ?, updated_at = ? WHERE id = ?",
                        Sanitizer.TEXT_FIELD.apply(text), "2026-03-02 10:00:00", id);
                changed++;
            }
        }
        String email = (String) row.get("email");
        if (!Sanitizer.EMAIL.apply(email).equals(email)) {
            changed++;
        }
        return changed;
    }

    private String meta(String slug) {
        return (String) db.value("SELECT `value` FROM " + p + "fc_subscriber_meta WHERE subscriber_id = 1"
                + " AND object_type = 'custom_field' AND `key` = ?", slug);
    }

    private static void assertRefused(Executable write, String field, String rule) {
        assertThatThrownBy(write::execute).isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).violations())
                        .extracting(Violation::field, Violation::rule).containsExactly(tuple(field, rule)));
    }
}
