package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Policy#explain} names the rule behind every kind of decision. */
class ExplainTest {

    private static Decision denied(Rule rule) {
        return new Decision.Denied(rule);
    }

    private static Decision grantedBy(String... roles) {
        return new Decision.Allowed(Rule.ROLE_GRANT, List.of(roles));
    }

    @Test
    void subjectWithoutRolesIsDeniedByNoRole() {
        Policy nobody = PermissionEngine.over(FIELDS).policy(Subject.of(USER));

        assertThat(nobody.explain(Action.READ_FIELD, OWN, EMAIL)).isEqualTo(denied(Rule.NO_ROLE));
        assertThat(nobody.explain(Action.VIEW_CONTACT, UNASSIGNED, "")).isEqualTo(denied(Rule.NO_ROLE));
        assertThat(nobody.explain(EntityType.NOTE, EntityAction.READ, OWN)).isEqualTo(denied(Rule.NO_ROLE));
    }

    @Test
    void unknownFieldIsDeniedByUnknownField() {
        Policy rep = policy(SALES_REP);

        for (Action action : List.of(Action.READ_FIELD, Action.UPDATE_FIELD, Action.CREATE_FIELD)) {
            assertThat(rep.explain(action, OWN, "no_such_field")).as("%s", action).isEqualTo(denied(Rule.UNKNOWN_FIELD));
        }
    }

    @Test
    void unknownFieldIsDeniedByUnknownFieldEvenForSuperAdmin() {
        Policy admin = policy(ADMIN);

        assertThat(admin.canRead("no_such_field", OWN)).isFalse();
        for (Action action : List.of(Action.READ_FIELD, Action.UPDATE_FIELD, Action.CREATE_FIELD)) {
            assertThat(admin.explain(action, OWN, "no_such_field")).as("%s", action)
                    .isEqualTo(denied(Rule.UNKNOWN_FIELD));
        }
    }

    @Test
    void hiddenFieldIsDeniedByMissingFieldRight() {
        Policy support = policy(SUPPORT_AGENT);

        assertThat(support.explain(Action.READ_FIELD, OWN, CONTRACT_VALUE)).isEqualTo(denied(Rule.MISSING_FIELD_RIGHT));
        assertThat(support.explain(Action.UPDATE_FIELD, OWN, EMAIL)).isEqualTo(denied(Rule.MISSING_FIELD_RIGHT));
        assertThat(support.explain(Action.CREATE_FIELD, OWN, EMAIL)).isEqualTo(denied(Rule.MISSING_FIELD_RIGHT));
    }

    @Test
    void contactOutsideEveryViewScopeIsDeniedByOutOfViewScope() {
        Policy rep = policy(SALES_REP);

        assertThat(rep.explain(Action.VIEW_CONTACT, STRANGERS, "")).isEqualTo(denied(Rule.OUT_OF_VIEW_SCOPE));
        assertThat(rep.explain(Action.READ_FIELD, STRANGERS, EMAIL)).isEqualTo(denied(Rule.OUT_OF_VIEW_SCOPE));
        assertThat(rep.explain(EntityType.NOTE, EntityAction.READ, TEAMMATES)).isEqualTo(denied(Rule.OUT_OF_VIEW_SCOPE));
    }

    @Test
    void contactOutsideEveryUpdateScopeIsDeniedByOutOfUpdateScope() {
        Role viewsAllUpdatesOwned = Role.builder("Viewer").viewScope(Scope.ALL).updateScope(Scope.OWNED)
                .canDelete(true).field(EMAIL, FieldRights.FULL).entity(EntityType.TAG, EntityAction.DELETE).build();
        Policy policy = policy(viewsAllUpdatesOwned);

        assertThat(policy.explain(Action.UPDATE_CONTACT, STRANGERS, "")).isEqualTo(denied(Rule.OUT_OF_UPDATE_SCOPE));
        assertThat(policy.explain(Action.UPDATE_FIELD, STRANGERS, EMAIL)).isEqualTo(denied(Rule.OUT_OF_UPDATE_SCOPE));
        assertThat(policy.explain(Action.DELETE_CONTACT, STRANGERS, "")).isEqualTo(denied(Rule.OUT_OF_UPDATE_SCOPE));
        assertThat(policy.explain(EntityType.TAG, EntityAction.DELETE, STRANGERS))
                .isEqualTo(denied(Rule.OUT_OF_UPDATE_SCOPE));
        assertThat(policy.explain(Action.UPDATE_FIELD, OWN, EMAIL)).isEqualTo(grantedBy("Viewer"));
    }

    @Test
    void readOnlyFieldIsDeniedByReadOnlyField() {
        Policy manager = PermissionEngine.over(FIELDS.with(FieldDescriptor.custom(LEAD_SCORE).withReadOnly(true)))
                .policy(user(SALES_MANAGER));

        assertThat(manager.explain(Action.UPDATE_FIELD, OWN, LEAD_SCORE)).isEqualTo(denied(Rule.READ_ONLY_FIELD));
        assertThat(manager.explain(Action.CREATE_FIELD, OWN, LEAD_SCORE)).isEqualTo(denied(Rule.READ_ONLY_FIELD));
        assertThat(manager.explain(Action.READ_FIELD, OWN, LEAD_SCORE)).isEqualTo(grantedBy("Sales Manager"));
    }

