package io.roostcrm.tck.service;

import static io.roostcrm.tck.service.SeedRoles.CONTRACT_VALUE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_SCORE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_STATUS;
import static io.roostcrm.tck.service.SeedRoles.SALES_NOTES;
import static io.roostcrm.tck.service.SeedRoles.SUPPORT_TIER;
import static io.roostcrm.tck.service.SeedRoles.contactOwnedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Page;
import io.roostcrm.core.query.Sort;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.ScopePredicate;
import io.roostcrm.permissions.Subject;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the secured service does beyond the seed scenarios: import, export, cursors, store traffic, administration. */
class ServiceBehaviourTest {

    private CountingStore store;
    private Crm crm;
    private SeedRoles.Users users;

    @BeforeEach
    void start() {
        store = new CountingStore(new InMemoryCrmStore());
        crm = Crm.builder().store(store).build();
        users = SeedRoles.install(crm, store.capabilities());
        store.reset();
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    private CrmSession as(long userId) {
        return crm.as(userId);
    }

    private Contact ownedBy(long owner, String name) {
        return contactOwnedBy(crm, users, owner, users.everyField(name));
    }

    private List<Contact> everything() {
        return as(users.admin()).contacts().list(ContactQuery.builder().pageSize(1000).build()).items();
    }

    // ---- store traffic --------------------------------------------------------------------------------------

    @Nested
    class StoreTraffic {

        @Test
        void everyCallIsOneUnitOfWork() {
            Contact own = ownedBy(users.rep(), "own");
            CrmSession rep = as(users.rep());
            store.reset();
            rep.contacts().get(own.id());
            rep.contacts().list(ContactQuery.all());
            Contact updated = rep.contacts().update(ContactPatch.of(own).set("first_name", "New").build());
            rep.notes().add(updated.id(), NoteType.CALL, "t", "b", Instant.now());
            rep.stages().all();
            assertThat(store.transactions).hasValue(5);
        }

        @Test
        void aPageIsOneSelectAndOneTeamLookup() {
            for (int i = 0; i < 5; i++) {
                ownedBy(i % 2 == 0 ? users.rep() : users.teammate(), "c" + i);
            }
            // The manager is in the sales team, so owners' teams matter for classification: one look-up per page.
            store.reset();
            Page<Contact> page = as(users.manager()).contacts().list(ContactQuery.builder().pageSize(3).build());
            assertThat(page.items()).hasSize(3);
            assertThat(store.selects).hasValue(1);
            assertThat(store.teamLookups).hasValue(1);
            assertThat(store.selections.get(0).limit()).isEqualTo(4);
        }

        @Test
        void aStoreThatIgnoresScopeAndMasksStillLeaksNothing() {
            Contact own = ownedBy(users.repAndSupport(), "own");
            Contact other = ownedBy(users.manager(), "other");
            Contact managers = ownedBy(users.manager(), "boss");
            store.leaky = true;
            CrmSession rep = as(users.rep());
            assertThat(rep.contacts().find(managers.id())).isEmpty();
            assertThat(rep.contacts().list(ContactQuery.all()).items()).isEmpty();
            CrmSession both = as(users.repAndSupport());
            Map<Long, Contact> seen = new HashMap<>();
            both.contacts().list(ContactQuery.all()).items().forEach(c -> seen.put(c.id(), c));
            assertThat(seen.get(own.id()).values()).containsKey(SALES_NOTES).doesNotContainKey(CONTRACT_VALUE);
            assertThat(seen.get(other.id()).values()).doesNotContainKeys(SALES_NOTES, CONTRACT_VALUE, LEAD_SCORE);
            StringWriter out = new StringWriter();
            both.export(Filter.all(), ExportFormat.JSON, out);
            assertThat(out.toString()).doesNotContain("987654").doesNotContain("sales note other");
        }

        @Test
        void projectionHoldsOnlyReadableFieldsWithMasksOnlyWherePartlyReadable() {
            Subject both = new Subject(users.repAndSupport(), Set.of(SeedRoles.SUPPORT_TEAM),
                    List.of(SeedRoles.SALES_REP, SeedRoles.SUPPORT_AGENT));
            crm.as(both).contacts().list(ContactQuery.all());
            ContactSelection selection = store.selections.get(store.selections.size() - 1);
            assertThat(selection.scope()).isEqualTo(ScopePredicate.all());
            assertThat(selection.projection()).doesNotContainKey(CONTRACT_VALUE)
                    .containsEntry("email", ScopePredicate.all())
                    .containsEntry(SUPPORT_TIER, ScopePredicate.all())
                    .containsEntry(SALES_NOTES, new ScopePredicate.Owned(users.repAndSupport()));
        }

        @Test
        void filterLeavesOnPartlyReadableFieldsAreGuardedByTheirReadScope() {
            CrmSession both = as(users.repAndSupport());
            both.contacts().list(ContactQuery.builder().filter(Filter.and(Filter.eq(SALES_NOTES, "x"),
                    Filter.eq(SUPPORT_TIER, "gold"))).build());
            Filter sent = store.selections.get(store.selections.size() - 1).filter();
            assertThat(sent).isEqualTo(Filter.and(
                    Filter.and(new Filter.InScope(new ScopePredicate.Owned(users.repAndSupport())), Filter.eq(SALES_NOTES, "x")),
                    Filter.eq(SUPPORT_TIER, "gold")));
        }
    }

    // ---- filters --------------------------------------------------------------------------------------------

    @Nested
    class Filters {

        @Test
        void isEmptyOnAFieldHiddenOnSomeRowsMatchesThemAsTheCallerSeesThem() {
            Contact ownWithNotes = ownedBy(users.repAndSupport(), "own");
            Contact ownWithout = contactOwnedBy(crm, users, users.repAndSupport(), Map.of("email", "bare@example.com"));
            Contact other = ownedBy(users.manager(), "other");
            CrmSession both = as(users.repAndSupport());
            // On the other's row the notes are hidden, i.e. absent for this caller, whatever is stored.
            assertThat(both.contacts().list(ContactQuery.builder().filter(Filter.isEmpty(SALES_NOTES)).build()).items())
                    .extracting(Contact::id).containsExactlyInAnyOrder(ownWithout.id(), other.id());
            assertThat(both.contacts().list(ContactQuery.builder().filter(Filter.not(Filter.isEmpty(SALES_NOTES)))
                    .build()).items()).extracting(Contact::id).containsExactly(ownWithNotes.id());
        }

        @Test
        void filteringByListNeedsTheListReadRight() {
            assertThatThrownBy(() -> as(users.rep()).contacts().list(ContactQuery.builder().filter(Filter.inList(1))
                    .build()))
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                            e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_ENTITY_RIGHT))
                    .hasMessage("you may not read lists");
        }

