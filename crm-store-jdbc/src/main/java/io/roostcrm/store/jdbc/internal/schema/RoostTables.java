package io.roostcrm.store.jdbc.internal.schema;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The store's tables (all prefixed {@code roost_}), optionally qualified by a schema, and their columns. Columns are
 * unqualified: every statement reads one table, and subqueries only name columns their own table has.
 */
public final class RoostTables {

    /** Contact id (and the id column of every table with one). */
    public static final Field<Long> ID = col("id", SQLDataType.BIGINT);
    /** Optimistic-lock version. */
    public static final Field<Long> VERSION = col("version", SQLDataType.BIGINT);
    /** Contact owner, NULL when unassigned. */
    public static final Field<Long> OWNER_ID = col("owner_id", SQLDataType.BIGINT);
    /** Creation time (UTC). Every time column binds {@link LocalDateTime} itself: see {@link JavaTimeTypes}. */
    public static final Field<LocalDateTime> CREATED_AT = col("created_at", JavaTimeTypes.localDateTime(6));
    /** Last update time (UTC). */
    public static final Field<LocalDateTime> UPDATED_AT = col("updated_at", JavaTimeTypes.localDateTime(6));

    /** roost_custom_field columns. */
    public static final Field<String> FIELD_KEY = col("field_key", SQLDataType.VARCHAR);
    public static final Field<String> LABEL = col("label", SQLDataType.VARCHAR);
    public static final Field<String> FIELD_TYPE = col("field_type", SQLDataType.VARCHAR);
    public static final Field<String> OPTIONS = col("options", SQLDataType.VARCHAR);
    public static final Field<Boolean> REQUIRED = col("is_required", SQLDataType.BOOLEAN);
    public static final Field<Boolean> ACTIVE = col("is_active", SQLDataType.BOOLEAN);
    public static final Field<Boolean> READ_ONLY = col("is_read_only", SQLDataType.BOOLEAN);
    public static final Field<Boolean> SENSITIVE = col("is_sensitive", SQLDataType.BOOLEAN);
    public static final Field<Integer> POSITION = col("position", SQLDataType.INTEGER);
    public static final Field<String> COLUMN_NAME = col("column_name", SQLDataType.VARCHAR);

    /** roost_counter column. */
    public static final Field<String> PURPOSE = col("purpose", SQLDataType.VARCHAR);

