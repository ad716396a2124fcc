package io.roostcrm.tck.service;

import static io.roostcrm.tck.service.SeedRoles.CONTRACT_VALUE;
import static io.roostcrm.tck.service.SeedRoles.ENGAGEMENT_SCORE;
import static io.roostcrm.tck.service.SeedRoles.LAST_CAMPAIGN;
import static io.roostcrm.tck.service.SeedRoles.LAST_SUPPORT_DATE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_SCORE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_SOURCE;
import static io.roostcrm.tck.service.SeedRoles.LEAD_STATUS;
import static io.roostcrm.tck.service.SeedRoles.MARKETING_OPT_IN;
import static io.roostcrm.tck.service.SeedRoles.MARKETING_READS;
import static io.roostcrm.tck.service.SeedRoles.SALES_NOTES;
import static io.roostcrm.tck.service.SeedRoles.SALES_REP_READS;
import static io.roostcrm.tck.service.SeedRoles.SUPPORT_AGENT_READS;
import static io.roostcrm.tck.service.SeedRoles.SUPPORT_NOTES;
import static io.roostcrm.tck.service.SeedRoles.SUPPORT_TIER;
import static io.roostcrm.tck.service.SeedRoles.contactOwnedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmNotFoundException;
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
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Page;
import io.roostcrm.core.query.Sort;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service-level compatibility kit: the seed's example roles ({@link SeedRoles}) and the bad-input rules, run
 * through {@link Crm} on a store. A store module extends it once per database to show that, on that store, each
 * role sees and edits exactly what {@code seeds/001} says, a hidden field is refused exactly like an unknown one,
 * and every refused input leaves the store unchanged.
 *
 * <pre>{@code
 * public class H2ServiceCompatibilityTest extends CrmServiceCompatibilityKit {
 *     protected CrmStore newStore() { return JdbcStore.builder().h2InMemory("svc-" + UUID.randomUUID()).build(); }
 * }
 * }</pre>
 *
 * <p>Like the store kit, it runs on the JUnit Platform only (Surefire or Failsafe 3.0.0 or later), and fails through
 * a tripwire, rather than passing with no test run, on a runner that predates it (see
 * {@link io.roostcrm.tck.KitRunners}).
 *
 * <p>One group, {@code TimeZones}, is tagged {@code time-zones}: it checks that stored times do not depend on the
 * JVM's time zone, so run it again under a few zones (e.g. Surefire executions with {@code <groups>time-zones</groups>}
 * and {@code -Duser.timezone=Europe/Berlin}, as this project's stores do).
 *
 * <p>Each test gets a fresh, empty store from {@link #newStore()}, closed afterwards. Numbers are compared by value,
 * so stores may return {@code 1.50} for {@code 1.5}. The seed's marketing opt-in gets the type the store offers
 * ({@link SeedRoles#optInType}: a check box, or a yes/no select on stores without check boxes), and the kit uses
 * {@link SeedRoles.Users#optIn(boolean)} for its values, so every scenario runs unchanged on both.
 */
public abstract class CrmServiceCompatibilityKit {

    /**
     * Not a test on the JUnit Platform: a tripwire for runners that predate it and would otherwise run none of the
     * kit's tests and report success (Maven 3.8's default Surefire 2.12.4, for one). Such a runner calls it, and it
     * fails, saying how to run the kit; see {@link io.roostcrm.tck.KitRunners}. Needs the test class to be {@code public} for Surefire's
     * plain-object runner; JUnit 4's runner finds it either way.
     */
    @org.junit.Test
    public final void testThatTheKitRunsOnTheJUnitPlatform() {
        io.roostcrm.tck.KitRunners.refuseRunnersWithoutTheJUnitPlatform();
    }

    /** The CRM under test, over {@link #newStore()}. */
    protected Crm crm;
    /** The store {@link #crm} runs on. */
    protected CrmStore store;
    /** The seed's users. */
    protected SeedRoles.Users users;

    /**
     * Every login the kit creates a user for, in the order it creates them: the seed's users, then the kit's own. A
     * store whose users must exist elsewhere first (the FluentCRM store's are WordPress users) provides these.
     */
    public static final List<String> LOGINS = List.of("admin", "rep", "rep2", "manager", "support", "marketer",
            "contracts", "rep-support", "viewer", "rita");

    /** A new, empty store; called once per test. */
    protected abstract CrmStore newStore();

    /**
     * A second store over the database of the store {@link #newStore()} returned last, opened the way a second
     * application node would open it (its own pool, its own caches); the kit closes it. Override it for every store
     * that several nodes can share: without it the kit cannot check that a change made on one node is honoured by
     * the next call on another, and reports those tests as skipped.
     *
     * @return the second store, or empty when this store cannot be opened twice
     */
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.empty();
    }

    @BeforeEach
    void startCrm() {
        store = newStore();
        crm = Crm.builder().store(store).build();
        users = SeedRoles.install(crm, store.capabilities());
    }

    @AfterEach
    void closeCrm() {
        if (crm != null) { // null when the store failed to start: let that failure be the one reported
            crm.close();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The session of a user. */
    protected CrmSession as(long userId) {
        return crm.as(userId);
    }

    /** Every contact with every value, as the administrator sees them, in id order. */
    protected List<Contact> everything() {
        CrmSession admin = as(users.admin());
        List<Contact> all = new ArrayList<>();
        Page<Contact> page = admin.contacts().list(ContactQuery.builder().pageSize(ContactQuery.MAX_PAGE_SIZE).build());
        all.addAll(page.items());
        while (page.hasNext()) {
            page = admin.contacts().list(ContactQuery.builder().pageSize(ContactQuery.MAX_PAGE_SIZE)
                    .after(page.nextCursor().orElseThrow()).build());
            all.addAll(page.items());
        }
        return all;
    }

    /** Runs a call that must be refused and checks that the store is unchanged afterwards. */
    protected void assertRefusedLeavingStoreUnchanged(ThrowingCallable call, Class<? extends Throwable> type) {
        List<Contact> before = everything();
        assertThatThrownBy(call).isInstanceOf(type);
        assertThat(everything()).as("the store after a refused call").isEqualTo(before);
    }

    /** Asserts the refusal of a hidden or unknown field: rule unknown_field, message "field 'key' is unknown". */
    protected static void assertUnknownField(ThrowingCallable call, String key) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                    assertThat(e.first().field()).isEqualTo(key);
                    assertThat(e.first().rule()).isEqualTo("unknown_field");
                })
                .hasMessage("field '" + key + "' is unknown");
    }

    private static void assertViolation(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class, e ->
                assertThat(e.violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.rule()).isEqualTo(rule);
                }));
    }

    private static void assertDenied(ThrowingCallable call, Rule rule, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                e -> assertThat(e.rule()).isEqualTo(rule)).hasMessageContaining(messagePart);
    }

    private static BigDecimal number(Contact c, String key) {
        return (BigDecimal) c.values().get(key);
    }

    private Contact ownedBy(long owner, String name) {
        return contactOwnedBy(crm, users, owner, users.everyField(name));
    }

    // ---- the seed's roles -----------------------------------------------------------------------------------

    @Nested
    @DisplayName("Sales Representative (view owned, update owned, no delete)")
    class SalesRepresentative {

        @Test
        @DisplayName("sees its own and unassigned contacts, not a teammate's or a stranger's")
        void seesOwnAndUnassignedContactsOnly() {
            Contact own = ownedBy(users.rep(), "own");
            Contact unassigned = ownedBy(0, "free");
            Contact teammates = ownedBy(users.teammate(), "mate");
            Contact managers = ownedBy(users.manager(), "boss");
            CrmSession rep = as(users.rep());

            assertThat(rep.contacts().list(ContactQuery.all()).items()).extracting(Contact::id)
                    .containsExactlyInAnyOrder(own.id(), unassigned.id());
            assertThat(rep.contacts().find(teammates.id())).isEmpty();
            assertThatThrownBy(() -> rep.contacts().get(managers.id())).isInstanceOf(CrmNotFoundException.class)
                    .hasMessage("contact " + managers.id() + " not found");
        }

        @Test
        @DisplayName("reads e-mail, name, phone, company, lead source, status, score and sales notes; never the contract value")
        void readsExactlyTheSalesFields() {
            Contact own = ownedBy(users.rep(), "own");
            Contact seen = as(users.rep()).contacts().get(own.id());
            assertThat(seen.values().keySet()).containsExactlyInAnyOrderElementsOf(SALES_REP_READS);
            assertThat(seen.has(CONTRACT_VALUE)).isFalse();
        }

        @Test
        @DisplayName("sets the lead source when creating, but cannot change it later")
        void setsLeadSourceOnceOnly() {
            CrmSession rep = as(users.rep());
            Contact created = rep.contacts().create(ContactDraft.builder().set("email", "new@example.com")
                    .set(LEAD_SOURCE, "fair").build());
            assertThat(created.owner()).hasValue(users.rep());
            assertThat(created.text(LEAD_SOURCE)).hasValue("fair");

            assertDenied(() -> rep.contacts().update(ContactPatch.of(created).set(LEAD_SOURCE, "web").build()),
                    Rule.MISSING_FIELD_RIGHT, "field '" + LEAD_SOURCE + "'");
        }

        @Test
        @DisplayName("has full access to lead status and sales notes on its contacts")
        void updatesLeadStatusAndSalesNotes() {
            Contact own = ownedBy(users.rep(), "own");
            Contact updated = as(users.rep()).contacts().update(ContactPatch.of(own.id(), own.version())
                    .set(LEAD_STATUS, "qualified").set(SALES_NOTES, "called twice").set("phone", "+44 20 7946 0000")
                    .build());
            assertThat(updated.values()).containsEntry(LEAD_STATUS, "qualified")
                    .containsEntry(SALES_NOTES, "called twice").containsEntry("phone", "+44 20 7946 0000");
        }

        @Test
        @DisplayName("may only read the lead score")
        void leadScoreIsReadOnly() {
            Contact own = ownedBy(users.rep(), "own");
            CrmSession rep = as(users.rep());
            assertThat(number(rep.contacts().get(own.id()), LEAD_SCORE)).isEqualByComparingTo("42");
            assertDenied(() -> rep.contacts().update(ContactPatch.of(own.id(), own.version()).set(LEAD_SCORE, 1).build()),
                    Rule.MISSING_FIELD_RIGHT, LEAD_SCORE);
            assertDenied(() -> rep.contacts().create(ContactDraft.builder().set("email", "x@example.com")
                    .set(LEAD_SCORE, 1).build()), Rule.MISSING_FIELD_RIGHT, LEAD_SCORE);
        }

        @Test
        @DisplayName("cannot delete, not even its own contacts")
        void cannotDelete() {
            Contact own = ownedBy(users.rep(), "own");
            assertRefusedLeavingStoreUnchanged(() -> as(users.rep()).contacts().delete(own.id()),
                    CrmPermissionDeniedException.class);
            assertDenied(() -> as(users.rep()).contacts().delete(own.id()), Rule.MISSING_DELETE_RIGHT, "delete");
        }

        @Test
        @DisplayName("cannot change a contact outside its scope: it does not exist for the rep")
        void cannotChangeOthersContacts() {
            Contact managers = ownedBy(users.manager(), "boss");
            assertRefusedLeavingStoreUnchanged(() -> as(users.rep()).contacts().update(
                    ContactPatch.of(managers.id(), managers.version()).set("first_name", "X").build()),
                    CrmNotFoundException.class);
        }

        @Test
        @DisplayName("lists only the fields it may read")
        void fieldListHasOnlyReadableFields() {
            assertThat(as(users.rep()).fields()).extracting(FieldDefinition::key)
                    .containsExactlyInAnyOrderElementsOf(SALES_REP_READS);
        }
    }

    @Nested
    @DisplayName("Sales Representative reading the contract value (the seed's first example)")
    class ContractValueExample {

        @Test
        @DisplayName("sees the contract value on its own contacts but cannot edit it")
        void seesButCannotEditContractValue() {
            Contact own = ownedBy(users.contractRep(), "own");
            CrmSession rep = as(users.contractRep());
            assertThat(number(rep.contacts().get(own.id()), CONTRACT_VALUE)).isEqualByComparingTo("987654.32");
            assertDenied(() -> rep.contacts().update(ContactPatch.of(own.id(), own.version())
                    .set(CONTRACT_VALUE, 1).build()), Rule.MISSING_FIELD_RIGHT, CONTRACT_VALUE);
        }
    }

    @Nested
    @DisplayName("Sales Manager (view all, update all, delete)")
    class SalesManager {

        @Test
        @DisplayName("sees and edits the contract value on every contact")
        void seesAndEditsContractValueEverywhere() {
            Contact reps = ownedBy(users.rep(), "rep");
            CrmSession manager = as(users.manager());
            assertThat(number(manager.contacts().get(reps.id()), CONTRACT_VALUE)).isEqualByComparingTo("987654.32");
            Contact updated = manager.contacts().update(ContactPatch.of(reps).set(CONTRACT_VALUE, new BigDecimal("5"))
                    .set(LEAD_SOURCE, "partner").build());
            assertThat(number(updated, CONTRACT_VALUE)).isEqualByComparingTo("5");
            assertThat(updated.text(LEAD_SOURCE)).hasValue("partner");
        }

        @Test
        @DisplayName("reads every field")
        void readsEveryField() {
            Contact reps = ownedBy(users.rep(), "rep");
            assertThat(as(users.manager()).contacts().get(reps.id()).values().keySet())
                    .containsExactlyInAnyOrderElementsOf(users.everyField("x").keySet());
        }

        @Test
        @DisplayName("deletes any contact")
        void deletesAnyContact() {
            Contact reps = ownedBy(users.rep(), "rep");
            as(users.manager()).contacts().delete(reps.id());
            assertThat(as(users.admin()).contacts().find(reps.id())).isEmpty();
        }
    }

    @Nested
    @DisplayName("Support Agent (view all, update all, no delete)")
    class SupportAgent {

        @Test
        @DisplayName("sees every contact with standard and support fields, never the contract value")
        void readsStandardAndSupportFields() {
            Contact reps = ownedBy(users.rep(), "rep");
            Contact seen = as(users.support()).contacts().get(reps.id());
            assertThat(SUPPORT_AGENT_READS).containsAll(seen.values().keySet());
            assertThat(seen.values()).containsKeys(StandardFields.EMAIL, SUPPORT_TIER, SUPPORT_NOTES,
                    LAST_SUPPORT_DATE, LEAD_STATUS).doesNotContainKeys(CONTRACT_VALUE, SALES_NOTES, LEAD_SCORE);
        }

        @Test
        @DisplayName("edits support fields, but standard fields and lead status are read-only")
        void editsSupportFieldsOnly() {
            Contact reps = ownedBy(users.rep(), "rep");
            CrmSession support = as(users.support());
            Contact updated = support.contacts().update(ContactPatch.of(reps).set(SUPPORT_TIER, "silver")
                    .set(SUPPORT_NOTES, "reset password").build());
            assertThat(updated.values()).containsEntry(SUPPORT_TIER, "silver");
            assertDenied(() -> support.contacts().update(ContactPatch.of(updated).set("email", "y@example.com").build()),
                    Rule.MISSING_FIELD_RIGHT, "field 'email'");
            assertDenied(() -> support.contacts().update(ContactPatch.of(updated).set(LEAD_STATUS, "lost").build()),
                    Rule.MISSING_FIELD_RIGHT, LEAD_STATUS);
        }

        @Test
        @DisplayName("may not create or delete contacts")
        void cannotCreateOrDelete() {
            Contact reps = ownedBy(users.rep(), "rep");
            CrmSession support = as(users.support());
            assertDenied(() -> support.contacts().create(ContactDraft.builder().set("email", "s@example.com").build()),
                    Rule.MISSING_CREATE_RIGHT, "create");
            assertDenied(() -> support.contacts().delete(reps.id()), Rule.MISSING_DELETE_RIGHT, "delete");
        }
    }

    @Nested
    @DisplayName("Marketing Team (view all, update all, no delete)")
    class MarketingTeam {

        @Test
        @DisplayName("reads e-mail, marketing fields and lead status only")
        void readsMarketingFields() {
            Contact reps = ownedBy(users.rep(), "rep");
            assertThat(as(users.marketer()).contacts().get(reps.id()).values().keySet())
                    .containsExactlyInAnyOrderElementsOf(MARKETING_READS);
        }

        @Test
        @DisplayName("edits marketing fields, not the e-mail")
        void editsMarketingFieldsNotEmail() {
            Contact reps = ownedBy(users.rep(), "rep");
            CrmSession marketer = as(users.marketer());
            Contact updated = marketer.contacts().update(ContactPatch.of(reps).set(MARKETING_OPT_IN, users.optIn(false))
                    .set(ENGAGEMENT_SCORE, 9).set(LAST_CAMPAIGN, "autumn").build());
            assertThat(updated.values()).containsEntry(MARKETING_OPT_IN, users.optIn(false))
                    .containsEntry(LAST_CAMPAIGN, "autumn");
            assertDenied(() -> marketer.contacts().update(ContactPatch.of(updated).set("email", "m@example.com").build()),
                    Rule.MISSING_FIELD_RIGHT, "field 'email'");
        }

        @Test
        @DisplayName("has full access to lists and tags")
        void managesListsAndTags() {
            Contact reps = ownedBy(users.rep(), "rep");
            CrmSession marketer = as(users.marketer());
            ContactGroup list = marketer.lists().create("Newsletter (EU)", "monthly");
            assertThat(list.slug()).isEqualTo("newsletter-eu");
            marketer.lists().add(reps.id(), list.id());
            ContactGroup tag = marketer.tags().create("VIP", "");
            marketer.tags().add(reps.id(), tag.id());
            assertThat(marketer.lists().of(reps.id())).containsExactly(list.id());
            assertThat(marketer.contacts().list(ContactQuery.builder().filter(Filter.hasTag(tag.id())).build())
                    .items()).extracting(Contact::id).containsExactly(reps.id());
        }

        @Test
        @DisplayName("a sales representative has no list rights")
        void salesRepHasNoListRights() {
            assertDenied(() -> as(users.rep()).lists().create("Mine", ""), Rule.MISSING_ENTITY_RIGHT, "lists");
        }
    }

    @Nested
    @DisplayName("several roles: a right holds only when one role grants it in its own scope")
    class SeveralRoles {

        @Test
        @DisplayName("fields are masked per row: sales fields on own contacts, support fields on all")
        void masksPerRow() {
            Contact own = ownedBy(users.repAndSupport(), "own");
            Contact other = ownedBy(users.manager(), "other");
            CrmSession both = as(users.repAndSupport());
            Map<Long, Contact> seen = new LinkedHashMap<>();
            both.contacts().list(ContactQuery.all()).items().forEach(c -> seen.put(c.id(), c));

            assertThat(seen.get(own.id()).values()).containsKeys(SALES_NOTES, LEAD_SCORE, LEAD_SOURCE, SUPPORT_TIER)
                    .doesNotContainKey(CONTRACT_VALUE);
            assertThat(seen.get(other.id()).values()).containsKeys(SUPPORT_TIER, StandardFields.EMAIL)
                    .doesNotContainKeys(SALES_NOTES, LEAD_SCORE, LEAD_SOURCE, CONTRACT_VALUE);
        }

        @Test
        @DisplayName("a field readable only on own rows is unknown on another's row when written")
        void writingFieldHiddenOnThisRowIsUnknown() {
            Contact other = ownedBy(users.manager(), "other");
            CrmSession both = as(users.repAndSupport());
            assertUnknownField(() -> both.contacts().update(ContactPatch.of(other).set(SALES_NOTES, "x").build()),
                    SALES_NOTES);
            // The rep role grants update on first_name, but only within its own (owned) scope.
            assertDenied(() -> both.contacts().update(ContactPatch.of(other).set("first_name", "x").build()),
                    Rule.OUT_OF_UPDATE_SCOPE, "field 'first_name'");
            Contact own = ownedBy(users.repAndSupport(), "own");
            assertThat(both.contacts().update(ContactPatch.of(own).set("first_name", "Own").build()).text("first_name"))
                    .hasValue("Own");
        }

        @Test
        @DisplayName("a filter on a field readable only on own rows never matches on other rows")
        void filterIsGuardedPerRow() {
            Contact own = ownedBy(users.repAndSupport(), "own");
            ownedBy(users.manager(), "other");
            CrmSession both = as(users.repAndSupport());
            assertThat(both.contacts().list(ContactQuery.builder()
                    .filter(Filter.contains(SALES_NOTES, "sales note")).build()).items())
                    .extracting(Contact::id).containsExactly(own.id());
            assertThat(both.contacts().list(ContactQuery.builder()
                    .filter(Filter.not(Filter.contains(SALES_NOTES, "sales note"))).build()).items())
                    .extracting(Contact::id).doesNotContain(own.id()).hasSize(1);
        }
    }

    // ---- hidden fields are unknown fields -------------------------------------------------------------------

    @Nested
    @DisplayName("a hidden field is refused exactly like one that does not exist")
    class HiddenFieldsAreUnknown {

        @Test
        @DisplayName("in a create")
        void inCreate() {
            CrmSession rep = as(users.rep());
            List<Contact> before = everything();
            assertUnknownField(() -> rep.contacts().create(ContactDraft.builder().set("email", "a@example.com")
                    .set(CONTRACT_VALUE, 1).build()), CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().create(ContactDraft.builder().set("email", "a@example.com")
                    .set("no_such_field", 1).build()), "no_such_field");
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("in an update")
        void inUpdate() {
            Contact own = ownedBy(users.rep(), "own");
            CrmSession rep = as(users.rep());
            List<Contact> before = everything();
            assertUnknownField(() -> rep.contacts().update(ContactPatch.of(own).set(CONTRACT_VALUE, 1).build()),
                    CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().update(ContactPatch.of(own).clear(CONTRACT_VALUE).build()),
                    CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().update(ContactPatch.of(own).set("no_such_field", 1).build()),
                    "no_such_field");
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("in a filter")
        void inFilter() {
            ownedBy(users.rep(), "own");
            CrmSession rep = as(users.rep());
            assertUnknownField(() -> rep.contacts().list(ContactQuery.builder()
                    .filter(Filter.gt(CONTRACT_VALUE, 1)).build()), CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().list(ContactQuery.builder()
                    .filter(Filter.not(Filter.isEmpty(CONTRACT_VALUE))).build()), CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().list(ContactQuery.builder()
                    .filter(Filter.gt("no_such_field", 1)).build()), "no_such_field");
            assertUnknownField(() -> rep.export(Filter.eq(CONTRACT_VALUE, 1), ExportFormat.CSV, new StringWriter()),
                    CONTRACT_VALUE);
        }

        @Test
        @DisplayName("in a sort")
        void inSort() {
            CrmSession rep = as(users.rep());
            assertUnknownField(() -> rep.contacts().list(ContactQuery.builder().sort(Sort.desc(CONTRACT_VALUE)).build()),
                    CONTRACT_VALUE);
            assertUnknownField(() -> rep.contacts().list(ContactQuery.builder().sort(Sort.desc("no_such_field")).build()),
                    "no_such_field");
        }

        @Test
        @DisplayName("in an import header, before any row is written")
        void inImportHeader() {
            CrmSession rep = as(users.rep());
            List<Contact> before = everything();
            assertUnknownField(() -> rep.importCsv(new StringReader("email,contract_value\r\na@example.com,5\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE), CONTRACT_VALUE);
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("search never looks into a hidden field")
        void searchIgnoresHiddenFields() {
            Contact hidden = contactOwnedBy(crm, users, 0, Map.of("email", "plain@example.com", "first_name", "Needle"));
            assertThat(as(users.marketer()).contacts().list(ContactQuery.builder()
                    .filter(Filter.search("needle")).build()).items()).isEmpty();
            assertThat(as(users.manager()).contacts().list(ContactQuery.builder()
                    .filter(Filter.search("needle")).build()).items()).extracting(Contact::id).containsExactly(hidden.id());
        }
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("bad input is refused and leaves the store unchanged")
    class BadInput {

        private Contact existing;

        @BeforeEach
        void oneContact() {
            existing = ownedBy(users.manager(), "existing");
        }

        private ThrowingCallable create(String key, Object value) {
            return () -> as(users.manager()).contacts().create(ContactDraft.builder().set("email", "n@example.com")
                    .set(key, value).build());
        }

        @Test
        @DisplayName("a value of the wrong type")
        void wrongType() {
            assertRefusedLeavingStoreUnchanged(create(CONTRACT_VALUE, "a lot"), CrmValidationException.class);
            assertViolation(create(CONTRACT_VALUE, "a lot"), CONTRACT_VALUE, "type");
            assertViolation(create(LAST_SUPPORT_DATE, "2025-01-01"), LAST_SUPPORT_DATE, "type");
        }

        @Test
        @DisplayName("an invalid e-mail address")
        void invalidEmail() {
            ThrowingCallable bad = () -> as(users.manager()).contacts().create(ContactDraft.builder()
                    .set("email", "not an address").build());
            assertRefusedLeavingStoreUnchanged(bad, CrmValidationException.class);
            assertViolation(bad, "email", "email");
        }

        @Test
        @DisplayName("a value over its limit")
        void overLimit() {
            assertRefusedLeavingStoreUnchanged(create("first_name", "x".repeat(256)), CrmValidationException.class);
            assertViolation(create("first_name", "x".repeat(256)), "first_name", "max_length");
            assertViolation(create(CONTRACT_VALUE, new BigDecimal("1e15")), CONTRACT_VALUE, "range");
        }

        @Test
        @DisplayName("an option that is not in the select")
        void optionNotInSelect() {
            assertRefusedLeavingStoreUnchanged(create(LEAD_STATUS, "bogus"), CrmValidationException.class);
            assertViolation(create(LEAD_STATUS, "bogus"), LEAD_STATUS, "option");
        }

        @Test
        @DisplayName("a missing required e-mail")
        void missingEmail() {
            ThrowingCallable bad = () -> as(users.manager()).contacts().create(ContactDraft.builder()
                    .set("first_name", "Ada").build());
            assertRefusedLeavingStoreUnchanged(bad, CrmValidationException.class);
            assertViolation(bad, "email", "required");
        }

        @Test
        @DisplayName("a duplicate e-mail, in any case")
        void duplicateEmail() {
            ThrowingCallable bad = () -> as(users.manager()).contacts().create(ContactDraft.builder()
                    .set("email", "EXISTING@example.com").build());
            assertRefusedLeavingStoreUnchanged(bad, CrmValidationException.class);
            assertViolation(bad, "email", "unique");
        }

        @Test
        @DisplayName("a stale version")
        void staleVersion() {
            CrmSession manager = as(users.manager());
            manager.contacts().update(ContactPatch.of(existing).set("first_name", "Fresh").build());
            assertRefusedLeavingStoreUnchanged(() -> manager.contacts().update(ContactPatch.of(existing)
                    .set("first_name", "Stale").build()), StaleVersionException.class);
        }

        @Test
        @DisplayName("a stage that does not exist")
        void unknownStage() {
            assertRefusedLeavingStoreUnchanged(create("stage", 999_999L), CrmValidationException.class);
            assertViolation(create("stage", 999_999L), "stage", "unknown_stage");
        }

        @Test
        @DisplayName("a malformed cursor")
        void malformedCursor() {
            assertViolation(() -> as(users.manager()).contacts().list(ContactQuery.builder().after("not-a-cursor")
                    .build()), "cursor", "malformed");
        }

        @Test
        @DisplayName("SQL metacharacters are stored and searched verbatim")
        void sqlMetacharactersAreData() {
            String nasty = "Robert'); DROP TABLE contacts;-- %_\\ \" ' OR '1'='1";
            CrmSession manager = as(users.manager());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("email", "o'brien+%_@example.com");
            for (String key : List.of("first_name", "last_name", "company", "job_title", "address_line_1",
                    "address_line_2", "city", "state", "postal_code", "country", "source", LEAD_SOURCE, SALES_NOTES,
                    SUPPORT_NOTES, LAST_CAMPAIGN)) {
                values.put(key, nasty);
            }
            Contact created = manager.contacts().create(ContactDraft.of(values));
            Contact read = manager.contacts().get(created.id());
            values.forEach((key, value) -> assertThat(read.values()).as(key).containsEntry(key, value));
            assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.search("%_\\")).build()).items())
                    .extracting(Contact::id).containsExactly(created.id());
            assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.search("' OR '1'='1")).build())
                    .items()).extracting(Contact::id).containsExactly(created.id());
            assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.eq("last_name", nasty)).build())
                    .items()).extracting(Contact::id).containsExactly(created.id());
            assertThat(everything()).hasSize(2);
        }
    }

    // ---- import and export ----------------------------------------------------------------------------------

    @Nested
    @DisplayName("CSV import")
    class Import {

        @Test
        @DisplayName("a malformed row is reported, its batch rolls back, other batches land")
        void malformedRowRollsBackItsBatchOnly() {
            String csv = "email,first_name\r\n"
                    + "a@example.com,A\r\n"
                    + "b@example.com,B\r\n"
                    + "c@example.com,C\r\n"
                    + "d@example.com,D,extra\r\n"
                    + "e@example.com,E\r\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 2, false), ImportListener.NONE);
            assertThat(report.rowsRead()).isEqualTo(5);
            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.rolledBack()).isEqualTo(1);
            assertThat(report.errors()).singleElement().satisfies(e -> {
                assertThat(e.row()).isEqualTo(4);
                assertThat(e.field()).isEmpty();
                assertThat(e.rule()).isEqualTo("column_count");
            });
            assertThat(everything()).extracting(c -> c.text("email").orElseThrow())
                    .containsExactlyInAnyOrder("a@example.com", "b@example.com", "e@example.com");
        }

        @Test
        @DisplayName("a row with a stored contact's e-mail is reported by number; its batch rolls back, others land")
        void duplicateOfStoredContactFailsItsRowOnly() {
            ownedBy(users.rep(), "stored");
            String csv = "email,first_name\r\n"
                    + "a@example.com,A\r\n"
                    + "b@example.com,B\r\n"
                    + "c@example.com,C\r\n"
                    + "STORED@example.com,D\r\n"
                    + "e@example.com,E\r\n";
            ImportReport report = as(users.manager()).importCsv(new StringReader(csv),
                    new ImportOptions(Map.of(), 2, false), ImportListener.NONE);

            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.rolledBack()).isEqualTo(1);
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactly("4:email:unique");
            assertThat(everything()).extracting(c -> c.text("email").orElseThrow()).containsExactlyInAnyOrder(
                    "a@example.com", "b@example.com", "e@example.com", "stored@example.com");
        }

        @Test
        @DisplayName("imported contacts are unassigned, so sales representatives can claim them")
        void importedContactsAreUnassigned() {
            as(users.manager()).importCsv(new StringReader("email,lead_status\nx@example.com,new\n"),
                    ImportOptions.defaults(), ImportListener.NONE);
            List<Contact> seen = as(users.rep()).contacts().list(ContactQuery.all()).items();
            assertThat(seen).singleElement().satisfies(c -> assertThat(c.owner()).isEmpty());
        }
    }

    @Nested
    @DisplayName("export")
    class Export {

        @Test
        @DisplayName("CSV has neither the hidden field's column nor its value")
        void csvHasNoHiddenField() {
            ownedBy(users.rep(), "own");
            ownedBy(users.manager(), "other");
            StringWriter out = new StringWriter();
            long count = as(users.rep()).export(Filter.all(), ExportFormat.CSV, out);
            assertThat(count).isEqualTo(1);
            String csv = out.toString();
            assertThat(csv.lines().findFirst().orElseThrow().split(","))
                    .contains("email", LEAD_SOURCE, SALES_NOTES).doesNotContain(CONTRACT_VALUE, SUPPORT_TIER);
            assertThat(csv).doesNotContain("987654").doesNotContain("gold").doesNotContain("other@example.com");
        }

        @Test
        @DisplayName("CSV puts a quote before text a spreadsheet would run; importing the export gives the values back")
        void csvDefusesFormulasAndRoundTrips() {
            Map<String, Object> values = users.everyField("formula");
            values.put(StandardFields.COMPANY, "=HYPERLINK(\"http://attacker.example\")");
            values.put(StandardFields.FIRST_NAME, "@SUM(A1)");
            values.put(StandardFields.LAST_NAME, "'-quoted");
            values.put(LEAD_SOURCE, "'plain");
            values.put(LEAD_SCORE, new BigDecimal("-5"));
            Contact original = contactOwnedBy(crm, users, 0, values);
            CrmSession admin = as(users.admin());
            StringWriter out = new StringWriter();
            admin.export(Filter.all(), ExportFormat.CSV, out);
            List<String> lines = out.toString().lines().toList();

            assertThat(lines.get(1)).contains(",\"'=HYPERLINK(\"\"http://attacker.example\"\")\",")
                    .contains(",'@SUM(A1),").contains(",''-quoted,").contains(",''plain,")
                    .contains(",'+1 555 0100,").contains(",-5,");

            // The same file back in, without the columns an import cannot set (id, owner, timestamps).
            StringBuilder csv = new StringBuilder();
            for (String line : lines) {
                int cut = 0;
                for (int i = 0; i < 4; i++) {
                    cut = line.indexOf(',', cut) + 1;
                }
                csv.append(line.substring(cut)).append("\r\n");
            }
            admin.contacts().delete(original.id());
            ImportReport report = admin.importCsv(new StringReader(csv.toString()), ImportOptions.defaults(),
                    ImportListener.NONE);

            assertThat(report.errors()).isEmpty();
            assertThat(everything()).singleElement()
                    .satisfies(c -> assertThat(c.values()).isEqualTo(original.values()));
        }

        @Test
        @DisplayName("JSON has neither the hidden field's key nor its value")
        void jsonHasNoHiddenField() {
            ownedBy(users.rep(), "own");
            StringWriter out = new StringWriter();
            long count = as(users.support()).export(Filter.all(), ExportFormat.JSON, out);
            assertThat(count).isEqualTo(1);
            assertThat(out.toString()).contains("\"support_tier\":\"gold\"").doesNotContain(CONTRACT_VALUE)
                    .doesNotContain("987654").doesNotContain(SALES_NOTES).doesNotContain("sales note");
        }
    }

    // ---- paging ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("keyset paging through the service")
    class Paging {

        @Test
        @DisplayName("pages partition the result in sort order, absent values last")
        void pagesPartitionTheResult() {
            CrmSession manager = as(users.manager());
            for (int i = 0; i < 23; i++) {
                ContactDraft.Builder draft = ContactDraft.builder().set("email", "p" + i + "@example.com");
                if (i % 5 != 0) {
                    draft.set("last_name", "name" + (i % 4));
                }
                manager.contacts().create(draft.build());
            }
            ContactQuery first = ContactQuery.builder().sort(Sort.asc("last_name")).pageSize(4).build();
            List<Contact> all = manager.contacts().list(ContactQuery.builder().sort(Sort.asc("last_name"))
                    .pageSize(100).build()).items();
            List<Contact> paged = new ArrayList<>();
            Page<Contact> page = manager.contacts().list(first);
            paged.addAll(page.items());
            while (page.hasNext()) {
                page = manager.contacts().list(first.after(page.nextCursor().orElseThrow()));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
                paged.addAll(page.items());
            }
            assertThat(paged).extracting(Contact::id).containsExactlyElementsOf(all.stream().map(Contact::id).toList());
            assertThat(new HashSet<>(paged)).hasSize(23);
            assertThat(paged.subList(18, 23)).allSatisfy(c -> assertThat(c.has("last_name")).isFalse());
        }

        @Test
        @DisplayName("a cursor carries no value the caller may not read")
        void cursorCarriesNoHiddenValue() {
            ownedBy(users.manager(), "zzother");
            ownedBy(users.repAndSupport(), "own");
            CrmSession both = as(users.repAndSupport());
            Page<Contact> page = both.contacts().list(ContactQuery.builder().sort(Sort.desc(SALES_NOTES)).pageSize(1)
                    .build());
            // DESC puts absent (masked) values first: the other's row comes first, its sales note hidden.
            String cursor = page.nextCursor().orElseThrow();
            String decoded = SignedCursors.document(cursor);
            assertThat(decoded).doesNotContain("sales note");
            Page<Contact> next = both.contacts().list(ContactQuery.builder().sort(Sort.desc(SALES_NOTES)).pageSize(1)
                    .after(cursor).build());
            assertThat(next.items()).singleElement().satisfies(c -> assertThat(c.has(SALES_NOTES)).isTrue());
        }
    }

    /** A second {@code Crm} over the kit's store, signing cursors with {@link SignedCursors#SECRET}. */
    private Crm signingCrm() {
        return Crm.builder().store(store).closeStoreOnClose(false).cursorSecret(SignedCursors.SECRET).build();
    }

    // ---- cursors ----------------------------------------------------------------------------------------------

    /**
     * Page cursors are tamper-evident and checked: a forged, altered or foreign cursor is refused as
     * {@code cursor/malformed} before any query, and so is a correctly signed one whose value breaks its field's
     * type or limits. Regression tests for issue 10 item 9 (a forged {@code 1E+999999999} for a number ran the
     * MariaDB driver out of memory, kept H2 busy for minutes and returned rows on PostgreSQL).
     */
    @Nested
    @DisplayName("cursors: signed, bound to their user, their values within limits (issue 10 item 9)")
    class Cursors {

        private Page<Contact> firstPage(CrmSession session) {
            return session.contacts().list(ContactQuery.builder().sort(Sort.asc(LEAD_SCORE)).pageSize(2).build());
        }

        private Page<Contact> after(CrmSession session, String cursor) {
            return session.contacts().list(ContactQuery.builder().sort(Sort.asc(LEAD_SCORE)).pageSize(2)
                    .after(cursor).build());
        }

        private void scored(int... scores) {
            CrmSession admin = as(users.admin());
            for (int score : scores) {
                admin.contacts().create(ContactDraft.builder().set("email", "score" + score + "@example.com")
                        .set(LEAD_SCORE, new BigDecimal(score)).build());
            }
        }

        @Test
        @DisplayName("an unsigned cursor with a number of 1E+999999999 is refused, before any query")
        void forgedHugeNumberIsRefused() {
            scored(1, 2, 3);
            CrmSession admin = as(users.admin());
            for (String number : List.of("1E+999999999", "-1E+999999999", "1E-999999999")) {
                String cursor = SignedCursors.unsigned(SignedCursors.oneKey(LEAD_SCORE, "ASC", "n", number, 1));
                assertViolation(() -> after(admin, cursor), "cursor", "malformed");
            }
        }

        @Test
        @DisplayName("a cursor altered in its document or its signature, or cut short, is refused")
        void alteredCursorIsRefused() {
            scored(1, 2, 3, 4, 5);
            CrmSession admin = as(users.admin());
            String cursor = firstPage(admin).nextCursor().orElseThrow();
            String document = SignedCursors.document(cursor);
            String signature = cursor.substring(cursor.indexOf('.') + 1);
            String otherValue = SignedCursors.unsigned(document.replace("\"2\"", "\"3\"")) + "." + signature;
            assertThat(otherValue).isNotEqualTo(cursor);
            char last = signature.charAt(signature.length() - 2);
            String otherSignature = cursor.substring(0, cursor.length() - 2) + (last == 'A' ? 'B' : 'A')
                    + cursor.charAt(cursor.length() - 1);

            for (String bad : List.of(otherValue, otherSignature, cursor.substring(0, cursor.indexOf('.')),
                    cursor.substring(0, cursor.length() - 4), cursor + ".x", "." + signature)) {
                assertViolation(() -> after(admin, bad), "cursor", "malformed");
            }
            assertThat(after(admin, cursor).items()).as("the cursor as it was made still works")
                    .extracting(c -> number(c, LEAD_SCORE).intValue()).containsExactly(3, 4);
        }

        @Test
        @DisplayName("a cursor made for one user is refused for another")
        void anotherUsersCursorIsRefused() {
            scored(1, 2, 3);
            String managers = firstPage(as(users.manager())).nextCursor().orElseThrow();

            assertViolation(() -> after(as(users.admin()), managers), "cursor", "malformed");
            assertThat(after(as(users.manager()), managers).items()).hasSize(1);
        }

        @Test
        @DisplayName("a cursor signed with another key is refused; one signed with the same key works on any Crm")
        void cursorsFollowTheirKey() {
            scored(1, 2, 3);
            try (Crm signing = signingCrm(); Crm sameKey = signingCrm()) {
                String signed = firstPage(signing.as(users.admin())).nextCursor().orElseThrow();
                String stored = firstPage(as(users.admin())).nextCursor().orElseThrow();

                assertThat(after(sameKey.as(users.admin()), signed).items()).hasSize(1);
                assertViolation(() -> after(as(users.admin()), signed), "cursor", "malformed");
                assertViolation(() -> after(signing.as(users.admin()), stored), "cursor", "malformed");
            }
        }

        @ParameterizedTest(name = "{0} {2} {3}")
        @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
                lead_score    | ASC | n | 1E+999999999
                lead_score    | ASC | n | -1E+999999999
                lead_score    | ASC | n | 1E+15
                lead_score    | ASC | n | 0.0000001
                lead_score    | ASC | n | 0000000000000000000000000000000000000000001
                lead_score    | ASC | n | NaN
                lead_score    | ASC | s | 12
                lead_score    | ASC | l | 12
                last_name     | ASC | s | LONG
                last_name     | ASC | n | 12
                stage         | ASC | l | 0
                stage         | ASC | l | -1
                date_of_birth | ASC | d | +10000-01-01
                date_of_birth | ASC | d | 0000-12-31
                date_of_birth | ASC | t | 2020-01-01T00:00
                last_name     | ASC | z | text
                last_name     | DESC | s | a
                first_name    | ASC | s | a
                """)
        @DisplayName("a cursor signed with the deployment's key is still refused when a value breaks its field's type"
                + " or limits, or its key or direction is not the query's")
        void signedCursorWithBadValueIsRefused(String field, String direction, String tag, String text) {
            scored(1, 2, 3);
            String value = "LONG".equals(text) ? "x".repeat(256) : text;
            try (Crm signing = signingCrm()) {
                CrmSession admin = signing.as(users.admin());
                String cursor = SignedCursors.signed(SignedCursors.oneKey(field, direction, tag, value, 1),
                        users.admin());
                String sortedBy = field.equals("first_name") ? "last_name" : field;

                assertViolation(() -> admin.contacts().list(ContactQuery.builder().sort(Sort.asc(sortedBy))
                        .after(cursor).build()), "cursor", "malformed");
            }
        }

        @Test
        @DisplayName("a signed cursor with values at the edges of their limits is accepted")
        void signedCursorAtTheLimitsIsAccepted() {
            scored(1, 2, 3);
            try (Crm signing = signingCrm()) {
                CrmSession admin = signing.as(users.admin());
                for (String number : List.of("999999999999999.999999", "-999999999999999.999999", "2", "1.5E+1")) {
                    String cursor = SignedCursors.signed(SignedCursors.oneKey(LEAD_SCORE, "ASC", "n", number, 1),
                            users.admin());
                    assertThatCode(() -> after(admin, cursor)).as(number).doesNotThrowAnyException();
                }
                // After score 2 and an id above every row's: the next page starts at score 3.
                String cursor = SignedCursors.signed(SignedCursors.oneKey(LEAD_SCORE, "ASC", "n", "2",
                        Long.MAX_VALUE), users.admin());
                assertThat(after(admin, cursor).items()).extracting(c -> number(c, LEAD_SCORE).intValue())
                        .containsExactly(3);
                String longest = SignedCursors.signed(SignedCursors.oneKey("last_name", "ASC", "s", "x".repeat(255),
                        1), users.admin());
                assertThatCode(() -> admin.contacts().list(ContactQuery.builder().sort(Sort.asc("last_name"))
                        .after(longest).build())).doesNotThrowAnyException();
            }
        }
    }

    // ---- several nodes --------------------------------------------------------------------------------------

    /**
     * Two {@code Crm} instances (nodes) over one database: every change to fields, roles and users made on node B is
     * honoured by node A's very next call, in sessions opened before the change and after it (ASVS 5.0 8.3.2, 4.0.3
     * 4.1.3). Regression tests for issue 8.
     */
    @Nested
    @DisplayName("several nodes over one database: a change on one node binds the other's next call")
    class SeveralNodes {

        private Crm nodeB;

        @BeforeEach
        void startSecondNode() {
            Optional<CrmStore> second = newStoreOnSameDatabase();
            assumeTrue(second.isPresent(), "this store's test does not open a second store on the same database");
            nodeB = Crm.builder().store(second.get()).build();
        }

        @AfterEach
        void stopSecondNode() {
            if (nodeB != null) {
                nodeB.close();
            }
        }

        private CrmSession adminOnB() {
            return nodeB.as(users.admin());
        }

        private FieldDefinition field(String key) {
            return adminOnB().admin().customFields().stream().filter(f -> f.key().equals(key)).findFirst()
                    .orElseThrow();
        }

        private ContactPatch setScore(Contact contact, int score) {
            return ContactPatch.of(contact.id(), contact.version()).set(LEAD_SCORE, new BigDecimal(score)).build();
        }

        private Contact storedAsAdmin(long contactId) {
            return as(users.admin()).contacts().get(contactId);
        }

        @Test
        @DisplayName("a cursor node A made pages on node B, and back, with no key given (issue 10 item 9)")
        void cursorsWorkOnEveryNode() {
            CrmSession adminOnA = as(users.admin());
            for (int score = 1; score <= 5; score++) {
                adminOnA.contacts().create(ContactDraft.builder().set("email", "node" + score + "@example.com")
                        .set(LEAD_SCORE, new BigDecimal(score)).build());
            }
            String fromA = adminOnA.contacts().list(ContactQuery.builder().sort(Sort.asc(LEAD_SCORE)).pageSize(2)
                    .build()).nextCursor().orElseThrow();

            Page<Contact> onB = adminOnB().contacts().list(ContactQuery.builder().sort(Sort.asc(LEAD_SCORE))
                    .pageSize(2).after(fromA).build());
            Page<Contact> backOnA = adminOnA.contacts().list(ContactQuery.builder().sort(Sort.asc(LEAD_SCORE))
                    .pageSize(2).after(onB.nextCursor().orElseThrow()).build());

            assertThat(onB.items()).extracting(c -> number(c, LEAD_SCORE).intValue()).containsExactly(3, 4);
            assertThat(backOnA.items()).extracting(c -> number(c, LEAD_SCORE).intValue()).containsExactly(5);
        }

        @Test
        @DisplayName("a field made read-only on node B refuses writes on node A, in open and new sessions (issue 8)")
        void readOnlyOnOneNodeRefusesWritesOnTheOther() {
            Contact contact = ownedBy(users.manager(), "readonly");
            CrmSession open = as(users.manager());
            Contact updated = open.contacts().update(setScore(contact, 50));
            assertThat(number(updated, LEAD_SCORE)).isEqualByComparingTo("50");

            FieldDefinition score = field(LEAD_SCORE);
            adminOnB().admin().updateField(score.withFlags(score.required(), score.active(), true, score.sensitive()));

            assertDenied(() -> open.contacts().update(setScore(updated, 60)), Rule.READ_ONLY_FIELD, LEAD_SCORE);
            assertDenied(() -> as(users.manager()).contacts().update(setScore(updated, 70)), Rule.READ_ONLY_FIELD,
                    LEAD_SCORE);
            assertThat(number(storedAsAdmin(contact.id()), LEAD_SCORE)).isEqualByComparingTo("50");
        }

        @Test
        @DisplayName("a field removed on node B is gone from node A's next page, in open and new sessions (issue 8)")
        void removedFieldOnOneNodeIsGoneOnTheOther() {
            Contact contact = ownedBy(users.manager(), "removed");
            CrmSession open = as(users.manager());
            assertThat(open.contacts().list(ContactQuery.builder().build()).items())
                    .singleElement().satisfies(c -> assertThat(c.has(LAST_CAMPAIGN)).isTrue());

            adminOnB().admin().removeField(LAST_CAMPAIGN);

            for (CrmSession session : List.of(open, as(users.manager()), as(users.admin()))) {
                assertThat(session.contacts().list(ContactQuery.builder().build()).items()).singleElement()
                        .satisfies(c -> {
                            assertThat(c.id()).isEqualTo(contact.id());
                            assertThat(c.has(LAST_CAMPAIGN)).isFalse();
                            assertThat(c.has(LEAD_SCORE)).isTrue();
                        });
                assertThat(session.contacts().get(contact.id()).has(LAST_CAMPAIGN)).isFalse();
                assertThat(session.fields()).extracting(FieldDefinition::key).doesNotContain(LAST_CAMPAIGN);
                assertUnknownField(() -> session.contacts().list(ContactQuery.builder()
                        .filter(Filter.eq(LAST_CAMPAIGN, "spring removed")).build()), LAST_CAMPAIGN);
            }
        }

        @Test
        @DisplayName("a field defined on node B is known to node A at once, and granted to no role (issue 8)")
        void fieldDefinedOnOneNodeIsKnownOnTheOther() {
            Contact contact = ownedBy(users.manager(), "defined");
            CrmSession manager = as(users.manager());
            CrmSession admin = as(users.admin());
            assertThat(admin.fields()).extracting(FieldDefinition::key).doesNotContain("loyalty");

            adminOnB().admin().defineField(FieldDefinition.custom("loyalty", io.roostcrm.core.field.FieldType.TEXT)
                    .label("Loyalty").build());
            Contact withLoyalty = admin.contacts().update(ContactPatch.of(contact.id(), contact.version())
                    .set("loyalty", "gold").build());

            assertThat(withLoyalty.values()).containsEntry("loyalty", "gold");
            assertThat(manager.contacts().get(contact.id()).has("loyalty")).isFalse();
            assertUnknownField(() -> manager.contacts().update(ContactPatch.of(contact.id(),
                    withLoyalty.version()).set("loyalty", "silver").build()), "loyalty");
        }

        @Test
        @DisplayName("a role's field right revoked on node B is gone from node A's open sessions (issue 8)")
        void revokedFieldRightOnOneNodeIsGoneOnTheOther() {
            Contact contact = ownedBy(users.contractRep(), "revoked");
            CrmSession open = as(users.contractRep());
            assertThat(open.contacts().get(contact.id()).has(CONTRACT_VALUE)).isTrue();

            Role narrowed = SeedRoles.SALES_REP_READING_CONTRACT_VALUE.toBuilder()
                    .field(CONTRACT_VALUE, FieldRights.NONE).build();
            adminOnB().admin().saveRole(narrowed);

            assertThat(open.contacts().get(contact.id()).has(CONTRACT_VALUE)).isFalse();
            assertThat(as(users.contractRep()).contacts().get(contact.id()).has(CONTRACT_VALUE)).isFalse();
            assertUnknownField(() -> open.contacts().list(ContactQuery.builder()
                    .sort(Sort.asc(CONTRACT_VALUE)).build()), CONTRACT_VALUE);
        }

        @Test
        @DisplayName("a role taken from a user on node B no longer grants on node A's open session (issue 8)")
        void roleRemovedFromUserOnOneNode() {
            Contact contact = ownedBy(users.manager(), "unroled");
            CrmSession open = as(users.repAndSupport());
            assertThat(open.contacts().get(contact.id()).has(SUPPORT_TIER)).isTrue();

            User user = adminOnB().admin().users().stream().filter(u -> u.id() == users.repAndSupport())
                    .findFirst().orElseThrow();
            adminOnB().admin().updateUser(new User(user.id(), user.login(), user.displayName(),
                    List.of(SeedRoles.SALES_REP.name()), user.teamIds(), true));

            // The contact is the manager's: a sales representative alone cannot see it at all.
            assertThatThrownBy(() -> open.contacts().get(contact.id())).isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> as(users.repAndSupport()).contacts().get(contact.id()))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        /** Runs two calls at once, released together; returns whether each returned (false: refused as expected). */
        private boolean[] together(java.util.concurrent.Callable<Boolean> a, java.util.concurrent.Callable<Boolean> b)
                throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                var first = pool.submit(() -> {
                    start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return a.call();
                });
                var second = pool.submit(() -> {
                    start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return b.call();
                });
                return new boolean[]{first.get(60, java.util.concurrent.TimeUnit.SECONDS),
                        second.get(60, java.util.concurrent.TimeUnit.SECONDS)};
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("a contact deleted on node A while node B adds a note, a membership and a reminder: no orphans (issue 10)")
        void deleteOnOneNodeRacingAdditionsOnTheOther() throws Exception {
            CrmSession onA = as(users.manager());
            CrmSession onB = nodeB.as(users.manager());
            ContactGroup list = onA.lists().create("Racing", "");
            boolean reminders = store.capabilities().has(io.roostcrm.core.spi.StoreFeature.REMINDERS);
            for (int round = 0; round < 20; round++) {
                long id = onA.contacts().create(ContactDraft.builder().set("email", "race" + round + "@example.com")
                        .build()).id();
                int kind = round % (reminders ? 3 : 2);
                boolean[] outcome = together(() -> {
                    onA.contacts().delete(id);
                    return true;
                }, () -> {
                    try {
                        switch (kind) {
                            case 0 -> onB.notes().add(id, io.roostcrm.core.contact.NoteType.NOTE, "Racing", "body",
                                    java.time.Instant.parse("2026-01-01T00:00:00Z"));
                            case 1 -> onB.lists().add(id, list.id());
                            default -> onB.reminders().add(id, users.manager(),
                                    java.time.Instant.parse("2030-01-01T00:00:00Z"), "racing");
                        }
                        return true;
                    } catch (CrmNotFoundException e) {
                        return false;
                    }
                });
                assertThat(outcome[0]).as("round %d: deleted", round).isTrue();
                assertThat(as(users.admin()).contacts().find(id)).as("round %d", round).isEmpty();
                List<io.roostcrm.core.contact.Note> notes = store.transactionResult(tx -> tx.notes().of(id));
                assertThat(notes).as("round %d: notes", round).isEmpty();
                java.util.Map<Long, java.util.Set<Long>> memberships = store.transactionResult(tx -> tx.groups(
                        io.roostcrm.core.query.Filter.GroupKind.LIST).groupsOf(List.of(id)));
                assertThat(memberships.getOrDefault(id, java.util.Set.of())).as("round %d: memberships", round)
                        .isEmpty();
                if (reminders) {
                    List<io.roostcrm.core.contact.Reminder> left = store.transactionResult(tx -> tx.reminders()
                            .orElseThrow().of(id));
                    assertThat(left).as("round %d: reminders", round).isEmpty();
                }
            }
        }

        @Test
        @DisplayName("a stage deleted on node A while node B moves a contact to it: never both (issue 10)")
        void stageDeleteOnOneNodeRacingAMoveOnTheOther() throws Exception {
            CrmSession adminOnA = as(users.admin());
            CrmSession managerOnB = nodeB.as(users.manager());
            Contact contact = ownedBy(users.manager(), "staged");
            int both = 0;
            for (int round = 0; round < 20; round++) {
                io.roostcrm.core.contact.Stage stage = adminOnA.stages().add("Racing " + round);
                Contact current = adminOnA.contacts().get(contact.id());
                boolean[] outcome = together(() -> {
                    try {
                        adminOnA.stages().delete(stage.id());
                        return true;
                    } catch (CrmValidationException e) {
                        return false;
                    }
                }, () -> {
                    try {
                        managerOnB.contacts().changeStage(current.id(), current.version(), stage.id());
                        return true;
                    } catch (CrmValidationException e) {
                        return false;
                    }
                });
                if (outcome[0] && outcome[1]) {
                    both++;
                }
                Object at = adminOnA.contacts().get(contact.id()).values().get(StandardFields.STAGE);
                if (at != null) {
                    assertThat(adminOnA.stages().all()).as("round %d: the contact's stage exists", round)
                            .anySatisfy(st -> assertThat(st.id()).isEqualTo(at));
                }
            }
            assertThat(both).as("rounds in which the stage was deleted and the contact moved to it").isZero();
        }

        @Test
        @DisplayName("a user deactivated on node B cannot act on node A, in an open session or a new one (issue 8)")
        void deactivatedUserOnOneNode() {
            Contact contact = ownedBy(users.manager(), "deactivated");
            CrmSession open = as(users.manager());
            assertThat(open.contacts().get(contact.id()).id()).isEqualTo(contact.id());

            User user = adminOnB().admin().users().stream().filter(u -> u.id() == users.manager())
                    .findFirst().orElseThrow();
            adminOnB().admin().updateUser(new User(user.id(), user.login(), user.displayName(), user.roleNames(),
                    user.teamIds(), false));

            assertThatThrownBy(() -> open.contacts().get(contact.id()))
                    .isInstanceOf(CrmAuthenticationException.class);
            assertThatThrownBy(() -> as(users.manager())).isInstanceOf(CrmNotFoundException.class);
        }
    }

    // ---- the change log -------------------------------------------------------------------------------------

    @Nested
    @DisplayName("the change log: one exact entry per change, none for reads, a refusal for a refused call")
    class ChangeLog extends ChangeLogContract {
        ChangeLog() {
            super(CrmServiceCompatibilityKit.this);
        }
    }

    // ---- time zones (issue 10 item 1) ------------------------------------------------------------------------

    @Nested
    @Tag("time-zones")
    @DisplayName("times are the clock's instants and date-times keep their wall time, whatever the JVM's time zone")
    class TimeZones extends TimeZonesContract {
        TimeZones() {
            super(CrmServiceCompatibilityKit.this);
        }
    }

    // ---- dates (issue 10 item 2) ------------------------------------------------------------------------------

    @Nested
    @DisplayName("dates are proleptic ISO dates from 0001-01-01 to 9999-12-31, kept exactly; others are refused")
    class DateRange {

        private final List<LocalDate> edges = List.of(LocalDate.parse("0001-01-01"), LocalDate.parse("1582-10-04"),
                LocalDate.parse("1582-10-10"), LocalDate.parse("1582-10-15"), LocalDate.parse("9999-12-31"));

        @Test
        @DisplayName("the first and last day, and the days of the Gregorian reform, read back and match exactly")
        void edgeDatesRoundTripExactly() {
            CrmSession admin = as(users.admin());
            Map<LocalDate, Long> ids = new LinkedHashMap<>();
            for (LocalDate day : edges) {
                ids.put(day, admin.contacts().create(ContactDraft.builder().set("email", day + "@example.com")
                        .set(LAST_SUPPORT_DATE, day).set(StandardFields.DATE_OF_BIRTH, day).build()).id());
            }
            for (Map.Entry<LocalDate, Long> entry : ids.entrySet()) {
                LocalDate day = entry.getKey();
                assertThat(admin.contacts().get(entry.getValue()).values()).as("%s", day)
                        .containsEntry(LAST_SUPPORT_DATE, day).containsEntry(StandardFields.DATE_OF_BIRTH, day);
                assertThat(admin.contacts().list(ContactQuery.builder().filter(Filter.eq(LAST_SUPPORT_DATE, day))
                        .build()).items()).as("%s", day).extracting(Contact::id).containsExactly(entry.getValue());
            }
            assertThat(admin.contacts().list(ContactQuery.builder().sort(Sort.asc(StandardFields.DATE_OF_BIRTH))
                    .build()).items()).extracting(c -> c.values().get(StandardFields.DATE_OF_BIRTH))
                    .containsExactlyElementsOf(edges);
        }

        @Test
        @DisplayName("a date before 0001-01-01 or after 9999-12-31 is refused naming the field, and nothing is written")
        void datesOutsideTheRangeAreRefused() {
            CrmSession admin = as(users.admin());
            for (LocalDate day : List.of(LocalDate.of(0, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.MIN)) {
                for (String key : List.of(LAST_SUPPORT_DATE, StandardFields.DATE_OF_BIRTH)) {
                    ThrowingCallable create = () -> admin.contacts().create(ContactDraft.builder()
                            .set("email", "range@example.com").set(key, day).build());
                    assertRefusedLeavingStoreUnchanged(create, CrmValidationException.class);
                    assertViolation(create, key, "range");
                    assertViolation(() -> admin.contacts().list(ContactQuery.builder().filter(Filter.gt(key, day))
                            .build()), key, "range");
                }
            }
            List<Contact> before = everything();
            ImportReport report = admin.importCsv(new StringReader("email," + LAST_SUPPORT_DATE
                    + "\r\nlow@example.com,0000-12-31\r\nhigh@example.com,+10000-01-01\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE);
            assertThat(report.imported()).isZero();
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactly("1:" + LAST_SUPPORT_DATE + ":range", "2:" + LAST_SUPPORT_DATE + ":range");
            assertThat(everything()).isEqualTo(before);
        }
    }

    // ---- text rules (issue 10 items 3 and 12) --------------------------------------------------------------------

    @Nested
    @DisplayName("no text with NUL or an unpaired surrogate gets in, anywhere; nothing is written")
    class TextRulesEverywhere {

        /** A NUL, and each half of a surrogate pair alone. */
        private final Map<String, String> bad = Map.of(
                "a\u0000b", "control_characters",
                "x\uD800y", "invalid_unicode",
                "x\uDC00", "invalid_unicode",
                "\uD83D", "invalid_unicode");

        private Contact existing;

        @BeforeEach
        void oneContact() {
            existing = ownedBy(users.manager(), "existing");
        }

        /** Asserts a refusal naming the field and rule, and that {@code state} reads the same afterwards. */
        private void assertRefused(ThrowingCallable call, String field, String rule, Supplier<?> state) {
            Object before = state.get();
            List<Contact> contacts = everything();
            assertViolation(call, field, rule);
            assertThat(state.get()).as("after a refused call").isEqualTo(before);
            assertThat(everything()).as("contacts after a refused call").isEqualTo(contacts);
        }

        @Test
        @DisplayName("field values, in creates, updates and imports; a valid surrogate pair is kept")
        void fieldValues() {
            CrmSession admin = as(users.admin());
            bad.forEach((text, rule) -> {
                for (String key : List.of("first_name", SALES_NOTES, LEAD_SOURCE)) {
                    assertRefused(() -> admin.contacts().create(ContactDraft.builder().set("email", "t@example.com")
                            .set(key, text).build()), key, rule, () -> null);
                    assertRefused(() -> admin.contacts().update(ContactPatch.of(existing).set(key, text).build()),
                            key, rule, () -> null);
                }
                List<Contact> before = everything();
                ImportReport report = admin.importCsv(new StringReader("email,last_name\r\ni@example.com," + text
                        + "\r\n"), ImportOptions.defaults(), ImportListener.NONE);
                assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                        .containsExactly("1:last_name:" + rule);
                assertThat(everything()).isEqualTo(before);
            });
            String grinning = "smile \uD83D\uDE00";
            Contact kept = admin.contacts().create(ContactDraft.builder().set("email", "s@example.com")
                    .set("first_name", grinning).set(SALES_NOTES, grinning).build());
            assertThat(admin.contacts().get(kept.id()).values()).containsEntry("first_name", grinning)
                    .containsEntry(SALES_NOTES, grinning);
        }

        @Test
        @DisplayName("filter values, text terms, search terms and cursor text")
        void filtersSearchesAndCursors() {
            CrmSession manager = as(users.manager());
            bad.forEach((text, rule) -> {
                for (Filter filter : List.of(Filter.eq("first_name", text), Filter.ne(LEAD_SOURCE, text),
                        Filter.in("last_name", List.of("ok", text)), Filter.contains("company", text),
                        Filter.startsWith(SALES_NOTES, text), Filter.lt("email", text))) {
                    String key = filter instanceof Filter.Compare c ? c.field()
                            : filter instanceof Filter.In in ? in.field() : ((Filter.Text) filter).field();
                    assertRefused(() -> manager.contacts().list(ContactQuery.builder().filter(filter).build()), key,
                            rule, () -> null);
                    assertViolation(() -> manager.export(filter, ExportFormat.CSV, new StringWriter()), key, rule);
                }
                assertRefused(() -> manager.contacts().list(ContactQuery.builder().filter(Filter.search(text))
                        .build()), "search", rule, () -> null);
                // A well-formed cursor but for its text, which JSON escapes carry (a lone surrogate has no UTF-8).
                StringBuilder escaped = new StringBuilder();
                text.chars().forEach(c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                        : String.valueOf((char) c)));
                try (Crm signing = signingCrm()) {
                    String cursor = SignedCursors.signed(
                            SignedCursors.oneKey("last_name", "ASC", "s", escaped.toString(), 1), users.manager());
                    assertViolation(() -> signing.as(users.manager()).contacts().list(ContactQuery.builder()
                            .sort(Sort.asc("last_name")).after(cursor).build()), "cursor", "malformed");
                }
            });
        }

        @Test
        @DisplayName("list, tag and stage names and descriptions")
        void groupAndStageNames() {
            CrmSession admin = as(users.admin());
            ContactGroup list = admin.lists().create("Newsletter", "");
            long stage = admin.stages().all().get(0).id();
            bad.forEach((text, rule) -> {
                assertRefused(() -> admin.lists().create("News " + text, ""), "name", rule, admin.lists()::all);
                assertRefused(() -> admin.lists().create("News", "about " + text), "description", rule,
                        admin.lists()::all);
                assertRefused(() -> admin.lists().rename(list.id(), text + " News", ""), "name", rule,
                        admin.lists()::all);
                assertRefused(() -> admin.tags().create("VIP " + text, ""), "name", rule, admin.tags()::all);
                assertRefused(() -> admin.stages().add("Won " + text), "name", rule, admin.stages()::all);
                assertRefused(() -> admin.stages().rename(stage, "New " + text), "name", rule, admin.stages()::all);
            });
        }

        @Test
        @DisplayName("notes and reminders")
        void notesAndReminders() {
            CrmSession admin = as(users.admin());
            Note note = admin.notes().add(existing.id(), NoteType.NOTE, "title", "body", Instant.now());
            bad.forEach((text, rule) -> {
                Supplier<?> notes = () -> admin.notes().of(existing.id());
                assertRefused(() -> admin.notes().add(existing.id(), NoteType.CALL, "call " + text, "", Instant.now()),
                        "title", rule, notes);
                assertRefused(() -> admin.notes().add(existing.id(), NoteType.CALL, "call", "said " + text,
                        Instant.now()), "body", rule, notes);
                assertRefused(() -> admin.notes().update(note.id(), NoteType.CALL, "call", text), "body", rule,
                        notes);
                assertRefused(() -> admin.reminders().add(existing.id(), users.manager(), Instant.now(),
                        "call " + text), "text", rule, () -> admin.reminders().of(existing.id()));
            });
        }

        @Test
        @DisplayName("field labels and options, role names, logins and display names")
        void administration() {
            CrmSession admin = as(users.admin());
            FieldDefinition source = admin.admin().customFields().stream().filter(f -> f.key().equals(LEAD_SOURCE))
                    .findFirst().orElseThrow();
            Supplier<?> fields = admin.admin()::customFields;
            Supplier<?> roles = admin.admin()::roles;
            Supplier<?> people = admin.admin()::users;
            bad.forEach((text, rule) -> {
                assertRefused(() -> admin.admin().defineField(FieldDefinition.custom("odd", FieldType.TEXT)
                        .label("Odd " + text).build()), "label", rule, fields);
                assertRefused(() -> admin.admin().defineField(FieldDefinition.custom("odd", FieldType.SELECT)
                        .options("fine", "odd " + text).build()), "options", rule, fields);
                assertRefused(() -> admin.admin().updateField(source.withLabel("Source " + text)), "label", rule,
                        fields);
                assertRefused(() -> admin.admin().removeField("lead" + text), "key", rule, fields);
                assertRefused(() -> admin.admin().saveRole(Role.builder("Role " + text).build()), "role", rule,
                        roles);
                assertRefused(() -> admin.admin().deleteRole("Role " + text), "role", rule, roles);
                assertRefused(() -> admin.admin().createUser(new User(0, "login" + text, "Name", List.of(),
                        Set.of(), true)), "login", rule, people);
                assertRefused(() -> admin.admin().createUser(new User(0, "someone", "Name " + text, List.of(),
                        Set.of(), true)), "displayName", rule, people);
                assertRefused(() -> admin.admin().createUser(new User(0, "someone", "Name", List.of("Role " + text),
                        Set.of(), true)), "roleNames", rule, people);
            });
        }
    }

    // ---- echoed input (issue 10 item 12) ----------------------------------------------------------------------

    @Nested
    @DisplayName("an error echoes at most a short, printable part of what the caller sent")
    class EchoedInput {

        private final String huge = "x".repeat(10_000_000);

        private void assertShort(ThrowingCallable call) {
            assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                assertThat(e.getMessage().length()).as("message length").isLessThan(1_000);
                assertThat(e.violations()).allSatisfy(v -> assertThat(v.field().length()).isLessThanOrEqualTo(103));
            });
        }

        @Test
        @DisplayName("a 10 MB CSV header cell, an unknown field key, sort key or role name")
        void longInputIsCut() {
            CrmSession admin = as(users.admin());
            List<Contact> before = everything();
            assertShort(() -> admin.importCsv(new StringReader("email," + huge + "\r\na@example.com,1\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE));
            assertShort(() -> admin.contacts().create(ContactDraft.builder().set("email", "a@example.com")
                    .set(huge, 1).build()));
            assertShort(() -> admin.contacts().list(ContactQuery.builder().filter(Filter.eq(huge, "x")).build()));
            assertShort(() -> admin.contacts().list(ContactQuery.builder().sort(Sort.asc(huge)).build()));
            assertShort(() -> admin.admin().createUser(new User(0, "someone", "Name", List.of(huge), Set.of(),
                    true)));
            assertThat(everything()).isEqualTo(before);
            assertThat(admin.admin().users()).extracting(User::login).doesNotContain("someone");
        }

        @Test
        @DisplayName("a duplicate refused by the store names no value, not even in the exception's causes")
        void duplicateCarriesNoValueInItsCauses() {
            CrmSession admin = as(users.admin());
            admin.contacts().create(ContactDraft.builder().set("email", "dup.secret@example.com").build());
            List<Contact> before = everything();
            assertThatThrownBy(() -> admin.contacts().create(ContactDraft.builder().set("email", "dup.secret@example.com")
                    .set("first_name", "Kept").build())).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage()) + t).doesNotContain("dup.secret", "Kept");
                            for (Throwable suppressed : t.getSuppressed()) {
                                assertThat(String.valueOf(suppressed.getMessage())).doesNotContain("dup.secret");
                            }
                        }
                    });
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("control characters in an unknown column name are not echoed")
        void controlCharactersAreNotEchoed() {
            assertThatThrownBy(() -> as(users.admin()).importCsv(new StringReader("email,\"bad\u0007\u001bname\"\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE))
                    .isInstanceOf(CrmValidationException.class)
                    .hasMessageNotContaining("\u0007").hasMessageNotContaining("\u001b");
        }
    }

    // ---- filter limits (issue 10 item 10) ---------------------------------------------------------------------

    @Nested
    @DisplayName("a filter is at most 32 deep, has at most 1,000 conditions and 1,000 values per in(); bigger is refused")
    class FilterLimits {

        private void assertLimit(Filter filter, String rule, String limit) {
            CrmSession manager = as(users.manager());
            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> manager.contacts().list(ContactQuery.builder().filter(filter).build()),
                    () -> manager.export(filter, ExportFormat.JSON, new StringWriter()))) {
                assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                    assertThat(e.first().field()).isEqualTo("filter");
                    assertThat(e.first().rule()).isEqualTo(rule);
                }).hasMessageContaining(limit);
            }
        }

        private static Filter nestedNot(int depth) {
            Filter filter = Filter.eq("first_name", "First ada");
            for (int i = 1; i < depth; i++) {
                filter = Filter.not(filter);
            }
            return filter;
        }

        @Test
        @DisplayName("depth: 32 levels work, 33 and a 3,000-deep not() or a 10,000-long and() chain are refused")
        void depth() {
            Contact ada = ownedBy(users.manager(), "ada");
            CrmSession manager = as(users.manager());
            // 31 nots around the leaf (an odd number) mean "not Ada"; 30 mean "Ada".
            assertThat(manager.contacts().list(ContactQuery.builder().filter(nestedNot(32)).build()).items())
                    .extracting(Contact::id).doesNotContain(ada.id());
            assertThat(manager.contacts().list(ContactQuery.builder().filter(nestedNot(31)).build()).items())
                    .extracting(Contact::id).containsExactly(ada.id());
            assertLimit(nestedNot(33), "max_depth", "32");
            assertLimit(nestedNot(3_000), "max_depth", "32");
            Filter chain = Filter.eq("last_name", "x");
            for (int i = 0; i < 10_000; i++) {
                chain = i % 2 == 0 ? Filter.and(chain, Filter.all()) : Filter.or(chain, Filter.eq("city", "y"));
            }
            assertLimit(chain, "max_depth", "32");
        }

        @Test
        @DisplayName("conditions: 1,000 work, 1,001 are refused")
        void conditions() {
            ownedBy(users.manager(), "one");
            CrmSession manager = as(users.manager());
            List<Filter> thousand = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                thousand.add(Filter.ne("first_name", "c" + i));
            }
            assertThat(manager.contacts().list(ContactQuery.builder()
                    .filter(Filter.and(thousand.toArray(Filter[]::new))).build()).items()).hasSize(1);
            thousand.add(Filter.all());
            assertLimit(Filter.and(thousand.toArray(Filter[]::new)), "max_conditions", "1000");
            List<Filter> halves = List.of(Filter.or(thousand.subList(0, 600).toArray(Filter[]::new)),
                    Filter.or(thousand.subList(600, 1_001).toArray(Filter[]::new)));
            assertLimit(Filter.and(halves.toArray(Filter[]::new)), "max_conditions", "1000");
        }

        @Test
        @DisplayName("in(): 1,000 values work, 1,001 are refused, and so are 1,001 ids")
        void inValues() {
            Contact one = ownedBy(users.manager(), "one");
            CrmSession manager = as(users.manager());
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 999; i++) {
                emails.add("nobody" + i + "@example.com");
            }
            emails.add(one.text("email").orElseThrow());
            assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.in("email", emails)).build())
                    .items()).extracting(Contact::id).containsExactly(one.id());
            emails.add("more@example.com");
            assertLimit(Filter.in("email", emails), "max_values", "1000");
            Set<Long> ids = new HashSet<>();
            for (long id = 1; id <= 1_001; id++) {
                ids.add(id);
            }
            assertLimit(new Filter.IdIn(ids), "max_values", "1000");
        }
    }

    // ---- every failure is a CrmException (issue 10 item 11) ---------------------------------------------------

    @Nested
    @DisplayName("every failure is a CrmException: bad input a validation error, a failing reader or writer an I/O one")
    class TypedFailures {

        /** A reader that hands out its text and then fails, as a lost network stream does. */
        private static Reader failingAfter(String text) {
            return new Reader() {
                private int position;

                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    if (position == text.length()) {
                        throw new IOException("connection reset");
                    }
                    int n = Math.min(length, text.length() - position);
                    text.getChars(position, position + n, buffer, offset);
                    position += n;
                    return n;
                }

                @Override
                public void close() {
                }
            };
        }

        private static Reader strictUtf8(byte[] bytes) {
            return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        }

        @Test
        @DisplayName("a note or reminder time beyond the year 9999 or before the year 1")
        void instantsOutOfRange() {
            Contact contact = ownedBy(users.manager(), "timed");
            CrmSession admin = as(users.admin());
            for (Instant instant : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"))) {
                assertViolation(() -> admin.notes().add(contact.id(), NoteType.NOTE, "t", "b", instant), "happenedAt",
                        "range");
                assertViolation(() -> admin.reminders().add(contact.id(), users.manager(), instant, "call"), "dueAt",
                        "range");
            }
            assertThat(admin.notes().of(contact.id())).isEmpty();
            assertThat(admin.reminders().of(contact.id())).isEmpty();
        }

        @Test
        @DisplayName("a CSV header with an unterminated quote, or bytes that are not UTF-8, is bad input")
        void badHeader() {
            CrmSession admin = as(users.admin());
            List<Contact> before = everything();
            assertViolation(() -> admin.importCsv(new StringReader("email,\"first_name\nx@example.com,A\n"),
                    ImportOptions.defaults(), ImportListener.NONE), "header", "malformed");
            byte[] latin1 = "email,first_name,na\u00efve\r\n".getBytes(StandardCharsets.ISO_8859_1);
            assertViolation(() -> admin.importCsv(strictUtf8(latin1), ImportOptions.defaults(), ImportListener.NONE),
                    "header", "encoding");
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("a row that is not UTF-8 is a bad row; earlier batches land")
        void badlyEncodedRow() {
            // Far enough into the file that the decoder meets the bad byte after the header and some batches.
            StringBuilder text = new StringBuilder("email,last_name\r\n");
            for (int i = 1; i <= 500; i++) {
                text.append("row").append(i).append("@example.com,Row\r\n");
            }
            text.append("bad@example.com,Ren\u00e9e\r\nafter@example.com,After\r\n");
            ImportReport report = as(users.admin()).importCsv(strictUtf8(text.toString()
                    .getBytes(StandardCharsets.ISO_8859_1)), new ImportOptions(Map.of(), 100, false),
                    ImportListener.NONE);

            // The decoder fails on the row being read when it meets the byte, which its read-ahead puts at or before
            // the bad row; that row's batch rolls back and the import stops there.
            assertThat(report.errors()).singleElement().satisfies(e -> {
                assertThat(e.rule()).isEqualTo("encoding");
                assertThat(e.field()).isEmpty();
                assertThat(e.row()).isBetween(101L, 501L);
            });
            long failedRow = report.errors().get(0).row();
            List<String> landed = everything().stream().map(c -> c.text("email").orElseThrow()).toList();
            assertThat(landed).hasSize((int) report.imported()).hasSize((int) ((failedRow - 1) / 100 * 100))
                    .doesNotContain("bad@example.com", "after@example.com", "row" + failedRow + "@example.com");
        }

        @Test
        @DisplayName("a reader that fails is an I/O failure, never a bad row")
        void failingReader() {
            CrmSession admin = as(users.admin());
            List<Contact> before = everything();
            assertThatThrownBy(() -> admin.importCsv(failingAfter("email,first_name\r\nx@example.com,A"),
                    ImportOptions.defaults(), ImportListener.NONE))
                    .isInstanceOf(CrmStoreException.class)
                    .hasMessage("could not read the CSV input: the reader failed");
            assertThat(everything()).isEqualTo(before);
            assertThatThrownBy(() -> admin.importCsv(failingAfter("email,fir"), ImportOptions.defaults(),
                    ImportListener.NONE)).isInstanceOf(CrmStoreException.class);
        }

        @Test
        @DisplayName("a writer that fails during an export is an I/O failure")
        void failingWriter() {
            ownedBy(users.manager(), "exported");
            Writer broken = new Writer() {
                @Override
                public void write(char[] buffer, int offset, int length) throws IOException {
                    throw new IOException("disk full");
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            for (ExportFormat format : ExportFormat.values()) {
                assertThatThrownBy(() -> as(users.admin()).export(Filter.all(), format, broken))
                        .isInstanceOf(CrmStoreException.class)
                        .hasMessage("could not write the export: the writer failed");
            }
        }
    }

    // ---- search (issue 10 item 13) ----------------------------------------------------------------------------

    @Nested
    @DisplayName("search ignores white space around its term; a blank term matches every contact")
    class Search {

        private List<Long> search(CrmSession session, String term) {
            return session.contacts().list(ContactQuery.builder().filter(Filter.search(term)).build()).items()
                    .stream().map(Contact::id).toList();
        }

        @Test
        @DisplayName("\"\", \"   \" and a tab all match every contact the caller can see")
        void blankTermsAgree() {
            Contact own = ownedBy(users.rep(), "own");
            Contact free = ownedBy(0, "free");
            ownedBy(users.manager(), "other");
            CrmSession rep = as(users.rep());
            for (String blank : List.of("", "   ", "\t", " \r\n ")) {
                assertThat(search(rep, blank)).as("search('%s')", blank).containsExactlyInAnyOrder(own.id(), free.id());
                assertThat(rep.contacts().list(ContactQuery.builder().filter(Filter.not(Filter.search(blank))).build())
                        .items()).as("not(search('%s'))", blank).isEmpty();
            }
        }

        @Test
        @DisplayName("spaces around a term do not change what it finds")
        void spacesAroundATermAreIgnored() {
            Contact ada = ownedBy(users.manager(), "ada");
            ownedBy(users.manager(), "bob");
            CrmSession manager = as(users.manager());
            assertThat(search(manager, "  First ada ")).containsExactly(ada.id());
            assertThat(search(manager, "\tada\n")).containsExactly(ada.id());
        }
    }

    // ---- import: header, owner, bad rows (issue 10 item 14) ---------------------------------------------------

    @Nested
    @DisplayName("import: one error for every bad header column; an owner option; good rows of a batch may land")
    class ImportOptionsAndHeader {

        private List<String> violations(ThrowingCallable call) {
            List<String> found = new ArrayList<>();
            assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class,
                    e -> e.violations().forEach(v -> found.add(v.field() + ":" + v.rule())));
            return found;
        }

        @Test
        @DisplayName("unknown, hidden, duplicate, unsettable and missing required columns come in one error")
        void headerProblemsAreOneError() {
            CrmSession rep = as(users.rep());
            List<Contact> before = everything();
            String csv = "first_name," + CONTRACT_VALUE + ",no_such_field," + LEAD_SCORE + ",First\r\n"
                    + "Ada,1,2,3,Ada\r\n";
            List<String> found = violations(() -> rep.importCsv(new StringReader(csv),
                    ImportOptions.defaults().withColumnMapping(Map.of("First", "first_name")), ImportListener.NONE));
            assertThat(found).containsExactlyInAnyOrder(CONTRACT_VALUE + ":unknown_field", "no_such_field:unknown_field",
                    LEAD_SCORE + ":permission_denied", "First:duplicate_column", "email:required");
            // The hidden column is refused with exactly the words of the one that does not exist.
            assertThatThrownBy(() -> rep.importCsv(new StringReader("email," + CONTRACT_VALUE + "\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE)).hasMessage("field '" + CONTRACT_VALUE + "' is unknown");
            assertThatThrownBy(() -> rep.importCsv(new StringReader("email,no_such_field\r\n"),
                    ImportOptions.defaults(), ImportListener.NONE)).hasMessage("field 'no_such_field' is unknown");
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("created contacts are unassigned, the importing user's or a given user's; updated ones keep theirs")
        void ownerOption() {
            CrmSession manager = as(users.manager());
            Contact mates = ownedBy(users.teammate(), "mates");
            manager.importCsv(new StringReader("email\r\nnone@example.com\r\n"), ImportOptions.defaults(),
                    ImportListener.NONE);
            manager.importCsv(new StringReader("email\r\nmine@example.com\r\n"),
                    ImportOptions.defaults().withOwner(ImportOptions.Owner.importingUser()), ImportListener.NONE);
            manager.importCsv(new StringReader("email,first_name\r\nreps@example.com,R\r\nmates@example.com,M\r\n"),
                    ImportOptions.defaults().withOwner(ImportOptions.Owner.user(users.rep())).withUpsert(true),
                    ImportListener.NONE);
            Map<String, Long> owners = new LinkedHashMap<>();
            everything().forEach(c -> owners.put(c.text("email").orElseThrow(), c.owner().orElse(0)));
            assertThat(owners).containsEntry("none@example.com", 0L).containsEntry("mine@example.com", users.manager())
                    .containsEntry("reps@example.com", users.rep()).containsEntry("mates@example.com", users.teammate());
            assertThat(as(users.admin()).contacts().get(mates.id()).text("first_name")).hasValue("M");

            List<Contact> before = everything();
            assertThat(violations(() -> manager.importCsv(new StringReader("email\r\nghost@example.com\r\n"),
                    ImportOptions.defaults().withOwner(ImportOptions.Owner.user(987_654_321L)), ImportListener.NONE)))
                    .containsExactly("owner:unknown_user");
            assertThat(everything()).isEqualTo(before);
        }

        @Test
        @DisplayName("with SKIP_ROW the good rows of a batch land and each bad row is reported; by default none land")
        void goodRowsOfABatchMayLand() {
            ownedBy(users.manager(), "stored");
            String csv = "email," + LEAD_STATUS + "\r\n"
                    + "a@example.com,new\r\n"
                    + "not an address,new\r\n"
                    + "b@example.com,new\r\n"
                    + "STORED@example.com,new\r\n"
                    + "c@example.com,bogus\r\n"
                    + "d@example.com,lost\r\n";
            CrmSession manager = as(users.manager());
            List<Contact> before = everything();
            ImportReport whole = manager.importCsv(new StringReader(csv), ImportOptions.defaults().withBatchSize(10),
                    ImportListener.NONE);
            assertThat(whole.imported()).isZero();
            assertThat(whole.rolledBack()).isEqualTo(3);
            assertThat(everything()).isEqualTo(before);

            List<long[]> progress = new ArrayList<>();
            ImportReport report = manager.importCsv(new StringReader(csv), ImportOptions.defaults().withBatchSize(10)
                    .withBadRows(ImportOptions.BadRows.SKIP_ROW), (read, imported, failed) ->
                    progress.add(new long[] {read, imported, failed}));
            assertThat(report.rowsRead()).isEqualTo(6);
            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.rolledBack()).isZero();
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactly("2:email:email", "4:email:unique", "5:" + LEAD_STATUS + ":option");
            assertThat(progress).singleElement().satisfies(p -> assertThat(p).containsExactly(6, 3, 3));
            assertThat(everything()).extracting(c -> c.text("email").orElseThrow()).containsExactlyInAnyOrder(
                    "stored@example.com", "a@example.com", "b@example.com", "d@example.com");
        }

        @Test
        @DisplayName("upsert: matched rows update in one batch; a field the importer may not change, or a contact out"
                + " of its view, refuses just that row")
        void upsertRefusesRowByRowAndUpdatesTheRest() {
            // Issue 13 item 6: the matched rows are written together; the per-row checks and report are unchanged.
            Contact first = ownedBy(users.rep(), "first");
            Contact second = ownedBy(users.rep(), "second");
            Contact third = ownedBy(users.rep(), "third");
            Contact others = ownedBy(users.manager(), "others");
            // The rep may set lead_source when creating but never change it; the manager's contact is out of view.
            String csv = "email," + LEAD_SOURCE + "," + LEAD_STATUS + "\r\n"
                    + "first@example.com,,qualified\r\n"
                    + "second@example.com,web,lost\r\n"
                    + "others@example.com,,lost\r\n"
                    + "fresh@example.com,fair,new\r\n"
                    + "third@example.com,,lost\r\n";
            CrmSession rep = as(users.rep());
            ImportOptions upsert = ImportOptions.defaults().withBatchSize(10).withUpsert(true)
                    .withOwner(ImportOptions.Owner.importingUser());
            List<Contact> before = everything();

            ImportReport whole = rep.importCsv(new StringReader(csv), upsert, ImportListener.NONE);
            assertThat(whole.imported()).as("rows imported when a bad row rolls back its batch").isZero();
            assertThat(everything()).as("contacts after the rolled-back batch").isEqualTo(before);

            ImportReport report = rep.importCsv(new StringReader(csv),
                    upsert.withBadRows(ImportOptions.BadRows.SKIP_ROW), ImportListener.NONE);
            assertThat(report.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.rule())
                    .containsExactly("2:" + LEAD_SOURCE + ":permission_denied", "3:email:unique");
            assertThat(report.imported()).isEqualTo(3);
            CrmSession admin = as(users.admin());
            Contact firstAfter = admin.contacts().get(first.id());
            assertThat(firstAfter.values()).containsEntry(LEAD_STATUS, "qualified")
                    .containsEntry(LEAD_SOURCE, "web first");
            assertThat(firstAfter.version()).isEqualTo(first.version() + 1);
            Contact thirdAfter = admin.contacts().get(third.id());
            assertThat(thirdAfter.values()).containsEntry(LEAD_STATUS, "lost");
            assertThat(thirdAfter.version()).isEqualTo(third.version() + 1);
            assertThat(admin.contacts().get(second.id())).as("the refused row's contact").isEqualTo(second);
            assertThat(admin.contacts().get(others.id())).as("the contact out of view").isEqualTo(others);
            assertThat(everything()).hasSize(before.size() + 1);
        }
    }

    // ---- administration (issue 10 items 15 and 16) ------------------------------------------------------------

    @Nested
    @DisplayName("administration: grants name existing fields; unique keys are named; setup can be re-run")
    class Administration {

        @Test
        @DisplayName("a role granting rights on a field that does not exist is refused naming the key")
        void grantOnUnknownFieldIsRefused() {
            CrmSession admin = as(users.admin());
            List<Role> before = admin.admin().roles();
            assertThatThrownBy(() -> admin.admin().saveRole(Role.builder("Typo").field("email", FieldRights.FULL)
                    .field("nope", FieldRights.READ_ONLY).field("no_such_field", FieldRights.FULL).build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule() + ":" + v.message()).containsExactly(
                                    "fieldRights:unknown_field:role 'Typo' grants rights on field 'nope', which does"
                                            + " not exist",
                                    "fieldRights:unknown_field:role 'Typo' grants rights on field 'no_such_field',"
                                            + " which does not exist"));
            assertThat(admin.admin().roles()).isEqualTo(before);

            // An inactive field exists: it may be granted (and the grant applies again when it is reactivated).
            FieldDefinition source = admin.admin().customFields().stream().filter(f -> f.key().equals(LEAD_SOURCE))
                    .findFirst().orElseThrow();
            admin.admin().updateField(source.withFlags(source.required(), false, source.readOnly(), source.sensitive()));
            Role granted = admin.admin().saveRole(Role.builder("Sources").field(LEAD_SOURCE, FieldRights.READ_ONLY)
                    .build());
            assertThat(admin.admin().roles()).contains(granted);
        }
    
        @Test
        @DisplayName("a duplicate field key, login or user id is refused naming it, and nothing changes")
        void duplicatesNameTheirKey() {
            CrmSession admin = as(users.admin());
            List<FieldDefinition> fields = admin.admin().customFields();
            List<User> people = admin.admin().users();
            assertThatThrownBy(() -> admin.admin().defineField(FieldDefinition.custom(LEAD_SOURCE, FieldType.TEXT)
                    .build())).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.first().field()).isEqualTo("key");
                        assertThat(e.first().rule()).isEqualTo("unique");
                    }).hasMessage("custom field '" + LEAD_SOURCE + "' is already defined");
            assertThatThrownBy(() -> admin.admin().createUser(new User(0, "rep", "Another", List.of(), Set.of(), true)))
                    .isInstanceOf(CrmValidationException.class).hasMessage("login 'rep' is already taken");
            assertThatThrownBy(() -> admin.admin().createUser(new User(users.rep(), "fresh", "Fresh", List.of(),
                    Set.of(), true))).isInstanceOf(CrmValidationException.class)
                    .hasMessage("user id " + users.rep() + " is already taken");
            User manager = people.stream().filter(u -> u.id() == users.manager()).findFirst().orElseThrow();
            assertThatThrownBy(() -> admin.admin().updateUser(new User(manager.id(), "rep", manager.displayName(),
                    manager.roleNames(), manager.teamIds(), true))).isInstanceOf(CrmValidationException.class)
                    .hasMessage("login 'rep' is already taken");
            assertThat(admin.admin().customFields()).isEqualTo(fields);
            assertThat(admin.admin().users()).containsExactlyInAnyOrderElementsOf(people);
        }

        @Test
        @DisplayName("a host's setup runs twice: ensureField, saveRole and ensureUser create once, then check")
        void setupRunsTwice() {
            for (int run = 0; run < 2; run++) {
                CrmSession admin = as(users.admin());
                FieldDefinition region = admin.admin().ensureField(FieldDefinition.custom("region", FieldType.SELECT)
                        .label("Region").options("north", "south").build());
                Role regional = admin.admin().saveRole(Role.builder("Regional").field("region", FieldRights.FULL)
                        .build());
                User rita = admin.admin().ensureUser(new User(0, "rita", "Rita", List.of("Regional"), Set.of(9L),
                        true));
                assertThat(region.options()).containsExactly("north", "south");
                assertThat(admin.admin().customFields()).filteredOn(f -> f.key().equals("region")).hasSize(1);
                assertThat(admin.admin().roles()).filteredOn(r -> r.name().equals("Regional"))
                        .containsExactly(regional);
                assertThat(admin.admin().users()).filteredOn(u -> u.login().equals("rita")).singleElement()
                        .isEqualTo(rita);
            }
        }

        @Test
        @DisplayName("a declaration that differs from what is stored is refused, naming every difference")
        void conflictingDeclarationsAreReported() {
            CrmSession admin = as(users.admin());
            List<FieldDefinition> fields = admin.admin().customFields();
            List<User> people = admin.admin().users();
            assertThatThrownBy(() -> admin.admin().ensureField(FieldDefinition.custom(LEAD_SOURCE, FieldType.SELECT)
                    .label("Lead Source").options("web", "fair").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule()).containsExactly("type:conflict",
                                    "options:conflict"))
                    .hasMessageContaining("custom field '" + LEAD_SOURCE + "' is already defined with type TEXT, not SELECT");
            assertThatThrownBy(() -> admin.admin().ensureUser(new User(0, "rep", "Someone else",
                    List.of(SeedRoles.SALES_MANAGER.name()), Set.of(), true)))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule()).containsExactly("displayName:conflict",
                                    "roleNames:conflict", "teamIds:conflict"))
                    .hasMessageContaining("user 'rep' already exists with displayName 'rep', not 'Someone else'");
            assertThat(admin.admin().customFields()).isEqualTo(fields);
            assertThat(admin.admin().users()).containsExactlyInAnyOrderElementsOf(people);
        }
    }

    // ---- the audit trail (issue 12) ---------------------------------------------------------------------------

    /**
     * Direct access to the store's audit table, as a database administrator has it, so that the kit can tamper with
     * it and check that {@code verify()} names the first bad entry. Override it for every store with a SQL database;
     * without it the tampering checks are reported as skipped.
     */
    protected Optional<AuditTables> auditTables() {
        return Optional.empty();
    }

    @Nested
    @DisplayName("the audit trail: filtered by read rights now, tamper-evident, purged with a checkpoint (issue 12)")
    class Audit extends AuditContract {
        Audit() {
            super(CrmServiceCompatibilityKit.this);
        }
    }
}
