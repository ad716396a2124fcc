package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.roostcrm.store.fluentcrm.FluentCrmRows.array;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.definition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FluentCRM changes its field definitions ({@code fc_meta} row {@code contact_custom_fields}) without Roost: its field
 * editor adds a field, an option, a new label. A Roost node that is already running must decide its next call with
 * the definitions as they are now, under the same rule as fields defined through Roost: a new field is granted to no
 * role until a role grants it. Regression tests for issues 8 and 9 (item 2): before, a running Roost kept the
 * definitions it read at start.
 */
class FluentCrmOwnFieldChangesTest extends FluentCrmTestSupport {

    private static final String FAVORITE_COLOR = definition("text", "text", "Favorite Color", "favorite_color", null);

    private Crm crm;
    private CrmSession admin;
    private CrmSession viewer;

    @BeforeEach
    void runningRoost() {
        FluentCrmRows.insertAda(db, p);
        // The install's administrator (WordPress user 1) is there already.
        db.addWordPressUser(p, 7, "viewer");
        crm = Crm.builder().store(open()).closeStoreOnClose(false).build();
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
        root.admin().saveRole(Role.superAdmin("Administrator"));
        root.admin().saveRole(Role.builder("Viewer").viewScope(Scope.ALL).updateScope(Scope.ALL)
                .fields(FieldRights.FULL, StandardFields.EMAIL, "favorite_color", "interests").build());
        root.admin().createUser(new User(1, "admin", "Admin", List.of("Administrator"), Set.of(), true));
        root.admin().createUser(new User(7, "viewer", "Viewer", List.of("Viewer"), Set.of(), true));
        // Sessions opened before FluentCRM changes anything, and used once, as a running node's would be.
        admin = crm.as(1);
        viewer = crm.as(7);
        assertThat(admin.contacts().get(1).values()).containsKeys("favorite_color", "interests");
    }

    @AfterEach
    void stopRoost() {
        crm.close();
    }

    /** FluentCRM's field editor saving its definitions: the whole list, serialized, into the existing row. */
    private void fluentCrmSavesDefinitions(String... serializedDefinitions) {
        db.update("UPDATE " + p + "fc_meta SET `value` = ?, updated_at = ? WHERE object_type = 'option'"
                + " AND `key` = 'contact_custom_fields'", array(List.of(serializedDefinitions)), "2026-11-24 10:00:00");
    }

    private static String interests(String... options) {
        return definition("multi-select", "select-multi", "Interests", "interests", List.of(options));
    }

    @Test
    void aFieldFluentCrmAddsIsSeenAtTheNextCallAndGrantedToNoRole() {
        fluentCrmSavesDefinitions(FAVORITE_COLOR, interests("Java", "PHP", "Go"),
                definition("text", "text", "Loyalty", "loyalty", null));
        db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`,"
                + " created_at, updated_at) VALUES (1, 1, 'custom_field', 'loyalty', 'gold', ?, ?)",
                "2026-11-24 10:00:01", "2026-11-24 10:00:01");

        assertThat(admin.contacts().get(1).values()).containsEntry("loyalty", "gold");
        assertThat(admin.fields()).extracting(FieldDefinition::key).contains("loyalty");
        assertThat(viewer.contacts().get(1).values()).containsKey("favorite_color").doesNotContainKey("loyalty");
        assertThat(viewer.fields()).extracting(FieldDefinition::key).doesNotContain("loyalty");
    }

    @Test
    void anOptionFluentCrmAddsIsAcceptedAtTheNextCall() {
        fluentCrmSavesDefinitions(FAVORITE_COLOR, interests("Java", "PHP", "Go", "Rust"));

        Contact ada = viewer.contacts().get(1);
        Contact updated = viewer.contacts().update(ContactPatch.of(ada).set("interests", List.of("Rust")).build());

        assertThat(updated.values()).containsEntry("interests", List.of("Rust"));
    }

    @Test
    void aLabelFluentCrmChangesIsShownAtTheNextCall() {
        fluentCrmSavesDefinitions(definition("text", "text", "Favourite Colour", "favorite_color", null),
                interests("Java", "PHP", "Go"));

        assertThat(viewer.fields()).filteredOn(f -> f.key().equals("favorite_color")).singleElement()
                .satisfies(f -> assertThat(f.label()).isEqualTo("Favourite Colour"));
    }

    @Test
    void aFieldFluentCrmRemovesIsGoneAtTheNextCall() {
        fluentCrmSavesDefinitions(interests("Java", "PHP", "Go"));

        assertThat(admin.contacts().get(1).values()).doesNotContainKey("favorite_color").containsKey("interests");
        assertThat(viewer.fields()).extracting(FieldDefinition::key).doesNotContain("favorite_color");
    }
}
