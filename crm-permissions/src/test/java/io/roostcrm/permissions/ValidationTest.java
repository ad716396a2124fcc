package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation of roles, subjects, scopes, fields and ownership, and the messages it gives. */
class ValidationTest {

    @Test
    void roleNameMustNotBeBlank() {
        assertThatThrownBy(() -> Role.builder("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role name must not be blank");
        assertThatThrownBy(() -> Role.builder(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role name must not be blank");
    }

    @Test
    void roleNameMustNotExceedOneHundredCharacters() {
        assertThatThrownBy(() -> Role.builder("r".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role name must be at most 100 characters long");
    }

    @Test
    void updateScopeWiderThanViewScopeIsRejected() {
        assertThatThrownBy(() -> Role.builder("Wide").viewScope(Scope.OWNED).updateScope(Scope.ALL).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("role 'Wide': updateScope was ALL but it must not be wider than viewScope OWNED");
    }

    @Test
    void updateScopeEqualToViewScopeIsAccepted() {
        Role role = Role.builder("Team").viewScope(Scope.TEAM).updateScope(Scope.TEAM).build();

        assertThat(role.updateScope()).isEqualTo(Scope.TEAM);
    }

    @Test
    void duplicateRoleNamesInSubjectAreRejected() {
        Role other = SALES_REP.toBuilder().canDelete(true).build();

        assertThatThrownBy(() -> Subject.of(USER, SALES_REP, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roles contains duplicate role name 'Sales Representative'");
    }

    @Test
    void subjectUserIdMustBePositive() {
        assertThatThrownBy(() -> new Subject(0L, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId was 0 but it must be positive");
    }

    @Test
    void unknownScopeNameIsRejectedNamingTheAcceptedValues() {
        assertThatThrownBy(() -> Scope.parse("bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope was 'bogus' but it must be one of all, team, owned, none");
    }

    @Test
    void scopeNamesParseCaseInsensitively() {
        assertThat(Scope.parse(" Team ")).isEqualTo(Scope.TEAM);
        assertThat(Scope.parse("all")).isEqualTo(Scope.ALL);
        assertThat(Scope.parse("OWNED")).isEqualTo(Scope.OWNED);
        assertThat(Scope.parse("none")).isEqualTo(Scope.NONE);
    }

    @Test
    void scopesNestFromNoneToAll() {
        assertThat(Scope.ALL.includes(Scope.TEAM)).isTrue();
        assertThat(Scope.TEAM.includes(Scope.OWNED)).isTrue();
        assertThat(Scope.OWNED.includes(Scope.TEAM)).isFalse();
        assertThat(Scope.widest(Scope.OWNED, Scope.TEAM)).isEqualTo(Scope.TEAM);
        assertThat(Scope.NONE.covers(ScopeClass.OWN)).isFalse();
        assertThat(Scope.OWNED.covers(ScopeClass.TEAM)).isFalse();
        assertThat(Scope.TEAM.covers(ScopeClass.OTHER)).isFalse();
        assertThat(Scope.ALL.covers(ScopeClass.OTHER)).isTrue();
    }

    @Test
    void fieldKeysMustBeShortAndFreeOfWhitespace() {
        assertThatThrownBy(() -> FieldDescriptor.custom(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field key must be 1 to 64 characters long");
        assertThatThrownBy(() -> FieldDescriptor.custom("k".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field key must be 1 to 64 characters long");
        assertThatThrownBy(() -> Role.builder("r").field("lead status", FieldRights.FULL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field key must not contain whitespace or control characters");
    }

    @Test
    void registryRejectsDuplicateFieldKeys() {
        assertThatThrownBy(() -> FieldRegistry.of(FieldDescriptor.standard(EMAIL), FieldDescriptor.custom(EMAIL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fields contains duplicate key 'email'");
    }

    @Test
    void ownerIdMustBePositive() {
        assertThatThrownBy(() -> Ownership.ownedBy(-3L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ownerId was -3 but it must be positive");
    }

    @Test
    void engineRequiresFields() {
        assertThatThrownBy(() -> PermissionEngine.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fields is required");
        assertThatThrownBy(() -> PermissionEngine.builder().maximumPolicies(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumPolicies was 0 but it must be at least 1");
    }

    @Test
    void teamPredicateRequiresTeams() {
        assertThatThrownBy(() -> new ScopePredicate.Team(USER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("teamIds must not be empty (use Owned)");
    }

    @Test
    void rolesWithEqualSettingsAreEqualValues() {
        Role copy = SALES_REP.toBuilder().build();

        assertThat(copy).isEqualTo(SALES_REP).hasSameHashCodeAs(SALES_REP);
        assertThat(SALES_REP.toBuilder().field(LEAD_SCORE, FieldRights.FULL).build()).isNotEqualTo(SALES_REP);
    }

    @Test
    void grantingNoRightsRemovesAFieldFromARole() {
        Role role = Role.builder("r").field(EMAIL, FieldRights.FULL).field(EMAIL, FieldRights.NONE).build();

        assertThat(role.fieldRights()).isEmpty();
        assertThat(role.fieldRights(EMAIL)).isEqualTo(FieldRights.NONE);
    }
}
