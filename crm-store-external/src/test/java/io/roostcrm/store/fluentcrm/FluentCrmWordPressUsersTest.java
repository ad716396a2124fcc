package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Roost users are the site's WordPress users: {@code contact_owner} is a {@code wp_users.ID}, so a Roost user must
 * be the WordPress user whose id it carries (GH-9, item 5). WordPress's users table is only ever read.
 */
class FluentCrmWordPressUsersTest extends FluentCrmTestSupport {

    private static final long ADA = 7;

    @BeforeEach
    void siteWithAnAdministratorAndAda() {
        // The install's administrator (ID 1) is there already; Ada was added in WordPress.
        db.addWordPressUser(p, ADA, "ada");
    }

    // GH-9: createUser without an id got id 1, WordPress's admin, so Roost's user owned contacts as the admin.
    @Test
    void userCreatedWithoutAnIdGetsTheIdOfTheWordPressUserItsLoginNames() {
        FluentCrmStore store = open();

        User ada = tx(store, t -> t.users().insert(new User(0, "ada", "Ada", List.of(), Set.of(), true)));

        assertThat(ada.id()).isEqualTo(ADA);
        Optional<User> found = tx(store, t -> t.users().find(ADA));
        assertThat(found).contains(ada);
    }

    @Test
    void loginMayBeTheWordPressUsersEmail() {
        FluentCrmStore store = open();

        User ada = tx(store, t -> t.users().insert(new User(0, "ada@example.com", "Ada", List.of(), Set.of(), true)));

        assertThat(ada.id()).isEqualTo(ADA);
    }

    @Test
    void userWithoutAnIdWhoseLoginNamesNoWordPressUserIsRefusedNamingLogin() {
        FluentCrmStore store = open();

        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().insert(new User(0, "rep", "Rep",
                List.of(), Set.of(), true))), "login");
    }

    @Test
    void idThatNamesNoWordPressUserIsRefusedNamingId() {
        FluentCrmStore store = open();

        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().insert(new User(42, "ghost", "Ghost",
                List.of(), Set.of(), true))), "id");
    }

    @Test
    void idOfAnotherPersonIsRefusedNamingId() {
        FluentCrmStore store = open();

        // WordPress user 1 is the administrator, not "rep"; nor is Ada's id Ada's when the login is the admin's.
        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().insert(new User(1, "rep", "Rep",
                List.of(), Set.of(), true))), "id");
        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().insert(new User(ADA, "admin", "Admin",
                List.of(), Set.of(), true))), "id");
    }

    @Test
    void idWithItsOwnLoginIsKept() {
        FluentCrmStore store = open();

        User admin = tx(store, t -> t.users().insert(new User(1, "admin", "Site admin", List.of(), Set.of(), true)));

        assertThat(admin.id()).isEqualTo(1);
    }

    @Test
    void updateMayRenameTheLoginButNotToAnotherWordPressUsers() {
        FluentCrmStore store = open();
        tx(store, t -> t.users().insert(new User(ADA, "ada", "Ada", List.of(), Set.of(), true)));

        User renamed = tx(store, t -> t.users().update(new User(ADA, "countess", "Countess", List.of(), Set.of(),
                true)));
        assertThat(renamed.login()).isEqualTo("countess");

        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().update(new User(ADA, "admin", "Admin",
                List.of(), Set.of(), true))), "login");
        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().update(new User(ADA,
                "admin@example.com", "Admin", List.of(), Set.of(), true))), "login");
    }

    @Test
    void userWhoseWordPressUserWasDeletedCannotBeUpdated() {
        FluentCrmStore store = open();
        tx(store, t -> t.users().insert(new User(ADA, "ada", "Ada", List.of(), Set.of(), true)));
        db.update("DELETE FROM " + p + "users WHERE ID = ?", ADA);

        assertRefusedAndNothingWritten(store, () -> tx(store, t -> t.users().update(new User(ADA, "ada", "Ada",
                List.of(), Set.of(), false))), "id");
    }

    @Test
    void onAMultisiteTheNetworksUsersTableIsRead() {
        // Site 2 of a network: its own FluentCRM tables, the network's users under the base prefix.
        String site = p + "2_";
        db.createFluentCrmTablesExcept(site, List.of("users"));
        FluentCrmStore store = FluentCrmStore.builder().dataSource(db.dataSource()).tablePrefix(site).build();
        try {
            User ada = tx(store, t -> t.users().insert(new User(0, "ada", "Ada", List.of(), Set.of(), true)));

            assertThat(ada.id()).isEqualTo(ADA);
        } finally {
            store.close();
            db.dropTables(site);
        }
    }

    private void assertRefusedAndNothingWritten(FluentCrmStore store, Executable write, String field) {
        String users = db.checksum(p + "users");
        List<User> before = tx(store, t -> t.users().all());

        assertThatThrownBy(write::execute).isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).violations())
                        .extracting(Violation::field, Violation::rule).containsExactly(tuple(field, "wordpress_user")));

        List<User> after = tx(store, t -> t.users().all());
        assertThat(after).isEqualTo(before);
        assertThat(db.checksum(p + "users")).as("WordPress's users table is never written").isEqualTo(users);
    }
}
