package io.roostcrm.core.spi;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleCodecTest {

    @Test
    void aRoleWithEveryKindOfRightRoundTripsToAnEqualRole() {
        Role rep = Role.builder("Sales Representative")
                .viewScope(Scope.TEAM).updateScope(Scope.OWNED).canCreateContacts(true)
                .fields(FieldRights.FULL, "email", "first_name")
                .field("lead_source", FieldRights.CREATE_ONCE)
                .field("lead_score", FieldRights.READ_ONLY)
                .field("odd", new FieldRights(false, false, true))
                .entity(EntityType.NOTE, EntityAction.CREATE, EntityAction.READ)
                .entity(EntityType.TAG, EntityAction.values())
                .build();

        assertThat(RoleCodec.decode(RoleCodec.encode(rep))).isEqualTo(rep);
    }

    // GH-12: the audit right is kept by every store, which all persist roles through this codec
    @Test
    void theAuditRightRoundTrips() {
        Role auditor = Role.builder("Auditor").viewScope(Scope.ALL).entity(EntityType.AUDIT, EntityAction.READ).build();

        Role decoded = RoleCodec.decode(RoleCodec.encode(auditor));

        assertThat(decoded).isEqualTo(auditor);
        assertThat(decoded.can(EntityType.AUDIT, EntityAction.READ)).isTrue();
        assertThat(RoleCodec.encode(auditor)).contains("audit");
    }

    @Test
    void aSuperAdminRoundTrips() {
        Role admin = Role.superAdmin("Super Admin");
        assertThat(RoleCodec.decode(RoleCodec.encode(admin))).isEqualTo(admin);
    }

    @Test
    void corruptDefinitionsAreAConfigurationErrorNamingTheProblem() {
        assertThatThrownBy(() -> RoleCodec.decode("{\"superAdmin\":false}"))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessage("stored role definition is invalid: expected a name");
        assertThatThrownBy(() -> RoleCodec.decode("{\"name\":\"x\",\"view\":\"galaxy\"}"))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("scope was 'galaxy' but it must be one of all, team, owned, none");
        assertThatThrownBy(() -> RoleCodec.decode("{\"name\":\"x\",\"view\":\"owned\",\"update\":\"all\"}"))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("updateScope was ALL but it must not be wider than viewScope OWNED");
    }
}
