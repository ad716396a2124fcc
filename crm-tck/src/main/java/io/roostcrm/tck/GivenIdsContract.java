package io.roostcrm.tck;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Restores put back what a snapshot or another installation held, with the ids it had ({@code IdAssignment}): on a
 * store with {@code StoreFeature.GIVEN_IDS} an insert with {@code GIVEN} keeps the id the value carries, the ids the
 * store assigns afterwards never collide with it (the store moves its counter past it), and a taken id is refused
 * as a violation on field {@code id}, rule {@code unique}, leaving the row that holds it untouched. A store without
 * the feature throws {@code UnsupportedOperationException} for {@code GIVEN} and writes nothing; with
 * {@code STORE}, every store assigns the id itself and ignores the one the value carries. Checked for every insert
 * that takes an {@code IdAssignment}: contacts one by one and in batches, notes, reminders, stages, lists and tags.
 */
abstract class GivenIdsContract extends KitSupport {

    /** An id no store in a test has reached by counting. */
    private static final long FAR_AWAY = 9_000_000_000L;

    /** Each insert that takes an {@link IdAssignment}: contacts one by one and in a batch, notes, ... */
    enum Insert {
        CONTACT, CONTACT_BATCH, NOTE, REMINDER, STAGE, LIST, TAG
    }

    /** The contact every test starts with: what notes and reminders are about (user 7 is their assignee). */
    private long contactId;

    GivenIdsContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void givenContactAndUser() {
        givenUsers(7);
        contactId = insert(values(EMAIL, "subject@example.com")).id();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Insert.class)
    @DisplayName("GIVEN keeps the id the value carries")
    void givenIdIsKept(Insert insert) {
        assumeFeature(StoreFeature.GIVEN_IDS);
        assumeStored(insert);
        long first = insert(insert, 0, IdAssignment.STORE, "first");
        long given = first + 100;

        long stored = insert(insert, given, IdAssignment.GIVEN, "given");

        assertThat(stored).as("the id stored").isEqualTo(given);
        assertThat(find(insert, given)).as("found by the given id").contains("given");
        assertThat(find(insert, first)).as("the row before it").contains("first");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Insert.class)
    @DisplayName("ids the store assigns after GIVEN inserts never collide with the given ids")
    void storeAssignedIdsNeverCollideWithGivenOnes(Insert insert) {
        assumeFeature(StoreFeature.GIVEN_IDS);
        assumeStored(insert);
        int before = all(insert).size();
        long first = insert(insert, 0, IdAssignment.STORE, "first");
        // The very ids the store would assign next, had it not been told about them.
        long given1 = insert(insert, first + 1, IdAssignment.GIVEN, "given-1");
        long given3 = insert(insert, first + 3, IdAssignment.GIVEN, "given-3");

        List<Long> assigned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assigned.add(insert(insert, 0, IdAssignment.STORE, "assigned-" + i));
        }

        assertSoftly(softly -> {
            softly.assertThat(assigned).as("ids assigned afterwards").doesNotHaveDuplicates()
                    .doesNotContain(first, given1, given3);
            softly.assertThat(find(insert, given1)).as("the row with given id %d", given1).contains("given-1");
            softly.assertThat(find(insert, given3)).as("the row with given id %d", given3).contains("given-3");
            for (int i = 0; i < assigned.size(); i++) {
                softly.assertThat(find(insert, assigned.get(i))).as("the row with assigned id %d", assigned.get(i))
                        .contains("assigned-" + i);
            }
            softly.assertThat(all(insert)).as("everything stored").hasSize(before + 8);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Insert.class)
    @DisplayName("GIVEN with a taken id is refused (field id, rule unique) and the row holding it is untouched")
    void takenIdIsRefused(Insert insert) {
        assumeFeature(StoreFeature.GIVEN_IDS);
        assumeStored(insert);
        long assigned = insert(insert, 0, IdAssignment.STORE, "assigned");
        long given = insert(insert, assigned + 10, IdAssignment.GIVEN, "given");

        assertRefused(() -> insert(insert, assigned, IdAssignment.GIVEN, "impostor-1"), "id", "unique");
        assertRefused(() -> insert(insert, given, IdAssignment.GIVEN, "impostor-2"), "id", "unique");

        assertSoftly(softly -> {
            softly.assertThat(find(insert, assigned)).as("the row with the store's id").contains("assigned");
            softly.assertThat(find(insert, given)).as("the row with the given id").contains("given");
            softly.assertThat(all(insert)).as("everything stored").containsExactlyInAnyOrderElementsOf(
                    expectedWith(insert, "assigned", "given"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Insert.class)
    @DisplayName("without GIVEN_IDS, GIVEN throws UnsupportedOperationException and writes nothing")
    void givenIsUnsupportedWithoutTheFeature(Insert insert) {
        assumeFalse(store().capabilities().has(StoreFeature.GIVEN_IDS), "the store declares GIVEN_IDS");
        assumeStored(insert);
        List<String> before = all(insert);

        assertThatThrownBy(() -> insert(insert, FAR_AWAY, IdAssignment.GIVEN, "given"))
                .isInstanceOf(UnsupportedOperationException.class);

        assertThat(all(insert)).as("everything stored").containsExactlyInAnyOrderElementsOf(before);
        assertThat(find(insert, FAR_AWAY)).as("found by the given id").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Insert.class)
    @DisplayName("STORE assigns the id and ignores the one the value carries, on every store")
    void storeAssignmentIgnoresTheCarriedId(Insert insert) {
        assumeStored(insert);

        long stored = insert(insert, FAR_AWAY, IdAssignment.STORE, "stored");

        assertThat(stored).as("the id stored").isPositive().isNotEqualTo(FAR_AWAY);
        assertThat(find(insert, stored)).as("found by the store's id").contains("stored");
        assertThat(find(insert, FAR_AWAY)).as("found by the carried id").isEmpty();
    }

    @Test
    @DisplayName("insertAll with GIVEN keeps every id, in input order; later store ids collide with none")
    void insertAllKeepsEveryGivenId() {
        assumeFeature(StoreFeature.GIVEN_IDS);
        List<NewContact> batch = List.of(contact(contactId + 5, "five"), contact(contactId + 2, "two"),
                contact(contactId + 9, "nine"));

        List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch, IdAssignment.GIVEN));
        List<Long> later = inTransaction(tx -> tx.contacts().insertAll(List.of(contact(0, "later-1"),
                contact(0, "later-2"), contact(0, "later-3")), IdAssignment.STORE));

        assertSoftly(softly -> {
            softly.assertThat(ids).as("ids of the given batch").containsExactly(contactId + 5, contactId + 2,
                    contactId + 9);
            softly.assertThat(find(Insert.CONTACT, contactId + 2)).as("contact %d", contactId + 2).contains("two");
            softly.assertThat(later).as("ids of the later batch").doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(ids).doesNotContain(contactId);
            softly.assertThat(count()).as("contacts").isEqualTo(7);
        });
    }

    @Test
    @DisplayName("insertAll with GIVEN and a taken id, or one id twice, is refused and stores nothing of the batch")
    void insertAllWithATakenIdIsRefused() {
        assumeFeature(StoreFeature.GIVEN_IDS);

        assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(List.of(contact(contactId + 5, "five"),
                contact(contactId, "impostor")), IdAssignment.GIVEN)), "id", "unique");
        assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(List.of(contact(contactId + 7, "seven"),
                contact(contactId + 7, "seven-again")), IdAssignment.GIVEN)), "id", "unique");

