package io.roostcrm.tck;

import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.StoreFeature;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.JOB_TITLE;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The change log records a contact write with the values it replaced, so the writes that feed it return them
 * ({@code updateReturning}, {@code setOwnerReturning}, {@code deleteReturning}): the previous values of exactly the
 * fields the write changed, set or cleared, unmasked, where a field that had no value is absent; the previous owner;
 * and, for a delete, the whole row as it was, while the delete still removes everything attached to the contact. A
 * write from a stale version writes nothing and returns nothing: it throws {@code StaleVersionException}.
 */
abstract class ReplacedValuesContract extends KitSupport {

    private static final String NICKNAME = "nickname";

    /** Ada, owned by user 7, with standard and custom values; Grace beside her, who must stay untouched. */
    private ContactRow ada;
    private ContactRow grace;

    ReplacedValuesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void givenContacts() {
        givenUsers(7, 8, 9);
        define(FieldDefinition.custom(NICKNAME, anyDeclaredTextType()).build());
        ada = insert(7, values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Acme", NICKNAME, "Countess"));
        grace = insert(8, values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", NICKNAME, "Amazing"));
    }

    @Test
    @DisplayName("updateReturning gives the previous values of exactly the fields set or cleared that had one")
    void updateReturningGivesPreviousValuesOfTheChangedFields() {
        // Set: a field with a value, one without, a custom one. Clear: a field with a value, one without.
        ContactChange change = new ContactChange(ada.id(), 1,
                values(FIRST_NAME, "Augusta", LAST_NAME, "King", NICKNAME, "Enchantress"), Set.of(COMPANY, CITY),
                CHANGED);

        ContactReplaced replaced = inTransaction(tx -> tx.contacts().updateReturning(change));

        assertSoftly(softly -> {
            softly.assertThat(replaced.newVersion()).as("new version").isEqualTo(2);
            softly.assertThat(replaced.previousOwnerId()).as("previous owner").isEqualTo(7);
            assertSameValues(softly, "previous values", replaced.previousValues(),
                    values(FIRST_NAME, "Ada", NICKNAME, "Countess", COMPANY, "Acme"));
            ContactRow after = get(ada.id());
            softlyThat(softly, after).as("the updated contact").hasVersion(2).hasExactlyValues(values(
                    EMAIL, "ada@example.com", FIRST_NAME, "Augusta", LAST_NAME, "King", NICKNAME, "Enchantress"));
            softly.assertThat(after.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
            softlyThat(softly, get(grace.id())).as("the other contact").hasVersion(1).hasExactlyValues(values(
                    EMAIL, "grace@example.com", FIRST_NAME, "Grace", NICKNAME, "Amazing"));
        });
    }

    @Test
    @DisplayName("updateReturning of fields that had no value gives no previous values")
    void updateReturningOfFieldsWithoutValuesGivesNone() {
        ContactChange change = new ContactChange(ada.id(), 1, values(LAST_NAME, "King", JOB_TITLE, "Analyst"),
                Set.of(CITY), CHANGED);

        ContactReplaced replaced = inTransaction(tx -> tx.contacts().updateReturning(change));

        assertThat(replaced.previousValues()).as("previous values").isEmpty();
        assertThat(replaced.newVersion()).as("new version").isEqualTo(2);
        ContactRowAssert.assertThat(get(ada.id())).hasValue(LAST_NAME, "King").hasValue(JOB_TITLE, "Analyst");
    }

    @Test
    @DisplayName("updateReturning twice in one unit of work: the second gives the values the first wrote")
    void secondUpdateInTheSameUnitOfWorkGivesTheFirstOnesValues() {
        ContactReplaced[] replaced = inTransaction(tx -> new ContactReplaced[] {
                tx.contacts().updateReturning(new ContactChange(ada.id(), 1, values(FIRST_NAME, "Augusta"),
                        Set.of(NICKNAME), CHANGED)),
                tx.contacts().updateReturning(new ContactChange(ada.id(), 2, values(FIRST_NAME, "Ada", NICKNAME,
                        "Back"), Set.of(), CHANGED.plusSeconds(1)))});

        assertSoftly(softly -> {
            assertSameValues(softly, "first update", replaced[0].previousValues(),
                    values(FIRST_NAME, "Ada", NICKNAME, "Countess"));
            assertSameValues(softly, "second update", replaced[1].previousValues(), values(FIRST_NAME, "Augusta"));
            softly.assertThat(replaced[1].newVersion()).as("version after the second").isEqualTo(3);
        });
    }

    @Test
    @DisplayName("setOwnerReturning gives the owner it replaced, 0 for none, and no values")
    void setOwnerReturningGivesThePreviousOwner() {
        ContactReplaced toEight = inTransaction(tx -> tx.contacts().setOwnerReturning(ada.id(), 1, 8, CHANGED));
        ContactReplaced toNobody = inTransaction(tx -> tx.contacts().setOwnerReturning(ada.id(), 2, 0, CHANGED));
        ContactReplaced toNine = inTransaction(tx -> tx.contacts().setOwnerReturning(ada.id(), 3, 9, CHANGED));

        assertSoftly(softly -> {
            softly.assertThat(List.of(toEight.previousOwnerId(), toNobody.previousOwnerId(),
                    toNine.previousOwnerId())).as("previous owners").containsExactly(7L, 8L, 0L);
            softly.assertThat(List.of(toEight.newVersion(), toNobody.newVersion(), toNine.newVersion()))
                    .as("new versions").containsExactly(2L, 3L, 4L);
            softly.assertThat(List.of(toEight.previousValues(), toNobody.previousValues(),
                    toNine.previousValues())).as("previous values").allSatisfy(v -> assertThat(v).isEmpty());
            softlyThat(softly, get(ada.id())).as("the contact").hasVersion(4).hasOwner(9);
        });
    }

    @Test
    @DisplayName("deleteReturning gives the whole row as it was, custom values included, and deletes it")
    void deleteReturningGivesTheWholeRow() {
        inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1, values(LAST_NAME, "King"),
                Set.of(), CHANGED)));
        List<String> keys = fieldKeys();

        Optional<ContactRow> deleted = inTransaction(tx -> tx.contacts().deleteReturning(ada.id(), keys));

        assertThat(deleted).as("the deleted row").isPresent();
        ContactRow row = deleted.get();
        assertSoftly(softly -> {
            softly.assertThat(row.id()).as("id").isEqualTo(ada.id());
            softly.assertThat(row.version()).as("version").isEqualTo(2);
            softly.assertThat(row.ownerId()).as("owner").isEqualTo(7);
            softly.assertThat(row.createdAt()).as("createdAt").isEqualTo(CREATED);
            softly.assertThat(row.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
            assertSameValues(softly, "values", row.values(), values(EMAIL, "ada@example.com", FIRST_NAME, "Ada",
                    LAST_NAME, "King", COMPANY, "Acme", NICKNAME, "Countess"));
            softly.assertThat(find(ada.id())).as("the contact afterwards").isEmpty();
            softly.assertThat(count()).as("contacts left").isEqualTo(1);
        });
    }

    @Test
    @DisplayName("deleteReturning of a missing id gives nothing and deletes nothing")
    void deleteReturningOfAMissingIdGivesNothing() {
        List<String> keys = fieldKeys();
        long missing = Math.max(ada.id(), grace.id()) + 1_000;

        Optional<ContactRow> deleted = inTransaction(tx -> tx.contacts().deleteReturning(missing, keys));

        assertThat(deleted).isEmpty();
        assertThat(count()).isEqualTo(2);
        Optional<ContactRow> first = inTransaction(tx -> tx.contacts().deleteReturning(ada.id(), keys));
        Optional<ContactRow> second = inTransaction(tx -> tx.contacts().deleteReturning(ada.id(), keys));
        assertThat(first).as("a first delete of a stored contact").isPresent();
        assertThat(second).as("a second delete of it").isEmpty();
    }

    @Test
    @DisplayName("deleteReturning still removes the contact's notes, reminders and memberships, nobody else's")
    void deleteReturningCascades() {
        boolean reminders = store().capabilities().has(StoreFeature.REMINDERS);
        ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
        ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
        Note adasNote = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "Ada's")));
        Note gracesNote = inTransaction(tx -> tx.notes().insert(note(grace.id(), CREATED, "Grace's")));
        if (reminders) {
            runInTransaction(tx -> tx.reminders().orElseThrow().insert(new Reminder(0, ada.id(), 7, CHANGED,
                    "call Ada", false, CREATED)));
        }
        runInTransaction(tx -> {
            for (ContactRow row : List.of(ada, grace)) {
                tx.groups(GroupKind.LIST).add(row.id(), list.id());
                tx.groups(GroupKind.TAG).add(row.id(), tag.id());
            }
        });
        List<String> keys = fieldKeys();

        Optional<ContactRow> deleted = inTransaction(tx -> tx.contacts().deleteReturning(ada.id(), keys));

        assertSoftly(softly -> {
            softly.assertThat(deleted.map(ContactRow::id)).as("the deleted row's id").contains(ada.id());
            softly.assertThat(notesOf(ada.id())).as("Ada's notes").isEmpty();
            softly.assertThat(findNote(adasNote.id())).as("Ada's note by id").isEmpty();
            softly.assertThat(notesOf(grace.id())).as("Grace's notes").containsExactly(gracesNote);
            if (reminders) {
                softly.assertThat(remindersOf(ada.id())).as("Ada's reminders").isEmpty();
                softly.assertThat(openRemindersFor(7)).as("open reminders of user 7").isEmpty();
            }
            softly.assertThat(ids(select(new Filter.InGroup(GroupKind.LIST, list.id())))).as("list members")
                    .containsExactly(grace.id());
            softly.assertThat(ids(select(new Filter.InGroup(GroupKind.TAG, tag.id())))).as("tag members")
                    .containsExactly(grace.id());
            softly.assertThat(groupsOf(GroupKind.LIST, List.of(ada.id())).getOrDefault(ada.id(), Set.of()))
                    .as("Ada's list memberships").isEmpty();
        });
    }

    @Test
    @DisplayName("updateReturning from a stale or future version, or of a missing contact, throws and writes nothing")
    void staleUpdateReturningWritesNothing() {
        inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1, values(FIRST_NAME, "Augusta"),
                Set.of(), CHANGED)));
        long missing = Math.max(ada.id(), grace.id()) + 1_000;

        assertSoftly(softly -> {
            for (long[] idAndVersion : new long[][] {{ada.id(), 1}, {ada.id(), 3}, {missing, 1}}) {
                softly.assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().updateReturning(
                                new ContactChange(idAndVersion[0], idAndVersion[1], values(FIRST_NAME, "Stale",
                                        NICKNAME, "Stale"), Set.of(EMAIL, COMPANY), CHANGED.plusSeconds(60)))))
                        .as("updateReturning of contact %d from version %d", idAndVersion[0], idAndVersion[1])
                        .isInstanceOf(StaleVersionException.class);
            }
            ContactRow after = get(ada.id());
            softlyThat(softly, after).as("the contact").hasVersion(2).hasExactlyValues(values(EMAIL,
                    "ada@example.com", FIRST_NAME, "Augusta", COMPANY, "Acme", NICKNAME, "Countess"));
            softly.assertThat(after.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
            softly.assertThat(count()).as("contacts").isEqualTo(2);
        });
    }

    @Test
    @DisplayName("setOwnerReturning from a stale or future version, or of a missing contact, throws and writes nothing")
    void staleSetOwnerReturningWritesNothing() {
        inTransaction(tx -> tx.contacts().setOwner(ada.id(), 1, 8, CHANGED));
        long missing = Math.max(ada.id(), grace.id()) + 1_000;

        assertSoftly(softly -> {
            for (long[] idAndVersion : new long[][] {{ada.id(), 1}, {ada.id(), 3}, {missing, 1}}) {
                softly.assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().setOwnerReturning(
                                idAndVersion[0], idAndVersion[1], 9, CHANGED.plusSeconds(60))))
                        .as("setOwnerReturning of contact %d from version %d", idAndVersion[0], idAndVersion[1])
                        .isInstanceOf(StaleVersionException.class);
            }
            ContactRow after = get(ada.id());
            softlyThat(softly, after).as("the contact").hasVersion(2).hasOwner(8);
            softly.assertThat(after.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
        });
    }

    /** The same keys, each with the same value as far as the SPI is concerned (numbers by value, ...). */
    private static void assertSameValues(SoftAssertions softly, String what, Map<String, Object> actual,
                                         Map<String, Object> expected) {
        softly.assertThat(actual.keySet()).as("%s: keys", what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, value) -> {
            if (actual.containsKey(key)) {
                softly.assertThat(ContactRowAssert.sameValue(value, actual.get(key)))
                        .as("%s: <%s> was <%s> but <%s> was expected", what, key, actual.get(key), value).isTrue();
            }
        });
    }
}
