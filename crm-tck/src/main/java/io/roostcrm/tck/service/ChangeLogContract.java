package io.roostcrm.tck.service;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Scope;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.tck.service.SeedRoles.LEAD_SCORE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_STATUS;
import static io.roostcrm.tck.service.SeedRoles.SALES_NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The change log as the service writes it, on a store that keeps one: every call that changes something leaves
 * exactly one entry, in the same transaction, naming who did what, from where, with the values before and after of
 * exactly the fields it changed; reads and refused input leave none; a refused permission leaves a refusal; a change
 * that fails, or whose entry cannot be written, leaves neither. Issue 8.
 */
abstract class ChangeLogContract {

    private final CrmServiceCompatibilityKit kit;

    ChangeLogContract(CrmServiceCompatibilityKit kit) {
        this.kit = kit;
    }

    @BeforeEach
    void requireChangeLog() {
        assumeTrue(kit.store.capabilities().has(StoreFeature.CHANGE_LOG), "the store keeps no change log");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private long last() {
        List<ChangeEntry> all = all();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
    }

    private List<ChangeEntry> all() {
        return after(0);
    }

    private List<ChangeEntry> after(long sequence) {
        List<ChangeEntry> entries = new ArrayList<>();
        long position = sequence;
        while (true) {
            long from = position;
            List<ChangeEntry> page = kit.store.transactionResult(tx -> tx.changeLog().orElseThrow()
                    .read(ChangeQuery.after(from, ChangeQuery.MAX_LIMIT)));
            entries.addAll(page);
            if (page.size() < ChangeQuery.MAX_LIMIT) {
                return entries;
            }
            position = page.get(page.size() - 1).sequence();
        }
    }

    /** Runs a call and returns the one entry it left. */
    private ChangeEntry onlyEntryOf(Runnable call) {
        long before = last();
        call.run();
        List<ChangeEntry> entries = after(before);
        assertThat(entries).as("entries the call left").hasSize(1);
        return entries.get(0);
    }

    private void leavesNoEntry(Runnable call) {
        long before = last();
        call.run();
        assertThat(after(before)).as("entries the call left").isEmpty();
    }

    private static Map<String, FieldChange> byKey(ChangeEntry entry) {
        Map<String, FieldChange> byKey = new HashMap<>();
        entry.change().fields().forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }

    private static void assertEntry(ChangeEntry entry, ChangeEntity entity, String entityId, long contactId,
                                    ChangeOperation operation, long actor) {
        Change change = entry.change();
        assertThat(change.entity()).as("entity").isEqualTo(entity);
        assertThat(change.entityId()).as("entity id").isEqualTo(entityId);
        assertThat(change.contactId()).as("contact id").isEqualTo(contactId);
        assertThat(change.operation()).as("operation").isEqualTo(operation);
        assertThat(entry.context().actor().userId()).as("actor").isEqualTo(actor);
    }

    private static void assertChanged(ChangeEntry entry, String key, Optional<?> before, Optional<?> after) {
        FieldChange change = byKey(entry).get(key);
        assertThat(change).as("the change of " + key).isNotNull();
        assertThat(change).isEqualTo(FieldChange.between(key, before, after).orElseThrow());
    }

    // ---- contacts -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("creating, updating, reassigning, moving and deleting a contact each leave one exact entry")
    void contactChangesLeaveOneExactEntryEach() {
        CrmSession manager = kit.as(kit.users.manager());
        long managerId = kit.users.manager();
        Contact[] c = new Contact[1];

        ChangeEntry created = onlyEntryOf(() -> c[0] = manager.contacts().create(ContactDraft.builder()
                .set(StandardFields.EMAIL, "log@example.com").set(StandardFields.PHONE, "+1 555 0199")
                .set(LEAD_SCORE, new BigDecimal("42")).build()));
        String id = Long.toString(c[0].id());
        assertEntry(created, ChangeEntity.CONTACT, id, c[0].id(), ChangeOperation.CREATE, managerId);
        assertChanged(created, StandardFields.EMAIL, Optional.empty(), Optional.of("log@example.com"));
        assertChanged(created, LEAD_SCORE, Optional.empty(), Optional.of(new BigDecimal("42")));
        assertChanged(created, "owner", Optional.empty(), Optional.of(managerId));

        ChangeEntry updated = onlyEntryOf(() -> c[0] = manager.contacts().update(ContactPatch.of(c[0])
                .set(LEAD_SCORE, 50).set(SALES_NOTES, "first note").clear(StandardFields.PHONE).build()));
        assertEntry(updated, ChangeEntity.CONTACT, id, c[0].id(), ChangeOperation.UPDATE, managerId);
        assertThat(byKey(updated).keySet()).containsExactlyInAnyOrder(LEAD_SCORE, SALES_NOTES, StandardFields.PHONE);
        assertChanged(updated, LEAD_SCORE, Optional.of(new BigDecimal("42")), Optional.of(new BigDecimal("50")));
        assertChanged(updated, SALES_NOTES, Optional.empty(), Optional.of("first note"));
        assertChanged(updated, StandardFields.PHONE, Optional.of("+1 555 0199"), Optional.empty());

        ChangeEntry reassigned = onlyEntryOf(() -> c[0] = manager.contacts().assignOwner(c[0].id(), c[0].version(),
                kit.users.rep()));
        assertEntry(reassigned, ChangeEntity.CONTACT, id, c[0].id(), ChangeOperation.UPDATE, managerId);
        assertThat(byKey(reassigned).keySet()).containsExactly("owner");
        assertChanged(reassigned, "owner", Optional.of(managerId), Optional.of(kit.users.rep()));

        long stageId = manager.stages().all().get(2).id();
        ChangeEntry moved = onlyEntryOf(() -> c[0] = manager.contacts().changeStage(c[0].id(), c[0].version(),
                stageId));
        assertThat(byKey(moved).keySet()).containsExactly(StandardFields.STAGE);
        assertChanged(moved, StandardFields.STAGE, Optional.empty(), Optional.of(stageId));

        ChangeEntry deleted = onlyEntryOf(() -> manager.contacts().delete(c[0].id()));
        assertEntry(deleted, ChangeEntity.CONTACT, id, c[0].id(), ChangeOperation.DELETE, managerId);
        assertThat(byKey(deleted).keySet()).as("the tombstone: every value the contact had")
                .containsExactlyInAnyOrder(StandardFields.EMAIL, LEAD_SCORE, SALES_NOTES, StandardFields.STAGE, "owner");
        assertChanged(deleted, SALES_NOTES, Optional.of("first note"), Optional.empty());

        List<ChangeEntry> history = kit.store.transactionResult(tx -> tx.changeLog().orElseThrow()
                .read(ChangeQuery.aboutContact(Long.parseLong(id), 0, 100)));
        assertThat(history).extracting(e -> e.change().operation()).containsExactly(ChangeOperation.CREATE,
                ChangeOperation.UPDATE, ChangeOperation.UPDATE, ChangeOperation.UPDATE, ChangeOperation.DELETE);
    }

    @Test
    @DisplayName("an entry carries the caller's address and correlation id, and the Crm's clock")
    void entriesCarryTheCallersContext() {
        CrmSession manager = kit.as(kit.users.manager()).fromAddress("203.0.113.7").withCorrelationId("req-42");
        Instant before = Instant.now();
        ChangeEntry entry = onlyEntryOf(() -> manager.contacts().create(ContactDraft.builder()
                .set(StandardFields.EMAIL, "ctx@example.com").build()));
        assertThat(entry.context().clientAddress()).contains("203.0.113.7");
        assertThat(entry.context().correlationId()).isEqualTo("req-42");
        assertThat(entry.context().actor()).isEqualTo(Actor.user(kit.users.manager()));
        assertThat(entry.context().time()).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    @DisplayName("reads, bad input and stale versions leave no entry")
    void readsAndFailuresLeaveNoEntry() {
        CrmSession manager = kit.as(kit.users.manager());
        Contact contact = manager.contacts().create(ContactDraft.builder().set(StandardFields.EMAIL, "r@example.com")
                .build());
        leavesNoEntry(() -> manager.contacts().get(contact.id()));
        leavesNoEntry(() -> manager.contacts().list(io.roostcrm.core.query.ContactQuery.builder().build()));
        leavesNoEntry(() -> assertThatThrownBy(() -> manager.contacts().update(ContactPatch.of(contact)
                .set(LEAD_STATUS, "no such status").build())).isInstanceOf(CrmValidationException.class));
        manager.contacts().update(ContactPatch.of(contact).set(LEAD_SCORE, 1).build());
        leavesNoEntry(() -> assertThatThrownBy(() -> manager.contacts().update(ContactPatch.of(contact)
                .set(LEAD_SCORE, 2).build())).isInstanceOf(StaleVersionException.class));
    }

    @Test
    @DisplayName("a refused call leaves one refusal naming the operation, the contact and the rule, and no change")
    void aRefusedCallLeavesARefusal() {
        Contact others = SeedRoles.contactOwnedBy(kit.crm, kit.users, kit.users.manager(), Map.of(
                StandardFields.EMAIL, "refused@example.com", LEAD_SCORE, new BigDecimal("7")));
        CrmSession support = kit.as(kit.users.support());
        ChangeEntry refusal = onlyEntryOf(() -> assertThatThrownBy(() -> support.contacts().delete(others.id()))
                .isInstanceOf(CrmPermissionDeniedException.class));
        assertEntry(refusal, ChangeEntity.ACCESS, "contacts.delete", others.id(), ChangeOperation.REFUSE,
                kit.users.support());
        assertChanged(refusal, "rule", Optional.empty(), Optional.of(Rule.MISSING_DELETE_RIGHT.name()));
        assertThat(kit.as(kit.users.admin()).contacts().find(others.id())).isPresent();
    }

    @Test
    @DisplayName("a refused call is still refused when its refusal cannot be recorded, the failure attached")
    void aRefusalIsThrownEvenWhenItCannotBeRecorded() {
        Contact others = SeedRoles.contactOwnedBy(kit.crm, kit.users, kit.users.manager(), Map.of(
                StandardFields.EMAIL, "unrecorded@example.com"));
        long before = last();
        try (Crm failing = Crm.builder().store(new FailingChangeLogStore(kit.store)).closeStoreOnClose(false).build()) {
            assertThatThrownBy(() -> failing.as(kit.users.support()).contacts().delete(others.id()))
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class, e -> assertThat(e.getSuppressed())
                            .singleElement().satisfies(s -> assertThat(s).hasMessageContaining(
                                    FailingChangeLogStore.MESSAGE)));
        }
        assertThat(after(before)).isEmpty();
        assertThat(kit.as(kit.users.admin()).contacts().find(others.id())).isPresent();
    }

    // ---- everything else ------------------------------------------------------------------------------------

    @Test
    @DisplayName("notes, reminders, lists, tags and memberships each leave one exact entry per change")
    void attachedThingsLeaveOneEntryEach() {
        CrmSession manager = kit.as(kit.users.manager());
        long me = kit.users.manager();
        Contact contact = manager.contacts().create(ContactDraft.builder().set(StandardFields.EMAIL, "a@example.com")
                .build());
        long cid = contact.id();
        Note[] note = new Note[1];
        ChangeEntry added = onlyEntryOf(() -> note[0] = manager.notes().add(cid, NoteType.CALL, "Call", "said hi",
                Instant.parse("2026-01-02T03:04:05Z")));
        assertEntry(added, ChangeEntity.NOTE, Long.toString(note[0].id()), cid, ChangeOperation.CREATE, me);
        assertChanged(added, "body", Optional.empty(), Optional.of("said hi"));
        assertChanged(added, "happened_at", Optional.empty(), Optional.of(Instant.parse("2026-01-02T03:04:05Z")));
        ChangeEntry edited = onlyEntryOf(() -> manager.notes().update(note[0].id(), NoteType.CALL, "Call",
                "said hello"));
        assertThat(byKey(edited).keySet()).contains("body").doesNotContain("title", "type");
        assertChanged(edited, "body", Optional.of("said hi"), Optional.of("said hello"));
        assertEntry(onlyEntryOf(() -> manager.notes().delete(note[0].id())), ChangeEntity.NOTE,
                Long.toString(note[0].id()), cid, ChangeOperation.DELETE, me);

        if (kit.store.capabilities().has(StoreFeature.REMINDERS)) {
            Reminder[] reminder = new Reminder[1];
            // Arguments are evaluated left to right: the call has run when the reminder's id is read.
            assertEntry(onlyEntryOf(() -> reminder[0] = manager.reminders().add(cid, me,
                    Instant.parse("2030-01-01T00:00:00Z"), "call back")), ChangeEntity.REMINDER,
                    Long.toString(reminder[0].id()), cid, ChangeOperation.CREATE, me);
            ChangeEntry done = onlyEntryOf(() -> manager.reminders().complete(reminder[0].id()));
            assertChanged(done, "done", Optional.of(false), Optional.of(true));
            assertThat(byKey(done).keySet()).containsExactly("done");
            assertEntry(onlyEntryOf(() -> manager.reminders().delete(reminder[0].id())), ChangeEntity.REMINDER,
                    Long.toString(reminder[0].id()), cid, ChangeOperation.DELETE, me);
        }

        for (boolean lists : List.of(true, false)) {
            CrmSession.Groups groups = lists ? manager.lists() : manager.tags();
            ChangeEntity entity = lists ? ChangeEntity.LIST : ChangeEntity.TAG;
            ChangeEntity membership = lists ? ChangeEntity.LIST_MEMBERSHIP : ChangeEntity.TAG_MEMBERSHIP;
            ContactGroup[] group = new ContactGroup[1];
            ChangeEntry made = onlyEntryOf(() -> group[0] = groups.create("Customers", "paying"));
            String gid = Long.toString(group[0].id());
            assertEntry(made, entity, gid, 0, ChangeOperation.CREATE, me);
            ChangeEntry renamed = onlyEntryOf(() -> groups.rename(group[0].id(), "Clients", "paying"));
            assertThat(byKey(renamed).keySet()).containsExactlyInAnyOrder("name", "slug");
            assertEntry(onlyEntryOf(() -> groups.add(cid, group[0].id())), membership, gid, cid,
                    ChangeOperation.CREATE, me);
            leavesNoEntry(() -> groups.add(cid, group[0].id()));
            assertEntry(onlyEntryOf(() -> groups.remove(cid, group[0].id())), membership, gid, cid,
                    ChangeOperation.DELETE, me);
            leavesNoEntry(() -> groups.remove(cid, group[0].id()));
            assertEntry(onlyEntryOf(() -> groups.delete(group[0].id())), entity, gid, 0, ChangeOperation.DELETE, me);
        }
    }

    @Test
    @DisplayName("field, role, user and stage changes each leave one entry, with the role as data")
    void administrationLeavesOneEntryEach() {
        CrmSession admin = kit.as(kit.users.admin());
        long me = kit.users.admin();
        ChangeEntry defined = onlyEntryOf(() -> admin.admin().defineField(FieldDefinition.custom("tier",
                FieldType.TEXT).label("Tier").build()));
        assertEntry(defined, ChangeEntity.FIELD, "tier", 0, ChangeOperation.CREATE, me);
        assertChanged(defined, "label", Optional.empty(), Optional.of("Tier"));
        FieldDefinition tier = admin.admin().customFields().stream().filter(f -> f.key().equals("tier")).findFirst()
                .orElseThrow();
        ChangeEntry readOnly = onlyEntryOf(() -> admin.admin().updateField(tier.withFlags(false, true, true, false)));
        assertThat(byKey(readOnly).keySet()).containsExactly("read_only");
        assertEntry(onlyEntryOf(() -> admin.admin().removeField("tier")), ChangeEntity.FIELD, "tier", 0,
                ChangeOperation.DELETE, me);

        Role viewer = Role.builder("Viewer").viewScope(Scope.ALL).field(StandardFields.EMAIL, FieldRights.READ_ONLY)
                .build();
        ChangeEntry role = onlyEntryOf(() -> admin.admin().saveRole(viewer));
        assertEntry(role, ChangeEntity.ROLE, "Viewer", 0, ChangeOperation.CREATE, me);
        assertThat(byKey(role).get("definition").after()).hasValueSatisfying(d -> assertThat((String) d)
                .contains("\"email\":\"r\""));
        ChangeEntry widened = onlyEntryOf(() -> admin.admin().saveRole(viewer.toBuilder()
                .field(StandardFields.PHONE, FieldRights.READ_ONLY).build()));
        assertThat(byKey(widened).get("definition").before()).isPresent();
        leavesNoEntry(() -> admin.admin().saveRole(viewer.toBuilder().field(StandardFields.PHONE,
                FieldRights.READ_ONLY).build()));

        User[] user = new User[1];
        ChangeEntry made = onlyEntryOf(() -> user[0] = admin.admin().createUser(new User(0, "viewer", "Viewer",
                List.of("Viewer"), Set.of(7L), true)));
        assertEntry(made, ChangeEntity.USER, Long.toString(user[0].id()), 0, ChangeOperation.CREATE, me);
        ChangeEntry deactivated = onlyEntryOf(() -> admin.admin().updateUser(new User(user[0].id(), "viewer",
                "Viewer", List.of("Viewer"), Set.of(7L), false)));
        assertThat(byKey(deactivated).keySet()).containsExactly("active");
        admin.admin().saveRole(Role.builder("Temporary").build());
        assertEntry(onlyEntryOf(() -> admin.admin().deleteRole("Temporary")), ChangeEntity.ROLE, "Temporary", 0,
                ChangeOperation.DELETE, me);

        Stage[] stage = new Stage[1];
        assertEntry(onlyEntryOf(() -> stage[0] = admin.stages().add("Won")), ChangeEntity.STAGE,
                Long.toString(stage[0].id()), 0, ChangeOperation.CREATE, me);
        ChangeEntry renamed = onlyEntryOf(() -> admin.stages().rename(stage[0].id(), "Won over"));
        assertChanged(renamed, "name", Optional.of("Won"), Optional.of("Won over"));
        assertEntry(onlyEntryOf(() -> admin.stages().delete(stage[0].id())), ChangeEntity.STAGE,
                Long.toString(stage[0].id()), 0, ChangeOperation.DELETE, me);
    }

    @Test
    @DisplayName("an import leaves one entry per contact it creates or updates")
    void importLeavesOneEntryPerContact() {
        CrmSession manager = kit.as(kit.users.manager());
        long before = last();
        manager.importCsv(new StringReader("email,lead_score\nimp1@example.com,1\nimp2@example.com,2\n"),
                ImportOptions.defaults(), ImportListener.NONE);
        List<ChangeEntry> all = after(before);
        // Issue 12: besides one entry per contact, one entry per batch with its counts (not one per row).
        assertThat(all).filteredOn(e -> e.change().entity() == ChangeEntity.IMPORT).singleElement()
                .satisfies(e -> assertThat(e.change().fields()).extracting(FieldChange::key, f -> f.after().orElseThrow())
                        .containsExactly(tuple("created", 2L), tuple("updated", 0L), tuple("failed", 0L)));
        List<ChangeEntry> created = all.stream().filter(e -> e.change().entity() == ChangeEntity.CONTACT).toList();
        assertThat(created).hasSize(2).allSatisfy(e -> assertThat(e.change().operation())
                .isEqualTo(ChangeOperation.CREATE));
        assertThat(created).extracting(ChangeEntry::context).extracting(c -> c.correlationId()).as("one call")
                .containsOnly(created.get(0).context().correlationId());
        long middle = last();
        manager.importCsv(new StringReader("email,lead_score\nimp1@example.com,5\n"),
                new ImportOptions(Map.of(), 500, true), ImportListener.NONE);
        List<ChangeEntry> updated = after(middle).stream().filter(e -> e.change().entity() == ChangeEntity.CONTACT)
                .toList();
        assertThat(updated).singleElement().satisfies(e -> {
            assertThat(e.change().operation()).isEqualTo(ChangeOperation.UPDATE);
            assertChanged(e, LEAD_SCORE, Optional.of(new BigDecimal("1")), Optional.of(new BigDecimal("5")));
        });
    }

    // ---- faults and races -----------------------------------------------------------------------------------

    @Test
    @DisplayName("a failure after the change but before its entry is written rolls the change back (issue 8)")
    void aFailureWritingTheEntryRollsTheChangeBack() {
        Contact contact = kit.as(kit.users.manager()).contacts().create(ContactDraft.builder()
                .set(StandardFields.EMAIL, "fault@example.com").set(LEAD_SCORE, new BigDecimal("1")).build());
        long before = last();
        try (Crm failing = Crm.builder().store(new FailingChangeLogStore(kit.store)).closeStoreOnClose(false).build()) {
            assertThatThrownBy(() -> failing.as(kit.users.manager()).contacts().update(ContactPatch.of(contact)
                    .set(LEAD_SCORE, 99).build())).isInstanceOf(CrmStoreException.class)
                    .hasMessageContaining(FailingChangeLogStore.MESSAGE);
        }
        assertThat(after(before)).as("entries").isEmpty();
        Contact stored = kit.as(kit.users.admin()).contacts().get(contact.id());
        assertThat(stored.version()).isEqualTo(contact.version());
        assertThat((BigDecimal) stored.values().get(LEAD_SCORE)).isEqualByComparingTo("1");
    }

    @Test
    @DisplayName("writers on two nodes, 8 threads each: one entry per committed change, in commit order (issue 8)")
    void concurrentWritersOnTwoNodes() throws Exception {
        Optional<CrmStore> second = kit.newStoreOnSameDatabase();
        assumeTrue(second.isPresent(), "this store's test does not open a second store on the same database");
        int contacts = 4;
        int threadsPerNode = 8;
        int rounds = 5;
        CrmSession setup = kit.as(kit.users.manager());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            ids.add(setup.contacts().create(ContactDraft.builder().set(StandardFields.EMAIL, "race" + i
                    + "@example.com").set(LEAD_SCORE, BigDecimal.ZERO).build()).id());
        }
        long before = last();
        try (Crm nodeB = Crm.builder().store(second.get()).build()) {
            List<Crm> nodes = List.of(kit.crm, nodeB);
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> futures = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                for (int t = 0; t < threadsPerNode; t++) {
                    CrmSession session = nodes.get(n).as(kit.users.manager());
                    long contactId = ids.get((n * threadsPerNode + t) % contacts);
                    int writer = n * threadsPerNode + t;
                    Callable<int[]> work = () -> {
                        start.await();
                        int won = 0;
                        int stale = 0;
                        for (int r = 0; r < rounds; r++) {
                            Contact current = session.contacts().get(contactId);
                            try {
                                session.contacts().update(ContactPatch.of(current)
                                        .set(LEAD_SCORE, writer * 100 + r + 1).build());
                                won++;
                            } catch (StaleVersionException e) {
                                stale++;
                            }
                        }
                        return new int[]{won, stale};
                    };
                    futures.add(pool.submit(work));
                }
            }
            start.countDown();
            int committed = 0;
            for (Future<int[]> f : futures) {
                committed += f.get(120, TimeUnit.SECONDS)[0];
            }
            pool.shutdown();

            List<ChangeEntry> entries = after(before);
            assertThat(entries).as("one entry per committed update").hasSize(committed);
            assertThat(entries).extracting(ChangeEntry::sequence).isSorted().doesNotHaveDuplicates();
            for (long id : ids) {
                // In one contact's entries each update starts from the value the one before it left: the log's
                // order is the order the updates committed in.
                List<ChangeEntry> ofContact = entries.stream().filter(e -> e.change().contactId() == id).toList();
                Object previous = BigDecimal.ZERO;
                for (ChangeEntry e : ofContact) {
                    FieldChange score = byKey(e).get(LEAD_SCORE);
                    assertThat(score).as("entry %d", e.sequence()).isNotNull();
                    assertThat((BigDecimal) score.before().orElseThrow()).as("entry %d starts where the last ended",
                            e.sequence()).isEqualByComparingTo((BigDecimal) previous);
                    previous = score.after().orElseThrow();
                }
                assertThat((BigDecimal) kit.as(kit.users.admin()).contacts().get(id).values().get(LEAD_SCORE))
                        .isEqualByComparingTo((BigDecimal) previous);
            }
        }
    }
}
