package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Scope checks find owners and teams in the user store, so its answers must be exact: ids are assigned or kept as
 * given, logins and ids are unique, and teams, where the store declares them, round-trip and are reported per
 * user.
 */
abstract class UsersContract extends KitSupport {

    UsersContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void givenRoles() {
        runInTransaction(tx -> {
            tx.roles().save(Role.builder("sales").viewScope(Scope.OWNED).build());
            tx.roles().save(Role.builder("support").viewScope(Scope.ALL).build());
        });
    }

    @Test
    @DisplayName("insert with id 0 assigns a positive id; a positive id is kept; find and findByLogin round-trip")
    void insertAssignsOrKeepsId() {
        User assigned = inTransaction(tx -> tx.users().insert(new User(0, "ada", "Ada " + UNICODE,
                List.of("sales"), Set.of(), true)));
        User kept = inTransaction(tx -> tx.users().insert(new User(4_711, "grace", "Grace",
                List.of("sales", "support"), Set.of(), false)));

        assertSoftly(softly -> {
            softly.assertThat(assigned.id()).as("assigned id").isPositive();
            softly.assertThat(assigned).as("insert result")
                    .isEqualTo(new User(assigned.id(), "ada", "Ada " + UNICODE, List.of("sales"), Set.of(), true));
            softly.assertThat(kept).as("kept id").isEqualTo(new User(4_711, "grace", "Grace",
                    List.of("sales", "support"), Set.of(), false));
            softly.assertThat(findUser(4_711)).as("find").contains(kept);
            softly.assertThat(findUserByLogin("ada")).as("findByLogin")
                    .contains(assigned);
            softly.assertThat(findUser(987_654_321L)).as("find missing").isEmpty();
            softly.assertThat(findUserByLogin("nobody")).as("findByLogin missing")
                    .isEmpty();
            softly.assertThat(allUsers()).as("all, by id")
                    .containsExactlyElementsOf(assigned.id() < kept.id() ? List.of(assigned, kept)
                            : List.of(kept, assigned));
        });
    }

    @Test
    @DisplayName("a taken login is refused (field login, rule unique); a taken id (field id, rule unique)")
    void loginAndIdAreUnique() {
        givenUser(5);

        assertRefused(() -> inTransaction(tx -> tx.users().insert(new User(0, "user5", "Again", List.of(),
                Set.of(), true))), "login", "unique");
        assertRefused(() -> inTransaction(tx -> tx.users().insert(new User(5, "someone-else", "Again", List.of(),
                Set.of(), true))), "id", "unique");
        assertThat(allUsers()).hasSize(1);
    }

    @Test
    @DisplayName("update replaces login, display name, roles and active flag; a missing user is not found")
    void updateReplacesUser() {
        givenUser(5);
        User changed = new User(5, "renamed", "Renamed", List.of("support"), Set.of(), false);

        User updated = inTransaction(tx -> tx.users().update(changed));

        assertThat(updated).isEqualTo(changed);
        assertThat(findUser(5)).contains(changed);
        assertThat(findUserByLogin("user5")).isEmpty();
        assertThatThrownBy(() -> inTransaction(tx -> tx.users().update(new User(987_654_321L, "ghost", "Ghost",
                List.of(), Set.of(), true)))).isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("teams round-trip and teamsOf reports each user's teams")
    void teamsOf() {
        assumeFeature(StoreFeature.TEAMS);
        givenUser(1, 10L, 11L);
        givenUser(2, 10L);
        givenUser(3);
        runInTransaction(tx -> tx.users().update(new User(2, "user2", "User 2", List.of(), Set.of(12L), true)));

        Map<Long, Set<Long>> teams = inTransaction(tx -> tx.users().teamsOf(List.of(1L, 2L, 3L, 987_654_321L)));

        assertSoftly(softly -> {
            softly.assertThat(teams.get(1L)).as("user 1").containsExactlyInAnyOrder(10L, 11L);
            softly.assertThat(teams.get(2L)).as("user 2, after update").containsExactly(12L);
            softly.assertThat(teams.getOrDefault(3L, Set.of())).as("user 3, in no team").isEmpty();
            softly.assertThat(teams.getOrDefault(987_654_321L, Set.of())).as("a missing user").isEmpty();
            softly.assertThat(findUser(1L).map(User::teamIds)).as("find")
                    .contains(Set.of(10L, 11L));
        });
    }
}
