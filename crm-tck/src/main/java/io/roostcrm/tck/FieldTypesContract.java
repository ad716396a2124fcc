package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.permissions.ScopePredicate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.roostcrm.core.field.StandardFields.ADDRESS_LINE_1;
import static io.roostcrm.core.field.StandardFields.ADDRESS_LINE_2;
import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.CONTACT_TYPE;
import static io.roostcrm.core.field.StandardFields.COUNTRY;
import static io.roostcrm.core.field.StandardFields.DATE_OF_BIRTH;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.JOB_TITLE;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static io.roostcrm.core.field.StandardFields.PHONE;
import static io.roostcrm.core.field.StandardFields.POSTAL_CODE;
import static io.roostcrm.core.field.StandardFields.SOURCE;
import static io.roostcrm.core.field.StandardFields.STATE;
import static io.roostcrm.core.field.StandardFields.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every custom field type a store declares, and every standard field, must come back exactly as written: values
 * at the edges of each type (longest texts, extreme numbers, dates from 1900 to 9999, wall-clock times in
 * daylight-saving gaps, options full of delimiter characters), updates and clears of custom values, and the field
 * catalogue itself (definitions, their changes and removal, keys that are SQL keywords). A test of a type the store
 * does not declare is skipped through its capabilities, never disabled.
 */
abstract class FieldTypesContract extends KitSupport {

    FieldTypesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FieldType.class, mode = EnumSource.Mode.EXCLUDE, names = "STAGE")
    @DisplayName("edge values of a declared custom field type are stored and returned verbatim")
    void customFieldTypeRoundTrips(FieldType type) {
        assumeType(type);
        String key = "edge_" + type.name().toLowerCase(Locale.ROOT);
        FieldDefinition.Builder definition = FieldDefinition.custom(key, type).label("Edge " + type);
        if (type.hasOptions()) {
            definition.options(optionsFor(type));
        }
        define(definition.build());
        List<Object> edgeValues = edgeValues(type);

        List<ContactRow> inserted = new ArrayList<>();
        for (int i = 0; i < edgeValues.size(); i++) {
            inserted.add(insert(values(EMAIL, key.replace('_', '-') + "-" + i + "@example.com",
                    key, edgeValues.get(i))));
        }

        assertSoftly(softly -> {
            for (int i = 0; i < edgeValues.size(); i++) {
                Object expected = edgeValues.get(i);
                softlyThat(softly, inserted.get(i)).as("insert result for value %d", i).hasValue(key, expected);
                softlyThat(softly, get(inserted.get(i).id())).as("selected value %d", i).hasValue(key, expected);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FieldType.class, mode = EnumSource.Mode.EXCLUDE, names = "STAGE")
    @DisplayName("a custom value can be replaced by update and removed by clear")
    void customValueCanBeUpdatedAndCleared(FieldType type) {
        assumeType(type);
        String key = "change_" + type.name().toLowerCase(Locale.ROOT);
        FieldDefinition.Builder definition = FieldDefinition.custom(key, type);
        if (type.hasOptions()) {
            definition.options(optionsFor(type));
        }
        define(definition.build());
        List<Object> edgeValues = edgeValues(type);
        Object first = edgeValues.get(0);
        Object second = edgeValues.get(edgeValues.size() - 1);
        ContactRow row = insert(values(EMAIL, "change@example.com", key, first));

        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(key, second), Set.of(),
                CHANGED)));
        ContactRow updated = get(row.id());
        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 2, Map.of(), Set.of(key), CHANGED)));
        ContactRow cleared = get(row.id());
        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 3, values(key, first), Set.of(),
                CHANGED)));
        ContactRow setAgain = get(row.id());

        assertSoftly(softly -> {
            softlyThat(softly, updated).as("after update").hasVersion(2).hasValue(key, second);
            softlyThat(softly, cleared).as("after clear").hasVersion(3).hasNoKey(key)
                    .hasExactlyValues(values(EMAIL, "change@example.com"));
            softlyThat(softly, setAgain).as("after setting it again").hasVersion(4).hasValue(key, first);
        });
    }

    @Test
    @DisplayName("every standard field round-trips, including stage (a Long) and date of birth")
    void everyStandardFieldRoundTrips() {
        Stage stage = givenStage("Contacted", 2);
        Map<String, Object> values = values(
                EMAIL, "o'brien+crm@example.com",
                FIRST_NAME, "Siobhán",
                LAST_NAME, "O'Brien-" + UNICODE,
                PHONE, "+353 (1) 555-0100 x12",
                COMPANY, SQL_METACHARACTERS,
                JOB_TITLE, LIKE_METACHARACTERS,
                ADDRESS_LINE_1, "1 Main Street",
                ADDRESS_LINE_2, "Flat 2/B",
                CITY, "Dún Laoghaire",
                STATE, "Co. Dublin",
                POSTAL_CODE, "A96 X2Y3",
                COUNTRY, "IE",
                DATE_OF_BIRTH, LocalDate.of(1900, 1, 1),
                STATUS, "subscribed",
                SOURCE, "web form",
                StandardFields.STAGE, stage.id(),
                CONTACT_TYPE, "customer");
        assertThat(values.keySet()).as("the kit covers every standard field")
                .containsExactlyInAnyOrderElementsOf(StandardFields.keys());

        ContactRow inserted = insert(values);
        ContactRow selected = get(inserted.id());

        assertSoftly(softly -> {
            softlyThat(softly, inserted).as("insert result").hasExactlyValues(values);
            softlyThat(softly, selected).as("selected").hasExactlyValues(values);
            softly.assertThat(selected.values().get(StandardFields.STAGE)).as("stage value type")
                    .isInstanceOf(Long.class);
        });
    }

    @Test
    @DisplayName("every standard text, e-mail and phone field holds values of its type's maximum length")
    void standardFieldsHoldMaximumLength() {
        List<String> keys = new ArrayList<>();
        List<ContactRow> rows = new ArrayList<>();
        List<Object> written = new ArrayList<>();
        for (FieldDefinition field : StandardFields.all()) {
            Object value = switch (field.type()) {
                case TEXT -> "é" + "x".repeat(FieldType.TEXT.maxLength() - 1);
                case PHONE -> "+" + "1".repeat(FieldType.PHONE.maxLength() - 1);
                default -> null;
            };
            if (value != null) {
                keys.add(field.key());
                written.add(value);
                rows.add(insert(values(EMAIL, "max-" + field.key().replace('_', '-') + "@example.com",
                        field.key(), value)));
            }
        }
        String longestEmail = "a".repeat(64) + "@" + "b".repeat(FieldType.EMAIL.maxLength() - 64 - 1 - 12)
                + ".example.com";
        keys.add(EMAIL);
        written.add(longestEmail);
        rows.add(insert(values(EMAIL, longestEmail)));

        assertSoftly(softly -> {
            for (int i = 0; i < keys.size(); i++) {
                softlyThat(softly, get(rows.get(i).id())).as(keys.get(i)).hasValue(keys.get(i), written.get(i));
            }
        });
    }

    @Test
    @DisplayName("every allowed value of the standard select fields round-trips")
    void standardSelectValuesRoundTrip() {
        List<ContactRow> rows = new ArrayList<>();
        List<Map<String, Object>> written = new ArrayList<>();
        int i = 0;
        for (String status : StandardFields.STATUSES) {
            for (String type : StandardFields.CONTACT_TYPES) {
                Map<String, Object> values = values(EMAIL, "select" + i++ + "@example.com", STATUS, status,
                        CONTACT_TYPE, type);
                written.add(values);
                rows.add(insert(values));
            }
        }

        assertSoftly(softly -> {
            for (int j = 0; j < rows.size(); j++) {
                softlyThat(softly, get(rows.get(j).id())).hasExactlyValues(written.get(j));
            }
        });
    }

    @Test
    @DisplayName("standard date of birth keeps its edge dates")
    void dateOfBirthEdgeDates() {
        List<LocalDate> dates = List.of(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1));
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            rows.add(insert(values(EMAIL, "dob" + i + "@example.com", DATE_OF_BIRTH, dates.get(i))));
        }

        assertSoftly(softly -> {
            for (int i = 0; i < dates.size(); i++) {
                softlyThat(softly, get(rows.get(i).id())).hasValue(DATE_OF_BIRTH, dates.get(i));
            }
        });
    }

    @Test
    @DisplayName("definitions round-trip through all() in definition order, with label, options and flags")
    void fieldDefinitionsRoundTrip() {
        List<FieldDefinition> definitions = new ArrayList<>();
        for (FieldType type : declaredCustomTypes()) {
            String key = "def_" + type.name().toLowerCase(Locale.ROOT);
            FieldDefinition.Builder builder = FieldDefinition.custom(key, type).label("Label of " + type + " – "
                    + UNICODE);
            if (type.hasOptions()) {
                builder.options(optionsFor(type));
            }
            int flags = definitions.size();
            builder.required(flags % 2 == 1).active(flags % 3 != 1).readOnly(flags % 4 == 2)
                    .sensitive(flags % 5 == 3);
            definitions.add(builder.build());
        }
        assumeTrue(!definitions.isEmpty(), "the store declares no custom field type");
        definitions.forEach(this::define);
        FieldDefinition allFlags = FieldDefinition.custom("def_all_flags", firstDeclaredType())
                .options(firstDeclaredType().hasOptions() ? optionsFor(firstDeclaredType()) : List.of())
                .label("All flags").required(true).active(false).readOnly(true).sensitive(true).build();
        define(allFlags);
        definitions.add(allFlags);

        List<FieldDefinition> stored = fieldDefinitions();

        assertThat(stored).containsExactlyElementsOf(definitions);
    }

    @Test
    @DisplayName("update replaces a definition's label, options and flags")
    void fieldDefinitionUpdate() {
        FieldDefinition text = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("Nickname").build();
        define(text);
        FieldDefinition changedText = text.withLabel("Also known as").withFlags(true, false, true, true);
        List<FieldDefinition> expected = new ArrayList<>(List.of(changedText));

        runInTransaction(tx -> tx.fields().update(changedText));
        if (store().capabilities().supports(FieldType.SELECT)) {
            FieldDefinition select = FieldDefinition.custom("tier", FieldType.SELECT).options("gold", "silver")
                    .build();
            define(select);
            FieldDefinition changedSelect = select.withOptions(List.of("platinum", "gold", "silver", "bronze"));
            runInTransaction(tx -> tx.fields().update(changedSelect));
            expected.add(changedSelect);
        }

        assertThat(fieldDefinitions()).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a field defined after contacts exist starts with no value on any of them")
    void newFieldStartsEmpty() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
        define(FieldDefinition.custom("nickname", anyDeclaredTextType()).build());

        ContactRowAssert.assertThat(get(ada.id())).hasExactlyValues(values(EMAIL, "ada@example.com",
                FIRST_NAME, "Ada"));
        assertThat(ids(select(Filter.isEmpty("nickname")))).containsExactly(ada.id());
    }

    @Test
    @DisplayName("custom keys that are SQL keywords, hold '-' or have 64 characters work in values, filters, sorts")
    void awkwardCustomKeysWork() {
        FieldType type = anyDeclaredTextType();
        List<String> keys = List.of("order", "group", "select", "user", "my-field", "x" + "y".repeat(63));
        for (String key : keys) {
            define(FieldDefinition.custom(key, type).build());
        }
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> values = values(EMAIL, "awkward" + i + "@example.com");
            for (String key : keys) {
                values.put(key, "v" + (2 - i) + "-" + key.charAt(0));
            }
            rows.add(insert(values));
        }

        List<Long> descendingValues = new ArrayList<>(ids(rows));
        Collections.reverse(descendingValues);
        assertSoftly(softly -> {
            for (String key : keys) {
                softlyThat(softly, get(rows.get(0).id())).as("value of %s", key)
                        .hasValue(key, "v2-" + key.charAt(0));
                softly.assertThat(ids(select(Filter.eq(key, "v1-" + key.charAt(0))))).as("filter on %s", key)
                        .containsExactly(rows.get(1).id());
                softly.assertThat(ids(select(new ContactSelection(ScopePredicate.all(), everyField(fieldKeys()),
                                Filter.all(), List.of(key(key, Direction.ASC)), Keyset.start(), ALL_ROWS))))
                        .as("sort on %s", key).containsExactlyElementsOf(descendingValues);
            }
        });
    }

    @Test
    @DisplayName("a removed key can be defined again with another type")
    void removedKeyCanChangeType() {
        assumeType(FieldType.NUMBER);
        FieldType text = anyDeclaredTextType();
        define(FieldDefinition.custom("reused", text).build());
        ContactRow ada = insert(values(EMAIL, "ada@example.com", "reused", "some text"));

        runInTransaction(tx -> tx.fields().remove("reused"));
        FieldDefinition number = FieldDefinition.custom("reused", FieldType.NUMBER).build();
        define(number);
        inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1, values("reused",
                new BigDecimal("12.5")), Set.of(), CHANGED)));

        assertThat(fieldDefinitions()).containsExactly(number);
        ContactRowAssert.assertThat(get(ada.id())).hasValue("reused", new BigDecimal("12.5"));
        assertThat(ids(select(Filter.gt("reused", BigDecimal.TEN)))).containsExactly(ada.id());
    }

    @Test
    @DisplayName("updating a custom field that does not exist throws CrmNotFoundException")
    void updateOfMissingFieldIsNotFound() {
        FieldDefinition missing = FieldDefinition.custom("missing", anyDeclaredTextType()).build();

        assertThatThrownBy(() -> runInTransaction(tx -> tx.fields().update(missing)))
                .isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("defining a key that is taken is refused with rule unique and changes nothing")
    void duplicateFieldKeyIsRefused() {
        FieldDefinition first = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("First").build();
        define(first);
        FieldDefinition second = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("Second").build();

        assertRefused(() -> define(second), null, "unique");
        assertThat(fieldDefinitions()).containsExactly(first);
    }

    @Test
    @DisplayName("remove drops the definition and values; defined again the key is empty; missing keys are ignored")
    void removeDropsDefinitionAndValues() {
        FieldType type = anyDeclaredTextType();
        FieldDefinition nickname = FieldDefinition.custom("nickname", type).build();
        FieldDefinition other = FieldDefinition.custom("other", type).build();
        define(nickname);
        define(other);
        ContactRow row = insert(values(EMAIL, "ada@example.com", "nickname", "countess", "other", "kept"));

        runInTransaction(tx -> tx.fields().remove("nickname"));
        List<FieldDefinition> afterRemove = fieldDefinitions();
        ContactRow withoutField = get(row.id());
        runInTransaction(tx -> tx.fields().remove("never-defined"));
        define(nickname);
        ContactRow redefined = get(row.id());

        assertSoftly(softly -> {
            softly.assertThat(afterRemove).as("definitions after remove").containsExactly(other);
            softlyThat(softly, withoutField).as("contact after remove").hasNoKey("nickname")
                    .hasExactlyValues(values(EMAIL, "ada@example.com", "other", "kept"));
            softlyThat(softly, redefined).as("contact after redefining the key").hasNoKey("nickname")
                    .hasValue("other", "kept");
        });
    }
}
