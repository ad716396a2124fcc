package io.roostcrm.tck;

import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The change log ({@code StoreFeature.CHANGE_LOG}) is what the audit trail, field history, the sync feed and GDPR
 * export read, so it must hold exactly what committed: an entry appended in a unit of work commits or rolls back
 * with it and cannot be read before (not even by that unit of work); committed entries come back ascending by
 * sequence number, a page at a time after a given number, about everything, one contact or one entity; every value
 * comes back with its Java type; and numbers increase in commit order, so that a reader that follows the log by
 * asking for entries after the last number it read, while writers on this and another store instance commit and
 * roll back, sees every committed entry exactly once.
 */
abstract class ChangeLogContract extends KitSupport {

    /** Writer threads per store instance in the concurrent test. */
    private static final int WRITERS = 8;
    /** Units of work per writer; every fourth throws after appending. */
    private static final int UNITS = 12;
    /** The follower's page size: small, so that it pages while writers commit. */
    private static final int TAIL_PAGE = 7;

    ChangeLogContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("committed entries are read in the order they were appended and committed, numbers ascending")
    void committedEntriesComeBackInOrder() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<List<Change>> units = List.of(List.of(marker("a"), marker("b")), List.of(marker("c")),
                List.of(marker("d"), marker("e"), marker("f")));
        units.forEach(this::appendInUnitOfWork);

        List<ChangeEntry> entries = wholeChangeLog();

