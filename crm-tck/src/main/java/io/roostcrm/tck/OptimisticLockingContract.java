package io.roostcrm.tck;

import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An update or owner change carries the version it read; a stale one, or one ahead of the stored version, fails
 * with {@code StaleVersionException} and changes nothing, neither values nor version nor {@code updatedAt}. This is
 * what keeps two users' edits from the same read from silently overwriting each other (DESIGN.md §4).
 */
abstract class OptimisticLockingContract extends KitSupport {

    OptimisticLockingContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("update with a stale version fails and leaves values, version and updatedAt unchanged")
    void staleUpdateFails() {
        ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Augusta"),
                Set.of(), CHANGED)));

        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                values(FIRST_NAME, "Stale", COMPANY, "Stale"), Set.of(EMAIL), CHANGED.plusSeconds(60)))))
                .isInstanceOf(StaleVersionException.class);

        ContactRow after = get(row.id());
        ContactRowAssert.assertThat(after).hasVersion(2)
                .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Augusta"));
        assertThat(after.updatedAt()).isEqualTo(CHANGED);
    }

    @Test
    @DisplayName("update with a version ahead of the stored one fails too")
    void futureVersionFails() {
        ContactRow row = insert(values(EMAIL, "ada@example.com"));

        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 2,
                values(FIRST_NAME, "Future"), Set.of(), CHANGED)))).isInstanceOf(StaleVersionException.class);

        ContactRowAssert.assertThat(get(row.id())).hasVersion(1).hasNoKey(FIRST_NAME);
    }

    @Test
    @DisplayName("setOwner with a stale version fails and leaves owner and version unchanged")
    void staleSetOwnerFails() {
        givenUsers(7, 8);
        ContactRow row = insert(7, values(EMAIL, "ada@example.com"));
        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Ada"),
                Set.of(), CHANGED)));

        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().setOwner(row.id(), 1, 8, CHANGED)))
                .isInstanceOf(StaleVersionException.class);

        ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasOwner(7);
    }

    @Test
    @DisplayName("update or setOwner of a deleted or never-existing contact fails with StaleVersionException")
    void changeOfMissingContactFails() {
        ContactRow row = insert(values(EMAIL, "ada@example.com"));
        inTransaction(tx -> tx.contacts().delete(row.id()));

        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                values(FIRST_NAME, "Ghost"), Set.of(), CHANGED)))).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().setOwner(987_654_321L, 1, 0, CHANGED)))
                .isInstanceOf(StaleVersionException.class);
        assertThat(count()).isZero();
    }

    @Test
    @DisplayName("two changes from the same read: the first wins, the second is stale")
    void secondWriterFromSameReadLoses() {
        ContactRow row = insert(values(EMAIL, "ada@example.com"));
        long readVersion = get(row.id()).version();

        inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), readVersion,
                values(FIRST_NAME, "First"), Set.of(), CHANGED)));

        assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(),
                readVersion, values(FIRST_NAME, "Second"), Set.of(), CHANGED))))
                .isInstanceOf(StaleVersionException.class);
        ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasValue(FIRST_NAME, "First");
    }
}
