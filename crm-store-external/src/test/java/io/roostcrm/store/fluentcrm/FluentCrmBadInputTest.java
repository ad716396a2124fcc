package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is refused with the documented exception, and the database is unchanged afterwards. */
class FluentCrmBadInputTest extends FluentCrmTestSupport {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void statusFluentCrmDoesNotAllowIsRefusedNamingStatusAndOption() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        Map<String, String> before = everything();

        assertThatThrownBy(() -> tx(store, t -> t.contacts().insert(new NewContact(0, NOW,
                Map.of("email", "new@example.com", "status", "active")))))
                .isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).violations()).extracting(Violation::field,
                        Violation::rule).contains(org.assertj.core.groups.Tuple.tuple("status", "option")))
                .hasMessageNotContaining("active");
        assertThatThrownBy(() -> tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("status", "archived"),
                Set.of(), NOW)))).isInstanceOf(CrmValidationException.class).hasMessageContaining("status");

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void customFieldSlugThatIsAFluentCrmContactColumnIsReserved() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        Map<String, String> before = everything();

        for (String slug : List.of("avatar", "hash", "ip", "total_points", "contact_owner")) {
            assertThatThrownBy(() -> tx(store, t -> {
                t.fields().define(FieldDefinition.custom(slug, FieldType.TEXT).build());
                return null;
            })).isInstanceOf(CrmValidationException.class)
                    .satisfies(e -> assertThat(((CrmValidationException) e).first().rule()).isEqualTo("reserved"))
                    .hasMessageContaining(slug);
        }

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void corruptedDefinitionRowStopsTheStoreNamingTheRowId() {
        FluentCrmRows.insertAda(db, p);
        // Truncated by a bad export: the byte length no longer matches.
        db.update("UPDATE " + p + "fc_meta SET `value` = ? WHERE id = 1",
                FluentCrmRows.DEFINITIONS.replace("s:14:\"Favorite Color\"", "s:14:\"Favorite Colour\""));
        Map<String, String> before = fluentCrmTables();

        assertThatThrownBy(this::open).isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("fc_meta row id 1").hasMessageContaining("contact_custom_fields");

        assertThat(fluentCrmTables()).isEqualTo(before);
    }

    @Test
    void definitionRowThatIsNotAnArrayStopsTheStore() {
        db.update("INSERT INTO " + p + "fc_meta (id, object_type, `key`, `value`) VALUES (7, 'option',"
                + " 'contact_custom_fields', 's:5:\"hello\";')");

        assertThatThrownBy(this::open).isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("fc_meta row id 7");
    }

    @Test
    void multiSelectOptionNotInTheDefinitionIsRefused() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        Map<String, String> before = everything();

        assertThatThrownBy(() -> tx(store, t -> t.contacts().update(new ContactChange(1, 1,
                Map.of("interests", List.of("Java", "Rust")), Set.of(), NOW))))
                .isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).first()).extracting(Violation::field,
                        Violation::rule).containsExactly("interests", "option"))
                .hasMessageNotContaining("Rust");

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void contactFluentCrmDeletedBehindRoostsBackIsStale() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        ContactRow read = get(store, 1).orElseThrow();
        db.update("DELETE FROM " + p + "fc_subscribers WHERE id = 1");
        Map<String, String> before = everything();

        assertThatThrownBy(() -> tx(store, t -> t.contacts().update(new ContactChange(1, read.version(),
                Map.of("first_name", "Augusta"), Set.of(), NOW)))).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> tx(store, t -> t.contacts().setOwner(1, read.version(), 3, NOW)))
                .isInstanceOf(StaleVersionException.class);

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void emailDifferingOnlyInCaseIsAUniqueViolation() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        ContactRow grace = tx(store, t -> t.contacts().insert(new NewContact(0, NOW, Map.of("email",
                "grace@example.com"))));
        Map<String, String> before = everything();

        assertThatThrownBy(() -> tx(store, t -> t.contacts().insert(new NewContact(0, NOW,
                Map.of("email", "ADA@Example.com"))))).isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).first()).extracting(Violation::field,
                        Violation::rule).containsExactly("email", "unique"))
                .hasMessageNotContaining("ADA");
        assertThatThrownBy(() -> tx(store, t -> t.contacts().update(new ContactChange(grace.id(), 1,
                Map.of("email", "Ada@example.COM"), Set.of(), NOW)))).isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).first().rule()).isEqualTo("unique"));

        assertThat(everything()).isEqualTo(before);
    }

    private Map<String, String> fluentCrmTables() {
        return db.checksums(p);
    }

    /** Checksums of FluentCRM's and Roost's tables of this site. */
    private Map<String, String> everything() {
        Map<String, String> sums = new java.util.LinkedHashMap<>(db.checksums(p));
        for (String table : db.tables(p + "roost_")) {
            if (!table.endsWith("schema_history") && !table.endsWith("roost_roles")) {
                sums.put(table, db.checksumUnordered(table));
            }
        }
        return sums;
    }
}