        @Test
        void searchWithNoReadableSearchFieldMatchesNothing() {
            ownedBy(users.rep(), "own");
            Role scores = Role.builder("Scores").viewScope(Scope.ALL).field(LEAD_SCORE, FieldRights.READ_ONLY).build();
            CrmSession session = crm.as(Subject.of(users.marketer(), scores));
            assertThat(session.contacts().list(ContactQuery.builder().filter(Filter.search("own")).build()).items())
                    .isEmpty();
            assertThat(session.contacts().list(ContactQuery.all()).items()).singleElement()
                    .satisfies(c -> assertThat(c.values().keySet()).containsExactly(LEAD_SCORE));
        }

        @Test
        void filterValuesAreValidatedAgainstTheFieldType() {
            CrmSession manager = as(users.manager());
            assertThatThrownBy(() -> manager.contacts().list(ContactQuery.builder()
                    .filter(Filter.or(Filter.gt(CONTRACT_VALUE, "many"), Filter.eq(LEAD_STATUS, "nope"))).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule())
                            .containsExactly(CONTRACT_VALUE + ":type", LEAD_STATUS + ":option"));
            Contact c = ownedBy(users.rep(), "Mixed");
            assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.eq("email", "MIXED@Example.com"))
                    .build()).items()).extracting(Contact::id).containsExactly(c.id());
        }
    }

    // ---- teams ----------------------------------------------------------------------------------------------

    @Nested
    class Teams {

        @Test
        void aTeamScopedFieldIsReadableOnTeammatesContactsOnly() {
            Role teamContracts = Role.builder("Team contracts").viewScope(Scope.TEAM).updateScope(Scope.NONE)
                    .field(CONTRACT_VALUE, FieldRights.READ_ONLY).build();
            Subject lead = new Subject(users.support(), Set.of(SeedRoles.SALES_TEAM),
                    List.of(SeedRoles.SUPPORT_AGENT, teamContracts));
            Contact teammates = ownedBy(users.rep(), "team");
            Contact strangers = ownedBy(users.marketer(), "stranger");
            Map<Long, Contact> seen = new HashMap<>();
            crm.as(lead).contacts().list(ContactQuery.all()).items().forEach(c -> seen.put(c.id(), c));
            assertThat(seen.get(teammates.id()).has(CONTRACT_VALUE)).isTrue();
            assertThat(seen.get(strangers.id()).has(CONTRACT_VALUE)).isFalse();
            assertThat(crm.as(lead).contacts().list(ContactQuery.builder()
                    .filter(Filter.gt(CONTRACT_VALUE, 1)).build()).items()).extracting(Contact::id)
                    .containsExactly(teammates.id());
        }
    }

    // ---- cursors --------------------------------------------------------------------------------------------

    @Nested
    class Cursors_ {

        @Test
        void theLastFullPageSaysThereIsNoNextPage() {
            for (int i = 0; i < 4; i++) {
                ownedBy(users.rep(), "c" + i);
            }
            CrmSession manager = as(users.manager());
            ContactQuery query = ContactQuery.builder().sort(Sort.asc("email")).pageSize(2).build();
            Page<Contact> first = manager.contacts().list(query);
            assertThat(first.hasNext()).isTrue();
            Page<Contact> second = manager.contacts().list(query.after(first.nextCursor().orElseThrow()));
            assertThat(second.items()).extracting(c -> c.text("email").orElseThrow())
                    .containsExactly("c2@example.com", "c3@example.com");
            assertThat(second.hasNext()).isFalse();
            assertThat(second.nextCursor()).isEmpty();
        }

        @Test
        void aCursorOfAnotherSortIsMalformed() {
            CrmSession manager = as(users.manager());
            for (int i = 0; i < 3; i++) {
                ownedBy(users.rep(), "c" + i);
            }
            String cursor = manager.contacts().list(ContactQuery.builder().sort(Sort.asc("last_name")).pageSize(1)
                    .build()).nextCursor().orElseThrow();
            assertThatThrownBy(() -> manager.contacts().list(ContactQuery.builder().sort(Sort.desc("last_name"))
                    .after(cursor).build()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'cursor' is malformed");
            assertThatThrownBy(() -> manager.contacts().list(ContactQuery.builder().after(cursor).build()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'cursor' is malformed");
        }

        @Test
        void aTamperedCursorIsMalformed() {
            String json = "{\"k\":[[\"last_name\",\"ASC\",\"n\",\"12\"]],\"i\":1}";
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> as(users.manager()).contacts().list(ContactQuery.builder()
                    .sort(Sort.asc("last_name")).after(forged).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.first().field()).isEqualTo("cursor");
                        assertThat(e.first().rule()).isEqualTo("malformed");
                    });
        }

        @Test
        void cursorsCarryTypedValuesOfEveryComparableType() {
            CrmSession manager = as(users.manager());
            for (int i = 0; i < 4; i++) {
                Map<String, Object> values = users.everyField("t" + i);
                values.put(CONTRACT_VALUE, new BigDecimal(i % 2));
                manager.contacts().create(ContactDraft.of(values));
            }
            ContactQuery query = ContactQuery.builder().sort(Sort.asc(CONTRACT_VALUE), Sort.desc(SeedRoles.LAST_SUPPORT_DATE),
                    Sort.asc(SeedRoles.MARKETING_OPT_IN), Sort.asc("email")).pageSize(1).build();
            List<Long> ids = new ArrayList<>();
            Page<Contact> page = manager.contacts().list(query);
            ids.add(page.items().get(0).id());
            while (page.hasNext()) {
                page = manager.contacts().list(query.after(page.nextCursor().orElseThrow()));
                page.items().forEach(c -> ids.add(c.id()));
            }
            assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        }
    }

    // ---- import ---------------------------------------------------------------------------------------------

    @Nested
    class Import {

        @Test
        void listenerIsToldAfterEveryBatch() {
            StringBuilder csv = new StringBuilder("email,first_name\n");
            for (int i = 0; i < 5; i++) {
                csv.append("u").append(i).append("@example.com,U").append(i).append('\n');
            }
            List<long[]> calls = new ArrayList<>();
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv.toString()),
                    new ImportOptions(Map.of(), 2, false), (read, imported, failed) -> calls.add(new long[]{read, imported, failed}));
            assertThat(report.imported()).isEqualTo(5);
            assertThat(calls).containsExactly(new long[]{2, 2, 0}, new long[]{4, 4, 0}, new long[]{5, 5, 0});
        }

        @Test
        void badRowsAreReportedByNumberFieldAndRuleNeverByValue() {
            String csv = "email,lead_status,contract_value\n"
                    + "ok@example.com,new,1\n"
                    + "secret-value-not-an-email,new,2\n"
                    + "two@example.com,SECRETSTATUS,3\n"
                    + "three@example.com,new,SECRETNUMBER\n";
            List<long[]> calls = new ArrayList<>();
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 10, false), (read, imported, failed) -> calls.add(new long[]{read, imported, failed}));
            assertThat(report.imported()).isZero();
            assertThat(report.rolledBack()).isEqualTo(1);
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactly("2:email:email", "3:lead_status:option", "4:contract_value:type");
            assertThat(report.errors().toString()).doesNotContain("SECRET").doesNotContain("secret");
            assertThat(calls).containsExactly(new long[]{4, 0, 4});
            assertThat(everything()).isEmpty();
        }

        @Test
        void quotedCellsWithSqlMetacharactersAreStoredVerbatim() {
            String nasty = "Robert'); DROP TABLE contacts;-- %_\\ \"quoted\", comma";
            String csv = "email,company\n\"x@example.com\",\"" + nasty.replace("\"", "\"\"") + "\"\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv), ImportOptions.defaults(),
                    (r, i, f) -> { });
            assertThat(report.errors()).isEmpty();
            assertThat(everything()).singleElement().satisfies(c -> assertThat(c.text("company")).hasValue(nasty));
        }

        @Test
        void columnMappingRenamesHeaders() {
            ImportReport report = as(users.manager()).importCsv(new StringReader("E-Mail,Status\na@example.com,lost\n"),
                    new ImportOptions(Map.of("E-Mail", "email", "Status", LEAD_STATUS), 10, false),
                    (r, i, f) -> { });
            assertThat(report.imported()).isEqualTo(1);
            assertThat(everything()).singleElement().satisfies(c -> assertThat(c.values())
                    .containsEntry("email", "a@example.com").containsEntry(LEAD_STATUS, "lost"));
        }

        @Test
        void anUnbalancedQuoteEndsTheImportAndRollsBackItsBatchOnly() {
            String csv = "email,first_name\n"
                    + "a@example.com,A\n"
                    + "b@example.com,B\n"
                    + "c@example.com,\"C\n"
                    + "d@example.com,D\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 2, false), (r, i, f) -> { });
            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.errors()).singleElement().satisfies(e -> {
                assertThat(e.row()).isEqualTo(3);
                assertThat(e.rule()).isEqualTo("malformed");
                assertThat(e.field()).isEmpty();
            });
            assertThat(everything()).extracting(c -> c.text("email").orElseThrow())
                    .containsExactlyInAnyOrder("a@example.com", "b@example.com");
        }

        @Test
        void duplicateEmailsWithinTheFileOrWithStoredContactsFailTheirRows() {
            ownedBy(users.rep(), "stored");
            String csv = "email\nnew@example.com\nNEW@example.com\nstored@example.com\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 10, false), (r, i, f) -> { });
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactlyInAnyOrder("2:email:unique", "3:email:unique");
            assertThat(report.rolledBack()).isEqualTo(1);
            assertThat(everything()).hasSize(1);
        }

        @Test
        void upsertUpdatesTheContactWithTheSameEmail() {
            Contact stored = ownedBy(users.rep(), "stored");
            String csv = "email,lead_status\nSTORED@example.com,lost\nfresh@example.com,new\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 10, true), (r, i, f) -> { });
            assertThat(report.imported()).isEqualTo(2);
            Contact after = as(users.admin()).contacts().get(stored.id());
            assertThat(after.values()).containsEntry(LEAD_STATUS, "lost")
                    .containsEntry("first_name", "First stored");
            assertThat(after.version()).isEqualTo(stored.version() + 1);
            assertThat(everything()).hasSize(2);
        }

        @Test
        void aColumnTheImporterMayNotSetRefusesTheWholeImport() {
            // One validation error for every bad header column (issue 10 item 14), this one among them.
            assertThatThrownBy(() -> as(users.rep()).importCsv(new StringReader("email,lead_score\na@example.com,1\n"),
                    ImportOptions.defaults(), (r, i, f) -> { }))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.first().field()).isEqualTo("lead_score");
                        assertThat(e.first().rule()).isEqualTo("permission_denied");
                    })
                    .hasMessage("field 'lead_score' may not be set when creating a contact");
            assertThatThrownBy(() -> as(users.support()).importCsv(new StringReader("email\na@example.com\n"),
                    ImportOptions.defaults(), (r, i, f) -> { }))
                    .isInstanceOf(CrmPermissionDeniedException.class).hasMessage("you may not create contacts");
            assertThat(everything()).isEmpty();
        }

        @Test
        void aFileWithoutTheRequiredEmailColumnIsRefused() {
            assertThatThrownBy(() -> as(users.manager()).importCsv(new StringReader("first_name\nAda\n"),
                    ImportOptions.defaults(), (r, i, f) -> { }))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'email' is required");
        }
    }

    // ---- export ---------------------------------------------------------------------------------------------

    @Nested
    class Export {

        @Test
        void csvCellsAreEmptyWhereTheFieldIsHiddenOnThatRow() {
            Contact own = ownedBy(users.repAndSupport(), "own");
            Contact other = ownedBy(users.manager(), "other");
            StringWriter out = new StringWriter();
            long count = as(users.repAndSupport()).export(Filter.all(), ExportFormat.CSV, out);
            assertThat(count).isEqualTo(2);
            List<String> lines = out.toString().lines().toList();
            List<String> header = List.of(lines.get(0).split(",", -1));
            assertThat(header).startsWith("id", "owner", "created_at", "updated_at").contains(SALES_NOTES)
                    .doesNotContain(CONTRACT_VALUE);
            int notes = header.indexOf(SALES_NOTES);
            Map<String, String> notesById = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                notesById.put(cells[0], cells[notes]);
            }
            assertThat(notesById).containsEntry(Long.toString(own.id()), "sales note own")
                    .containsEntry(Long.toString(other.id()), "");
        }

        @Test
        void csvQuotesCommasQuotesAndLineBreaks() {
            as(users.manager()).contacts().create(ContactDraft.builder().set("email", "q@example.com")
                    .set("company", "Acme, \"Inc\"").set(SALES_NOTES, "line one\nline two").build());
            StringWriter out = new StringWriter();
            as(users.manager()).export(Filter.all(), ExportFormat.CSV, out);
            assertThat(out.toString()).contains("\"Acme, \"\"Inc\"\"\"").contains("\"line one\nline two\"");
        }

        @Test
        void jsonObjectsHaveOnlyTheKeysReadableOnTheirRow() throws Exception {
            Contact own = ownedBy(users.repAndSupport(), "own");
            Contact other = ownedBy(users.manager(), "other");
            StringWriter out = new StringWriter();
            as(users.repAndSupport()).export(Filter.all(), ExportFormat.JSON, out);
            Map<Long, List<String>> keys = new LinkedHashMap<>();
            try (JsonParser p = new JsonFactory().createParser(out.toString())) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    List<String> names = new ArrayList<>();
                    long id = 0;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        names.add(name);
                        p.nextToken();
                        if (name.equals("id")) {
                            id = p.getLongValue();
                        }
                        p.skipChildren();
                    }
                    keys.put(id, names);
                }
            }
            assertThat(keys.get(own.id())).contains(SALES_NOTES, LEAD_SCORE, SUPPORT_TIER).doesNotContain(CONTRACT_VALUE);
            assertThat(keys.get(other.id())).contains(SUPPORT_TIER).doesNotContain(SALES_NOTES, LEAD_SCORE, CONTRACT_VALUE);
        }

        @Test
        void exportWalksEveryPage() {
            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < 2_345; i++) {
                csv.append("bulk").append(i).append("@example.com\n");
            }
            as(users.manager()).importCsv(new StringReader(csv.toString()), ImportOptions.defaults(), (r, i, f) -> { });
            store.reset();
            StringWriter out = new StringWriter();
            long count = as(users.manager()).export(Filter.contains("email", "bulk"), ExportFormat.CSV, out);
            assertThat(count).isEqualTo(2_345);
            assertThat(out.toString().lines()).hasSize(2_346);
            assertThat(store.selects).hasValue(3);
            assertThat(store.selections).allSatisfy(s -> assertThat(s.limit()).isEqualTo(1_001));
        }
    }

    // ---- contacts -------------------------------------------------------------------------------------------

    @Nested
    class Contacts {

        @Test
        void aRequiredFieldTheCallerCannotReadIsNotDemandedNorNamed() {
            as(users.admin()).admin().defineField(FieldDefinition.custom("region", FieldType.TEXT).required(true).build());
            Contact created = as(users.rep()).contacts().create(ContactDraft.builder().set("email", "r@example.com").build());
            assertThat(created.has("region")).isFalse();
            assertThatThrownBy(() -> as(users.admin()).contacts().create(ContactDraft.builder()
                    .set("email", "s@example.com").build()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'region' is required");
        }

        @Test
        void requiredFieldsCannotBeCleared() {
            Contact own = ownedBy(users.rep(), "own");
            assertThatThrownBy(() -> as(users.rep()).contacts().update(ContactPatch.of(own).clear("email").build()))
                    .isInstanceOf(CrmValidationException.class)
                    .hasMessage("field 'email' is required and cannot be cleared");
        }

        @Test
        void allViolationsOfADraftAreReportedTogether() {
            assertThatThrownBy(() -> as(users.manager()).contacts().create(ContactDraft.builder()
                    .set("first_name", "x".repeat(300)).set(LEAD_STATUS, "nope").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule())
                            .containsExactlyInAnyOrder("first_name:max_length", LEAD_STATUS + ":option", "email:required"));
        }

        @Test
        void assigningAContactAwayLeavesTheCallerOnlyItsIdentity() {
            Contact own = ownedBy(users.rep(), "own");
            Contact after = as(users.rep()).contacts().assignOwner(own.id(), own.version(), users.teammate());
            assertThat(after.owner()).hasValue(users.teammate());
            assertThat(after.values()).isEmpty();
            assertThat(as(users.rep()).contacts().find(own.id())).isEmpty();
        }

        @Test
        void assigningToAnUnknownUserIsRefused() {
            Contact own = ownedBy(users.rep(), "own");
            assertThatThrownBy(() -> as(users.rep()).contacts().assignOwner(own.id(), own.version(), 987_654L))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.first().rule()).isEqualTo("unknown_user"))
                    .hasMessage("field 'owner' must be an existing user");
        }

        @Test
        void changingTheStageNeedsTheStageField() {
            Contact own = ownedBy(users.rep(), "own");
            long paid = as(users.rep()).stages().all().stream().filter(s -> s.name().equals("Paid")).findFirst()
                    .orElseThrow().id();
            assertThatThrownBy(() -> as(users.rep()).contacts().changeStage(own.id(), own.version(), paid))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'stage' is unknown");
            Contact moved = as(users.manager()).contacts().changeStage(own.id(), own.version(), paid);
            assertThat(moved.find("stage")).hasValue(paid);
        }

        @Test
        void unknownAndInactiveUsersHaveNoSession() {
            assertThatThrownBy(() -> crm.as(424_242L)).isInstanceOf(CrmNotFoundException.class)
                    .hasMessage("user 424242 not found");
            CrmSession admin = as(users.admin());
            User rep = admin.admin().users().stream().filter(u -> u.id() == users.rep()).findFirst().orElseThrow();
            admin.admin().updateUser(new User(rep.id(), rep.login(), rep.displayName(), rep.roleNames(), rep.teamIds(), false));
            assertThatThrownBy(() -> crm.as(users.rep())).isInstanceOf(CrmNotFoundException.class);
        }
    }

    // ---- notes, reminders, stages -------------------------------------------------------------------------

    @Nested
    class NotesRemindersStages {

        @Test
        void theAuthorMayChangeTheirOwnNoteWithoutTheNoteUpdateRight() {
            Contact c = ownedBy(users.rep(), "c");
            CrmSession support = as(users.support());
            Note mine = support.notes().add(c.id(), NoteType.CALL, "Call", "asked about invoice", Instant.parse("2024-01-01T10:00:00Z"));
            Note changed = support.notes().update(mine.id(), NoteType.CALL, "Call", "asked twice");
            assertThat(changed.body()).isEqualTo("asked twice");
            assertThat(changed.createdAt()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
            Note repsNote = as(users.rep()).notes().add(c.id(), NoteType.NOTE, "", "rep's", Instant.now());
            assertThatThrownBy(() -> support.notes().update(repsNote.id(), NoteType.NOTE, "", "hijack"))
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                            e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_ENTITY_RIGHT));
            assertThatThrownBy(() -> support.notes().delete(repsNote.id())).isInstanceOf(CrmPermissionDeniedException.class);
            support.notes().delete(mine.id());
            assertThat(as(users.rep()).notes().of(c.id())).extracting(Note::id).containsExactly(repsNote.id());
        }

        @Test
        void aNoteOnAContactOutOfViewDoesNotExist() {
            Contact managers = ownedBy(users.manager(), "m");
            Note note = as(users.manager()).notes().add(managers.id(), NoteType.NOTE, "t", "b", Instant.now());
            assertThatThrownBy(() -> as(users.rep()).notes().delete(note.id())).isInstanceOf(CrmNotFoundException.class)
                    .hasMessage("note " + note.id() + " not found");
        }

        @Test
        void noteLimitsAreChecked() {
            Contact c = ownedBy(users.rep(), "c");
            assertThatThrownBy(() -> as(users.rep()).notes().add(c.id(), NoteType.NOTE, "t".repeat(191), "b", Instant.now()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'title' must be at most 190 characters");
            assertThatThrownBy(() -> as(users.rep()).notes().add(c.id(), NoteType.NOTE, "t", "b".repeat(65_536), Instant.now()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'body' must be at most 65535 characters");
            String plain = "<script>alert('x')</script> & ' \" ;--";
            assertThat(as(users.rep()).notes().add(c.id(), NoteType.NOTE, "t", plain, Instant.now()).body()).isEqualTo(plain);
        }

        @Test
        void myRemindersAreOnlyThoseOnContactsIStillSee() {
            Contact own = ownedBy(users.rep(), "own");
            Contact other = ownedBy(users.rep(), "other");
            CrmSession rep = as(users.rep());
            Reminder first = rep.reminders().add(own.id(), users.rep(), Instant.parse("2030-01-01T00:00:00Z"), "call");
            rep.reminders().add(other.id(), users.rep(), Instant.parse("2030-01-02T00:00:00Z"), "mail");
            as(users.manager()).contacts().assignOwner(other.id(), as(users.manager()).contacts().get(other.id()).version(),
                    users.manager());
            assertThat(rep.reminders().mine()).extracting(Reminder::id).containsExactly(first.id());
        }

        @Test
        void defaultStagesAreSeededAndOnlyASuperAdminChangesThem() {
            assertThat(as(users.rep()).stages().all()).extracting(Stage::name).containsExactlyElementsOf(Stage.DEFAULT_NAMES);
            assertThatThrownBy(() -> as(users.manager()).stages().add("Won"))
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class, e -> assertThat(e.rule()).isEqualTo(Rule.SUPER_ADMIN_ONLY))
                    .hasMessage("only a super admin may change stages");
            Stage won = as(users.admin()).stages().add("Won");
            assertThat(won.position()).isGreaterThan(Stage.DEFAULT_NAMES.size() - 1);
        }
    }

    // ---- administration -------------------------------------------------------------------------------------

    /** ASVS 8.3.2 and 7.4.2: a change of rights applies to open sessions at their next call. */
    @Nested
    class RightsChangeOpenSessions {

        private List<String> readable(CrmSession session) {
            return session.fields().stream().map(FieldDefinition::key).toList();
        }

        private User user(long id) {
            return as(users.admin()).admin().users().stream().filter(u -> u.id() == id).findFirst().orElseThrow();
        }

        @Test
        void aChangedRoleAppliesToTheNextCallOfAnOpenSession() {
            CrmSession rep = as(users.rep());
            assertThat(readable(rep)).contains("first_name", LEAD_STATUS);

            as(users.admin()).admin().saveRole(Role.builder(SeedRoles.SALES_REP.name()).viewScope(Scope.OWNED)
                    .updateScope(Scope.OWNED).field("email", FieldRights.FULL).build());

            assertThat(readable(rep)).containsExactly("email");
        }

        @Test
        void changedRoleAssignmentsApplyToTheNextCallOfAnOpenSession() {
            CrmSession rep = as(users.rep());
            contactOwnedBy(crm, users, users.rep(), users.everyField("mine"));
            assertThat(rep.contacts().list(ContactQuery.all()).items()).hasSize(1);
            User before = user(users.rep());

            as(users.admin()).admin().updateUser(new User(before.id(), before.login(), before.displayName(),
                    List.of(SeedRoles.MARKETING_TEAM.name()), before.teamIds(), true));

            assertThat(readable(rep)).doesNotContain("first_name").contains("email");
        }

        @Test
        void aDeactivatedUsersOpenSessionFailsAtItsNextCall() {
            CrmSession rep = as(users.rep());
            rep.contacts().list(ContactQuery.all());
            User before = user(users.rep());

            as(users.admin()).admin().updateUser(new User(before.id(), before.login(), before.displayName(),
                    before.roleNames(), before.teamIds(), false));

            assertThatThrownBy(() -> rep.contacts().list(ContactQuery.all()))
                    .isInstanceOf(CrmAuthenticationException.class);
            assertThatThrownBy(() -> as(users.rep())).isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        void aHostGivenSubjectIsKeptAsGiven() {
            CrmSession host = crm.as(new Subject(users.rep(), java.util.Set.of(), List.of(SeedRoles.SALES_REP)));

            as(users.admin()).admin().saveRole(Role.builder(SeedRoles.SALES_REP.name()).viewScope(Scope.OWNED)
                    .updateScope(Scope.OWNED).field("email", FieldRights.FULL).build());

            assertThat(readable(host)).contains("first_name", LEAD_STATUS);
        }
    }

    @Nested
    class Administration {

        @Test
        void onlyASuperAdminAdministers() {
            assertThatThrownBy(() -> as(users.manager()).admin().roles())
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class, e -> assertThat(e.rule()).isEqualTo(Rule.SUPER_ADMIN_ONLY))
                    .hasMessage("only a super admin may administer the CRM");
        }

        @Test
        void standardKeysAreReservedAndUnsupportedTypesRefused() {
            CountingStore narrow = new CountingStore(new InMemoryCrmStore(),
                    new StoreCapabilities(Set.of(FieldType.TEXT), Set.of()));
            try (Crm small = Crm.builder().store(narrow).build()) {
                CrmSession root = small.as(Subject.of(1, SeedRoles.ADMINISTRATOR));
                assertThatThrownBy(() -> root.admin().defineField(FieldDefinition.custom("score", FieldType.NUMBER).build()))
                        .isInstanceOfSatisfying(CrmValidationException.class,
                                e -> assertThat(e.first().rule()).isEqualTo("unsupported_type"));
                assertThatThrownBy(() -> root.admin().defineField(FieldDefinition.custom("email", FieldType.TEXT).build()))
                        .isInstanceOfSatisfying(CrmValidationException.class,
                                e -> assertThat(e.first().rule()).isEqualTo("reserved"));
                assertThat(root.admin().customFields()).isEmpty();
            }
        }

        @Test
        void aNewFieldHasNoRightsAndADeactivatedFieldIsHiddenLikeAnUnknownOne() {
            CrmSession admin = as(users.admin());
            admin.admin().defineField(FieldDefinition.custom("region", FieldType.TEXT).build());
            assertThat(as(users.manager()).fields()).extracting(FieldDefinition::key).doesNotContain("region");
            admin.admin().saveRole(SeedRoles.SALES_MANAGER.toBuilder().field("region", FieldRights.FULL).build());
            Contact c = as(users.manager()).contacts().create(ContactDraft.builder().set("email", "r@example.com")
                    .set("region", "north").build());
            assertThat(c.text("region")).hasValue("north");

            FieldDefinition region = admin.admin().customFields().stream().filter(f -> f.key().equals("region"))
                    .findFirst().orElseThrow();
            admin.admin().updateField(region.withFlags(false, false, false, false));
            assertThat(as(users.manager()).contacts().get(c.id()).has("region")).isFalse();
            assertThatThrownBy(() -> as(users.manager()).contacts().list(ContactQuery.builder()
                    .filter(Filter.eq("region", "north")).build()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("field 'region' is unknown");
        }

        @Test
        void superAdminRolesAndRolesInUseCannotBeDeleted() {
            CrmSession admin = as(users.admin());
            assertThatThrownBy(() -> admin.admin().deleteRole(SeedRoles.ADMINISTRATOR.name()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("a super-admin role cannot be deleted");
            assertThatThrownBy(() -> admin.admin().deleteRole(SeedRoles.SALES_REP.name()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("a role held by a user cannot be deleted");
            admin.admin().saveRole(Role.builder("Unused").build());
            admin.admin().deleteRole("Unused");
            assertThat(admin.admin().roles()).extracting(Role::name).doesNotContain("Unused");
            assertThatThrownBy(() -> admin.admin().saveRole(Role.builder(SeedRoles.ADMINISTRATOR.name()).build()))
                    .isInstanceOf(CrmValidationException.class).hasMessage("a super-admin role cannot be restricted");
        }

        @Test
        void aChangedRoleAppliesToNewSessions() {
            Contact own = ownedBy(users.rep(), "own");
            assertThat(as(users.rep()).contacts().get(own.id()).has(CONTRACT_VALUE)).isFalse();
            as(users.admin()).admin().saveRole(SeedRoles.SALES_REP.toBuilder().field(CONTRACT_VALUE, FieldRights.READ_ONLY).build());
            assertThat(as(users.rep()).contacts().get(own.id()).has(CONTRACT_VALUE)).isTrue();
        }
    }

    // ---- the seed's opt-in on stores with and without check boxes --------------------------------------------

    @Nested
    class SeedOptIn {

        @Test
        void isACheckBoxWithBooleanValuesWhereTheStoreHasCheckBoxes() {
            assertThat(users.optInType()).isEqualTo(FieldType.CHECKBOX);
            assertThat(as(users.admin()).admin().customFields()).filteredOn(f -> f.key().equals(SeedRoles.MARKETING_OPT_IN))
                    .singleElement().satisfies(f -> {
                        assertThat(f.type()).isEqualTo(FieldType.CHECKBOX);
                        assertThat(f.options()).isEmpty();
                    });
            assertThat(users.optIn(true)).isEqualTo(Boolean.TRUE);
            assertThat(users.optIn(false)).isEqualTo(Boolean.FALSE);
            assertThat(users.everyField("x")).containsEntry(SeedRoles.MARKETING_OPT_IN, Boolean.TRUE);
        }

        @Test
        void isAYesNoSelectWhereTheStoreHasNoCheckBoxes() {
            StoreCapabilities full = StoreCapabilities.full();
            Set<FieldType> types = new java.util.HashSet<>(full.customFieldTypes());
            types.remove(FieldType.CHECKBOX);
            CountingStore noCheckBox = new CountingStore(new InMemoryCrmStore(), new StoreCapabilities(types, Set.of()));
            try (Crm other = Crm.builder().store(noCheckBox).build()) {
                SeedRoles.Users installed = SeedRoles.install(other, noCheckBox.capabilities());

                assertThat(installed.optInType()).isEqualTo(FieldType.SELECT);
                assertThat(other.as(installed.admin()).admin().customFields())
                        .filteredOn(f -> f.key().equals(SeedRoles.MARKETING_OPT_IN)).singleElement().satisfies(f -> {
                            assertThat(f.type()).isEqualTo(FieldType.SELECT);
                            assertThat(f.options()).containsExactly("yes", "no");
                        });
                assertThat(installed.optIn(true)).isEqualTo("yes");
                assertThat(installed.optIn(false)).isEqualTo("no");
                Contact created = SeedRoles.contactOwnedBy(other, installed, 0, installed.everyField("sel"));
                assertThat(other.as(installed.marketer()).contacts().get(created.id()).values())
                        .containsEntry(SeedRoles.MARKETING_OPT_IN, "yes");
            }
        }

        @Test
        void onlyCheckBoxAndSelectAreOptInTypes() {
            assertThatThrownBy(() -> SeedRoles.optIn(FieldType.TEXT, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("optInType must be CHECKBOX or SELECT, not TEXT");
            assertThatThrownBy(() -> new SeedRoles.Users(1, 2, 3, 4, 5, 6, 7, 8, FieldType.NUMBER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("optInType must be CHECKBOX or SELECT, not NUMBER");
        }
    }
}
