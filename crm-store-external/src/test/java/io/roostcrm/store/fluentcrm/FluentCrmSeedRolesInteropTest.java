package io.roostcrm.store.fluentcrm;

import static io.roostcrm.store.fluentcrm.FluentCrmRows.SEED_WRITTEN_AT;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_ADMIN;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_MANAGER;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_MARKETER;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_REP;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_SUPPORT;
import static io.roostcrm.store.fluentcrm.FluentCrmRows.WP_TEAMMATE;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Subject;
import io.roostcrm.tck.service.SeedRoles;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The seed's example roles ({@code seeds/001}, {@link SeedRoles}) on contacts FluentCRM wrote: the seed's custom
 * fields defined in {@code fc_meta} and valued in {@code fc_subscriber_meta}, owners as WordPress user ids in
 * {@code contact_owner}, all as FluentCRM writes them ({@link FluentCrmRows#insertSeedSite}). Roles and users are
 * installed through Roost's administration with the WordPress users' ids. Each role must see exactly its fields on
 * each row, never a hidden one (in get, list, filter or export), and edit exactly what the seed allows: an allowed
 * edit is then what FluentCRM reads, a refused one leaves FluentCRM's rows byte for byte as they were.
 */
class FluentCrmSeedRolesInteropTest extends FluentCrmTestSupport {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The service's clock: 12:00Z, which is 13:00 wall-clock on the (Berlin) site. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String NOW_ON_SITE = "2026-11-23 13:00:00";
    private static final List<String> CSV_META = List.of("id", "owner", "created_at", "updated_at");
    private static final List<String> CONTRACT_VALUES = List.of("987654.32", "120034.56", "445566.77", "31337.5");
    private static final Set<String> EVERY_FIELD = union(Set.copyOf(StandardFields.keys()),
            Set.copyOf(SeedRoles.CUSTOM_FIELDS));

    /**
     * What each contact of the seed site holds, in Roost's types: written down from the seed site's description,
     * independently of the SQL that wrote the rows.
     */
    private static final Map<Long, Map<String, Object>> WRITTEN = Map.of(
            1L, values("email", "ada@example.com", "first_name", "Ada", "last_name", "Lovelace",
                    "phone", "+44 20 7946 0000", "city", "London", "country", "GB", "status", "subscribed",
                    "contact_type", "lead", LEAD_SOURCE, "web", LEAD_STATUS, "working", LEAD_SCORE, number("42"),
                    CONTRACT_VALUE, number("987654.32"), SALES_NOTES, "Wants a demo", SUPPORT_TIER, "gold",
                    LAST_SUPPORT_DATE, LocalDate.of(2026, 3, 14), SUPPORT_NOTES, "Reset password",
                    MARKETING_OPT_IN, "yes", ENGAGEMENT_SCORE, number("7.5"), LAST_CAMPAIGN, "Spring launch"),
            2L, values("email", "grace@example.com", "first_name", "Grace", "last_name", "Hopper", "city", "Arlington",
                    "status", "subscribed", "contact_type", "lead", LEAD_SOURCE, "referral", LEAD_STATUS, "new",
                    CONTRACT_VALUE, number("120034.56"), MARKETING_OPT_IN, "no"),
            3L, values("email", "linus@example.com", "first_name", "Linus", "last_name", "Torvalds",
                    "phone", "+358 9 123 4567", "status", "subscribed", "contact_type", "lead",
                    LEAD_STATUS, "qualified", LEAD_SCORE, number("17"), CONTRACT_VALUE, number("445566.77"),
                    SALES_NOTES, "Kernel licence talk", SUPPORT_TIER, "silver", SUPPORT_NOTES, "Mailing list issue",
                    ENGAGEMENT_SCORE, number("3")),
            4L, values("email", "margaret@example.com", "first_name", "Margaret", "last_name", "Hamilton",
                    "status", "subscribed", "contact_type", "lead", LEAD_SOURCE, "fair", LEAD_STATUS, "lost",
                    CONTRACT_VALUE, number("31337.5"), LAST_SUPPORT_DATE, LocalDate.of(2025, 12, 1),
                    LAST_CAMPAIGN, "Moon shot", MARKETING_OPT_IN, "yes"),
            5L, values("email", "edsger@example.com", "first_name", "Edsger", "status", "unsubscribed",
                    "contact_type", "customer", LEAD_STATUS, "new", SALES_NOTES, "Prefers letters",
                    SUPPORT_NOTES, "Goto considered harmful", ENGAGEMENT_SCORE, number("0.25")));

    private Crm crm;

    @BeforeEach
    void seedSiteWithRolesAndWordPressUsers() {
        FluentCrmRows.insertSeedSite(db, p);
        crm = Crm.builder().store(open(BERLIN)).closeStoreOnClose(false)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        // Bootstrapping: no stored user exists yet, so the host vouches for a super admin directly.
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(SeedRoles.ADMINISTRATOR)));
        SeedRoles.ROLES.forEach(role -> root.admin().saveRole(role));
        user(root, WP_ADMIN, "admin", Set.of(), SeedRoles.ADMINISTRATOR);
        user(root, WP_REP, "rep", Set.of(SeedRoles.SALES_TEAM), SeedRoles.SALES_REP);
        user(root, WP_TEAMMATE, "rep2", Set.of(SeedRoles.SALES_TEAM), SeedRoles.SALES_REP);
        user(root, WP_MANAGER, "manager", Set.of(SeedRoles.SALES_TEAM), SeedRoles.SALES_MANAGER);
        user(root, WP_SUPPORT, "support", Set.of(SeedRoles.SUPPORT_TEAM), SeedRoles.SUPPORT_AGENT);
        user(root, WP_MARKETER, "marketer", Set.of(), SeedRoles.MARKETING_TEAM);
    }

    @AfterEach
    void closeCrm() {
        if (crm != null) {
            crm.close();
        }
    }

    private static void user(CrmSession root, long wordPressId, String login, Set<Long> teams, Role role) {
        User created = root.admin().createUser(new User(wordPressId, login, login, List.of(role.name()), teams, true));
        assertThat(created.id()).as("the WordPress user id is kept").isEqualTo(wordPressId);
    }

    // ---- the definitions --------------------------------------------------------------------------------------

    @Test
    void fluentCrmDefinitionsAreTheSeedFieldsWithTheOptInAsAYesNoSelect() {
        Map<String, FieldDefinition> fields = new LinkedHashMap<>();
        crm.as(WP_MANAGER).fields().forEach(f -> fields.put(f.key(), f));

        assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(EVERY_FIELD);
        assertThat(fields.get(MARKETING_OPT_IN).type()).isEqualTo(FieldType.SELECT);
        assertThat(fields.get(MARKETING_OPT_IN).options()).containsExactly("yes", "no");
        assertThat(fields.get(LEAD_SOURCE).type()).isEqualTo(FieldType.SELECT);
        assertThat(fields.get(LEAD_SOURCE).options()).containsExactly("web", "referral", "fair", "partner");
        assertThat(fields.get(LEAD_STATUS).options()).containsExactlyElementsOf(SeedRoles.LEAD_STATUSES);
        assertThat(fields.get(SUPPORT_TIER).options()).containsExactlyElementsOf(SeedRoles.SUPPORT_TIERS);
        assertThat(List.of(LEAD_SCORE, CONTRACT_VALUE, ENGAGEMENT_SCORE)).allSatisfy(k ->
                assertThat(fields.get(k).type()).as(k).isEqualTo(FieldType.NUMBER));
        assertThat(fields.get(SALES_NOTES).type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(fields.get(SUPPORT_NOTES).type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(fields.get(LAST_SUPPORT_DATE).type()).isEqualTo(FieldType.DATE);
        assertThat(fields.get(LAST_CAMPAIGN).type()).isEqualTo(FieldType.TEXT);
    }

    // ---- what each role sees ----------------------------------------------------------------------------------

    @Test
    void salesRepresentativeSeesItsOwnAndUnassignedFluentCrmContactsWithExactlyTheSalesFields() {
        CrmSession rep = crm.as(WP_REP);

        assertSeesExactly(WP_REP, Set.of(1L, 2L, 5L), SALES_REP_READS);
        // Spelled out once: contact 1 has every field, so the rep sees every field it may read, and no other.
        assertThat(rep.contacts().get(1).values().keySet()).containsExactlyInAnyOrder("email", "first_name",
                "last_name", "phone", LEAD_SOURCE, LEAD_STATUS, LEAD_SCORE, SALES_NOTES);
        assertThat(rep.contacts().get(5).values().keySet()).containsExactlyInAnyOrder("email", "first_name",
                LEAD_STATUS, SALES_NOTES);
        // contact_owner 11 is the rep; NULL and 0 are both unassigned.
        assertThat(rep.contacts().get(1).owner()).hasValue(WP_REP);
        assertThat(rep.contacts().get(2).owner()).isEmpty();
        assertThat(rep.contacts().get(5).owner()).isEmpty();
        assertThatThrownBy(() -> rep.contacts().get(3)).isInstanceOf(CrmNotFoundException.class)
                .hasMessage("contact 3 not found");
        assertThat(rep.contacts().find(4)).isEmpty();
        assertContractValueHidden(WP_REP, SALES_REP_READS, 3);
    }

    @Test
    void salesManagerSeesEveryFluentCrmContactWithEveryFieldIncludingTheContractValue() {
        CrmSession manager = crm.as(WP_MANAGER);

        assertSeesExactly(WP_MANAGER, Set.of(1L, 2L, 3L, 4L, 5L), EVERY_FIELD);
        assertThat(manager.contacts().get(3).owner()).hasValue(WP_TEAMMATE);
        // FluentCRM's 10:15 wall-clock in Berlin (UTC+1 in November) is 09:15Z.
        assertThat(manager.contacts().get(1).createdAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
        // FluentCRM keeps numbers as text; compared as text, "31337.5" would be above "100000" and sort last.
        assertThat(manager.contacts().list(ContactQuery.builder().filter(Filter.gt(CONTRACT_VALUE, 100_000))
                .sort(Sort.asc(CONTRACT_VALUE)).build()).items()).extracting(Contact::id).containsExactly(2L, 3L, 1L);
        StringWriter csv = new StringWriter();
        assertThat(manager.export(Filter.all(), ExportFormat.CSV, csv)).isEqualTo(5);
        assertThat(header(csv)).containsExactlyInAnyOrderElementsOf(union(Set.copyOf(CSV_META), EVERY_FIELD));
        assertThat(csv.toString()).contains(CONTRACT_VALUES);
    }

    @Test
    void supportAgentSeesEveryFluentCrmContactWithStandardAndSupportFieldsButNoContractValue() {
        CrmSession support = crm.as(WP_SUPPORT);

        assertSeesExactly(WP_SUPPORT, Set.of(1L, 2L, 3L, 4L, 5L), SUPPORT_AGENT_READS);
        assertThat(support.contacts().get(1).values().keySet()).containsExactlyInAnyOrder("email", "first_name",
                "last_name", "phone", "city", "country", "status", "contact_type", LEAD_STATUS, SUPPORT_TIER,
                LAST_SUPPORT_DATE, SUPPORT_NOTES);
        assertContractValueHidden(WP_SUPPORT, SUPPORT_AGENT_READS, 5);
    }

    @Test
    void marketingTeamSeesEveryFluentCrmContactWithEmailAndMarketingFieldsButNoContractValue() {
        CrmSession marketer = crm.as(WP_MARKETER);

        assertSeesExactly(WP_MARKETER, Set.of(1L, 2L, 3L, 4L, 5L), MARKETING_READS);
        assertThat(marketer.contacts().get(1).values()).isEqualTo(Map.of("email", "ada@example.com",
                MARKETING_OPT_IN, "yes", ENGAGEMENT_SCORE, number("7.5"), LAST_CAMPAIGN, "Spring launch",
                LEAD_STATUS, "working"));
        assertThat(marketer.contacts().list(ContactQuery.builder().filter(Filter.eq(MARKETING_OPT_IN, "no")).build())
                .items()).extracting(Contact::id).containsExactly(2L);
        assertContractValueHidden(WP_MARKETER, MARKETING_READS, 5);
    }

    // ---- what each role may edit ------------------------------------------------------------------------------

    @Test
    void salesRepresentativeEditsLeadStatusAndSalesNotesOnItsContactAsFluentCrmReadsThem() {
        Contact ada = crm.as(WP_REP).contacts().get(1);

        Contact updated = crm.as(WP_REP).contacts().update(ContactPatch.of(ada).set(LEAD_STATUS, "qualified")
                .set(SALES_NOTES, "Demo booked for Monday").build());

        Map<String, Object> now = changed(WRITTEN.get(1L), LEAD_STATUS, "qualified", SALES_NOTES,
                "Demo booked for Monday");
        assertThat(updated.values()).isEqualTo(only(now, SALES_REP_READS));
        assertFluentCrmReads(1, Map.of(LEAD_STATUS, "qualified", SALES_NOTES, "Demo booked for Monday"), Set.of(),
                WP_REP);
        assertThat(crm.as(WP_MANAGER).contacts().get(1).values()).isEqualTo(now);
    }

    @Test
    void salesRepresentativeCannotChangeTheLeadSourceTheContractValueOrATeammatesContact() {
        CrmSession rep = crm.as(WP_REP);
        Contact ada = rep.contacts().get(1);

        assertRefusedLeavingFluentCrmRowsUnchanged(() -> rep.contacts().update(ContactPatch.of(ada)
                .set(LEAD_SOURCE, "partner").build()), CrmPermissionDeniedException.class);
        assertThatThrownBy(() -> rep.contacts().update(ContactPatch.of(ada).set(LEAD_SOURCE, "partner").build()))
                .isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_FIELD_RIGHT))
                .hasMessageContaining("field '" + LEAD_SOURCE + "'");
        assertRefusedLeavingFluentCrmRowsUnchanged(() -> rep.contacts().update(ContactPatch.of(ada)
                .set(CONTRACT_VALUE, 1).build()), CrmValidationException.class);
        assertUnknownField(() -> rep.contacts().update(ContactPatch.of(ada).set(CONTRACT_VALUE, 1).build()),
                CONTRACT_VALUE);
        assertRefusedLeavingFluentCrmRowsUnchanged(() -> rep.contacts().update(ContactPatch.of(3, 1)
                .set(SALES_NOTES, "mine now").build()), CrmNotFoundException.class);
    }

    @Test
    void salesManagerEditsTheContractValueAndLeadSourceOfATeammatesContactAsFluentCrmReadsThem() {
        Contact linus = crm.as(WP_MANAGER).contacts().get(3);

        Contact updated = crm.as(WP_MANAGER).contacts().update(ContactPatch.of(linus)
                .set(CONTRACT_VALUE, new BigDecimal("1000000.5")).set(LEAD_SOURCE, "partner").build());

        assertThat(updated.values()).isEqualTo(changed(WRITTEN.get(3L), CONTRACT_VALUE, number("1000000.5"),
                LEAD_SOURCE, "partner"));
        // contract_value had a row (updated in place); lead_source had none (a new row, as FluentCRM inserts it).
        assertFluentCrmReads(3, Map.of(CONTRACT_VALUE, "1000000.5", LEAD_SOURCE, "partner"), Set.of(LEAD_SOURCE),
                WP_MANAGER);
    }

    @Test
    void salesManagerCannotSetALeadSourceFluentCrmDoesNotOffer() {
        CrmSession manager = crm.as(WP_MANAGER);
        Contact linus = manager.contacts().get(3);

        assertRefusedLeavingFluentCrmRowsUnchanged(() -> manager.contacts().update(ContactPatch.of(linus)
                .set(LEAD_SOURCE, "carrier pigeon").build()), CrmValidationException.class);
        assertThatThrownBy(() -> manager.contacts().update(ContactPatch.of(linus).set(LEAD_SOURCE, "carrier pigeon")
                .build())).isInstanceOfSatisfying(CrmValidationException.class, e ->
                assertThat(e.violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(LEAD_SOURCE);
                    assertThat(v.rule()).isEqualTo("option");
                }));
    }

    @Test
    void supportAgentEditsSupportFieldsOfAnUnassignedContactAsFluentCrmReadsThem() {
        Contact grace = crm.as(WP_SUPPORT).contacts().get(2);

        Contact updated = crm.as(WP_SUPPORT).contacts().update(ContactPatch.of(grace).set(SUPPORT_TIER, "bronze")
                .set(LAST_SUPPORT_DATE, LocalDate.of(2026, 11, 22)).set(SUPPORT_NOTES, "Compiler question").build());

        Map<String, Object> now = changed(WRITTEN.get(2L), SUPPORT_TIER, "bronze", LAST_SUPPORT_DATE,
                LocalDate.of(2026, 11, 22), SUPPORT_NOTES, "Compiler question");
        assertThat(updated.values()).isEqualTo(only(now, SUPPORT_AGENT_READS));
        assertFluentCrmReads(2, Map.of(SUPPORT_TIER, "bronze", LAST_SUPPORT_DATE, "2026-11-22", SUPPORT_NOTES,
                "Compiler question"), Set.of(SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES), WP_SUPPORT);
        assertThat(crm.as(WP_MANAGER).contacts().get(2).values()).isEqualTo(now);
    }

    @Test
    void supportAgentCannotChangeTheLeadStatusOrAStandardField() {
        CrmSession support = crm.as(WP_SUPPORT);
        Contact grace = support.contacts().get(2);

        assertRefusedLeavingFluentCrmRowsUnchanged(() -> support.contacts().update(ContactPatch.of(grace)
                .set(LEAD_STATUS, "working").build()), CrmPermissionDeniedException.class);
        assertThatThrownBy(() -> support.contacts().update(ContactPatch.of(grace).set(LEAD_STATUS, "working").build()))
                .isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_FIELD_RIGHT))
                .hasMessageContaining(LEAD_STATUS);
        assertRefusedLeavingFluentCrmRowsUnchanged(() -> support.contacts().update(ContactPatch.of(grace)
                .set("city", "Washington").build()), CrmPermissionDeniedException.class);
        assertRefusedLeavingFluentCrmRowsUnchanged(() -> support.contacts().update(ContactPatch.of(grace)
                .set(CONTRACT_VALUE, 1).build()), CrmValidationException.class);
    }

    @Test
    void marketingTeamEditsMarketingFieldsAsFluentCrmReadsThem() {
        Contact margaret = crm.as(WP_MARKETER).contacts().get(4);

        Contact updated = crm.as(WP_MARKETER).contacts().update(ContactPatch.of(margaret).set(MARKETING_OPT_IN, "no")
                .set(ENGAGEMENT_SCORE, 9).set(LAST_CAMPAIGN, "Apollo 11").build());

        Map<String, Object> now = changed(WRITTEN.get(4L), MARKETING_OPT_IN, "no", ENGAGEMENT_SCORE, number("9"),
                LAST_CAMPAIGN, "Apollo 11");
        assertThat(updated.values()).isEqualTo(only(now, MARKETING_READS));
        assertFluentCrmReads(4, Map.of(MARKETING_OPT_IN, "no", ENGAGEMENT_SCORE, "9", LAST_CAMPAIGN, "Apollo 11"),
                Set.of(ENGAGEMENT_SCORE), WP_MARKETER);
        assertThat(crm.as(WP_MANAGER).contacts().get(4).values()).isEqualTo(now);
    }

    @Test
    void marketingTeamCannotChangeTheEmailOrTheLeadStatus() {
        CrmSession marketer = crm.as(WP_MARKETER);
        Contact margaret = marketer.contacts().get(4);

        assertRefusedLeavingFluentCrmRowsUnchanged(() -> marketer.contacts().update(ContactPatch.of(margaret)
                .set("email", "peggy@example.com").build()), CrmPermissionDeniedException.class);
        assertThatThrownBy(() -> marketer.contacts().update(ContactPatch.of(margaret).set("email", "peggy@example.com")
                .build())).isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_FIELD_RIGHT))
                .hasMessageContaining("field 'email'");
        assertRefusedLeavingFluentCrmRowsUnchanged(() -> marketer.contacts().update(ContactPatch.of(margaret)
                .set(LEAD_STATUS, "new").build()), CrmPermissionDeniedException.class);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The user sees exactly these contacts, each with exactly its written values of these fields, in get and list. */
    private void assertSeesExactly(long userId, Set<Long> visible, Set<String> reads) {
        CrmSession session = crm.as(userId);
        assertThat(session.fields()).extracting(FieldDefinition::key).containsExactlyInAnyOrderElementsOf(reads);
        List<Contact> listed = session.contacts().list(ContactQuery.all()).items();
        assertThat(listed).extracting(Contact::id).containsExactlyInAnyOrderElementsOf(visible);
        for (Contact c : listed) {
            Map<String, Object> expected = only(WRITTEN.get(c.id()), reads);
            assertThat(c.values()).as("contact %d listed", c.id()).isEqualTo(expected);
            assertThat(c.values().keySet()).as("keys of contact %d listed", c.id())
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(session.contacts().get(c.id()).values()).as("contact %d got", c.id()).isEqualTo(expected);
        }
        for (long id : WRITTEN.keySet()) {
            if (!visible.contains(id)) {
                assertThat(session.contacts().find(id)).as("contact %d", id).isEmpty();
            }
        }
    }

    /** The contract value is nowhere: not in get or list, refused in filters and sorts, not in the CSV export. */
    private void assertContractValueHidden(long userId, Set<String> reads, int visible) {
        CrmSession session = crm.as(userId);
        assertThat(session.contacts().list(ContactQuery.all()).items())
                .allSatisfy(c -> assertThat(c.values()).doesNotContainKey(CONTRACT_VALUE));
        for (long id : WRITTEN.keySet()) {
            session.contacts().find(id).ifPresent(c -> assertThat(c.has(CONTRACT_VALUE)).as("contact %d", id).isFalse());
        }
        assertUnknownField(() -> session.contacts().list(ContactQuery.builder()
                .filter(Filter.gt(CONTRACT_VALUE, 1)).build()), CONTRACT_VALUE);
        assertUnknownField(() -> session.contacts().list(ContactQuery.builder()
                .filter(Filter.not(Filter.isEmpty(CONTRACT_VALUE))).build()), CONTRACT_VALUE);
        assertUnknownField(() -> session.contacts().list(ContactQuery.builder()
                .sort(Sort.desc(CONTRACT_VALUE)).build()), CONTRACT_VALUE);
        assertUnknownField(() -> session.export(Filter.eq(CONTRACT_VALUE, new BigDecimal("987654.32")),
                ExportFormat.CSV, new StringWriter()), CONTRACT_VALUE);

        StringWriter csv = new StringWriter();
        assertThat(session.export(Filter.all(), ExportFormat.CSV, csv)).isEqualTo(visible);
        assertThat(header(csv)).containsExactlyInAnyOrderElementsOf(union(Set.copyOf(CSV_META), reads))
                .doesNotContain(CONTRACT_VALUE);
        assertThat(csv.toString().lines()).hasSize(visible + 1);
        for (String value : CONTRACT_VALUES) {
            assertThat(csv.toString()).doesNotContain(value);
        }
    }

    private static List<String> header(StringWriter csv) {
        return List.of(csv.toString().lines().findFirst().orElseThrow().split(","));
    }

    private static void assertUnknownField(ThrowingCallable call, String key) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                    assertThat(e.first().field()).isEqualTo(key);
                    assertThat(e.first().rule()).isEqualTo("unknown_field");
                })
                .hasMessage("field '" + key + "' is unknown");
    }

    /** Runs a refused call and checks that every FluentCRM table is byte for byte unchanged, and Roost's view too. */
    private void assertRefusedLeavingFluentCrmRowsUnchanged(ThrowingCallable call, Class<? extends Throwable> type) {
        Map<String, String> tables = db.checksums(p);
        List<Map<String, Object>> subscribers = db.query("SELECT * FROM " + p + "fc_subscribers ORDER BY id");
        List<Map<String, Object>> meta = db.query("SELECT * FROM " + p + "fc_subscriber_meta ORDER BY id");
        List<Contact> roost = crm.as(WP_MANAGER).contacts().list(ContactQuery.all()).items();

        assertThatThrownBy(call).isInstanceOf(type);

        assertThat(db.checksums(p)).as("FluentCRM's tables").isEqualTo(tables);
        assertThat(db.query("SELECT * FROM " + p + "fc_subscribers ORDER BY id")).isEqualTo(subscribers);
        assertThat(db.query("SELECT * FROM " + p + "fc_subscriber_meta ORDER BY id")).isEqualTo(meta);
        assertThat(crm.as(WP_MANAGER).contacts().list(ContactQuery.all()).items()).isEqualTo(roost);
    }

    /**
     * What FluentCRM reads for a contact after an allowed edit: for each changed slug exactly one
     * {@code custom_field} row holding the text FluentCRM writes, written at the site's wall-clock time (new rows
     * by the acting WordPress user); every other meta row as the seed site wrote it; the contact row itself
     * unchanged but for its site-local {@code updated_at}.
     */
    /**
     * @param writer the WordPress user who made the change: FluentCRM records the writer of a new value row as its
     *               {@code created_by}; rows that existed keep the site administrator who wrote the seed
     */
    private void assertFluentCrmReads(long contactId, Map<String, String> changedText, Set<String> newRows,
                                      long writer) {
        Map<String, Object> subscriber = db.query("SELECT * FROM " + p + "fc_subscribers WHERE id = ?", contactId)
                .get(0);
        assertThat(String.valueOf(subscriber.get("updated_at"))).startsWith(NOW_ON_SITE);
        assertThat(String.valueOf(subscriber.get("created_at"))).startsWith(SEED_WRITTEN_AT);
        assertThat(subscriber.get("hash")).isEqualTo(io.roostcrm.store.fluentcrm.internal.mapping.Md5.hex(
                (String) WRITTEN.get(contactId).get("email")));
        assertThat(subscriber.get("email")).isEqualTo(WRITTEN.get(contactId).get("email"));

        Map<String, Map<String, Object>> bySlug = new TreeMap<>();
        for (Map<String, Object> row : db.query("SELECT * FROM " + p + "fc_subscriber_meta WHERE subscriber_id = ?"
                + " ORDER BY id", contactId)) {
            assertThat(row.get("object_type")).isEqualTo("custom_field");
            assertThat(bySlug.put((String) row.get("key"), row)).as("a second row for " + row.get("key")).isNull();
        }
        Set<String> expectedSlugs = new HashSet<>(changedText.keySet());
        WRITTEN.get(contactId).keySet().stream().filter(SeedRoles.CUSTOM_FIELDS::contains).forEach(expectedSlugs::add);
        assertThat(bySlug.keySet()).containsExactlyInAnyOrderElementsOf(expectedSlugs);
        for (Map.Entry<String, Map<String, Object>> e : bySlug.entrySet()) {
            String slug = e.getKey();
            Map<String, Object> row = e.getValue();
            assertThat(((Number) row.get("created_by")).longValue()).as(slug)
                    .isEqualTo(newRows.contains(slug) ? writer : WP_ADMIN);
            if (changedText.containsKey(slug)) {
                assertThat(row.get("value")).as(slug).isEqualTo(changedText.get(slug));
                assertThat(String.valueOf(row.get("updated_at"))).as(slug).startsWith(NOW_ON_SITE);
                assertThat(String.valueOf(row.get("created_at"))).as(slug)
                        .startsWith(newRows.contains(slug) ? NOW_ON_SITE : SEED_WRITTEN_AT);
            } else {
                assertThat(String.valueOf(row.get("updated_at"))).as(slug).startsWith(SEED_WRITTEN_AT);
            }
        }
    }

    private static Map<String, Object> only(Map<String, Object> values, Set<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (keys.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, Object> changed(Map<String, Object> values, Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.putAll(values(keyValues));
        return out;
    }

    private static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
