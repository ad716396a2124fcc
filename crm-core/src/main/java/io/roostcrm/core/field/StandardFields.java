package io.roostcrm.core.field;

import io.roostcrm.permissions.FieldKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The standard contact fields (DESIGN.md §2), in display order. Every store supports all of them. */
public final class StandardFields {

    /** Key of the e-mail field, unique per contact. */
    public static final String EMAIL = "email";
    /** Key of the first-name field. */
    public static final String FIRST_NAME = "first_name";
    /** Key of the last-name field. */
    public static final String LAST_NAME = "last_name";
    /** Key of the phone field. */
    public static final String PHONE = "phone";
    /** Key of the company field. */
    public static final String COMPANY = "company";
    /** Key of the job-title field. */
    public static final String JOB_TITLE = "job_title";
    /** Key of the first address line. */
    public static final String ADDRESS_LINE_1 = "address_line_1";
    /** Key of the second address line. */
    public static final String ADDRESS_LINE_2 = "address_line_2";
    /** Key of the city field. */
    public static final String CITY = "city";
    /** Key of the state field. */
    public static final String STATE = "state";
    /** Key of the postal-code field. */
    public static final String POSTAL_CODE = "postal_code";
    /** Key of the country field. */
    public static final String COUNTRY = "country";
    /** Key of the date-of-birth field. */
    public static final String DATE_OF_BIRTH = "date_of_birth";
    /** Key of the subscription-status field. */
    public static final String STATUS = "status";
    /** Key of the source field (where the contact came from). */
    public static final String SOURCE = "source";
    /** Key of the stage field (a stage id). */
    public static final String STAGE = "stage";
    /** Key of the contact-type field. */
    public static final String CONTACT_TYPE = "contact_type";

    /** The allowed status values. */
    public static final List<String> STATUSES =
            List.of("subscribed", "pending", "unsubscribed", "transactional", "bounced", "complained", "spammed");
    /** The allowed contact types. */
    public static final List<String> CONTACT_TYPES = List.of("lead", "customer");

    private static final List<FieldDefinition> ALL = List.of(
            std(EMAIL, "Email", FieldType.EMAIL, List.of(), true),
            std(FIRST_NAME, "First name", FieldType.TEXT, List.of(), false),
            std(LAST_NAME, "Last name", FieldType.TEXT, List.of(), false),
            std(PHONE, "Phone", FieldType.PHONE, List.of(), false),
            std(COMPANY, "Company", FieldType.TEXT, List.of(), false),
            std(JOB_TITLE, "Job title", FieldType.TEXT, List.of(), false),
            std(ADDRESS_LINE_1, "Address line 1", FieldType.TEXT, List.of(), false),
            std(ADDRESS_LINE_2, "Address line 2", FieldType.TEXT, List.of(), false),
            std(CITY, "City", FieldType.TEXT, List.of(), false),
            std(STATE, "State", FieldType.TEXT, List.of(), false),
            std(POSTAL_CODE, "Postal code", FieldType.TEXT, List.of(), false),
            std(COUNTRY, "Country", FieldType.TEXT, List.of(), false),
            std(DATE_OF_BIRTH, "Date of birth", FieldType.DATE, List.of(), false),
            std(STATUS, "Status", FieldType.SELECT, STATUSES, false),
            std(SOURCE, "Source", FieldType.TEXT, List.of(), false),
            std(STAGE, "Stage", FieldType.STAGE, List.of(), false),
            std(CONTACT_TYPE, "Contact type", FieldType.SELECT, CONTACT_TYPES, false));

    private static final Map<String, FieldDefinition> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(FieldDefinition::key, Function.identity()));

    private StandardFields() {
    }

    /** Every standard field, in display order. */
    public static List<FieldDefinition> all() {
        return ALL;
    }

    /** The standard field with this key, if it is one. */
    public static Optional<FieldDefinition> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Whether a key is a standard field's. */
    public static boolean isStandard(String key) {
        return BY_KEY.containsKey(key);
    }

    /** The keys, in display order. */
    public static List<String> keys() {
        return ALL.stream().map(FieldDefinition::key).toList();
    }

    private static FieldDefinition std(String key, String label, FieldType type, List<String> options, boolean required) {
        return new FieldDefinition(key, label, type, options, required, true, false, false, FieldKind.STANDARD);
    }
}
