package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.StoreFeature;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Reminders are a declared feature: a store without {@code StoreFeature.REMINDERS} skips this whole contract, and
 * JUnit reports its tests as skipped. A store that declares it round-trips reminders and lists them soonest first,
 * per contact and as the open reminders of an assignee.
 */
abstract class RemindersContract extends KitSupport {

    RemindersContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void requireReminders() {
        assumeFeature(StoreFeature.REMINDERS);
    }

    @Test
    @DisplayName("insert assigns an id; find, update and delete round-trip")
    void reminderRoundTrips() {
        givenUsers(7, 8);
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        Reminder inserted = inTransaction(tx -> tx.reminders().orElseThrow().insert(new Reminder(555, ada.id(), 7, CHANGED,
                "Call back " + UNICODE, false, CREATED)));
        Reminder changed = new Reminder(inserted.id(), ada.id(), 8, CHANGED.plusSeconds(3600), "Done " + "z"
                .repeat(990), true, CREATED);

        Reminder updated = inTransaction(tx -> tx.reminders().orElseThrow().update(changed));

        assertSoftly(softly -> {
            softly.assertThat(inserted.id()).as("id").isPositive();
            softly.assertThat(inserted).as("insert result").isEqualTo(new Reminder(inserted.id(), ada.id(), 7,
                    CHANGED, "Call back " + UNICODE, false, CREATED));
            softly.assertThat(updated).as("update result").isEqualTo(changed);
            softly.assertThat(findReminder(inserted.id())).as("find").contains(changed);
            softly.assertThat(deleteReminder(inserted.id())).as("delete").isTrue();
            softly.assertThat(deleteReminder(inserted.id())).as("delete again")
                    .isFalse();
            softly.assertThat(findReminder(inserted.id())).as("find after delete")
                    .isEmpty();
        });
        assertThatThrownBy(() -> inTransaction(tx -> tx.reminders().orElseThrow().update(new Reminder(987_654_321L, ada.id(), 7,
                CHANGED, "ghost", false, CREATED)))).isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("of(contact) lists reminders soonest first; openFor(user) that user's open ones, soonest first")
    void remindersAreSoonestFirst() {
        givenUsers(7, 8);
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        ContactRow grace = insert(values(EMAIL, "grace@example.com"));
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        Reminder late = insertReminder(ada.id(), 7, t.plusSeconds(7200), false);
        Reminder early = insertReminder(ada.id(), 7, t, false);
        Reminder done = insertReminder(ada.id(), 7, t.plusSeconds(60), true);
        Reminder otherUser = insertReminder(ada.id(), 8, t.plusSeconds(30), false);
        Reminder sameTimeOtherUser = insertReminder(ada.id(), 8, t, false);
        Reminder otherContact = insertReminder(grace.id(), 7, t.plusSeconds(3600), false);
        Reminder[] sameTime = early.id() < sameTimeOtherUser.id()
                ? new Reminder[]{early, sameTimeOtherUser} : new Reminder[]{sameTimeOtherUser, early};

        assertThat(remindersOf(ada.id())).as("of(ada), by due time then id")
                .containsExactly(sameTime[0], sameTime[1], otherUser, done, late);
        assertThat(openRemindersFor(7)).as("open for user 7")
                .containsExactly(early, otherContact, late);
        assertThat(openRemindersFor(8)).as("open for user 8")
                .containsExactly(sameTimeOtherUser, otherUser);
        assertThat(openRemindersFor(9)).as("open for a user with none").isEmpty();
    }

    private Reminder insertReminder(long contactId, long assignee, Instant due, boolean done) {
        return inTransaction(tx -> tx.reminders().orElseThrow().insert(new Reminder(0, contactId, assignee, due,
                "due " + due, done, CREATED)));
    }
}
