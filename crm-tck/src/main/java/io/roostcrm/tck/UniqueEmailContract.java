package io.roostcrm.tck;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * E-mail is the default uniqueness key of contacts (DESIGN.md §2), compared ignoring case. A duplicate, on insert,
 * on update, inside a batch or against a stored contact, is refused with a {@code CrmValidationException} naming
 * field {@code email} and rule {@code unique}, nothing of the refused work is written, and the message never echoes
 * the address; {@code findIdsBy}, which imports use to upsert on a match, finds by the same rule.
 */
abstract class UniqueEmailContract extends KitSupport {

    UniqueEmailContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("inserting a duplicate e-mail is refused and the count is unchanged")
    void duplicateInsertIsRefused() {
        ContactRow first = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));

        assertRefused(() -> insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Impostor")), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
        ContactRowAssert.assertThat(get(first.id())).hasVersion(1).hasValue(FIRST_NAME, "Ada");
    }

    @Test
    @DisplayName("an e-mail differing only in case is a duplicate")
    void duplicateIgnoringCaseIsRefused() {
        insert(values(EMAIL, "ada@example.com"));

        assertRefused(() -> insert(values(EMAIL, "Ada@Example.COM")), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a stored mixed-case e-mail still blocks its lower-case form")
    void storedMixedCaseBlocksLowerCase() {
        insert(values(EMAIL, "Grace@Example.com"));

        assertRefused(() -> insert(values(EMAIL, "grace@example.com")), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
    }

    @Test
    @DisplayName("the violation message does not echo the e-mail address")
    void violationMessageDoesNotEchoValue() {
        insert(values(EMAIL, "secret.person@example.com"));

        assertThatThrownBy(() -> insert(values(EMAIL, "secret.person@example.com")))
                .isInstanceOf(CrmValidationException.class)
                .hasMessageNotContaining("secret.person");
    }

    @Test
    @DisplayName("an update to another contact's e-mail is refused and the row is unchanged")
    void duplicateViaUpdateIsRefused() {
        insert(values(EMAIL, "ada@example.com"));
        ContactRow grace = insert(values(EMAIL, "grace@example.com", FIRST_NAME, "Grace"));

        assertRefused(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(grace.id(), 1,
                values(EMAIL, "ada@example.com", FIRST_NAME, "Changed"), Set.of(), CHANGED))), EMAIL, "unique");

        ContactRow after = get(grace.id());
        ContactRowAssert.assertThat(after).hasVersion(1)
                .hasExactlyValues(values(EMAIL, "grace@example.com", FIRST_NAME, "Grace"));
        assertThat(after.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    @DisplayName("an update keeping the contact's own e-mail is not a duplicate")
    void updateKeepingOwnEmailIsAllowed() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));

        long version = inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1,
                values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"), Set.of(), CHANGED)));

        assertThat(version).isEqualTo(2);
    }

    @Test
    @DisplayName("a deleted contact's e-mail can be used again")
    void deletedEmailCanBeReused() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        inTransaction(tx -> tx.contacts().delete(ada.id()));

        ContactRow again = insert(values(EMAIL, "ada@example.com"));

        assertThat(again.id()).isNotEqualTo(ada.id());
        assertThat(count()).isEqualTo(1);
    }

    @Test
    @DisplayName("insertAll with a duplicate inside the batch is refused and stores nothing of the batch")
    void duplicateInsideBatchIsRefused() {
        insert(values(EMAIL, "existing@example.com"));
        List<NewContact> batch = List.of(newContact(0, values(EMAIL, "one@example.com")),
                newContact(0, values(EMAIL, "two@example.com")),
                newContact(0, values(EMAIL, "ONE@example.com")));

        assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(batch)), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
        assertThat(findIdsByEmail("one@example.com", "two@example.com")).isEmpty();
    }

    @Test
    @DisplayName("insertAll with the e-mail of a stored contact is refused and stores nothing of the batch")
    void duplicateOfStoredContactInBatchIsRefused() {
        insert(values(EMAIL, "existing@example.com"));
        List<NewContact> batch = List.of(newContact(0, values(EMAIL, "one@example.com")),
                newContact(0, values(EMAIL, "existing@example.com")),
                newContact(0, values(EMAIL, "three@example.com")));

        assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(batch)), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
    }

    @Test
    @DisplayName("findIdsBy email finds contacts ignoring case and keys the result by the value as given")
    void findIdsByEmailIgnoresCase() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        ContactRow grace = insert(values(EMAIL, "grace@example.com"));
        insert(values(EMAIL, "other@example.com"));

        Map<Object, Long> found = findIdsByEmail("ADA@Example.com", "grace@example.com", "nobody@example.com");

        assertThat(found).containsOnly(Map.entry("ADA@Example.com", ada.id()),
                Map.entry("grace@example.com", grace.id()));
    }

    @Test
    @DisplayName("findIdsBy with no values finds nothing")
    void findIdsByNothing() {
        insert(values(EMAIL, "ada@example.com"));

        assertThat(findIdsByEmail()).isEmpty();
    }
}
