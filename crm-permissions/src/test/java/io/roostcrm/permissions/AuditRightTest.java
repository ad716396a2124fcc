package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit right (issue 12): an entity right on roles, held by super admin always, by no role by default. */
class AuditRightTest {

    private static Policy policy(Role... roles) {
        return PermissionEngine.over(FIELDS).policy(new Subject(USER, java.util.Set.of(), List.of(roles)));
    }

    // GH-12
    @Test
    void aRoleThatGrantsAuditReadLetsItsHolderReadTheTrail() {
        Role auditor = Role.builder("Auditor").viewScope(Scope.ALL).entity(EntityType.AUDIT, EntityAction.READ).build();

        assertThat(policy(auditor).can(EntityType.AUDIT, EntityAction.READ)).isTrue();
        assertThat(policy(auditor).explain(EntityType.AUDIT, EntityAction.READ, STRANGERS).isAllowed()).isTrue();
    }

    // GH-12: deny by default, and the right of one role does not leak from another entity right
    @Test
    void noSeedRoleButSuperAdminHoldsTheAuditRight() {
        for (Role role : List.of(SALES_REP, SALES_MANAGER, SUPPORT_AGENT)) {
            assertThat(policy(role).can(EntityType.AUDIT, EntityAction.READ)).as(role.name()).isFalse();
        }
        assertThat(policy(Role.superAdmin("Root")).can(EntityType.AUDIT, EntityAction.READ)).isTrue();
        assertThat(Role.superAdmin("Root").can(EntityType.AUDIT, EntityAction.READ)).isTrue();
    }
}