        assertThat(count()).as("contacts").isEqualTo(1);
        assertThat(find(Insert.CONTACT, contactId)).as("the contact holding the id").contains("subject");
    }

    // ---- one insert, one find, per kind of row ---------------------------------------------------------------------

    private void assumeStored(Insert insert) {
        if (insert == Insert.REMINDER) {
            assumeFeature(StoreFeature.REMINDERS);
        }
    }

    /** Inserts a row labelled {@code label} (a contact's e-mail local part, a title, a name) and returns its id. */
    private long insert(Insert insert, long id, IdAssignment ids, String label) {
        return inTransaction(tx -> insertIn(tx, insert, id, ids, label));
    }

    private long insertIn(StoreTransaction tx, Insert insert, long id, IdAssignment ids, String label) {
        return switch (insert) {
            case CONTACT -> tx.contacts().insert(contact(id, label), ids).id();
            case CONTACT_BATCH -> tx.contacts().insertAll(List.of(contact(id, label)), ids).get(0);
            case NOTE -> tx.notes().insert(new Note(id, contactId, 0, NoteType.NOTE, label, "Body", CREATED,
                    CREATED), ids).id();
            case REMINDER -> tx.reminders().orElseThrow().insert(new Reminder(id, contactId, 7, CHANGED, label,
                    false, CREATED), ids).id();
            case STAGE -> tx.stages().insert(new Stage(id, label, 1), ids).id();
            case LIST -> tx.groups(GroupKind.LIST).insert(new ContactGroup(id, GroupKind.LIST, label, label, ""),
                    ids).id();
            case TAG -> tx.groups(GroupKind.TAG).insert(new ContactGroup(id, GroupKind.TAG, label, label, ""),
                    ids).id();
        };
    }

    /** The label of the row with this id. */
    private Optional<String> find(Insert insert, long id) {
        return switch (insert) {
            case CONTACT, CONTACT_BATCH -> find(id).map(GivenIdsContract::label);
            case NOTE -> findNote(id).map(Note::title);
            case REMINDER -> findReminder(id).map(Reminder::text);
            case STAGE -> findStage(id).map(Stage::name);
            case LIST -> findGroup(GroupKind.LIST, id).map(ContactGroup::name);
            case TAG -> findGroup(GroupKind.TAG, id).map(ContactGroup::name);
        };
    }

    /** The labels of every row of this kind. */
    private List<String> all(Insert insert) {
        return switch (insert) {
            case CONTACT, CONTACT_BATCH -> select(Filter.all()).stream().map(GivenIdsContract::label).toList();
            case NOTE -> notesOf(contactId).stream().map(Note::title).toList();
            case REMINDER -> remindersOf(contactId).stream().map(Reminder::text).toList();
            case STAGE -> allStages().stream().map(Stage::name).toList();
            case LIST -> allGroups(GroupKind.LIST).stream().map(ContactGroup::name).toList();
            case TAG -> allGroups(GroupKind.TAG).stream().map(ContactGroup::name).toList();
        };
    }

    /** The labels expected of this kind: these, and for contacts the one every test starts with. */
    private static List<String> expectedWith(Insert insert, String... labels) {
        Set<String> expected = new HashSet<>(List.of(labels));
        if (insert == Insert.CONTACT || insert == Insert.CONTACT_BATCH) {
            expected.add("subject");
        }
        return List.copyOf(expected);
    }

    private static NewContact contact(long id, String label) {
        return new NewContact(id, 0, CREATED, values(EMAIL, label + "@example.com"));
    }

    private static String label(ContactRow row) {
        String email = (String) row.values().get(EMAIL);
        return email == null ? "" : email.substring(0, email.indexOf('@'));
    }
}