    @Test
    void updateRightWithoutReadRightIsDeniedByUpdateWithoutRead() {
        Role blindWriter = Role.builder("Blind Writer").viewScope(Scope.ALL).updateScope(Scope.ALL)
                .field(LEAD_SCORE, new FieldRights(false, false, true)).build();
        Policy policy = policy(blindWriter);

        assertThat(policy.canUpdate(LEAD_SCORE, OWN)).isFalse();
        assertThat(policy.explain(Action.UPDATE_FIELD, OWN, LEAD_SCORE)).isEqualTo(denied(Rule.UPDATE_WITHOUT_READ));
    }

    @Test
    void roleWithoutDeleteRightIsDeniedByMissingDeleteRight() {
        Policy rep = policy(SALES_REP);

        assertThat(rep.explain(Action.DELETE_CONTACT, OWN, "")).isEqualTo(denied(Rule.MISSING_DELETE_RIGHT));
    }

    @Test
    void roleWithoutCreateRightIsDeniedByMissingCreateRight() {
        Policy support = policy(SUPPORT_AGENT);

        assertThat(support.canCreateContact()).isFalse();
        assertThat(support.explain(Action.CREATE_CONTACT, UNASSIGNED, "")).isEqualTo(denied(Rule.MISSING_CREATE_RIGHT));
    }

    @Test
    void roleWithoutEntityRightIsDeniedByMissingEntityRight() {
        Policy support = policy(SUPPORT_AGENT);

        assertThat(support.explain(EntityType.LIST, EntityAction.CREATE, OWN)).isEqualTo(denied(Rule.MISSING_ENTITY_RIGHT));
        assertThat(support.explain(EntityType.NOTE, EntityAction.DELETE, OWN)).isEqualTo(denied(Rule.MISSING_ENTITY_RIGHT));
        assertThat(support.explain(EntityType.NOTE, EntityAction.CREATE, STRANGERS)).isEqualTo(grantedBy("Support Agent"));
    }

    @Test
    void superAdminIsAllowedBySuperAdminNamingTheRole() {
        Policy admin = policy(SALES_REP, ADMIN);
        Decision expected = new Decision.Allowed(Rule.SUPER_ADMIN, List.of("Administrator"));

        assertThat(admin.explain(Action.DELETE_CONTACT, STRANGERS, "")).isEqualTo(expected);
        assertThat(admin.explain(Action.READ_FIELD, STRANGERS, CONTRACT_VALUE)).isEqualTo(expected);
        assertThat(admin.explain(EntityType.TAG, EntityAction.DELETE, STRANGERS)).isEqualTo(expected);
    }

    @Test
    void roleGrantNamesEveryRoleThatGrantsTheRight() {
        Policy policy = policy(SALES_REP, SUPPORT_AGENT, MARKETING_TEAM);

        assertThat(policy.explain(Action.READ_FIELD, OWN, EMAIL))
                .isEqualTo(grantedBy("Sales Representative", "Support Agent", "Marketing Team"));
        assertThat(policy.explain(Action.READ_FIELD, STRANGERS, EMAIL))
                .isEqualTo(grantedBy("Support Agent", "Marketing Team"));
        assertThat(policy.explain(Action.UPDATE_FIELD, OWN, EMAIL)).isEqualTo(grantedBy("Sales Representative"));
        assertThat(policy.explain(Action.CREATE_FIELD, OWN, LEAD_SOURCE)).isEqualTo(grantedBy("Sales Representative"));
        assertThat(policy.explain(Action.VIEW_CONTACT, STRANGERS, ""))
                .isEqualTo(grantedBy("Support Agent", "Marketing Team"));
        assertThat(policy.explain(EntityType.LIST, EntityAction.UPDATE, STRANGERS)).isEqualTo(grantedBy("Marketing Team"));
        assertThat(policy.explain(Action.CREATE_CONTACT, UNASSIGNED, "")).isEqualTo(grantedBy("Sales Representative"));
    }

    @Test
    void explainByScopeClassAgreesWithExplainByOwnership() {
        Policy rep = policy(SALES_REP_READING_CONTRACT_VALUE);

        for (Ownership contact : EVERY_CONTACT) {
            for (Action action : Action.values()) {
                assertThat(rep.explain(action, rep.classify(contact), CONTRACT_VALUE))
                        .isEqualTo(rep.explain(action, contact, CONTRACT_VALUE));
            }
        }
    }

    @Test
    void noteAuthorMayChangeOwnNoteWhereTheNotesRightIsMissing() {
        Policy support = policy(SUPPORT_AGENT);

        assertThat(support.explain(EntityType.NOTE, EntityAction.UPDATE, STRANGERS))
                .isEqualTo(denied(Rule.MISSING_ENTITY_RIGHT));
        assertThat(support.canChangeNote(EntityAction.UPDATE, USER, STRANGERS)).isTrue();
        assertThat(support.canChangeNote(EntityAction.UPDATE, TEAMMATE, STRANGERS)).isFalse();
        assertThat(support.explainNoteChange(EntityAction.UPDATE, USER, STRANGERS))
                .isEqualTo(new Decision.Allowed(Rule.NOTE_AUTHOR, java.util.List.of()));
        assertThat(support.explainNoteChange(EntityAction.DELETE, TEAMMATE, STRANGERS))
                .isEqualTo(denied(Rule.MISSING_ENTITY_RIGHT));
    }

    @Test
    void noteAuthorRuleCoversOnlyUpdateAndDelete() {
        Policy support = policy(SUPPORT_AGENT);

        assertThatThrownBy(() -> support.canChangeNote(EntityAction.READ, USER, STRANGERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action was READ but it must be UPDATE or DELETE");
    }
}
