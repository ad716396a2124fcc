package io.roostcrm.store.fluentcrm.internal.mapping;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of FluentCRM's tables and of Roost's side tables for one WordPress table prefix. The prefix is checked
 * against {@code [A-Za-z0-9_]+}, so names can be put into SQL text safely.
 */
public final class Tables {

    /** What a WordPress table prefix may contain. */
    public static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]+");

    /** FluentCRM's own tables that must exist. */
    public static final List<String> REQUIRED_FLUENTCRM = List.of(
            "fc_subscribers", "fc_subscriber_meta", "fc_subscriber_pivot", "fc_lists", "fc_tags",
            "fc_subscriber_notes", "fc_meta");

    /**
     * FluentCRM tables that hold rows of a contact and are cleaned when FluentCRM deletes one (schema §12), in the
     * order they are cleaned; each only where it exists (some belong to optional modules or to Pro).
     */
    public static final List<String> CONTACT_ASSET_TABLES = List.of(
            "fc_campaign_emails", "fc_campaign_url_metrics", "fc_funnel_subscribers", "fc_funnel_metrics",
            "fc_sequence_tracker");

    /** Roost's side tables, in the order they can be dropped. */
    public static final List<String> SIDE_TABLES = List.of(
            "roost_notes", "roost_reminders", "roost_custom_values", "roost_contacts", "roost_fields", "roost_stages",
            "roost_user_roles", "roost_user_teams", "roost_users", "roost_roles", "roost_epoch", "roost_change_head",
            "roost_change_log", "roost_settings", "roost_login_credentials", "roost_api_passwords",
            "roost_login_sessions", "roost_failure_counters", "roost_totp", "roost_recovery_codes", "roost_ip_rules");

    /** Roost's Flyway history table, without prefix. */
    public static final String HISTORY = "roost_schema_history";

    private final String prefix;

    /** Names for a prefix such as {@code wp_} or {@code wp_2_}. */
    public Tables(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix was '" + prefix + "' but it must match [A-Za-z0-9_]+");
        }
        this.prefix = prefix;
    }

    /** The prefix. */
    public String prefix() {
        return prefix;
    }

    /** Any table by its unprefixed name. */
    public String named(String unprefixed) {
        return prefix + unprefixed;
    }

    public String subscribers() {
        return prefix + "fc_subscribers";
    }

    public String subscriberMeta() {
        return prefix + "fc_subscriber_meta";
    }

    public String pivot() {
        return prefix + "fc_subscriber_pivot";
    }

    public String lists() {
        return prefix + "fc_lists";
    }

    public String tags() {
        return prefix + "fc_tags";
    }

    public String notes() {
        return prefix + "fc_subscriber_notes";
    }

    public String meta() {
        return prefix + "fc_meta";
    }

    public String companies() {
        return prefix + "fc_companies";
    }

    public String roostContacts() {
        return prefix + "roost_contacts";
    }

    public String roostCustomValues() {
        return prefix + "roost_custom_values";
    }

    public String roostFields() {
        return prefix + "roost_fields";
    }

    public String roostNotes() {
        return prefix + "roost_notes";
    }

    public String roostStages() {
        return prefix + "roost_stages";
    }

    public String roostReminders() {
        return prefix + "roost_reminders";
    }

    public String roostUsers() {
        return prefix + "roost_users";
    }

    public String roostUserRoles() {
        return prefix + "roost_user_roles";
    }

    public String roostUserTeams() {
        return prefix + "roost_user_teams";
    }

    public String roostRoles() {
        return prefix + "roost_roles";
    }

    public String roostEpoch() {
        return prefix + "roost_epoch";
    }

    public String roostChangeHead() {
        return prefix + "roost_change_head";
    }

    public String roostChangeLog() {
        return prefix + "roost_change_log";
    }

    public String roostSettings() {
        return prefix + "roost_settings";
    }

    /** Account-security side tables (V7__roost_security.sql), by name without the prefix. */
    public String roostSecurity(String unprefixed) {
        return prefix + unprefixed;
    }

    public String history() {
        return prefix + HISTORY;
    }
}
