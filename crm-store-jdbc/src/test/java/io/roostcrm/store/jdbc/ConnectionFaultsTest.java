package io.roostcrm.store.jdbc;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.ErrorCode;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a caller sees when the database or the pool fails under it (issue 10 items 6 to 8): connections the server
 * closed do not fail a call that had not written; a commit whose outcome is unknown says so; an exhausted pool waits
 * once, for a bounded time, and says so; and a pool of one connection works.
 */
abstract class ConnectionFaultsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    abstract TestDatabase database();

    private final List<String> tags = new ArrayList<>();

    /** A builder for a store of its own, whose server sessions the test can end. */
    private JdbcStore.Builder taggedBuilder(String tag) {
        tags.add(tag);
        return database().taggedBuilder(tag);
    }

    private void endPooledConnections(String tag) throws Exception {
        database().endSessions(tag);
    }

    @org.junit.jupiter.api.AfterEach
    void dropTaggedSchemas() throws Exception {
        if (database().kind() != TestDatabase.Kind.H2) {
            for (String tag : tags) {
                database().dropSchema(tag);
            }
        }
        tags.clear();
    }

    private static long count(JdbcStore store) {
        return store.transactionResult(tx -> tx.contacts().count());
    }

    private static List<ContactRow> rows(JdbcStore store, long id) {
        return store.transactionResult(tx -> tx.contacts().select(io.roostcrm.core.spi.ContactSelection.everything(
                List.of(StandardFields.EMAIL, StandardFields.FIRST_NAME), new io.roostcrm.core.query.Filter.IdIn(
                        Set.of(id)), 1)));
    }

    private static NewContact contact(String email) {
        return new NewContact(0, NOW, Map.of(StandardFields.EMAIL, email));
    }

    @Test
    void callsRightAfterTheServerEndsPooledConnectionsSucceed() throws Exception {
        assumeTrue(database().kind() != TestDatabase.Kind.H2, "an embedded database has no server to end sessions");
        String tag = "roost_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (JdbcStore store = taggedBuilder(tag).build()) {
            ContactRow ada = store.transactionResult(tx -> tx.contacts().insert(contact(tag + "@example.com")));
            // Use every pooled connection, so each has been used less than 500 ms ago (HikariCP then skips its check).
            warm(store, 4);
            endPooledConnections(tag);
            for (int call = 0; call < 3; call++) {
                assertThat(count(store)).as("call %d", call).isEqualTo(1);
            }
            assertThat(rows(store, ada.id())).hasSize(1);
        }
    }

    private static void warm(JdbcStore store, int connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        CountDownLatch all = new CountDownLatch(connections);
        try {
            List<Future<?>> busy = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                busy.add(pool.submit(() -> store.transactionResult(tx -> {
                    tx.contacts().count();
                    all.countDown();
                    try {
                        all.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })));
            }
            for (Future<?> f : busy) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownSaysSoAndTheVersionTellsTheTruth() throws Exception {
        FailingCommitDataSource source = new FailingCommitDataSource(database().hostDataSource());
        try (JdbcStore store = JdbcStore.builder().dataSource(source).build()) {
            ContactRow ada = store.transactionResult(tx -> tx.contacts().insert(contact("ada@example.com")));
            source.armed.set(true);
            assertThatThrownBy(() -> store.transactionResult(tx -> tx.contacts().update(new ContactChange(ada.id(), 1,
                    Map.of(StandardFields.FIRST_NAME, "Ada"), Set.of(), NOW))))
                    .isInstanceOfSatisfying(CrmStoreException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN))
                    .hasMessageContaining("re-read");
            // As the message says: the version tells whether it committed.
            assertThat(rows(store, ada.id()).get(0).version()).isEqualTo(2);
        }
    }

    @Test
    void anExhaustedPoolWaitsOnceForABoundedTimeAndSaysSo() throws Exception {
        String tag = "roost_busy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (JdbcStore store = taggedBuilder(tag).maximumPoolSize(2).connectionTimeout(Duration.ofMillis(500))
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            try {
                List<Future<?>> holders = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    holders.add(pool.submit(() -> store.transactionResult(tx -> {
                        tx.contacts().count();
                        holding.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    })));
                }
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
                long started = System.nanoTime();
                assertThatThrownBy(() -> count(store))
                        .isInstanceOfSatisfying(CrmStoreException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_BUSY))
                        .hasMessageContaining("no connection").hasMessageContaining("0.5 s");
                // One wait of about half a second, not three of thirty: generously bounded, never slept on.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
                release.countDown();
                for (Future<?> holder : holders) {
                    holder.get(30, TimeUnit.SECONDS);
                }
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aPoolOfOneConnectionWorks() {
        String tag = "roost_one_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (JdbcStore store = taggedBuilder(tag).maximumPoolSize(1).build()) {
            store.transaction(tx -> tx.contacts().insert(contact("one@example.com")));
            assertThat(count(store)).isEqualTo(1);
        }
    }

}
