package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact update reads the change log's head along, unlocked, and its entry is linked to that head by a statement
 * that moves the head only if it is still the one read (issue 8 target, issue 12 chain). These tests make the guess
 * wrong on purpose: another writer commits an entry between the update and its entry, and the chain must still be
 * one unbroken line with every entry on it.
 */
abstract class ChainOnSeenHeadTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Subject ROOT = new Subject(Long.MAX_VALUE, Set.of(),
            List.of(Role.superAdmin("Administrator")));

    abstract TestDatabase database();

    @Test
    void anEntryWhoseSeenHeadAnotherWriterMovedLinksToTheMovedHead() throws Exception {
        try (JdbcStore store = database().newStore();
             Crm crm = Crm.builder().store(store).closeStoreOnClose(false).build()) {
            long first = insert(store, "first@example.com");
            long second = insert(store, "second@example.com");
            long before = lastSequence(store);
            CountDownLatch updated = new CountDownLatch(1);
            CountDownLatch otherCommitted = new CountDownLatch(1);
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> store.transaction(context(), tx -> {
                tx.contacts().updateReturning(rename(first, 1, "Slow"));
                updated.countDown();
                await(otherCommitted);
                tx.changeLog().orElseThrow().append(entry(first, "Slow"));
            }));
            assertThat(updated.await(30, TimeUnit.SECONDS)).as("the slow writer updated its contact").isTrue();
            store.transaction(context(), tx -> {
                tx.contacts().updateReturning(rename(second, 1, "Quick"));
                tx.changeLog().orElseThrow().append(entry(second, "Quick"));
            });
            otherCommitted.countDown();
            slow.get(30, TimeUnit.SECONDS);

            List<ChangeEntry> entries = store.transactionResult(tx -> tx.changeLog().orElseThrow()
                    .read(ChangeQuery.after(before, 10)));
            assertThat(entries).as("both entries, the quick writer's first").hasSize(2);
            assertThat(entries.get(0).change().entityId()).isEqualTo(Long.toString(second));
            assertThat(entries.get(1).change().entityId()).isEqualTo(Long.toString(first));
            assertThat(entries.get(1).sequence()).isEqualTo(entries.get(0).sequence() + 1);
            assertThat(crm.as(ROOT).audit().verify()).as("the chain after a wrong guess")
                    .isInstanceOf(AuditVerification.Intact.class);
            assertThat(lastSequence(store)).isEqualTo(entries.get(1).sequence());
        }
    }

    @Test
    void anEntryWhoseSeenHeadStillHoldsIsLinkedToIt() {
        try (JdbcStore store = database().newStore();
             Crm crm = Crm.builder().store(store).closeStoreOnClose(false).build()) {
            long id = insert(store, "only@example.com");
            long before = lastSequence(store);
            for (int i = 0; i < 3; i++) {
                String name = "Name " + i;
                long version = i + 1;
                store.transaction(context(), tx -> {
                    tx.contacts().updateReturning(rename(id, version, name));
                    tx.changeLog().orElseThrow().append(entry(id, name));
                });
            }
            List<ChangeEntry> entries = store.transactionResult(tx -> tx.changeLog().orElseThrow()
                    .read(ChangeQuery.after(before, 10)));
            assertThat(entries).extracting(ChangeEntry::sequence).containsExactly(before + 1, before + 2, before + 3);
            assertThat(crm.as(ROOT).audit().verify()).isInstanceOf(AuditVerification.Intact.class);
        }
    }

    private static WorkContext context() {
        return WorkContext.system(NOW);
    }

    private static long insert(JdbcStore store, String email) {
        return store.transactionResult(tx -> tx.contacts().insert(new NewContact(0, NOW,
                Map.of(StandardFields.EMAIL, email)))).id();
    }

    private static ContactChange rename(long id, long version, String name) {
        return new ContactChange(id, version, Map.of(StandardFields.FIRST_NAME, name), Set.of(), NOW);
    }

    private static Change entry(long id, String name) {
        return Change.of(ChangeEntity.CONTACT, id, id, ChangeOperation.UPDATE,
                List.of(FieldChange.set(StandardFields.FIRST_NAME, name)));
    }

    private static long lastSequence(JdbcStore store) {
        return store.transactionResult(tx -> tx.audit().orElseThrow().head().lastSequence());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other writer did not commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