        assertThat(changes(entries)).containsExactlyElementsOf(units.stream().flatMap(List::stream).toList());
        assertThat(sequences(entries)).as("sequence numbers").isSorted().doesNotHaveDuplicates()
                .allSatisfy(sequence -> assertThat(sequence).isPositive());
    }

    @Test
    @DisplayName("an entry cannot be read before its unit of work commits, not even by that unit of work")
    void noEntryBeforeCommit() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        appendInUnitOfWork(List.of(marker("committed")));

        List<ChangeEntry> seenInside = inTransaction(tx -> {
            ChangeLogStore log = log(tx);
            log.append(marker("pending"));
            return log.read(ChangeQuery.after(0, 100));
        });

        assertThat(changes(seenInside)).as("entries read by the unit of work that appended one")
                .containsExactly(marker("committed"));
        assertThat(changes(wholeChangeLog())).as("entries after its commit")
                .containsExactly(marker("committed"), marker("pending"));
    }

    @Test
    @DisplayName("a unit of work that throws, or fails in the store, leaves none of its entries")
    void rolledBackUnitsOfWorkLeaveNoEntry() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        appendInUnitOfWork(List.of(marker("before")));
        insert(values(EMAIL, "taken@example.com"));
        RuntimeException injected = new IllegalStateException("injected failure");

        assertThatThrownBy(() -> runInTransaction(tx -> {
            log(tx).append(marker("gone 1"));
            log(tx).append(marker("gone 2"));
            throw injected;
        })).isSameAs(injected);
        assertRefused(() -> runInTransaction(tx -> {
            log(tx).append(marker("gone 3"));
            tx.contacts().insert(newContact(0, values(EMAIL, "taken@example.com")));
        }), EMAIL, "unique");
        appendInUnitOfWork(List.of(marker("after")));

        List<ChangeEntry> entries = wholeChangeLog();
        assertThat(changes(entries)).containsExactly(marker("before"), marker("after"));
        assertThat(entries.get(1).sequence()).as("the later entry's number").isGreaterThan(entries.get(0).sequence());
    }

    @Test
    @DisplayName("pages of at most limit entries after a number visit every entry once, in order")
    void keysetPagingVisitsEveryEntryOnce() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<Change> written = new ArrayList<>();
        for (int unit = 0; unit < 5; unit++) {
            List<Change> changes = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                changes.add(marker("entry " + unit + "." + n));
            }
            appendInUnitOfWork(changes);
            written.addAll(changes);
        }
        List<ChangeEntry> all = wholeChangeLog();

        List<ChangeEntry> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long after = 0;
        for (int pages = 0; pages < 100; pages++) {
            List<ChangeEntry> page = readChangeLog(ChangeQuery.after(after, 7));
            sizes.add(page.size());
            paged.addAll(page);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).sequence();
        }

        assertSoftly(softly -> {
            softly.assertThat(changes(all)).as("the whole log").containsExactlyElementsOf(written);
            softly.assertThat(sizes).as("page sizes").containsExactly(7, 7, 7, 4, 0);
            softly.assertThat(paged).as("the pages together").containsExactlyElementsOf(all);
            softly.assertThat(readChangeLog(ChangeQuery.after(0, 1))).as("a page of one")
                    .containsExactly(all.get(0));
            softly.assertThat(readChangeLog(ChangeQuery.after(all.get(11).sequence(), 100)))
                    .as("entries after the twelfth").containsExactlyElementsOf(all.subList(12, 25));
            softly.assertThat(readChangeLog(ChangeQuery.after(all.get(24).sequence(), 100)))
                    .as("entries after the last").isEmpty();
        });
    }

    @Test
    @DisplayName("entries about one contact: exactly those with its contact id, whatever their entity, paged")
    void entriesAboutOneContact() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<ChangeEntry> entries = givenEntriesAboutSeveralThings();

        assertSoftly(softly -> {
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(1, 0, 100))).as("about contact 1")
                    .containsExactly(entries.get(0), entries.get(1), entries.get(3), entries.get(7));
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(1, 0, 2))).as("first page about contact 1")
                    .containsExactly(entries.get(0), entries.get(1));
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(1, entries.get(1).sequence(), 2)))
                    .as("second page about contact 1").containsExactly(entries.get(3), entries.get(7));
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(1, entries.get(7).sequence(), 2)))
                    .as("third page about contact 1").isEmpty();
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(2, 0, 100))).as("about contact 2")
                    .containsExactly(entries.get(2), entries.get(6));
            softly.assertThat(readChangeLog(ChangeQuery.aboutContact(99, 0, 100))).as("about contact 99")
                    .isEmpty();
        });
    }

    @Test
    @DisplayName("entries about one entity: exactly those with its kind and id, no other kind or longer id, paged")
    void entriesAboutOneEntity() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<ChangeEntry> entries = givenEntriesAboutSeveralThings();

        assertSoftly(softly -> {
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.CONTACT, "1", 0, 100)))
                    .as("about contact 1 itself").containsExactly(entries.get(0), entries.get(7));
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.CONTACT, "1", 0, 1)))
                    .as("first page about contact 1 itself").containsExactly(entries.get(0));
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.CONTACT, "1",
                    entries.get(0).sequence(), 1))).as("second page").containsExactly(entries.get(7));
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.REMINDER, "1", 0, 100)))
                    .as("about reminder 1").containsExactly(entries.get(6));
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.ROLE, "sales", 0, 100)))
                    .as("about role sales").containsExactly(entries.get(4));
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.CONTACT, "3", 0, 100)))
                    .as("about contact 3 (only a list 3 exists)").isEmpty();
            softly.assertThat(readChangeLog(ChangeQuery.aboutEntity(ChangeEntity.LIST_MEMBERSHIP, "3", 0, 100)))
                    .as("about memberships of list 3").containsExactly(entries.get(3));
        });
    }

    @Test
    @DisplayName("every value type, set, cleared and changed, comes back with its Java type and value")
    void everyValueTypeRoundTrips() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        Change written = Change.of(ChangeEntity.CONTACT, 42, 42, ChangeOperation.UPDATE, List.of(
                FieldChange.changed("text", "before",
                        UNICODE + " \"quoted\" \\ back\\slash\nnew line\t" + SQL_METACHARACTERS),
                FieldChange.set("empty text", ""),
                FieldChange.changed("decimal", new BigDecimal("999999999999999.999999"),
                        new BigDecimal("-999999999999999.999999")),
                FieldChange.changed("small decimal", new BigDecimal("0.000001"), new BigDecimal("-1.50")),
                FieldChange.set("long", Long.MAX_VALUE),
                FieldChange.cleared("negative long", Long.MIN_VALUE),
                FieldChange.changed("boolean", true, false),
                FieldChange.changed("date", LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31)),
                FieldChange.changed("date-time", LocalDateTime.of(2024, 3, 31, 2, 30),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789)),
                FieldChange.changed("instant", Instant.parse("1970-01-01T00:00:00Z"),
                        Instant.parse("2024-03-31T02:30:00.123456789Z")),
                FieldChange.changed("strings", List.of("red", "green"),
                        List.of("blue", MULTI_SELECT_METACHARACTERS, UNICODE, "")),
                FieldChange.set("longs", List.of(1L, Long.MAX_VALUE, -5L)),
                FieldChange.cleared("no strings", List.of())));
        appendInUnitOfWork(List.of(written));

        List<ChangeEntry> entries = wholeChangeLog();

        assertThat(entries).hasSize(1);
        assertSoftly(softly -> assertSameChange(softly, entries.get(0).change(), written));
    }

    @Test
    @DisplayName("every entity and operation, contact id 0, and ids of 190 characters round-trip")
    void everyEntityAndOperationRoundTrips() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<Change> written = new ArrayList<>();
        ChangeOperation[] operations = ChangeOperation.values();
        for (ChangeEntity entity : ChangeEntity.values()) {
            written.add(Change.of(entity, entity.ordinal() + 1, entity.ordinal(),
                    operations[entity.ordinal() % operations.length], List.of()));
        }
        for (ChangeOperation operation : operations) {
            written.add(new Change(ChangeEntity.ROLE, "Vertrieb " + operation, 0, operation,
                    List.of(FieldChange.set("definition", operation.name()))));
        }
        written.add(new Change(ChangeEntity.ROLE, "r".repeat(190), 0, ChangeOperation.CREATE, List.of()));
        written.add(new Change(ChangeEntity.ROLE, "Zoë Łódź 東京 🦆", 0, ChangeOperation.CREATE, List.of()));
        written.add(new Change(ChangeEntity.ACCESS, "contact 7", 7, ChangeOperation.REFUSE, List.of()));
        appendInUnitOfWork(written);

        List<ChangeEntry> entries = wholeChangeLog();

        assertThat(entries).hasSameSizeAs(written);
        assertSoftly(softly -> {
            for (int i = 0; i < written.size(); i++) {
                assertSameChange(softly, entries.get(i).change(), written.get(i));
            }
        });
    }

    @Test
    @DisplayName("a follower reading after the last number it saw, while 8 writers per store instance commit and roll"
            + " back, sees every committed entry exactly once, numbers strictly increasing")
    void followerSeesEveryCommittedEntryOnceInOrder() throws Exception {
        assumeFeature(StoreFeature.CHANGE_LOG);
        List<CrmStore> instances = new ArrayList<>();
        instances.add(store());
        secondStoreIfAny().ifPresent(instances::add);
        int writers = WRITERS * instances.size();
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        try {
            CountDownLatch ready = new CountDownLatch(writers + 1);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean writersDone = new AtomicBoolean();
            List<Future<Written>> writing = new ArrayList<>();
            for (int instance = 0; instance < instances.size(); instance++) {
                for (int writer = 0; writer < WRITERS; writer++) {
                    CrmStore on = instances.get(instance);
                    String name = "i" + instance + "w" + writer;
                    writing.add(threads.submit(() -> {
                        ready.countDown();
                        go.await();
                        return write(on, name);
                    }));
                }
            }
            Future<List<ChangeEntry>> following = threads.submit(() -> {
                ready.countDown();
                go.await();
                return follow(writersDone);
            });
            assertThat(ready.await(1, TimeUnit.MINUTES)).as("threads started").isTrue();
            go.countDown();

            List<String> committed = new ArrayList<>();
            List<String> rolledBack = new ArrayList<>();
            int committedUnits = 0;
            int rolledBackUnits = 0;
            for (Future<Written> future : writing) {
                Written written = future.get(5, TimeUnit.MINUTES);
                committed.addAll(written.committed());
                rolledBack.addAll(written.rolledBack());
                committedUnits += written.committedUnits();
                rolledBackUnits += written.rolledBackUnits();
            }
            writersDone.set(true);
            List<ChangeEntry> followed = following.get(5, TimeUnit.MINUTES);

            assertThat(committedUnits).as("units of work that committed").isEqualTo(writers * (UNITS - UNITS / 4));
            assertThat(rolledBackUnits).as("units of work that rolled back").isEqualTo(writers * (UNITS / 4));
            assertFollowedExactlyTheCommittedEntries(followed, committed, rolledBack);
        } finally {
            threads.shutdownNow();
        }
    }

    /** What one writer's units of work appended, by entity id, split by outcome. */
    private record Written(List<String> committed, List<String> rolledBack, int committedUnits,
                           int rolledBackUnits) {
    }

    /** The failure the concurrent writers inject after appending; a unit of work must rethrow it unchanged. */
    private static final class InjectedFailure extends RuntimeException {
        InjectedFailure() {
            super("injected failure", null, false, false);
        }
    }

    /** Units of work of one to three entries each, every fourth of which throws after appending. */
    private static Written write(CrmStore on, String name) {
        List<String> committed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        int committedUnits = 0;
        int rolledBackUnits = 0;
        for (int unit = 0; unit < UNITS; unit++) {
            boolean fails = unit % 4 == 3;
            List<Change> changes = new ArrayList<>();
            for (int n = 0; n <= unit % 3; n++) {
                changes.add(marker(name + "-u" + unit + "-e" + n));
            }
            try {
                on.transaction(tx -> {
                    changes.forEach(log(tx)::append);
                    if (fails) {
                        throw new InjectedFailure();
                    }
                });
                changes.forEach(change -> committed.add(change.entityId()));
                committedUnits++;
            } catch (InjectedFailure expected) {
                changes.forEach(change -> rolledBack.add(change.entityId()));
                rolledBackUnits++;
            }
        }
        return new Written(committed, rolledBack, committedUnits, rolledBackUnits);
    }

    /**
     * Follows the log as a sync feed does: reads the entries after the last number it saw, again and again, until the
     * writers are done and a read after that comes back short. Every read is its own unit of work on the store under
     * test. Returns every entry it read, in the order it read them.
     */
    private List<ChangeEntry> follow(AtomicBoolean writersDone) {
        List<ChangeEntry> followed = new ArrayList<>();
        long last = 0;
        while (!Thread.currentThread().isInterrupted()) {
            // Read the flag before the page: when it was set, every writer had committed before this read began.
            boolean done = writersDone.get();
            List<ChangeEntry> page = readChangeLog(ChangeQuery.after(last, TAIL_PAGE));
            followed.addAll(page);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).sequence();
            }
            if (done && page.size() < TAIL_PAGE) {
                return followed;
            }
        }
        throw new IllegalStateException("the follower was interrupted");
    }

    private void assertFollowedExactlyTheCommittedEntries(List<ChangeEntry> followed, List<String> committed,
                                                          List<String> rolledBack) {
        List<Long> numbers = sequences(followed);
        List<String> ids = followed.stream().map(entry -> entry.change().entityId()).toList();
        Set<String> missed = new LinkedHashSet<>(committed);
        ids.forEach(missed::remove);
        Map<String, Integer> times = new HashMap<>();
        ids.forEach(id -> times.merge(id, 1, Integer::sum));
        List<String> repeated = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        List<String> unexpected = ids.stream().filter(id -> !committed.contains(id)).toList();

        assertSoftly(softly -> {
            softly.assertThat(numbers).as("sequence numbers in the order the follower read them").isSorted()
                    .doesNotHaveDuplicates();
            softly.assertThat(missed).as("committed entries the follower never read (numbered at or below a number"
                    + " it had already passed when they became readable?)").isEmpty();
            softly.assertThat(repeated).as("entries the follower read more than once").isEmpty();
            softly.assertThat(unexpected).as("entries the follower read that no unit of work committed")
                    .isEmpty();
            softly.assertThat(ids).as("entries of rolled-back units of work").doesNotContainAnyElementsOf(rolledBack);
            softly.assertThat(ids).as("entries the follower read").hasSameSizeAs(committed);
            // Each unit of work's entries in the order it appended them.
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                position.put(ids.get(i), i);
            }
            for (String id : committed) {
                if (id.endsWith("-e0")) {
                    String unit = id.substring(0, id.length() - 1);
                    for (int n = 1; committed.contains(unit + n); n++) {
                        Integer earlier = position.get(unit + (n - 1));
                        Integer later = position.get(unit + n);
                        if (earlier != null && later != null) {
                            softly.assertThat(later).as("position of %s%d after %s%d", unit, n, unit, n - 1)
                                    .isGreaterThan(earlier);
                        }
                    }
                }
            }
        });
        // And the log read afterwards holds just what the follower read: nothing committed below a number it passed.
        assertThat(wholeChangeLog()).as("the whole log afterwards").containsExactlyElementsOf(followed);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static ChangeLogStore log(StoreTransaction tx) {
        return tx.changeLog().orElseThrow(() -> new AssertionError("the store declares CHANGE_LOG but changeLog()"
                + " is empty"));
    }

    private void appendInUnitOfWork(List<Change> changes) {
        runInTransaction(tx -> changes.forEach(log(tx)::append));
    }

    /** A change told apart by its entity id, as the concurrent writers' are. */
    private static Change marker(String id) {
        return new Change(ChangeEntity.ROLE, id, 0, ChangeOperation.UPDATE, List.of(FieldChange.set("marker", id)));
    }

    private static List<Change> changes(List<ChangeEntry> entries) {
        return entries.stream().map(ChangeEntry::change).toList();
    }

    private static List<Long> sequences(List<ChangeEntry> entries) {
        return entries.stream().map(ChangeEntry::sequence).toList();
    }

    /**
     * Eight entries about contacts 1, 2 and 11, a role, a list membership and a reminder, each in a unit of work of
     * its own; returned as read back.
     */
    private List<ChangeEntry> givenEntriesAboutSeveralThings() {
        List<Change> written = List.of(
                Change.of(ChangeEntity.CONTACT, 1, 1, ChangeOperation.CREATE, List.of(FieldChange.set(EMAIL, "a@b.c"))),
                Change.of(ChangeEntity.NOTE, 5, 1, ChangeOperation.CREATE, List.of(FieldChange.set("title", "Call"))),
                Change.of(ChangeEntity.CONTACT, 2, 2, ChangeOperation.UPDATE, List.of(FieldChange.set(EMAIL, "d@e.f"))),
                Change.of(ChangeEntity.LIST_MEMBERSHIP, 3, 1, ChangeOperation.CREATE, List.of()),
                new Change(ChangeEntity.ROLE, "sales", 0, ChangeOperation.UPDATE,
                        List.of(FieldChange.set("definition", "v2"))),
                Change.of(ChangeEntity.CONTACT, 11, 11, ChangeOperation.CREATE, List.of()),
                Change.of(ChangeEntity.REMINDER, 1, 2, ChangeOperation.CREATE, List.of(FieldChange.set("done", false))),
                Change.of(ChangeEntity.CONTACT, 1, 1, ChangeOperation.DELETE,
                        List.of(FieldChange.cleared(EMAIL, "a@b.c"))));
        written.forEach(change -> appendInUnitOfWork(List.of(change)));
        List<ChangeEntry> entries = wholeChangeLog();
        assertThat(changes(entries)).as("the log").containsExactlyElementsOf(written);
        return entries;
    }

    /** The same change, each value of the same Java type and value (numbers by value), fields in order. */
    private static void assertSameChange(SoftAssertions softly, Change actual, Change expected) {
        String what = expected.entity() + " " + expected.entityId();
        softly.assertThat(actual.entity()).as("%s: entity", what).isEqualTo(expected.entity());
        softly.assertThat(actual.entityId()).as("%s: entity id", what).isEqualTo(expected.entityId());
        softly.assertThat(actual.contactId()).as("%s: contact id", what).isEqualTo(expected.contactId());
        softly.assertThat(actual.operation()).as("%s: operation", what).isEqualTo(expected.operation());
        softly.assertThat(actual.fields().stream().map(FieldChange::key).toList()).as("%s: field keys", what)
                .containsExactlyElementsOf(expected.fields().stream().map(FieldChange::key).toList());
        for (int i = 0; i < Math.min(actual.fields().size(), expected.fields().size()); i++) {
            FieldChange a = actual.fields().get(i);
            FieldChange e = expected.fields().get(i);
            softly.assertThat(describe(a.before())).as("%s: %s before", what, e.key()).isEqualTo(describe(e.before()));
            softly.assertThat(describe(a.after())).as("%s: %s after", what, e.key()).isEqualTo(describe(e.after()));
        }
    }

    /** A value with its type, numbers by value: {@code Long 42}, {@code List [String red, String green]}. */
    private static String describe(Optional<Object> value) {
        return value.map(ChangeLogContract::describe).orElse("(absent)");
    }

    private static String describe(Object value) {
        if (value instanceof List<?> list) {
            return "List " + Arrays.toString(list.stream().map(ChangeLogContract::describe).toArray());
        }
        if (value instanceof BigDecimal number) {
            return "BigDecimal " + number.stripTrailingZeros().toPlainString();
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
