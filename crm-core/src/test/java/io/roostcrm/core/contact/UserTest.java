package io.roostcrm.core.contact;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 item 15: a null argument to a user names the parameter (it said {@code "coll" is null}). */
class UserTest {

    @Test
    void nullCollectionsNameTheParameter() {
        assertThatThrownBy(() -> new User(0, "ada", "Ada", null, Set.of(), true))
                .isInstanceOf(NullPointerException.class).hasMessage("roleNames");
        assertThatThrownBy(() -> new User(0, "ada", "Ada", List.of(), null, true))
                .isInstanceOf(NullPointerException.class).hasMessage("teamIds");
        assertThatThrownBy(() -> new User(0, null, "Ada", List.of(), Set.of(), true))
                .isInstanceOf(NullPointerException.class).hasMessage("login");
    }

    @Test
    void nullElementsNameTheCollection() {
        assertThatThrownBy(() -> new User(0, "ada", "Ada", Arrays.asList("Sales", null), Set.of(), true))
                .isInstanceOf(NullPointerException.class).hasMessage("roleNames must not contain null");
        Set<Long> teams = new HashSet<>(Arrays.asList(1L, null));
        assertThatThrownBy(() -> new User(0, "ada", "Ada", List.of(), teams, true))
                .isInstanceOf(NullPointerException.class).hasMessage("teamIds must not contain null");
    }

    @Test
    void collectionsAreCopied() {
        List<String> roles = new java.util.ArrayList<>(List.of("Sales"));
        User user = new User(0, "ada", "Ada", roles, Set.of(7L), true);
        roles.add("Support");
        assertThat(user.roleNames()).containsExactly("Sales");
    }
}
