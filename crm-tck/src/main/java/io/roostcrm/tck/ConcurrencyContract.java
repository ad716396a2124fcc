package io.roostcrm.tck;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment runs several application nodes over one database (DESIGN.md §1), so a store is used from many threads
 * at once. This contract pins the kit's reading of "thread-safe": independent units of work all succeed (a deadlock
 * surfacing as an exception is a failure), concurrent updates from one version leave exactly one winner, and
 * concurrent inserts of one e-mail store exactly one contact.
 */
abstract class ConcurrencyContract extends KitSupport {

    private static final int THREADS = 8;

    ConcurrencyContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("inserts from many threads at once are all stored, each with a distinct id")
    void concurrentInsertsAreAllStored() throws Exception {
        List<List<Long>> perThread = runConcurrently(thread -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String email = "t" + thread + "-" + i + "@example.com";
                ids.add(inTransaction(tx -> tx.contacts().insert(newContact(0, values(EMAIL, email)))).id());
            }
            return ids;
        });

        List<Long> ids = perThread.stream().flatMap(List::stream).toList();
        assertThat(ids).hasSize(THREADS * 10).doesNotHaveDuplicates();
        assertThat(count()).isEqualTo(THREADS * 10L);
        assertThat(ids(select(Filter.all()))).containsExactlyElementsOf(sorted(ids));
    }

    @Test
    @DisplayName("updates of one contact from the same version at once: exactly one wins, the rest are stale")
    void concurrentUpdatesFromSameVersion() throws Exception {
        ContactRow row = insert(values(EMAIL, "contended@example.com"));

        List<Object> outcomes = runConcurrently(thread -> {
            try {
                return inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                        values(FIRST_NAME, "writer" + thread), Set.of(), CHANGED)));
            } catch (StaleVersionException e) {
                return e;
            }
        });

        List<Object> winners = outcomes.stream().filter(o -> !(o instanceof StaleVersionException)).toList();
        assertThat(winners).as("successful updates").containsExactly(2L);
        int winner = outcomes.indexOf(2L);
        ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasValue(FIRST_NAME, "writer" + winner);
    }

    @Test
    @DisplayName("inserts of one e-mail from many threads at once: exactly one is stored, the rest are refused")
    void concurrentDuplicateInserts() throws Exception {
        List<Object> outcomes = runConcurrently(thread -> {
            try {
                return insert(values(EMAIL, "race@example.com", FIRST_NAME, "racer" + thread));
            } catch (CrmValidationException e) {
                return e;
            }
        });

        List<Object> stored = outcomes.stream().filter(ContactRow.class::isInstance).toList();
        assertThat(stored).as("stored contacts").hasSize(1);
        assertThat(outcomes).filteredOn(CrmValidationException.class::isInstance).hasSize(THREADS - 1)
                .allSatisfy(e -> assertThat(((CrmValidationException) e).violations())
                        .anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo(EMAIL);
                            assertThat(v.rule()).isEqualTo("unique");
                        }));
        assertThat(count()).isEqualTo(1);
    }

    /**
     * Runs the task on {@link #THREADS} threads released at the same moment, and returns each thread's result
     * in thread order. Any other exception fails the test; a thread that hangs fails it after a minute.
     */
    private <T> List<T> runConcurrently(ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int number = thread;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(number);
                }));
            }
            assertThat(ready.await(1, TimeUnit.MINUTES)).as("threads started").isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(1, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task run by one of several threads at once. */
    @FunctionalInterface
    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }
}
