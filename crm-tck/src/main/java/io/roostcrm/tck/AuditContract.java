package io.roostcrm.tck;

import io.roostcrm.core.audit.AuditQuery;
import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.AuditLink;
import io.roostcrm.core.spi.AuditStore;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit chain ({@code StoreTransaction.audit()}, {@code StoreFeature.AUDIT_CHAIN}, issue 12): every change-log
 * entry is linked to the one before it as it commits, atomically with its unit of work; the order is total (each
 * entry links to exactly the entry before it, and the head holds the last); entries can be queried by contact,
 * actor, action and time range, keyset-paged; a purge rolls back with its unit of work; and concurrent writers on two
 * instances over one database never fork or break the chain.
 */
abstract class AuditContract extends KitSupport {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");

    AuditContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void requireChain() {
        assumeFeature(StoreFeature.AUDIT_CHAIN);
    }

    private static AuditStore audit(StoreTransaction tx) {
        return tx.audit().orElseThrow(() -> new AssertionError("AUDIT_CHAIN is declared but audit() is empty"));
    }

    private static Change event(String kind, long contactId) {
        return new Change(ChangeEntity.SECURITY, kind, contactId, ChangeOperation.EVENT,
                List.of(FieldChange.set("outcome", "SUCCESS"), FieldChange.set("note", "ünïcode ✓")));
    }

    private void append(CrmStore on, WorkContext context, Change... changes) {
        on.transaction(context, tx -> {
            for (Change change : changes) {
                tx.changeLog().orElseThrow().append(change);
            }
        });
    }

    private static WorkContext by(long user, Instant at) {
        return WorkContext.of(user == 0 ? Actor.system() : Actor.user(user), at);
    }

    /** Walks the whole chain through the SPI, as {@code verify()} does. */
    static AuditVerification walk(CrmStore on, AuditChain chain) {
        AuditChain.Walk walk = chain.walk(0, AuditChain.GENESIS,
                () -> on.transactionResult(tx -> audit(tx).head()));
        long after = 0;
        while (true) {
            long from = after;
            List<AuditLink> links = on.transactionResult(tx -> audit(tx).links(from, 500));
            for (AuditLink link : links) {
                Optional<AuditVerification.Broken> broken = walk.accept(link);
                if (broken.isPresent()) {
                    return broken.get();
                }
                after = link.sequence();
            }
            if (links.isEmpty()) {
                return walk.finish();
            }
        }
    }

    private List<AuditLink> allLinks(CrmStore on) {
        return on.transactionResult(tx -> audit(tx).links(0, 10_000));
    }

    @Test
    @DisplayName("each entry links to the one before it, its hash matches its content, and the head holds the last")
    void entriesAreChained() {
        append(store(), by(7, T0), event("login", 0), event("logout", 0));
        append(store(), by(0, T0.plusSeconds(1)).withClientAddress("2001:db8::1"), event("lockout", 0));

        List<AuditLink> links = allLinks(store());
        assertThat(links).hasSizeGreaterThanOrEqualTo(3);
        String previous = links.get(0).previousHash();
        for (AuditLink link : links) {
            assertThat(link.previousHash()).as("link of %s", link.sequence()).isEqualTo(previous);
            assertThat(AuditChain.sha256().hash(link)).as("hash of %s", link.sequence()).isEqualTo(link.hash());
            previous = link.hash();
        }
        AuditLink last = links.get(links.size() - 1);
        assertThat(last.clientAddress()).isEqualTo("2001:db8::1");
        assertThat(last.time()).isEqualTo(AuditChain.canonicalTime(T0.plusSeconds(1)));
        assertThat(inTransaction(tx -> audit(tx).head()).lastSequence()).isEqualTo(last.sequence());
        assertThat(inTransaction(tx -> audit(tx).head()).lastHash()).isEqualTo(last.hash());
        assertThat(walk(store(), AuditChain.sha256()).intact()).isTrue();
    }

