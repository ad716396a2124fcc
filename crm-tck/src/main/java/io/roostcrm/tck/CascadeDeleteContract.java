package io.roostcrm.tck;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.StoreFeature;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Deleting a contact removes everything attached to it, notes, reminders, custom values and list and tag
 * memberships, in one transaction, and nothing of any other contact (DESIGN.md §2). Deleting a list or tag likewise
 * removes its memberships and leaves the contacts.
 */
abstract class CascadeDeleteContract extends KitSupport {

    CascadeDeleteContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("deleting a contact removes its notes, reminders, custom values and memberships, nobody else's")
    void deleteContactCascades() {
        givenUsers(7);
        boolean reminders = store().capabilities().has(StoreFeature.REMINDERS);
        define(FieldDefinition.custom("nickname", anyDeclaredTextType()).build());
        ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
        ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
        ContactRow doomed = insert(7, values(EMAIL, "doomed@example.com", "nickname", "shared"));
        ContactRow kept = insert(7, values(EMAIL, "kept@example.com", "nickname", "shared"));
        Note doomedNote = inTransaction(tx -> tx.notes().insert(note(doomed.id(), CREATED, "doomed")));
        Note keptNote = inTransaction(tx -> tx.notes().insert(note(kept.id(), CREATED, "kept")));
        Reminder doomedReminder = reminders ? inTransaction(tx -> tx.reminders().orElseThrow().insert(
                new Reminder(0, doomed.id(), 7, CHANGED, "doomed", false, CREATED))) : null;
        Reminder keptReminder = reminders ? inTransaction(tx -> tx.reminders().orElseThrow().insert(
                new Reminder(0, kept.id(), 7, CHANGED.plusSeconds(60), "kept", false, CREATED))) : null;
        runInTransaction(tx -> {
            for (ContactRow row : List.of(doomed, kept)) {
                tx.groups(GroupKind.LIST).add(row.id(), list.id());
                tx.groups(GroupKind.TAG).add(row.id(), tag.id());
            }
        });

        boolean deleted = inTransaction(tx -> tx.contacts().delete(doomed.id()));

        assertSoftly(softly -> {
            softly.assertThat(deleted).as("delete result").isTrue();
            softly.assertThat(find(doomed.id())).as("deleted contact").isEmpty();
            softly.assertThat(notesOf(doomed.id())).as("its notes").isEmpty();
            softly.assertThat(findNote(doomedNote.id())).as("its note by id").isEmpty();
            softly.assertThat(notesOf(kept.id())).as("the other contact's notes")
                    .containsExactly(keptNote);
            if (reminders) {
                softly.assertThat(remindersOf(doomed.id())).as("its reminders")
                        .isEmpty();
                softly.assertThat(findReminder(doomedReminder.id()))
                        .as("its reminder by id").isEmpty();
                softly.assertThat(openRemindersFor(7)).as("open reminders of user 7")
                        .containsExactly(keptReminder);
            }
            softly.assertThat(ids(select(new Filter.InGroup(GroupKind.LIST, list.id())))).as("list members")
                    .containsExactly(kept.id());
            softly.assertThat(ids(select(new Filter.InGroup(GroupKind.TAG, tag.id())))).as("tag members")
                    .containsExactly(kept.id());
            softly.assertThat(groupsOf(GroupKind.LIST, List.of(doomed.id()))
                    .getOrDefault(doomed.id(), Set.of())).as("its list memberships").isEmpty();
            softly.assertThat(groupsOf(GroupKind.TAG, List.of(kept.id()))
                    .get(kept.id())).as("the other contact's tags").containsExactly(tag.id());
            softly.assertThat(ids(select(Filter.eq("nickname", "shared")))).as("custom values")
                    .containsExactly(kept.id());
            softlyThat(softly, get(kept.id())).as("the other contact").hasVersion(1)
                    .hasExactlyValues(values(EMAIL, "kept@example.com", "nickname", "shared"));
        });
    }

    @Test
    @DisplayName("deleting a group removes its memberships and leaves the contacts and other groups")
    void deleteGroupRemovesMemberships() {
        ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
        ContactGroup otherList = givenGroup(GroupKind.LIST, "Customers");
        ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        runInTransaction(tx -> {
            tx.groups(GroupKind.LIST).add(ada.id(), list.id());
            tx.groups(GroupKind.LIST).add(ada.id(), otherList.id());
            tx.groups(GroupKind.TAG).add(ada.id(), tag.id());
        });

        boolean deleted = deleteGroup(GroupKind.LIST, list.id());
        boolean deletedAgain = deleteGroup(GroupKind.LIST, list.id());

        assertSoftly(softly -> {
            softly.assertThat(deleted).as("delete result").isTrue();
            softly.assertThat(deletedAgain).as("second delete").isFalse();
            softly.assertThat(findGroup(GroupKind.LIST, list.id())).as("the list")
                    .isEmpty();
            softly.assertThat(groupsOf(GroupKind.LIST, List.of(ada.id()))
                    .get(ada.id())).as("remaining lists").containsExactly(otherList.id());
            softly.assertThat(groupsOf(GroupKind.TAG, List.of(ada.id()))
                    .get(ada.id())).as("tags").containsExactly(tag.id());
            softly.assertThat(select(new Filter.InGroup(GroupKind.LIST, list.id()))).as("members of the list")
                    .isEmpty();
            softly.assertThat(count()).as("contacts").isEqualTo(1);
        });
    }
}
