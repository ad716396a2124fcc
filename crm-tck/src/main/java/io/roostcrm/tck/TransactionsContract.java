package io.roostcrm.tck;

import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * One transaction per {@code Crm} call (DESIGN.md §4): a unit of work commits when it returns and, when it throws,
 * rolls back every write of every sub-store and rethrows the very exception its work threw, so that the caller above
 * the SPI sees the failure it caused and none of its partial effects.
 */
abstract class TransactionsContract extends KitSupport {

    TransactionsContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("an exception thrown by the work rolls back every write and propagates as the same instance")
    void failureRollsBackEverything() {
        givenUsers(7);
        FieldType textType = anyDeclaredTextType();
        define(FieldDefinition.custom("nickname", textType).build());
        ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
        ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
        ContactRow existing = insert(values(EMAIL, "existing@example.com", FIRST_NAME, "Before"));
        boolean reminders = store().capabilities().has(StoreFeature.REMINDERS);
        AtomicLong newId = new AtomicLong();
        RuntimeException injected = new IllegalStateException("injected failure");

        assertThatThrownBy(() -> runInTransaction(tx -> {
            ContactRow row = tx.contacts().insert(newContact(7, values(EMAIL, "rolled-back@example.com",
                    "nickname", "gone")));
            newId.set(row.id());
            tx.notes().insert(note(row.id(), CREATED, "gone"));
            tx.notes().insert(note(existing.id(), CREATED, "gone too"));
            if (reminders) {
                tx.reminders().orElseThrow().insert(new Reminder(0, row.id(), 7, CHANGED, "gone", false, CREATED));
            }
            tx.groups(GroupKind.LIST).add(row.id(), list.id());
            tx.groups(GroupKind.TAG).add(existing.id(), tag.id());
            tx.contacts().update(new ContactChange(existing.id(), 1, values(FIRST_NAME, "After",
                    "nickname", "gone"), Set.of(), CHANGED));
            tx.groups(GroupKind.LIST).insert(new ContactGroup(0, GroupKind.LIST, "Gone", "gone", ""));
            tx.stages().insert(new Stage(0, "Gone", 9));
            tx.users().insert(new User(99, "gone", "Gone", List.of(), Set.of(), true));
            tx.roles().save(Role.builder("gone").build());
            throw injected;
        })).isSameAs(injected);

        long id = newId.get();
        assertSoftly(softly -> {
            softly.assertThat(count()).as("contacts").isEqualTo(1);
            softly.assertThat(find(id)).as("the new contact").isEmpty();
            softlyThat(softly, get(existing.id())).as("the updated contact").hasVersion(1)
                    .hasExactlyValues(values(EMAIL, "existing@example.com", FIRST_NAME, "Before"));
            softly.assertThat(notesOf(existing.id())).as("notes").isEmpty();
            softly.assertThat(notesOf(id)).as("notes of the new contact").isEmpty();
            if (reminders) {
                softly.assertThat(openRemindersFor(7)).as("reminders").isEmpty();
            }
            softly.assertThat(select(new Filter.InGroup(GroupKind.LIST, list.id()))).as("list members").isEmpty();
            softly.assertThat(select(new Filter.InGroup(GroupKind.TAG, tag.id()))).as("tag members").isEmpty();
            softly.assertThat(allGroups(GroupKind.LIST)).as("lists")
                    .containsExactly(list);
            softly.assertThat(allStages()).as("stages").isEmpty();
            softly.assertThat(findUser(99)).as("user 99").isEmpty();
            softly.assertThat(findRole("gone")).as("role").isEmpty();
            softly.assertThat(select(Filter.eq("nickname", "gone"))).as("custom values").isEmpty();
        });
    }

    @Test
    @DisplayName("a CrmException thrown by the work propagates as the same instance")
    void crmExceptionPropagatesUnchanged() {
        CrmException thrown = new CrmNotFoundException("contact", 42);

        assertThatThrownBy(() -> runInTransaction(tx -> {
            tx.contacts().insert(newContact(0, values(EMAIL, "a@example.com")));
            throw thrown;
        })).isSameAs(thrown);
        assertThat(count()).isZero();
    }

    @Test
    @DisplayName("a store failure in the middle of the work (a duplicate e-mail) rolls back the earlier writes")
    void storeFailureRollsBackEarlierWrites() {
        insert(values(EMAIL, "taken@example.com"));

        assertRefused(() -> runInTransaction(tx -> {
            tx.contacts().insert(newContact(0, values(EMAIL, "first@example.com")));
            tx.stages().insert(new Stage(0, "Gone", 1));
            tx.contacts().insert(newContact(0, values(EMAIL, "taken@example.com")));
        }), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
        assertThat(allStages()).isEmpty();
    }

    @Test
    @DisplayName("transactionResult returns the work's value and commits what the work wrote")
    void transactionResultReturnsValueAndCommits() {
        ContactRow row = store().transactionResult(tx -> tx.contacts().insert(newContact(0,
                values(EMAIL, "ada@example.com"))));
        String text = store().transactionResult(tx -> "result of the work");

        assertThat(text).isEqualTo("result of the work");
        ContactRowAssert.assertThat(get(row.id())).hasVersion(1).hasValue(EMAIL, "ada@example.com");
    }

    @Test
    @DisplayName("a unit of work sees its own writes before it commits")
    void workSeesItsOwnWrites() {
        List<String> keys = fieldKeys();

        List<ContactRow> seen = inTransaction(tx -> {
            ContactRow row = tx.contacts().insert(newContact(0, values(EMAIL, "ada@example.com")));
            tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Ada"), Set.of(), CHANGED));
            return tx.contacts().select(ContactSelection.everything(keys, Filter.all(), ALL_ROWS));
        });

        assertThat(seen).singleElement().satisfies(row -> ContactRowAssert.assertThat(row).hasVersion(2)
                .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada")));
    }

    @Test
    @DisplayName("insertAll is atomic: a refused batch leaves no row of it, and the work's other writes go too")
    void insertAllIsAtomic() {
        insert(values(EMAIL, "taken@example.com"));
        List<NewContact> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(newContact(0, values(EMAIL, "batch" + i + "@example.com")));
        }
        batch.add(newContact(0, values(EMAIL, "taken@example.com")));

        assertRefused(() -> runInTransaction(tx -> {
            tx.contacts().insert(newContact(0, values(EMAIL, "before-batch@example.com")));
            tx.contacts().insertAll(batch);
        }), EMAIL, "unique");

        assertThat(count()).isEqualTo(1);
    }
}
