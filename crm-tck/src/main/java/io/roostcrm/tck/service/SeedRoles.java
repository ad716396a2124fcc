package io.roostcrm.tck.service;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The example roles and custom fields of the seed's "Field-Level Permissions" page ({@code seeds/001}), built with
 * {@link Role#builder(String)} exactly as its "Common Scenarios" describe them, and a way to install them, with one
 * user per role, into a {@link Crm}. Shared by the service kit and by anyone who wants to check a store against the
 * seed's scenarios.
 *
 * <p>Reading of the seed: the sales representative's "standard fields" are email, first and last name, phone and
 * company; the support agent's "standard fields" are all standard fields; the marketing team reads e-mail and no
 * other standard field. Only the sales representative and the sales manager may create contacts (the seed does not
 * grant it to the others). The roles are immutable values; {@link #install(Crm, StoreCapabilities)} writes to the CRM
 * it is given.
 *
 * <p>The seed's "Marketing Opt-in" is a yes/no value: a {@link FieldType#CHECKBOX} where the store offers check boxes,
 * otherwise a {@link FieldType#SELECT} with the options {@code "yes"} and {@code "no"} (FluentCRM, for one, has no
 * boolean field). Use {@link Users#optIn(boolean)} for its values rather than a {@code Boolean} literal.
 */
public final class SeedRoles {

    // ---- fields ---------------------------------------------------------------------------------------------

    /** Standard fields the sales representative has full access to: e-mail, name, phone, company. */
    public static final List<String> SALES_STANDARD_FIELDS = List.of(StandardFields.EMAIL, StandardFields.FIRST_NAME,
            StandardFields.LAST_NAME, StandardFields.PHONE, StandardFields.COMPANY);

    /** Custom field: where the lead came from (text). */
    public static final String LEAD_SOURCE = "lead_source";
    /** Custom field: the lead's status (select). */
    public static final String LEAD_STATUS = "lead_status";
    /** Custom field: a lead score (number). */
    public static final String LEAD_SCORE = "lead_score";
    /** Custom field: the contract value (number), the seed's example of sensitive data. */
    public static final String CONTRACT_VALUE = "contract_value";
    /** Custom field: sales notes (text area). */
    public static final String SALES_NOTES = "sales_notes";
    /** Custom field: support tier (select). */
    public static final String SUPPORT_TIER = "support_tier";
    /** Custom field: last support date (date). */
    public static final String LAST_SUPPORT_DATE = "last_support_date";
    /** Custom field: support notes (text area). */
    public static final String SUPPORT_NOTES = "support_notes";
    /** Custom field: marketing opt-in (check box, or a yes/no select where the store has no check box). */
    public static final String MARKETING_OPT_IN = "marketing_opt_in";
    /** Custom field: engagement score (number). */
    public static final String ENGAGEMENT_SCORE = "engagement_score";
    /** Custom field: last campaign (text). */
    public static final String LAST_CAMPAIGN = "last_campaign";

    /** The custom fields, in definition order. */
    public static final List<String> CUSTOM_FIELDS = List.of(LEAD_SOURCE, LEAD_STATUS, LEAD_SCORE, CONTRACT_VALUE,
            SALES_NOTES, SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES, MARKETING_OPT_IN, ENGAGEMENT_SCORE,
            LAST_CAMPAIGN);

    /** The options of {@link #LEAD_STATUS}. */
    public static final List<String> LEAD_STATUSES = List.of("new", "working", "qualified", "lost");
    /** The options of {@link #SUPPORT_TIER}. */
    public static final List<String> SUPPORT_TIERS = List.of("bronze", "silver", "gold");
    /** The options of {@link #MARKETING_OPT_IN} when it is a select: yes, then no. */
    public static final List<String> OPT_IN_OPTIONS = List.of("yes", "no");

    /** The sales team. */
    public static final long SALES_TEAM = 100L;
    /** The support team. */
    public static final long SUPPORT_TEAM = 200L;

    // ---- roles ----------------------------------------------------------------------------------------------

    /** Sales Representative. View: Owned | Update: Owned | Delete: No. */
    public static final Role SALES_REP = salesRep("Sales Representative", FieldRights.NONE);

    /** Sales Manager. View: All | Update: All | Delete: Yes; all fields full access. */
    public static final Role SALES_MANAGER = Role.builder("Sales Manager")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(true)
            .canCreateContacts(true)
            .fields(FieldRights.FULL, StandardFields.keys())
            .fields(FieldRights.FULL, CUSTOM_FIELDS)
            .entity(EntityType.NOTE, EntityAction.values())
            .entity(EntityType.LIST, EntityAction.values())
            .entity(EntityType.TAG, EntityAction.values())
            .build();

    /** Support Agent. View: All | Update: All | Delete: No; standard fields read-only, support fields full. */
    public static final Role SUPPORT_AGENT = Role.builder("Support Agent")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(false)
            .fields(FieldRights.READ_ONLY, StandardFields.keys())
            .fields(FieldRights.FULL, SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES)
            .field(CONTRACT_VALUE, FieldRights.NONE)
            .field(LEAD_STATUS, FieldRights.READ_ONLY)
            .entity(EntityType.NOTE, EntityAction.CREATE, EntityAction.READ)
            .build();

    /** Marketing Team. View: All | Update: All | Delete: No; e-mail read-only, lists and tags full, marketing fields full. */
    public static final Role MARKETING_TEAM = Role.builder("Marketing Team")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(false)
            .field(StandardFields.EMAIL, FieldRights.READ_ONLY)
            .entity(EntityType.LIST, EntityAction.values())
            .entity(EntityType.TAG, EntityAction.values())
            .fields(FieldRights.FULL, MARKETING_OPT_IN, ENGAGEMENT_SCORE, LAST_CAMPAIGN)
            .field(LEAD_STATUS, FieldRights.READ_ONLY)
            .field(CONTRACT_VALUE, FieldRights.NONE)
            .build();

    /** The seed's first example: a sales representative who may read, but not update, the contract value. */
    public static final Role SALES_REP_READING_CONTRACT_VALUE =
            salesRep("Sales Representative (contracts)", FieldRights.READ_ONLY);

    /** The seed's Sales Representative, with the given rights on the contract value (a role name must be unique). */
    private static Role salesRep(String name, FieldRights contractValue) {
        return Role.builder(name)
                .viewScope(Scope.OWNED)
                .updateScope(Scope.OWNED)
                .canDelete(false)
                .canCreateContacts(true)
                .fields(FieldRights.FULL, SALES_STANDARD_FIELDS)
                .field(LEAD_SOURCE, FieldRights.CREATE_ONCE)
                .field(LEAD_STATUS, FieldRights.FULL)
                .field(LEAD_SCORE, FieldRights.READ_ONLY)
                .field(CONTRACT_VALUE, contractValue)
                .field(SALES_NOTES, FieldRights.FULL)
                .entity(EntityType.NOTE, EntityAction.values())
                .build();
    }

    /** Super admin: every right, cannot be restricted or deleted. */
    public static final Role ADMINISTRATOR = Role.superAdmin("Administrator");

    /** Every role above, in the order they are installed. */
    public static final List<Role> ROLES = List.of(ADMINISTRATOR, SALES_REP, SALES_MANAGER, SUPPORT_AGENT,
            MARKETING_TEAM, SALES_REP_READING_CONTRACT_VALUE);

    // ---- what each role sees --------------------------------------------------------------------------------

    /** The fields a sales representative reads on its own and unassigned contacts. */
    public static final Set<String> SALES_REP_READS = Set.of(StandardFields.EMAIL, StandardFields.FIRST_NAME,
            StandardFields.LAST_NAME, StandardFields.PHONE, StandardFields.COMPANY, LEAD_SOURCE, LEAD_STATUS,
            LEAD_SCORE, SALES_NOTES);

    /** The fields a support agent reads on every contact. */
    public static final Set<String> SUPPORT_AGENT_READS = union(StandardFields.keys(),
            List.of(SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES, LEAD_STATUS));

    /** The fields the marketing team reads on every contact. */
    public static final Set<String> MARKETING_READS = Set.of(StandardFields.EMAIL, MARKETING_OPT_IN, ENGAGEMENT_SCORE,
            LAST_CAMPAIGN, LEAD_STATUS);

    private SeedRoles() {
    }

    /**
     * The type {@link #MARKETING_OPT_IN} gets on a store: {@link FieldType#CHECKBOX} when the store supports it,
     * otherwise {@link FieldType#SELECT} with {@link #OPT_IN_OPTIONS}.
     */
    public static FieldType optInType(StoreCapabilities capabilities) {
        return capabilities.supports(FieldType.CHECKBOX) ? FieldType.CHECKBOX : FieldType.SELECT;
    }

    /**
     * The value of {@link #MARKETING_OPT_IN} meaning yes or no, for the type it was installed with.
     *
     * @param optInType {@link FieldType#CHECKBOX} ({@code Boolean}) or {@link FieldType#SELECT} ({@code "yes"}/{@code "no"})
     * @throws IllegalArgumentException for any other type
     */
    public static Object optIn(FieldType optInType, boolean yes) {
        return switch (optInType) {
            case CHECKBOX -> yes;
            case SELECT -> yes ? OPT_IN_OPTIONS.get(0) : OPT_IN_OPTIONS.get(1);
            default -> throw new IllegalArgumentException("optInType must be CHECKBOX or SELECT, not " + optInType);
        };
    }

    /** The custom field definitions for a store with these capabilities (see {@link #optInType}). */
    public static List<FieldDefinition> customFields(StoreCapabilities capabilities) {
        FieldType optInType = optInType(capabilities);
        FieldDefinition.Builder optIn = FieldDefinition.custom(MARKETING_OPT_IN, optInType).label("Marketing Opt-in");
        if (optInType == FieldType.SELECT) {
            optIn.options(OPT_IN_OPTIONS);
        }
        return List.of(
                FieldDefinition.custom(LEAD_SOURCE, FieldType.TEXT).label("Lead Source").build(),
                FieldDefinition.custom(LEAD_STATUS, FieldType.SELECT).label("Lead Status").options(LEAD_STATUSES).build(),
                FieldDefinition.custom(LEAD_SCORE, FieldType.NUMBER).label("Lead Score").build(),
                FieldDefinition.custom(CONTRACT_VALUE, FieldType.NUMBER).label("Contract Value").build(),
                FieldDefinition.custom(SALES_NOTES, FieldType.TEXTAREA).label("Sales Notes").build(),
                FieldDefinition.custom(SUPPORT_TIER, FieldType.SELECT).label("Support Tier").options(SUPPORT_TIERS).build(),
                FieldDefinition.custom(LAST_SUPPORT_DATE, FieldType.DATE).label("Last Support Date").build(),
                FieldDefinition.custom(SUPPORT_NOTES, FieldType.TEXTAREA).label("Support Notes").build(),
                optIn.build(),
                FieldDefinition.custom(ENGAGEMENT_SCORE, FieldType.NUMBER).label("Engagement Score").build(),
                FieldDefinition.custom(LAST_CAMPAIGN, FieldType.TEXT).label("Last Campaign").build());
    }

    /**
     * Installs the custom fields, the roles and one user per role (plus a second sales representative in the same
     * team, and a user holding both the sales-representative and support-agent roles) through a super-admin session.
     *
     * <p>The custom fields are {@linkplain CrmSession.Admin#ensureField ensured}: a store that already holds exactly
     * these definitions (and no data), as a test database may keep them between tests to spare the DDL, gets no new
     * ones.
     *
     * @param crm          a CRM over an empty store, or one holding only exactly these custom fields
     * @param capabilities that store's capabilities, which decide the type of {@link #MARKETING_OPT_IN}
     * @return the users' ids and the opt-in type installed
     */
    public static Users install(Crm crm, StoreCapabilities capabilities) {
        // Bootstrapping: no stored user exists yet, so the host vouches for a super admin directly.
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(ADMINISTRATOR)));
        for (FieldDefinition field : customFields(capabilities)) {
            root.admin().ensureField(field);
        }
        for (Role role : ROLES) {
            root.admin().saveRole(role);
        }
        long admin = user(root, "admin", Set.of(), ADMINISTRATOR.name());
        long rep = user(root, "rep", Set.of(SALES_TEAM), SALES_REP.name());
        long teammate = user(root, "rep2", Set.of(SALES_TEAM), SALES_REP.name());
        long manager = user(root, "manager", Set.of(SALES_TEAM), SALES_MANAGER.name());
        long support = user(root, "support", Set.of(SUPPORT_TEAM), SUPPORT_AGENT.name());
        long marketer = user(root, "marketer", Set.of(), MARKETING_TEAM.name());
        long contractRep = user(root, "contracts", Set.of(SALES_TEAM), SALES_REP_READING_CONTRACT_VALUE.name());
        long repAndSupport = user(root, "rep-support", Set.of(SUPPORT_TEAM), SALES_REP.name(), SUPPORT_AGENT.name());
        return new Users(admin, rep, teammate, manager, support, marketer, contractRep, repAndSupport,
                optInType(capabilities));
    }

    private static long user(CrmSession root, String login, Set<Long> teams, String... roles) {
        return root.admin().createUser(new User(0, login, login, List.of(roles), teams, true)).id();
    }

    /**
     * A value for every seed field (standard sales fields and all custom fields), unique by {@code name}; the
     * marketing opt-in is "yes" in the given type.
     *
     * @param name      a short lower-case token, used in the e-mail address and names
     * @param optInType the type {@link #MARKETING_OPT_IN} was installed with (see {@link #optIn(FieldType, boolean)})
     */
    public static Map<String, Object> everyField(String name, FieldType optInType) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(StandardFields.EMAIL, name + "@example.com");
        values.put(StandardFields.FIRST_NAME, "First " + name);
        values.put(StandardFields.LAST_NAME, "Last " + name);
        values.put(StandardFields.PHONE, "+1 555 0100");
        values.put(StandardFields.COMPANY, "Company " + name);
        values.put(LEAD_SOURCE, "web " + name);
        values.put(LEAD_STATUS, "working");
        values.put(LEAD_SCORE, new BigDecimal("42"));
        values.put(CONTRACT_VALUE, new BigDecimal("987654.32"));
        values.put(SALES_NOTES, "sales note " + name);
        values.put(SUPPORT_TIER, "gold");
        values.put(LAST_SUPPORT_DATE, LocalDate.of(2025, 3, 14));
        values.put(SUPPORT_NOTES, "support note " + name);
        values.put(MARKETING_OPT_IN, optIn(optInType, true));
        values.put(ENGAGEMENT_SCORE, new BigDecimal("7.5"));
        values.put(LAST_CAMPAIGN, "spring " + name);
        return values;
    }

    /**
     * Creates a contact with these values as the administrator and gives it to an owner ({@code 0} = unassigned).
     *
     * @return the contact as the administrator sees it
     */
    public static Contact contactOwnedBy(Crm crm, Users users, long ownerId, Map<String, Object> values) {
        CrmSession admin = crm.as(users.admin());
        Contact created = admin.contacts().create(ContactDraft.of(values));
        return admin.contacts().assignOwner(created.id(), created.version(), ownerId);
    }

    private static Set<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * The installed users' ids, and the type the marketing opt-in was installed with.
     *
     * @param admin         holds Administrator
     * @param rep           holds Sales Representative, in the sales team
     * @param teammate      holds Sales Representative, in the sales team
     * @param manager       holds Sales Manager, in the sales team
     * @param support       holds Support Agent, in the support team
     * @param marketer      holds Marketing Team
     * @param contractRep   holds Sales Representative (contracts), in the sales team
     * @param repAndSupport holds both Sales Representative and Support Agent, in the support team
     * @param optInType     the type of {@link #MARKETING_OPT_IN}: {@link FieldType#CHECKBOX} or {@link FieldType#SELECT}
     */
    public record Users(long admin, long rep, long teammate, long manager, long support, long marketer,
                        long contractRep, long repAndSupport, FieldType optInType) {

        /** Checks the opt-in type. */
        public Users {
            if (optInType != FieldType.CHECKBOX && optInType != FieldType.SELECT) {
                throw new IllegalArgumentException("optInType must be CHECKBOX or SELECT, not " + optInType);
            }
        }

        /** The installed {@link #MARKETING_OPT_IN}'s value for yes or no. */
        public Object optIn(boolean yes) {
            return SeedRoles.optIn(optInType, yes);
        }

        /** {@link SeedRoles#everyField(String, FieldType)} with the installed opt-in type. */
        public Map<String, Object> everyField(String name) {
            return SeedRoles.everyField(name, optInType);
        }
    }
}
