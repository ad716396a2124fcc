package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The roles and fields of the seed's "Common Scenarios" (seeds/001), built once with {@link Role#builder(String)}
 * and shared by the scenario tests, plus the users and contacts those tests ask about.
 */
final class SeedRoles {

    // ---- fields ---------------------------------------------------------------------------------------------

    static final String EMAIL = "email";
    static final String FIRST_NAME = "first_name";
    static final String LAST_NAME = "last_name";
    static final String PHONE = "phone";
    static final String COMPANY = "company";
    static final List<String> STANDARD_FIELDS = List.of(EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY);

    static final String LEAD_SOURCE = "lead_source";
    static final String LEAD_STATUS = "lead_status";
    static final String LEAD_SCORE = "lead_score";
    static final String CONTRACT_VALUE = "contract_value";
    static final String SALES_NOTES = "sales_notes";
    static final String SUPPORT_TIER = "support_tier";
    static final String LAST_SUPPORT_DATE = "last_support_date";
    static final String SUPPORT_NOTES = "support_notes";
    static final String MARKETING_OPT_IN = "marketing_opt_in";
    static final String ENGAGEMENT_SCORE = "engagement_score";
    static final String LAST_CAMPAIGN = "last_campaign";
    static final List<String> CUSTOM_FIELDS = List.of(LEAD_SOURCE, LEAD_STATUS, LEAD_SCORE, CONTRACT_VALUE,
            SALES_NOTES, SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES, MARKETING_OPT_IN, ENGAGEMENT_SCORE,
            LAST_CAMPAIGN);

    static final List<String> ALL_FIELDS = concat(STANDARD_FIELDS, CUSTOM_FIELDS);

    /** Standard fields first, then custom fields, as in the seed's permission matrix. */
    static final FieldRegistry FIELDS = registry();

    // ---- roles ----------------------------------------------------------------------------------------------

    /** View: Owned | Update: Owned | Delete: No. */
    static final Role SALES_REP = Role.builder("Sales Representative")
            .viewScope(Scope.OWNED)
            .updateScope(Scope.OWNED)
            .canDelete(false)
            .canCreateContacts(true)
            .fields(FieldRights.FULL, STANDARD_FIELDS)
            .field(LEAD_SOURCE, FieldRights.CREATE_ONCE)
            .field(LEAD_STATUS, FieldRights.FULL)
            .field(LEAD_SCORE, FieldRights.READ_ONLY)
            .field(CONTRACT_VALUE, FieldRights.NONE)
            .field(SALES_NOTES, FieldRights.FULL)
            .entity(EntityType.NOTE, EntityAction.values())
            .build();

    /** View: All | Update: All | Delete: Yes; all fields full access. */
    static final Role SALES_MANAGER = Role.builder("Sales Manager")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(true)
            .canCreateContacts(true)
            .fields(FieldRights.FULL, ALL_FIELDS)
            .entity(EntityType.NOTE, EntityAction.values())
            .entity(EntityType.LIST, EntityAction.values())
            .entity(EntityType.TAG, EntityAction.values())
            .build();

    /** View: All | Update: All | Delete: No; standard fields read-only, support fields full. */
    static final Role SUPPORT_AGENT = Role.builder("Support Agent")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(false)
            .fields(FieldRights.READ_ONLY, STANDARD_FIELDS)
            .fields(FieldRights.FULL, SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES)
            .field(CONTRACT_VALUE, FieldRights.NONE)
            .field(LEAD_STATUS, FieldRights.READ_ONLY)
            .entity(EntityType.NOTE, EntityAction.CREATE, EntityAction.READ)
            .build();

    /** View: All | Update: All | Delete: No; email read-only, lists and tags full, marketing fields full. */
    static final Role MARKETING_TEAM = Role.builder("Marketing Team")
            .viewScope(Scope.ALL)
            .updateScope(Scope.ALL)
            .canDelete(false)
            .field(EMAIL, FieldRights.READ_ONLY)
            .entity(EntityType.LIST, EntityAction.values())
            .entity(EntityType.TAG, EntityAction.values())
            .fields(FieldRights.FULL, MARKETING_OPT_IN, ENGAGEMENT_SCORE, LAST_CAMPAIGN)
            .field(LEAD_STATUS, FieldRights.READ_ONLY)
            .field(CONTRACT_VALUE, FieldRights.NONE)
            .build();

    /** The seed's first example scenario: a sales rep who may read, but not update, the contract value. */
    static final Role SALES_REP_READING_CONTRACT_VALUE = SALES_REP.toBuilder()
            .field(CONTRACT_VALUE, FieldRights.READ_ONLY)
            .build();

    static final Role ADMIN = Role.superAdmin("Administrator");

    // ---- users and contacts ---------------------------------------------------------------------------------

    static final long USER = 10L;
    static final long TEAMMATE = 11L;
    static final long STRANGER = 12L;
    static final long SALES_TEAM = 100L;
    static final long SUPPORT_TEAM = 200L;

    /** A contact owned by the user asking. */
    static final Ownership OWN = Ownership.ownedBy(USER, Set.of(SALES_TEAM));
    /** A contact owned by someone in the user's team. */
    static final Ownership TEAMMATES = Ownership.ownedBy(TEAMMATE, Set.of(SALES_TEAM));
    /** A contact owned by someone who shares no team with the user. */
    static final Ownership STRANGERS = Ownership.ownedBy(STRANGER, Set.of(SUPPORT_TEAM));
    /** A contact nobody owns. */
    static final Ownership UNASSIGNED = Ownership.unassigned();

    static final List<Ownership> EVERY_CONTACT = List.of(OWN, TEAMMATES, STRANGERS, UNASSIGNED);

    private SeedRoles() {
    }

    /** The user {@link #USER}, in the sales team, holding these roles. */
    static Subject user(Role... roles) {
        return new Subject(USER, Set.of(SALES_TEAM), List.of(roles));
    }

    /** A fresh engine over the seed's fields, compiling the user's policy. */
    static Policy policy(Role... roles) {
        return PermissionEngine.over(FIELDS).policy(user(roles));
    }

    private static FieldRegistry registry() {
        List<FieldDescriptor> fields = new ArrayList<>();
        STANDARD_FIELDS.forEach(key -> fields.add(FieldDescriptor.standard(key)));
        CUSTOM_FIELDS.forEach(key -> fields.add(FieldDescriptor.custom(key)));
        return FieldRegistry.of(fields);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
