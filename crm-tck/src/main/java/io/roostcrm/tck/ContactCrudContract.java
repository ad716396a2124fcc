package io.roostcrm.tck;

import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.NewContact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.COUNTRY;
import static io.roostcrm.core.field.StandardFields.DATE_OF_BIRTH;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The life of a contact row through the contact store: insert at version 1 with its timestamps, select, update
 * and clear by key (a cleared key is absent, never mapped to {@code null}), setOwner, count, delete, and insertAll
 * with large batches. Every other contract builds on these operations, so a store that breaks one of them is told so
 * here, plainly, before the failures it causes elsewhere.
 */
abstract class ContactCrudContract extends KitSupport {

    ContactCrudContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("insert returns the row at version 1 with its id, owner, timestamps and every value")
    void insertReturnsVersionOneAndAllValues() {
        givenUsers(7);
        Map<String, Object> values = values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", LAST_NAME, "Lovelace",
                COMPANY, "Analytical Engines", DATE_OF_BIRTH, LocalDate.of(1815, 12, 10));

        ContactRow row = insert(7, values);

        assertSoftly(softly -> {
            softly.assertThat(row.id()).as("id").isPositive();
            softlyThat(softly, row).hasVersion(1).hasOwner(7).hasExactlyValues(values);
            softly.assertThat(row.createdAt()).as("createdAt").isEqualTo(CREATED);
            softly.assertThat(row.updatedAt()).as("updatedAt (the creation time at first)").isEqualTo(CREATED);
        });
    }

    @Test
    @DisplayName("a selection of every field returns what was inserted, with version, owner and timestamps")
    void selectEverythingRoundTrips() {
        givenUsers(7);
        Map<String, Object> values = values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", LAST_NAME, "Hopper",
                CITY, "Arlington", COUNTRY, "US");
        ContactRow inserted = insert(7, values);

        ContactRow selected = get(inserted.id());

        assertSoftly(softly -> {
            softlyThat(softly, selected).hasVersion(1).hasOwner(7).hasExactlyValues(values);
            softly.assertThat(selected.id()).as("id").isEqualTo(inserted.id());
            softly.assertThat(selected.createdAt()).as("createdAt").isEqualTo(CREATED);
            softly.assertThat(selected.updatedAt()).as("updatedAt").isEqualTo(CREATED);
        });
    }

    @Test
    @DisplayName("inserted contacts get distinct ids, and an empty selection order is by id ascending")
    void idsAreDistinctAndRowsComeInIdOrder() {
        List<Long> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(insert(values(EMAIL, "c" + i + "@example.com")).id());
        }

        List<Long> selected = ids(select(Filter.all()));

        assertThat(new HashSet<>(inserted)).hasSize(5);
        assertThat(selected).containsExactlyElementsOf(sorted(inserted));
    }

    @Test
    @DisplayName("update sets the named fields, bumps the version by 1, sets updatedAt and leaves the rest")
    void updateChangesOnlyNamedFieldsAndBumpsVersion() {
        ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", LAST_NAME, "Lovelace",
                COMPANY, "Engines"));

        long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                values(FIRST_NAME, "Augusta", CITY, "London"), Set.of(), CHANGED)));

        ContactRow updated = get(row.id());
        assertSoftly(softly -> {
            softly.assertThat(version).as("returned version").isEqualTo(2);
            softlyThat(softly, updated).hasVersion(2).hasExactlyValues(values(EMAIL, "ada@example.com",
                    FIRST_NAME, "Augusta", LAST_NAME, "Lovelace", COMPANY, "Engines", CITY, "London"));
            softly.assertThat(updated.createdAt()).as("createdAt").isEqualTo(CREATED);
            softly.assertThat(updated.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
        });
    }

    @Test
    @DisplayName("clear removes a value: the key is absent afterwards, not mapped to null")
    void clearRemovesValue() {
        ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Engines",
                DATE_OF_BIRTH, LocalDate.of(1815, 12, 10)));

        long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                values(FIRST_NAME, "Augusta"), Set.of(COMPANY, DATE_OF_BIRTH), CHANGED)));

        ContactRow cleared = get(row.id());
        assertSoftly(softly -> {
            softly.assertThat(version).as("returned version").isEqualTo(2);
            softlyThat(softly, cleared).hasVersion(2).hasNoKey(COMPANY).hasNoKey(DATE_OF_BIRTH)
                    .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Augusta"));
        });
    }

    @Test
    @DisplayName("clearing a field that has no value succeeds and still bumps the version")
    void clearingAnAbsentFieldIsHarmless() {
        ContactRow row = insert(values(EMAIL, "ada@example.com"));

        long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, Map.of(),
                Set.of(COMPANY), CHANGED)));

        assertThat(version).isEqualTo(2);
        ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasExactlyValues(values(EMAIL, "ada@example.com"));
    }

    @Test
    @DisplayName("setOwner changes the owner (0 unassigns), bumps the version and sets updatedAt")
    void setOwnerChangesOwnerAndVersion() {
        givenUsers(7, 8);
        ContactRow row = insert(7, values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));

        long second = inTransaction(tx -> tx.contacts().setOwner(row.id(), 1, 8, CHANGED));
        ContactRow reassigned = get(row.id());
        long third = inTransaction(tx -> tx.contacts().setOwner(row.id(), 2, 0, CHANGED.plusSeconds(1)));
        ContactRow unassigned = get(row.id());

        assertSoftly(softly -> {
            softly.assertThat(second).as("version after the first setOwner").isEqualTo(2);
            softlyThat(softly, reassigned).hasOwner(8).hasVersion(2)
                    .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
            softly.assertThat(reassigned.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
            softly.assertThat(third).as("version after unassigning").isEqualTo(3);
            softlyThat(softly, unassigned).hasOwner(0).hasVersion(3);
            softly.assertThat(unassigned.updatedAt()).as("updatedAt").isEqualTo(CHANGED.plusSeconds(1));
        });
    }

    @Test
    @DisplayName("count counts every contact, and follows inserts and deletes")
    void countFollowsInsertsAndDeletes() {
        assertThat(count()).as("empty store").isZero();
        ContactRow first = insert(values(EMAIL, "a@example.com"));
        insert(values(EMAIL, "b@example.com"));
        inTransaction(tx -> tx.contacts().insertAll(List.of(
                newContact(0, values(EMAIL, "c@example.com")), newContact(0, values(EMAIL, "d@example.com")))));
        assertThat(count()).as("after four inserts").isEqualTo(4);

        inTransaction(tx -> tx.contacts().delete(first.id()));

        assertThat(count()).as("after a delete").isEqualTo(3);
    }

    @Test
    @DisplayName("delete removes the contact and returns true; deleting a missing id returns false")
    void deleteRemovesContactAndIgnoresMissingId() {
        ContactRow row = insert(values(EMAIL, "ada@example.com"));
        ContactRow other = insert(values(EMAIL, "grace@example.com"));

        boolean deleted = inTransaction(tx -> tx.contacts().delete(row.id()));
        boolean deletedAgain = inTransaction(tx -> tx.contacts().delete(row.id()));
        boolean deletedNever = inTransaction(tx -> tx.contacts().delete(987_654_321L));

        assertSoftly(softly -> {
            softly.assertThat(deleted).as("first delete").isTrue();
            softly.assertThat(deletedAgain).as("second delete of the same id").isFalse();
            softly.assertThat(deletedNever).as("delete of an id never used").isFalse();
            softly.assertThat(find(row.id())).as("deleted contact").isEmpty();
            softly.assertThat(ids(select(Filter.all()))).as("remaining contacts").containsExactly(other.id());
        });
    }

    @Test
    @DisplayName("insertAll stores every contact at version 1 and returns the ids in input order")
    void insertAllReturnsIdsInInputOrder() {
        givenUsers(7);
        List<NewContact> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(newContact(i % 2 == 0 ? 7 : 0, values(EMAIL, "batch" + i + "@example.com",
                    FIRST_NAME, "n" + i)));
        }

        List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));

        assertThat(ids).hasSize(25).doesNotHaveDuplicates();
        assertSoftly(softly -> {
            for (int i = 0; i < ids.size(); i++) {
                softlyThat(softly, get(ids.get(i))).hasVersion(1).hasOwner(batch.get(i).ownerId())
                        .hasExactlyValues(batch.get(i).values());
            }
        });
    }

    @Test
    @DisplayName("insertAll of an empty list stores nothing and returns no ids")
    void insertAllOfNothing() {
        List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(List.of()));

        assertThat(ids).isEmpty();
        assertThat(count()).isZero();
    }

    @Test
    @DisplayName("large batches work: insertAll of 2,500 contacts, IdIn of 3,000 ids, findIdsBy of 2,500 e-mails")
    void largeBatches() {
        List<NewContact> batch = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            String email = String.format(Locale.ROOT, "bulk%04d@example.com", i);
            emails.add(email);
            batch.add(newContact(0, values(EMAIL, email)));
        }

        List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));
        Set<Long> wanted = new HashSet<>(ids);
        for (long missing = 1; wanted.size() < 3_000; missing++) {
            wanted.add(987_654_321L + missing);
        }
        List<ContactRow> selected = select(new Filter.IdIn(wanted));
        Map<Object, Long> found = inTransaction(tx -> tx.contacts().findIdsBy(EMAIL, emails));

        assertThat(count()).isEqualTo(2_500);
        assertThat(ids(selected)).containsExactlyElementsOf(sorted(ids));
        assertThat(found).hasSize(2_500);
        for (int i = 0; i < emails.size(); i += 250) {
            assertThat(found.get(emails.get(i))).as(emails.get(i)).isEqualTo(ids.get(i));
        }
    }

    @Test
    @DisplayName("select honours the limit and a selection of an unknown id returns nothing")
    void selectHonoursLimit() {
        for (int i = 0; i < 7; i++) {
            insert(values(EMAIL, "c" + i + "@example.com"));
        }
        List<String> keys = fieldKeys();

        List<ContactRow> three = select(ContactSelection.everything(keys, Filter.all(), 3));
        List<ContactRow> none = select(new Filter.IdIn(Set.of(987_654_321L)));

        assertThat(three).hasSize(3);
        assertThat(none).isEmpty();
    }
}
