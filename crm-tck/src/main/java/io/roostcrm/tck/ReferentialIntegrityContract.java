package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Nothing belongs to a contact, list or stage that is gone, even when two units of work race (issue 10 items 4 and
 * 5): a note, reminder or membership added to a contact that does not exist, or a membership to a list that does not,
 * is refused with {@link CrmNotFoundException} and writes nothing; a contact is never put at a stage that does not
 * exist (rule {@code unknown_stage}); and when one unit of work deletes a contact (or a stage) while another adds to
 * it (or moves a contact to it), on one store instance or two over the same database, no orphan remains: the adding
 * side either lands first and goes with the delete, or is refused. The races are run over many rounds, each with two
 * threads released together, and the outcomes are counted.
 */
abstract class ReferentialIntegrityContract extends KitSupport {

    private static final int ROUNDS = 40;

    ReferentialIntegrityContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("a note, reminder or membership of a contact that does not exist is refused; nothing is written")
    void childrenOfAMissingContactAreRefused() {
        ContactGroup list = givenGroup(GroupKind.LIST, "Customers");
        long missing = 987_654_321L;
        assertSoftly(softly -> {
            softly.assertThatThrownBy(() -> runInTransaction(tx -> tx.notes().insert(note(missing, CREATED, "Orphan"))))
                    .as("a note").isInstanceOf(CrmNotFoundException.class);
            if (store().capabilities().has(StoreFeature.REMINDERS)) {
                softly.assertThatThrownBy(() -> runInTransaction(tx -> tx.reminders().orElseThrow()
                        .insert(new Reminder(0, missing, 7, CHANGED, "orphan", false, CREATED))))
                        .as("a reminder").isInstanceOf(CrmNotFoundException.class);
            }
            softly.assertThatThrownBy(() -> runInTransaction(tx -> tx.groups(GroupKind.LIST).add(missing, list.id())))
                    .as("a membership").isInstanceOf(CrmNotFoundException.class);
        });
        assertThat(notesOf(missing)).isEmpty();
        assertThat(groupsOf(GroupKind.LIST, List.of(missing))).doesNotContainKey(missing);
    }

    @Test
    @DisplayName("a membership in a list that does not exist is refused; nothing is written")
    void membershipOfAMissingListIsRefused() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        assertThatThrownBy(() -> runInTransaction(tx -> tx.groups(GroupKind.LIST).add(ada.id(), 987_654_321L)))
                .isInstanceOf(CrmNotFoundException.class);
        assertThat(groupsOf(GroupKind.LIST, List.of(ada.id())).getOrDefault(ada.id(), Set.of())).isEmpty();
    }

    @Test
    @DisplayName("a contact is never put at a stage that does not exist (rule unknown_stage); nothing is written")
    void aMissingStageIsRefused() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        assertRefused(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1,
                values(StandardFields.STAGE, 987_654_321L), Set.of(), CHANGED))), StandardFields.STAGE, "unknown_stage");
        assertRefused(() -> insert(values(EMAIL, "grace@example.com", StandardFields.STAGE, 987_654_321L)),
                StandardFields.STAGE, "unknown_stage");
        assertThat(get(ada.id()).version()).isEqualTo(1);
        assertThat(findIdsByEmail("grace@example.com")).isEmpty();
    }

    // ---- races ------------------------------------------------------------------------------------------------

    /** The store the racing side uses: a second instance over the same database when there is one. */
    private CrmStore other() {
        return secondStoreIfAny().orElse(store());
    }

    /**
     * Runs the delete and the addition at once, {@link #ROUNDS} times, each round on a fresh contact; returns how
     * often the addition landed. After each round nothing may remain of the deleted contact.
     */
    private int race(String what, Consumer<StoreTransaction> add, long[] contact) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int landed = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                contact[0] = insert(values(EMAIL, what + round + "@example.com")).id();
                long id = contact[0];
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> deleted = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return store().transactionResult(tx -> tx.contacts().delete(id));
                });
                Future<Boolean> added = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        other().transaction(add);
                        return true;
                    } catch (CrmNotFoundException e) {
                        return false;
                    }
                });
                assertThat(deleted.get(60, TimeUnit.SECONDS)).as("round %d: the contact was deleted", round).isTrue();
                if (added.get(60, TimeUnit.SECONDS)) {
                    landed++;
                }
                assertThat(find(id)).as("round %d", round).isEmpty();
                assertThat(notesOf(id)).as("round %d: notes of the deleted contact", round).isEmpty();
                assertThat(groupsOf(GroupKind.LIST, List.of(id)).getOrDefault(id, Set.of()))
                        .as("round %d: memberships of the deleted contact", round).isEmpty();
                if (store().capabilities().has(StoreFeature.REMINDERS)) {
                    assertThat(remindersOf(id)).as("round %d: reminders of the deleted contact", round).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return landed;
    }

    @Test
    @DisplayName("a contact deleted while a note is added to it leaves no note behind")
    void deleteRacingANoteLeavesNoOrphan() throws Exception {
        long[] contact = new long[1];
        race("note", tx -> tx.notes().insert(note(contact[0], CREATED, "Racing")), contact);
    }

    @Test
    @DisplayName("a contact deleted while it is added to a list leaves no membership behind")
    void deleteRacingAMembershipLeavesNoOrphan() throws Exception {
        ContactGroup list = givenGroup(GroupKind.LIST, "Racing");
        long[] contact = new long[1];
        race("member", tx -> tx.groups(GroupKind.LIST).add(contact[0], list.id()), contact);
    }

    @Test
    @DisplayName("a contact deleted while a reminder is added to it leaves no reminder behind")
    void deleteRacingAReminderLeavesNoOrphan() throws Exception {
        assumeFeature(StoreFeature.REMINDERS);
        long[] contact = new long[1];
        race("reminder", tx -> tx.reminders().orElseThrow().insert(new Reminder(0, contact[0], 7, CHANGED, "racing",
                false, CREATED)), contact);
    }

    @Test
    @DisplayName("a stage deleted while a contact is moved to it: never both, and no contact at a deleted stage")
    void stageDeleteRacingAnAssignmentNeverLeavesAContactAtAGoneStage() throws Exception {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int bothSucceeded = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Stage stage = givenStage("Racing " + round, 100 + round);
                ContactRow current = get(ada.id());
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> deleted = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        return store().transactionResult(tx -> tx.stages().delete(stage.id()));
                    } catch (CrmValidationException e) {
                        return false;
                    }
                });
                Future<Boolean> moved = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        other().transaction(tx -> tx.contacts().update(new ContactChange(ada.id(), current.version(),
                                Map.of(StandardFields.STAGE, stage.id()), Set.of(), CHANGED)));
                        return true;
                    } catch (CrmValidationException e) {
                        return false;
                    }
                });
                boolean stageGone = deleted.get(60, TimeUnit.SECONDS);
                boolean contactMoved = moved.get(60, TimeUnit.SECONDS);
                if (stageGone && contactMoved) {
                    bothSucceeded++;
                }
                Object at = get(ada.id()).values().get(StandardFields.STAGE);
                if (at != null) {
                    assertThat(findStage((Long) at)).as("round %d: the contact's stage exists", round).isPresent();
                }
                if (contactMoved) {
                    // Leave the contact at no stage for the next round.
                    ContactRow now = get(ada.id());
                    runInTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), now.version(), Map.of(),
                            Set.of(StandardFields.STAGE), CHANGED)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bothSucceeded).as("rounds in which the stage was deleted and the contact moved to it").isZero();
    }

}
