package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.field.StandardFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each Roost standard field lives: a column of {@code fc_subscribers}, or (for fields FluentCRM has no place
 * for) a column of Roost's side table {@code roost_contacts}; plus FluentCRM's allowed values and defaults.
 */
public final class SubscriberColumns {

    /** Which table a standard field is kept in. */
    public enum Home {
        /** {@code fc_subscribers}, alias {@code s}. */
        SUBSCRIBERS,
        /** {@code roost_contacts}, alias {@code r}. */
        SIDE
    }

    /**
     * One standard field's place.
     *
     * @param key    the Roost field key
     * @param home   the table
     * @param column the column
     */
    public record Column(String key, Home home, String column) {
        /** The column qualified with its table alias ({@code s.} or {@code r.}). */
        public String qualified() {
            return (home == Home.SUBSCRIBERS ? "s." : "r.") + column;
        }
    }

    /** FluentCRM's subscription statuses ({@code fluentcrm_subscriber_statuses()}, schema §7). */
    public static final List<String> STATUSES =
            List.of("subscribed", "pending", "unsubscribed", "transactional", "bounced", "complained", "spammed");
    /** FluentCRM's contact types ({@code fluentcrm_contact_types()}). */
    public static final List<String> CONTACT_TYPES = List.of("lead", "customer");
    /** The status FluentCRM gives a contact when none is given. */
    public static final String DEFAULT_STATUS = "subscribed";
    /** The contact type FluentCRM gives a contact when none is given. */
    public static final String DEFAULT_CONTACT_TYPE = "lead";

    /**
     * Every column of {@code fc_subscribers}: a custom field slug equal to one of these would shadow it in FluentCRM
     * (FluentCRM itself prefixes such slugs with {@code cf_}), so Roost refuses them.
     */
    public static final Set<String> RESERVED_SLUGS = Set.of(
            "id", "user_id", "hash", "contact_owner", "company_id", "prefix", "first_name", "last_name", "email",
            "timezone", "address_line_1", "address_line_2", "postal_code", "city", "state", "country", "ip",
            "latitude", "longitude", "total_points", "life_time_value", "phone", "status", "contact_type", "source",
            "avatar", "date_of_birth", "created_at", "last_activity", "updated_at", "sms_status");

    private static final Map<String, Column> BY_KEY = new LinkedHashMap<>();
    /** Characters FluentCRM's columns hold (VARCHAR lengths, schema §2); Roost's side columns hold 255. */
    private static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry(StandardFields.EMAIL, 190), Map.entry(StandardFields.FIRST_NAME, 192),
            Map.entry(StandardFields.LAST_NAME, 192), Map.entry(StandardFields.ADDRESS_LINE_1, 192),
            Map.entry(StandardFields.ADDRESS_LINE_2, 192), Map.entry(StandardFields.POSTAL_CODE, 192),
            Map.entry(StandardFields.CITY, 192), Map.entry(StandardFields.STATE, 192),
            Map.entry(StandardFields.COUNTRY, 192), Map.entry(StandardFields.PHONE, 50),
            Map.entry(StandardFields.SOURCE, 50), Map.entry(StandardFields.STATUS, 50),
            Map.entry(StandardFields.CONTACT_TYPE, 50), Map.entry(StandardFields.COMPANY, 255),
            Map.entry(StandardFields.JOB_TITLE, 255));

    static {
        for (String key : List.of(StandardFields.EMAIL, StandardFields.FIRST_NAME, StandardFields.LAST_NAME,
                StandardFields.PHONE, StandardFields.ADDRESS_LINE_1, StandardFields.ADDRESS_LINE_2,
                StandardFields.CITY, StandardFields.STATE, StandardFields.POSTAL_CODE, StandardFields.COUNTRY,
                StandardFields.DATE_OF_BIRTH, StandardFields.STATUS, StandardFields.SOURCE,
                StandardFields.CONTACT_TYPE)) {
            // Roost's keys for these are FluentCRM's column names.
            BY_KEY.put(key, new Column(key, Home.SUBSCRIBERS, key));
        }
        BY_KEY.put(StandardFields.COMPANY, new Column(StandardFields.COMPANY, Home.SIDE, "company"));
        BY_KEY.put(StandardFields.JOB_TITLE, new Column(StandardFields.JOB_TITLE, Home.SIDE, "job_title"));
        BY_KEY.put(StandardFields.STAGE, new Column(StandardFields.STAGE, Home.SIDE, "stage_id"));
    }

    private SubscriberColumns() {
    }

    /** The place of a standard field. */
    public static Optional<Column> of(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** All standard fields' places, in Roost's field order. */
    public static Iterable<Column> all() {
        return BY_KEY.values();
    }

    /** The most characters (code points) Roost keeps for a standard text field, if it is a text field. */
    public static Optional<Integer> maxLength(String key) {
        return overflowLength(key).isPresent() ? Optional.of(255) : Optional.ofNullable(MAX_LENGTH.get(key));
    }

    /**
     * For text fields whose FluentCRM column is shorter than Roost's 255 characters, that column's length: a longer
     * value is stored with its first characters in FluentCRM's column (what FluentCRM shows) and whole in
     * {@code roost_contacts.full_<key>}; Roost reads the whole value while FluentCRM's column still holds its start.
     */
    public static Optional<Integer> overflowLength(String key) {
        return switch (key) {
            case StandardFields.FIRST_NAME, StandardFields.LAST_NAME, StandardFields.ADDRESS_LINE_1,
                    StandardFields.ADDRESS_LINE_2, StandardFields.POSTAL_CODE, StandardFields.CITY,
                    StandardFields.STATE, StandardFields.COUNTRY, StandardFields.SOURCE ->
                    Optional.of(MAX_LENGTH.get(key));
            default -> Optional.empty();
        };
    }

    /** The first {@code max} code points of a text. */
    public static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * The WordPress sanitizer FluentCRM passes a standard field's column through when it saves a contact
     * ({@code Sanitize::contact}): {@code sanitize_email} for the e-mail, {@code sanitize_text_field} for the other
     * text columns; none for fields in Roost's side table, dates and stages.
     */
    public static Optional<WordPressText.Sanitizer> sanitizer(String key) {
        Column column = BY_KEY.get(key);
        if (column == null || column.home() != Home.SUBSCRIBERS || key.equals(StandardFields.DATE_OF_BIRTH)) {
            return Optional.empty();
        }
        return Optional.of(key.equals(StandardFields.EMAIL) ? WordPressText.Sanitizer.EMAIL
                : WordPressText.Sanitizer.TEXT_FIELD);
    }

    /** Whether a custom field slug is taken by FluentCRM's contact columns or by a Roost standard field. */
    public static boolean isReserved(String slug) {
        return RESERVED_SLUGS.contains(slug) || StandardFields.isStandard(slug);
    }
}