    /** roost_group columns. */
    public static final Field<String> KIND = col("kind", SQLDataType.VARCHAR);
    public static final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public static final Field<String> SLUG = col("slug", SQLDataType.VARCHAR);
    public static final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);

    /** roost_membership columns. */
    public static final Field<Long> CONTACT_ID = col("contact_id", SQLDataType.BIGINT);
    public static final Field<Long> GROUP_ID = col("group_id", SQLDataType.BIGINT);

    /** roost_note columns. */
    public static final Field<Long> AUTHOR_ID = col("author_id", SQLDataType.BIGINT);
    public static final Field<String> NOTE_TYPE = col("note_type", SQLDataType.VARCHAR);
    public static final Field<String> TITLE = col("title", SQLDataType.VARCHAR);
    public static final Field<String> BODY = col("body", SQLDataType.VARCHAR);

    /** roost_reminder columns. */
    public static final Field<Long> ASSIGNEE_ID = col("assignee_id", SQLDataType.BIGINT);
    public static final Field<LocalDateTime> DUE_AT = col("due_at", JavaTimeTypes.localDateTime(6));
    public static final Field<String> REMINDER_TEXT = col("reminder_text", SQLDataType.VARCHAR);
    public static final Field<Boolean> DONE = col("done", SQLDataType.BOOLEAN);

    /** roost_user and related columns. */
    public static final Field<String> LOGIN = col("login", SQLDataType.VARCHAR);
    public static final Field<String> DISPLAY_NAME = col("display_name", SQLDataType.VARCHAR);
    public static final Field<Long> USER_ID = col("user_id", SQLDataType.BIGINT);
    public static final Field<String> ROLE_NAME = col("role_name", SQLDataType.VARCHAR);
    public static final Field<Long> TEAM_ID = col("team_id", SQLDataType.BIGINT);

    /** roost_role column. */
    public static final Field<String> DEFINITION = col("definition", SQLDataType.VARCHAR);

    /** roost_epoch columns. */
    public static final Field<Integer> ROW_ID = col("id", SQLDataType.INTEGER);
    public static final Field<Long> EPOCH_VERSION = col("epoch_version", SQLDataType.BIGINT);
    public static final Field<Long> FIELDS_EPOCH = col("fields_epoch", SQLDataType.BIGINT);
    public static final Field<Long> ROLES_EPOCH = col("roles_epoch", SQLDataType.BIGINT);
    public static final Field<Long> USERS_EPOCH = col("users_epoch", SQLDataType.BIGINT);
    public static final Field<Long> STAGES_EPOCH = col("stages_epoch", SQLDataType.BIGINT);

    /** roost_change_head column. */
    public static final Field<Long> LAST_SEQUENCE = col("last_sequence", SQLDataType.BIGINT);

    /** roost_change_log columns. */
    public static final Field<Long> SEQUENCE_NO = col("sequence_no", SQLDataType.BIGINT);
    public static final Field<LocalDateTime> OCCURRED_AT = col("occurred_at", SQLDataType.LOCALDATETIME(6));
    public static final Field<Long> ACTOR_ID = col("actor_id", SQLDataType.BIGINT);
    public static final Field<String> CLIENT_ADDRESS = col("client_address", SQLDataType.VARCHAR);
    public static final Field<String> CORRELATION_ID = col("correlation_id", SQLDataType.VARCHAR);
    public static final Field<String> ENTITY = col("entity", SQLDataType.VARCHAR);
    public static final Field<String> ENTITY_ID = col("entity_id", SQLDataType.VARCHAR);
    public static final Field<String> OPERATION = col("operation", SQLDataType.VARCHAR);
    public static final Field<String> CHANGES = col("changes", SQLDataType.VARCHAR);
    /** roost_change_log columns of the audit chain (V8), and the head's last hash. */
    public static final Field<String> PREVIOUS_HASH = col("previous_hash", SQLDataType.VARCHAR);
    public static final Field<String> ENTRY_HASH = col("entry_hash", SQLDataType.VARCHAR);
    public static final Field<String> LAST_HASH = col("last_hash", SQLDataType.VARCHAR);

    /** roost_setting column (its key is {@link #NAME}). */
    public static final Field<String> SETTING_VALUE = col("setting_value", SQLDataType.VARCHAR);

    /** Account-security columns (V7__security.sql); their user column is {@link #USER_ID}, times UTC. */
    public static final Field<String> PASSWORD_HASH = col("password_hash", SQLDataType.VARCHAR);
    public static final Field<LocalDateTime> SET_AT = col("set_at", JavaTimeTypes.localDateTime(6));
    public static final Field<String> DIGEST = col("digest", SQLDataType.VARCHAR);
    public static final Field<LocalDateTime> LAST_USED_AT = col("last_used_at", JavaTimeTypes.localDateTime(6));
    public static final Field<String> TOKEN_DIGEST = col("token_digest", SQLDataType.VARCHAR);
    public static final Field<LocalDateTime> LAST_SEEN_AT = col("last_seen_at", JavaTimeTypes.localDateTime(6));
    public static final Field<LocalDateTime> EXPIRES_AT = col("expires_at", JavaTimeTypes.localDateTime(6));
    public static final Field<Boolean> SECOND_FACTOR_PENDING = col("second_factor_pending", SQLDataType.BOOLEAN);
    public static final Field<String> FAILURE_KEY = col("failure_key", SQLDataType.VARCHAR);
    public static final Field<Integer> FAILURES = col("failures", SQLDataType.INTEGER);
    public static final Field<LocalDateTime> WINDOW_START = col("window_start", JavaTimeTypes.localDateTime(6));
    public static final Field<LocalDateTime> LOCKED_UNTIL = col("locked_until", JavaTimeTypes.localDateTime(6));
    public static final Field<String> ENCRYPTED_SECRET = col("encrypted_secret", SQLDataType.VARCHAR);
    public static final Field<String> KEY_ID = col("key_id", SQLDataType.VARCHAR);
    public static final Field<String> TOTP_ALGORITHM = col("totp_algorithm", SQLDataType.VARCHAR);
    public static final Field<Integer> DIGITS = col("digits", SQLDataType.INTEGER);
    public static final Field<Integer> PERIOD_SECONDS = col("period_seconds", SQLDataType.INTEGER);
    public static final Field<Boolean> CONFIRMED = col("confirmed", SQLDataType.BOOLEAN);
    public static final Field<Long> LAST_USED_STEP = col("last_used_step", SQLDataType.BIGINT);
    public static final Field<String> CODE_DIGEST = col("code_digest", SQLDataType.VARCHAR);
    public static final Field<String> RULE_SCOPE = col("rule_scope", SQLDataType.VARCHAR);
    public static final Field<String> CIDR = col("cidr", SQLDataType.VARCHAR);

    private final String schema;
    private final java.util.concurrent.ConcurrentHashMap<String, String> rendered =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param schema the schema (PostgreSQL, H2) or database (MariaDB) holding the tables; empty for the connection's
     *               current one. Already in the case the database stores it in.
     */
    public RoostTables(Optional<String> schema) {
        this.schema = schema.orElse(null);
    }

    /**
     * A hot statement's text (or a part of one), rendered once per store: for SQL that depends only on these tables
     * and the dialect and runs on every call or write. jOOQ renders a statement afresh each time, and on H2 that costs
     * more than executing it (BENCHMARKS.md, "The unit of work's cost").
     *
     * @param name   the text's name, unique within the store
     * @param render renders it (called once per name)
     */
    public String rendered(String name, java.util.function.Supplier<String> render) {
        return rendered.computeIfAbsent(name, key -> render.get());
    }

    /**
     * The epoch version as a scalar sub-select, as SQL text rendered once: it rides on every unit of work's first
     * contact select, and rendering it there on each call (even as a plain-SQL template) cost more than the database
     * spends on it.
     */
    public String epochVersionSelect(org.jooq.DSLContext dsl) {
        return rowOneSelect("epoch.version", dsl, EPOCH_VERSION, epoch());
    }

    /**
     * The change log head's last sequence number or last hash as a scalar sub-select, as SQL text rendered once: a
     * PostgreSQL contact update reads the head along (unlocked), so that its change-log entry can take the head in
     * the statement that inserts it (see {@code JdbcChangeLog.write}).
     *
     * @param column {@link #LAST_SEQUENCE} or {@link #LAST_HASH}
     */
    public String headSelect(org.jooq.DSLContext dsl, Field<?> column) {
        return rowOneSelect("head." + column.getName(), dsl, column, changeHead());
    }

    /** A column of a one-row table's row 1 as a scalar sub-select, as SQL text rendered once under this name. */
    private String rowOneSelect(String name, org.jooq.DSLContext dsl, Field<?> column, Table<?> table) {
        return rendered(name, () -> "(select " + dsl.render(column) + " from " + dsl.render(table) + " where "
                + dsl.render(ROW_ID) + " = 1)");
    }

    private static <T> Field<T> col(String name, DataType<T> type) {
        return DSL.field(DSL.name(name), type);
    }

    /** The schema (or MariaDB database) holding the tables, in the case the database stores it in; empty for the
     * connection's current one. */
    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }

    /** A name in the store's schema (a table or an index). */
    public Name name(String name) {
        return schema == null ? DSL.name(name) : DSL.name(schema, name);
    }

    private Table<Record> table(String name) {
        return DSL.table(name(name));
    }

    public Table<Record> contact() {
        return table("roost_contact");
    }

    public Table<Record> customField() {
        return table("roost_custom_field");
    }

    public Table<Record> counter() {
        return table("roost_counter");
    }

    public Table<Record> group() {
        return table("roost_group");
    }

    public Table<Record> membership() {
        return table("roost_membership");
    }

    public Table<Record> note() {
        return table("roost_note");
    }

    public Table<Record> reminder() {
        return table("roost_reminder");
    }

    public Table<Record> stage() {
        return table("roost_stage");
    }

    public Table<Record> user() {
        return table("roost_user");
    }

    public Table<Record> userRole() {
        return table("roost_user_role");
    }

    public Table<Record> userTeam() {
        return table("roost_user_team");
    }

    public Table<Record> role() {
        return table("roost_role");
    }

    public Table<Record> setting() {
        return table("roost_setting");
    }

    public Table<Record> epoch() {
        return table("roost_epoch");
    }

    public Table<Record> changeHead() {
        return table("roost_change_head");
    }

    public Table<Record> changeLog() {
        return table("roost_change_log");
    }

    public Table<Record> loginCredential() {
        return table("roost_login_credential");
    }

    public Table<Record> apiPassword() {
        return table("roost_api_password");
    }

    public Table<Record> loginSession() {
        return table("roost_login_session");
    }

    public Table<Record> failureCounter() {
        return table("roost_failure_counter");
    }

    public Table<Record> totp() {
        return table("roost_totp");
    }

    public Table<Record> recoveryCode() {
        return table("roost_recovery_code");
    }

    public Table<Record> ipRule() {
        return table("roost_ip_rule");
    }
}
