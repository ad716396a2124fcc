package io.roostcrm.tck;

import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A role that came back from the store different from the one saved would silently change what its users may do.
 * So saved roles, super admins and roles without rights included, come back equal; saving under an existing name
 * replaces the role; deleting a missing name is ignored.
 */
abstract class RolesContract extends KitSupport {

    RolesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("save, find and all round-trip equal roles, including field and entity rights and super admins")
    void rolesRoundTrip() {
        Role sales = salesRole("sales");
        Role admin = Role.superAdmin("admin");
        Role empty = Role.builder("nobody").build();
        runInTransaction(tx -> {
            tx.roles().save(sales);
            tx.roles().save(admin);
            tx.roles().save(empty);
        });

        assertSoftly(softly -> {
            softly.assertThat(findRole("sales")).as("sales").contains(sales);
            softly.assertThat(findRole("admin")).as("super admin").contains(admin);
            softly.assertThat(findRole("nobody")).as("no rights").contains(empty);
            softly.assertThat(findRole("missing")).as("missing").isEmpty();
            softly.assertThat(allRoles()).as("all, by name")
                    .containsExactly(admin, empty, sales);
        });
    }

    @Test
    @DisplayName("saving a role of an existing name replaces it")
    void saveReplaces() {
        runInTransaction(tx -> tx.roles().save(salesRole("sales")));
        Role narrower = Role.builder("sales").viewScope(Scope.OWNED).field(EMAIL, FieldRights.READ_ONLY).build();

        runInTransaction(tx -> tx.roles().save(narrower));

        assertThat(findRole("sales")).contains(narrower);
        assertThat(allRoles()).containsExactly(narrower);
    }

    @Test
    @DisplayName("delete removes a role and returns true; a missing name returns false")
    void deleteRemovesRole() {
        runInTransaction(tx -> tx.roles().save(salesRole("sales")));

        assertThat(deleteRole("sales")).isTrue();
        assertThat(deleteRole("sales")).isFalse();
        assertThat(findRole("sales")).isEmpty();
    }

    private Role salesRole(String name) {
        return Role.builder(name)
                .viewScope(Scope.TEAM)
                .updateScope(Scope.OWNED)
                .canDelete(true)
                .canCreateContacts(true)
                .field(EMAIL, FieldRights.FULL)
                .field(FIRST_NAME, FieldRights.READ_ONLY)
                .field("contract_value", FieldRights.CREATE_ONCE)
                .field("notes-internal", new FieldRights(false, true, true))
                .entity(EntityType.NOTE, EntityAction.CREATE, EntityAction.READ, EntityAction.UPDATE)
                .entity(EntityType.LIST, EntityAction.READ)
                .entity(EntityType.TAG, EntityAction.READ, EntityAction.DELETE)
                .build();
    }
}