    @Test
    @DisplayName("an entry commits with its unit of work: one that rolls back leaves neither entry nor link")
    void appendIsAtomicWithItsUnitOfWork() {
        append(store(), by(7, T0), event("before", 0));
        List<AuditLink> before = allLinks(store());

        assertThatThrownBy(() -> store().transaction(by(7, T0), tx -> {
            tx.contacts().insert(newContact(0, values(EMAIL, "rolled-back@example.com")));
            tx.changeLog().orElseThrow().append(event("rolled.back", 0));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        append(store(), by(7, T0), event("after", 0));

        List<AuditLink> after = allLinks(store());
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after).extracting(AuditLink::entityId).doesNotContain("rolled.back");
        assertThat(walk(store(), AuditChain.sha256()).intact()).isTrue();
    }

    @Test
    @DisplayName("a keyed unit of work links with HMAC: its entries verify with the key and not without it")
    void keyedChain() {
        AuditChain keyed = AuditChain.hmacSha256("k".repeat(32).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store().transaction(by(7, T0), tx -> {
            audit(tx).linkWith(keyed);
            tx.changeLog().orElseThrow().append(event("keyed", 0));
        });

        AuditLink link = allLinks(store()).stream().filter(l -> l.entityId().equals("keyed")).findFirst()
                .orElseThrow();
        assertThat(keyed.hash(link)).isEqualTo(link.hash());
        assertThat(AuditChain.sha256().hash(link)).isNotEqualTo(link.hash());
    }

    @Test
    @DisplayName("queries by contact, actor, action and time range, keyset-paged, ascending")
    void queries() {
        append(store(), by(7, T0), event("login", 11));
        append(store(), by(8, T0.plusSeconds(60)), event("login", 12));
        append(store(), by(7, T0.plusSeconds(120)), new Change(ChangeEntity.AUDIT, "other", 11,
                ChangeOperation.EVENT, List.of(FieldChange.set("n", 1L))));
        AuditQuery all = AuditQuery.all().withAction(Set.of(ChangeEntity.SECURITY, ChangeEntity.AUDIT), Set.of());

        assertThat(query(all.withContact(11))).extracting(e -> e.change().entityId()).containsExactly("login", "other");
        assertThat(query(all.withActor(8))).extracting(e -> e.context().actor().userId()).containsExactly(8L);
        assertThat(query(all.withAction(Set.of(ChangeEntity.AUDIT), Set.of(ChangeOperation.EVENT))))
                .extracting(e -> e.change().entityId()).containsExactly("other");
        assertThat(query(all.withAction(Set.of(ChangeEntity.SECURITY), Set.of(ChangeOperation.DELETE)))).isEmpty();
        assertThat(query(all.withTime(T0.plusSeconds(30), T0.plusSeconds(120))))
                .extracting(e -> e.context().actor().userId()).containsExactly(8L);
        List<ChangeEntry> first = query(all.page(0, 2));
        assertThat(first).hasSize(2);
        List<ChangeEntry> second = query(all.page(first.get(1).sequence(), 2));
        assertThat(second).extracting(e -> e.change().entityId()).containsExactly("other");
        assertThat(second.get(0).sequence()).isGreaterThan(first.get(1).sequence());
    }

    private Optional<AuditLink> linkAt(long sequence) {
        return inTransaction(tx -> audit(tx).link(sequence));
    }

    private List<ChangeEntry> query(AuditQuery query) {
        return inTransaction(tx -> audit(tx).query(query));
    }

    @Test
    @DisplayName("the last entry before a time is found, and a purge through it rolls back with its unit of work")
    void purgeIsTransactional() {
        append(store(), by(7, T0), event("old", 0));
        append(store(), by(7, T0.plusSeconds(3_600)), event("new", 0));
        long old = allLinks(store()).stream().filter(l -> l.entityId().equals("old")).findFirst().orElseThrow()
                .sequence();

        long through = inTransaction(tx -> audit(tx).lastSequenceBefore(T0.plusSeconds(60)));
        assertThat(through).isGreaterThanOrEqualTo(old);
        assertThatThrownBy(() -> runInTransaction(tx -> {
            audit(tx).deleteThrough(through);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(linkAt(old)).isPresent();

        long deleted = inTransaction(tx -> audit(tx).deleteThrough(through));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(linkAt(old)).isEmpty();
        assertThat(allLinks(store())).extracting(AuditLink::entityId).contains("new").doesNotContain("old");
    }

    @Test
    @DisplayName("eight threads on one or two instances append at once: one unbroken chain, one entry per commit")
    void concurrentAppendersNeverForkTheChain() throws Exception {
        List<CrmStore> stores = new ArrayList<>();
        stores.add(store());
        secondStoreIfAny().ifPresent(stores::add);
        int threads = 8;
        int each = 10;
        long before = allLinks(store()).size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CrmStore on = stores.get(i % stores.size());
                int racer = i;
                done.add(pool.submit(() -> {
                    start.await();
                    int committed = 0;
                    for (int n = 0; n < each; n++) {
                        try {
                            append(on, by(racer + 1, T0), event("racer-" + racer, 0));
                            committed++;
                        } catch (RuntimeException deadlockVictim) {
                            // allowed: the store may fail a unit of work under contention; it then wrote nothing
                        }
                    }
                    return committed;
                }));
            }
            start.countDown();
            int committed = 0;
            for (Future<Integer> f : done) {
                committed += f.get(120, TimeUnit.SECONDS);
            }

            List<AuditLink> links = allLinks(store());
            assertThat(links).hasSize((int) before + committed);
            Set<String> predecessors = new HashSet<>();
            for (AuditLink link : links) {
                assertThat(predecessors.add(link.previousHash())).as("a fork at %s", link.sequence()).isTrue();
            }
            assertThat(committed).as("commits").isGreaterThan(threads * each / 2);
            for (CrmStore on : stores) {
                assertThat(walk(on, AuditChain.sha256())).as("the chain seen from each instance")
                        .isInstanceOf(AuditVerification.Intact.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
