package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Super admin, read-only fields, unassigned contacts, several roles, team scope and deny by default. */
class PolicySemanticsTest {

    private static final FieldRegistry FIELDS_WITH_READ_ONLY_SCORE =
            FIELDS.with(FieldDescriptor.custom(LEAD_SCORE).withReadOnly(true));

    @Test
    void superAdminHasEveryRightOnEveryFieldAndContactIncludingReadOnlyFields() {
        Policy admin = PermissionEngine.over(FIELDS_WITH_READ_ONLY_SCORE).policy(user(ADMIN));

        assertThat(admin.isSuperAdmin()).isTrue();
        assertThat(admin.canCreateContact()).isTrue();
        assertThat(admin.creatable().keys()).containsExactlyElementsOf(ALL_FIELDS);
        for (Ownership contact : EVERY_CONTACT) {
            assertThat(admin.canView(contact)).isTrue();
            assertThat(admin.canUpdate(contact)).isTrue();
            assertThat(admin.canDelete(contact)).isTrue();
            assertThat(admin.readable(contact).keys()).containsExactlyElementsOf(ALL_FIELDS);
            assertThat(admin.updatable(contact).keys()).containsExactlyElementsOf(ALL_FIELDS);
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    assertThat(admin.can(type, action, contact)).as("%s %s", type, action).isTrue();
                }
            }
        }
        assertThat(admin.canUpdate(LEAD_SCORE, STRANGERS)).isTrue();
        assertThat(admin.canCreate(LEAD_SCORE)).isTrue();
        assertThat(admin.explain(Action.UPDATE_FIELD, STRANGERS, LEAD_SCORE))
                .isEqualTo(new Decision.Allowed(Rule.SUPER_ADMIN, List.of("Administrator")));
    }

    @Test
    void superAdminWinsOverAnyRestrictedRoleHeldAlongsideIt() {
        Policy admin = policy(SUPPORT_AGENT, ADMIN);

        assertThat(admin.isSuperAdmin()).isTrue();
        assertThat(admin.canUpdate(CONTRACT_VALUE, STRANGERS)).isTrue();
        assertThat(admin.canDelete(STRANGERS)).isTrue();
    }

    @Test
    void superAdminRoleCannotBeRestricted() {
        assertThatThrownBy(() -> Role.builder("root").superAdmin(true).viewScope(Scope.OWNED).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("super-admin role 'root' cannot be restricted, but viewScope was set");
        assertThatThrownBy(() -> Role.builder("root").field(EMAIL, FieldRights.READ_ONLY).superAdmin(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field 'email'");
    }

    @Test
    void superAdminRoleIsUnchangedByToBuilder() {
        assertThat(ADMIN.toBuilder().build()).isEqualTo(ADMIN);
        assertThat(ADMIN.fieldRights("anything")).isEqualTo(FieldRights.FULL);
        assertThat(ADMIN.viewScope()).isEqualTo(Scope.ALL);
    }

    @Test
    void fieldLevelReadOnlyDeniesUpdateAndCreateToEveryRoleButSuperAdmin() {
        PermissionEngine engine = PermissionEngine.over(FIELDS_WITH_READ_ONLY_SCORE);
        Policy manager = engine.policy(user(SALES_MANAGER));

        assertThat(manager.canRead(LEAD_SCORE, STRANGERS)).isTrue();
        assertThat(manager.canUpdate(LEAD_SCORE, STRANGERS)).isFalse();
        assertThat(manager.canCreate(LEAD_SCORE)).isFalse();
        assertThat(manager.updatable(OWN).contains(LEAD_SCORE)).isFalse();
        assertThat(manager.creatable().contains(LEAD_SCORE)).isFalse();
        assertThat(manager.updateScope(LEAD_SCORE)).isEqualTo(Scope.NONE);
        assertThat(manager.explain(Action.UPDATE_FIELD, OWN, LEAD_SCORE))
                .isEqualTo(new Decision.Denied(Rule.READ_ONLY_FIELD));
        assertThat(manager.explain(Action.CREATE_FIELD, OWN, LEAD_SCORE))
                .isEqualTo(new Decision.Denied(Rule.READ_ONLY_FIELD));

        Policy admin = engine.policy(user(ADMIN));
        assertThat(admin.canUpdate(LEAD_SCORE, STRANGERS)).isTrue();
        assertThat(admin.canCreate(LEAD_SCORE)).isTrue();
    }

    @Test
    void unassignedContactsAreInOwnedScope() {
        Policy rep = policy(SALES_REP);

        assertThat(rep.classify(UNASSIGNED)).isEqualTo(ScopeClass.OWN);
        assertThat(rep.canView(UNASSIGNED)).isTrue();
        assertThat(rep.canUpdate(UNASSIGNED)).isTrue();
        assertThat(rep.canRead(EMAIL, UNASSIGNED)).isTrue();
        assertThat(rep.canUpdate(EMAIL, UNASSIGNED)).isTrue();
        assertThat(rep.viewPredicate()).isEqualTo(new ScopePredicate.Owned(USER));
        assertThat(rep.viewPredicate().matches(UNASSIGNED)).isTrue();
        assertThat(rep.viewPredicate().matches(STRANGERS)).isFalse();
    }

    @Test
    void roleWithoutScopeDoesNotSeeUnassignedContacts() {
        Policy blind = policy(Role.builder("blind").field(EMAIL, FieldRights.FULL).build());

        assertThat(blind.canView(UNASSIGNED)).isFalse();
        assertThat(blind.canRead(EMAIL, UNASSIGNED)).isFalse();
        assertThat(blind.canCreate(EMAIL)).isTrue();
    }

    @Test
    void oneRolesWideScopeNeverCombinesWithAnotherRolesFieldRight() {
        Role viewsAllButNotContractValue = Role.builder("Viewer").viewScope(Scope.ALL)
                .field(EMAIL, FieldRights.READ_ONLY).build();
        Role readsContractValueOnOwned = Role.builder("Owner").viewScope(Scope.OWNED)
                .field(CONTRACT_VALUE, FieldRights.READ_ONLY).build();
        Policy both = policy(viewsAllButNotContractValue, readsContractValueOnOwned);

        assertThat(both.canView(STRANGERS)).isTrue();
        assertThat(both.canRead(EMAIL, STRANGERS)).isTrue();
        assertThat(both.canRead(CONTRACT_VALUE, OWN)).isTrue();
        assertThat(both.canRead(CONTRACT_VALUE, UNASSIGNED)).isTrue();
        assertThat(both.canRead(CONTRACT_VALUE, TEAMMATES)).isFalse();
        assertThat(both.canRead(CONTRACT_VALUE, STRANGERS)).isFalse();
        assertThat(both.readPredicate(CONTRACT_VALUE)).isInstanceOf(ScopePredicate.Owned.class)
                .isEqualTo(new ScopePredicate.Owned(USER));
        assertThat(both.readable(STRANGERS).keys()).containsExactly(EMAIL);
        assertThat(both.readable(OWN).keys()).containsExactly(EMAIL, CONTRACT_VALUE);
        assertThat(both.explain(Action.READ_FIELD, STRANGERS, CONTRACT_VALUE))
                .isEqualTo(new Decision.Denied(Rule.OUT_OF_VIEW_SCOPE));
    }

    @Test
    void updateRightOfOneRoleNeverCombinesWithReadRightOfAnother() {
        Role readsScore = Role.builder("Reader").viewScope(Scope.ALL).field(LEAD_SCORE, FieldRights.READ_ONLY).build();
        Role updatesScoreBlind = Role.builder("Writer").viewScope(Scope.ALL).updateScope(Scope.ALL)
                .field(LEAD_SCORE, new FieldRights(false, false, true)).build();
        Policy both = policy(readsScore, updatesScoreBlind);

        assertThat(both.canRead(LEAD_SCORE, STRANGERS)).isTrue();
        assertThat(both.canUpdate(LEAD_SCORE, STRANGERS)).isFalse();
        assertThat(both.explain(Action.UPDATE_FIELD, STRANGERS, LEAD_SCORE))
                .isEqualTo(new Decision.Denied(Rule.UPDATE_WITHOUT_READ));
    }

    @Test
    void teamScopeReachesContactsOfTeammatesButNotOfStrangers() {
        Role teamLead = Role.builder("Team Lead").viewScope(Scope.TEAM).updateScope(Scope.TEAM).canDelete(true)
                .field(EMAIL, FieldRights.FULL).build();
        Subject lead = new Subject(USER, Set.of(SALES_TEAM, 300L), List.of(teamLead));
        Policy policy = PermissionEngine.over(FIELDS).policy(lead);

        assertThat(policy.classify(TEAMMATES)).isEqualTo(ScopeClass.TEAM);
        assertThat(policy.classify(STRANGERS)).isEqualTo(ScopeClass.OTHER);
        assertThat(policy.canView(TEAMMATES)).isTrue();
        assertThat(policy.canUpdate(TEAMMATES)).isTrue();
        assertThat(policy.canDelete(TEAMMATES)).isTrue();
        assertThat(policy.canRead(EMAIL, TEAMMATES)).isTrue();
        assertThat(policy.canUpdate(EMAIL, OWN)).isTrue();
        assertThat(policy.canRead(EMAIL, UNASSIGNED)).isTrue();
        assertThat(policy.canView(STRANGERS)).isFalse();
        assertThat(policy.canRead(EMAIL, STRANGERS)).isFalse();
        assertThat(policy.viewPredicate()).isEqualTo(new ScopePredicate.Team(USER, Set.of(SALES_TEAM, 300L)));
        assertThat(policy.readPredicate(EMAIL).matches(Ownership.ownedBy(99L, Set.of(300L, 400L)))).isTrue();
        assertThat(policy.readPredicate(EMAIL).matches(Ownership.ownedBy(99L, Set.of(400L)))).isFalse();
    }

    @Test
    void teamScopeOfUserInNoTeamReachesOwnedAndUnassignedContactsOnly() {
        Role teamLead = Role.builder("Team Lead").viewScope(Scope.TEAM).field(EMAIL, FieldRights.READ_ONLY).build();
        Policy loner = PermissionEngine.over(FIELDS).policy(Subject.of(USER, teamLead));

        assertThat(loner.canView(TEAMMATES)).isFalse();
        assertThat(loner.canView(OWN)).isTrue();
        assertThat(loner.canView(UNASSIGNED)).isTrue();
        assertThat(loner.viewPredicate()).isEqualTo(new ScopePredicate.Owned(USER));
    }

    @Test
    void newRoleHasNoRightAtAll() {
        Policy fresh = policy(Role.builder("Fresh").build());

        assertThat(fresh.canCreateContact()).isFalse();
        assertThat(fresh.creatable().isEmpty()).isTrue();
        for (Ownership contact : EVERY_CONTACT) {
            assertThat(fresh.canView(contact)).isFalse();
            assertThat(fresh.canUpdate(contact)).isFalse();
            assertThat(fresh.canDelete(contact)).isFalse();
            assertThat(fresh.readable(contact).isEmpty()).isTrue();
            assertThat(fresh.updatable(contact).isEmpty()).isTrue();
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    assertThat(fresh.can(type, action, contact)).isFalse();
                    assertThat(fresh.can(type, action)).isFalse();
                }
            }
        }
        assertThat(fresh.viewPredicate()).isEqualTo(ScopePredicate.none());
    }

    @Test
    void newCustomFieldHasNoRightInAnyRole() {
        FieldRegistry withNewField = FIELDS.with(FieldDescriptor.custom("renewal_date"));
        PermissionEngine engine = PermissionEngine.over(withNewField);

        for (Role role : List.of(SALES_REP, SALES_MANAGER, SUPPORT_AGENT, MARKETING_TEAM)) {
            Policy policy = engine.policy(user(role));
            assertThat(policy.canCreate("renewal_date")).as(role.name()).isFalse();
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(policy.canRead("renewal_date", contact)).as(role.name()).isFalse();
                assertThat(policy.canUpdate("renewal_date", contact)).as(role.name()).isFalse();
            }
        }
    }

    @Test
    void subjectWithoutRolesMayDoNothing() {
        Policy nobody = PermissionEngine.over(FIELDS).policy(Subject.of(USER));

        assertThat(nobody.canView(UNASSIGNED)).isFalse();
        assertThat(nobody.canCreateContact()).isFalse();
        assertThat(nobody.readableAnywhere().isEmpty()).isTrue();
        assertThat(nobody.canChangeNote(EntityAction.UPDATE, USER, UNASSIGNED)).isFalse();
    }

    @Test
    void unknownFieldKeysAreNeverAllowed() {
        Policy manager = policy(SALES_MANAGER);

        assertThat(manager.canRead("no_such_field", OWN)).isFalse();
        assertThat(manager.canUpdate("no_such_field", OWN)).isFalse();
        assertThat(manager.canCreate("no_such_field")).isFalse();
        assertThat(manager.readable(OWN).contains("no_such_field")).isFalse();
        assertThat(manager.readPredicate("no_such_field")).isEqualTo(ScopePredicate.none());
    }

    @Test
    void roleMayMentionFieldsThatAreNotInTheRegistry() {
        Role mentionsGhost = Role.builder("Ghostly").viewScope(Scope.ALL).field("ghost", FieldRights.FULL)
                .field(EMAIL, FieldRights.READ_ONLY).build();
        Policy policy = policy(mentionsGhost);

        assertThat(policy.readable(STRANGERS).keys()).containsExactly(EMAIL);
        assertThat(policy.canRead("ghost", STRANGERS)).isFalse();
    }

    @Test
    void readableSetMasksARowByDenseIndex() {
        Policy rep = policy(SALES_REP);
        FieldSet readable = rep.readable(OWN);
        Object[] row = ALL_FIELDS.toArray();
        Object[] masked = new Object[row.length];

        for (int i = readable.nextIndex(0); i >= 0; i = readable.nextIndex(i + 1)) {
            masked[i] = row[i];
        }

        assertThat(masked).containsExactly(EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY, LEAD_SOURCE, LEAD_STATUS,
                LEAD_SCORE, null, SALES_NOTES, null, null, null, null, null, null);
        assertThat(readable.size()).isEqualTo(9);
        assertThat(readable.fields()).extracting(FieldDescriptor::key).isEqualTo(readable.keys());
        assertThat(readable.contains(FIELDS.indexOf(CONTRACT_VALUE))).isFalse();
        assertThat(readable.contains(-1)).isFalse();
        assertThat(readable.contains(FIELDS.size())).isFalse();
    }

    @Test
    void nextIndexFindsTheFirstMemberAtOrAfterAnyStartingPoint() {
        FieldSet readable = policy(SALES_REP).readable(OWN);
        int salesNotes = FIELDS.indexOf(SALES_NOTES);

        assertThat(readable.nextIndex(-7)).isZero();
        assertThat(readable.nextIndex(FIELDS.indexOf(CONTRACT_VALUE))).isEqualTo(salesNotes);
        assertThat(readable.nextIndex(salesNotes)).isEqualTo(salesNotes);
        assertThat(readable.nextIndex(salesNotes + 1)).isEqualTo(-1);
        assertThat(readable.nextIndex(FIELDS.size())).isEqualTo(-1);
        assertThat(readable.nextIndex(Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(policy(SALES_REP).readable(STRANGERS).nextIndex(0)).isEqualTo(-1);
    }

    @Test
    void noteAuthorMayChangeOwnNoteOnAViewableContactWithoutTheNotesRight() {
        Policy support = policy(SUPPORT_AGENT);

        assertThat(support.can(EntityType.NOTE, EntityAction.UPDATE, STRANGERS)).isFalse();
        assertThat(support.canChangeNote(EntityAction.UPDATE, USER, STRANGERS)).isTrue();
        assertThat(support.canChangeNote(EntityAction.DELETE, USER, STRANGERS)).isTrue();
        assertThat(support.canChangeNote(EntityAction.UPDATE, STRANGER, STRANGERS)).isFalse();

        Policy rep = policy(SALES_REP);
        assertThat(rep.canChangeNote(EntityAction.UPDATE, USER, STRANGERS))
                .as("the author no longer sees the contact").isFalse();
        assertThat(rep.canChangeNote(EntityAction.DELETE, STRANGER, OWN))
                .as("the notes right of the rep's own role").isTrue();
    }
}
