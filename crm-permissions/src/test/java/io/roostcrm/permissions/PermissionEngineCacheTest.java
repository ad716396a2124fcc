package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compiled-policy cache: compile once per role set, invalidate exactly what a change affects. */
class PermissionEngineCacheTest {

    private static final Role A = Role.builder("A").viewScope(Scope.ALL).field(EMAIL, FieldRights.READ_ONLY).build();
    private static final Role B = Role.builder("B").viewScope(Scope.OWNED).field(PHONE, FieldRights.FULL).build();

    @Test
    void equalRoleSetsAreCompiledOnce() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);

        engine.policy(Subject.of(1L, SALES_REP, SUPPORT_AGENT));
        engine.policy(Subject.of(2L, SUPPORT_AGENT, SALES_REP));
        engine.policy(new Subject(3L, Set.of(7L), List.of(SALES_REP.toBuilder().build(), SUPPORT_AGENT)));

        assertThat(engine.compilations()).isEqualTo(1);
        assertThat(engine.cachedPolicies()).isEqualTo(1);
    }

    @Test
    void cachedPolicyIsStillDecidedForItsOwnSubject() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        Ownership ownedByOne = Ownership.ownedBy(1L);

        Policy first = engine.policy(Subject.of(1L, SALES_REP));
        Policy second = engine.policy(Subject.of(2L, SALES_REP));

        assertThat(engine.compilations()).isEqualTo(1);
        assertThat(first.canRead(EMAIL, ownedByOne)).isTrue();
        assertThat(second.canRead(EMAIL, ownedByOne)).isFalse();
        assertThat(second.subject().userId()).isEqualTo(2L);
    }

    @Test
    void changedRoleWithTheSameNameIsCompiledAfresh() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        Policy before = engine.policy(Subject.of(1L, A));

        Role changed = A.toBuilder().field(EMAIL, FieldRights.NONE).build();
        Policy after = engine.policy(Subject.of(1L, changed));

        assertThat(engine.compilations()).isEqualTo(2);
        assertThat(before.canRead(EMAIL, UNASSIGNED)).isTrue();
        assertThat(after.canRead(EMAIL, UNASSIGNED)).isFalse();
    }

    @Test
    void invalidateRoleEvictsOnlyRoleSetsContainingThatRole() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        Subject onlyA = Subject.of(1L, A);
        Subject onlyB = Subject.of(2L, B);
        Subject aAndB = Subject.of(3L, A, B);
        engine.policy(onlyA);
        engine.policy(onlyB);
        engine.policy(aAndB);
        assertThat(engine.compilations()).isEqualTo(3);

        engine.invalidateRole("A");

        assertThat(engine.cachedPolicies()).isEqualTo(1);
        engine.policy(onlyB);
        assertThat(engine.compilations()).as("a subject with only B is not recompiled").isEqualTo(3);
        engine.policy(onlyA);
        assertThat(engine.compilations()).as("a subject with A is recompiled").isEqualTo(4);
        engine.policy(aAndB);
        assertThat(engine.compilations()).as("a subject with A and B is recompiled").isEqualTo(5);
    }

    @Test
    void invalidatingAnUnknownRoleEvictsNothing() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        engine.policy(Subject.of(1L, A));

        engine.invalidateRole("nobody");
        engine.policy(Subject.of(1L, A));

        assertThat(engine.compilations()).isEqualTo(1);
    }

    @Test
    void updateFieldsRecompilesAndANewCustomFieldHasNoRights() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        Subject manager = user(SALES_MANAGER);
        engine.policy(manager);
        FieldRegistry newFields = FIELDS.with(FieldDescriptor.custom("renewal_date"));

        engine.updateFields(newFields);
        Policy policy = engine.policy(manager);

        assertThat(engine.compilations()).isEqualTo(2);
        assertThat(engine.fields()).isEqualTo(newFields);
        assertThat(policy.fields()).isEqualTo(newFields);
        assertThat(policy.canCreate("renewal_date")).isFalse();
        for (ScopeClass cls : ScopeClass.values()) {
            assertThat(policy.canRead("renewal_date", cls)).isFalse();
            assertThat(policy.canUpdate("renewal_date", cls)).isFalse();
        }
        assertThat(policy.canRead(CONTRACT_VALUE, STRANGERS)).isTrue();
    }

    @Test
    void updateFieldsAppliesANewReadOnlyFlagToCompiledRoles() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        Subject manager = user(SALES_MANAGER);
        assertThat(engine.policy(manager).canUpdate(LEAD_SCORE, OWN)).isTrue();

        engine.updateFields(FIELDS.with(FieldDescriptor.custom(LEAD_SCORE).withReadOnly(true)));

        assertThat(engine.policy(manager).canUpdate(LEAD_SCORE, OWN)).isFalse();
        assertThat(engine.compilations()).isEqualTo(2);
    }

    @Test
    void updateFieldsWithAnEqualRegistryKeepsCompiledPolicies() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        engine.policy(user(SALES_REP));

        engine.updateFields(FieldRegistry.of(FIELDS.fields()));
        engine.policy(user(SALES_REP));

        assertThat(engine.compilations()).isEqualTo(1);
    }

    @Test
    void removedFieldIsNoLongerAllowedAfterUpdateFields() {
        PermissionEngine engine = PermissionEngine.over(FIELDS);
        engine.updateFields(FIELDS.without(SALES_NOTES));

        Policy rep = engine.policy(user(SALES_REP));

        assertThat(rep.canRead(SALES_NOTES, OWN)).isFalse();
        assertThat(rep.canRead(LEAD_STATUS, OWN)).isTrue();
        assertThat(rep.explain(Action.READ_FIELD, OWN, SALES_NOTES))
                .isEqualTo(new Decision.Denied(Rule.UNKNOWN_FIELD));
    }

    @Test
    void cacheIsBoundedByMaximumPolicies() {
        PermissionEngine engine = PermissionEngine.builder().fields(FIELDS).maximumPolicies(2).build();
        for (int i = 0; i < 20; i++) {
            engine.policy(Subject.of(1L, Role.builder("role " + i).build()));
        }

        assertThat(engine.compilations()).isEqualTo(20);
        assertThat(engine.cachedPolicies()).isLessThanOrEqualTo(2);
    }
}
