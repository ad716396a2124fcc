package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomValues;
import io.roostcrm.store.fluentcrm.internal.mapping.FluentField;
import io.roostcrm.store.fluentcrm.internal.mapping.Md5;
import io.roostcrm.store.fluentcrm.internal.mapping.SubscriberColumns;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;
import io.roostcrm.store.fluentcrm.internal.mapping.WordPressText;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts in {@code fc_subscribers}, their custom values in {@code fc_subscriber_meta}, and what FluentCRM has no
 * column for (version, stage, company, job title, exact instants) in {@code roost_contacts}.
 *
 * <p>Every save sets {@code hash = md5(email)} and {@code updated_at} (site-local), as FluentCRM's model does;
 * {@code status} and {@code contact_type} take FluentCRM's defaults when not given and only its allowed values; the
 * owner is {@code contact_owner}. A contact FluentCRM created has no side row and is at version 1 until FluentCRM
 * saves it; a change FluentCRM makes moves the version reads report ({@link ContactVersions}).
 */
final class SqlContactStore implements ContactStore {

    private static final String ENTITY = "contact";

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final StoreContext context;
    private final Tables t;

    SqlContactStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.context = work.context();
        this.t = work.tables();
    }

    // ---------------------------------------------------------------- writes

    @Override
    public ContactRow insert(NewContact contact) {
        long id = insertOne(contact);
        return read(id).orElseThrow();
    }

    @Override
    public List<Long> insertAll(List<NewContact> contacts) {
        List<Long> ids = new ArrayList<>(contacts.size());
        for (NewContact c : contacts) {
            ids.add(insertOne(c));
        }
        return ids;
    }

    private long insertOne(NewContact contact) {
        CustomFieldCatalog catalog = work.catalog();
        Map<String, Object> values = validate(contact.values(), catalog);
        Object email = values.get(StandardFields.EMAIL);
        if (email == null) {
            throw new CrmValidationException(Violation.of(StandardFields.EMAIL, "required", "is required"));
        }
        checkTimestamp("createdAt", contact.createdAt());
        String created = context.wallClock().format(contact.createdAt());
        List<String> columns = new ArrayList<>(List.of("hash", "contact_owner", "created_at", "updated_at"));
        List<Object> params = new ArrayList<>(List.of(Md5.hex((String) email)));
        params.add(contact.ownerId() == 0 ? null : contact.ownerId());
        params.add(created);
        params.add(created);
        Map<String, Object> side = new LinkedHashMap<>();
        for (SubscriberColumns.Column col : SubscriberColumns.all()) {
            Object v = values.get(col.key());
            if (col.home() == SubscriberColumns.Home.SIDE) {
                side.put(col.column(), v);
                continue;
            }
            if (v == null) {
                v = switch (col.key()) {
                    case StandardFields.STATUS -> SubscriberColumns.DEFAULT_STATUS;
                    case StandardFields.CONTACT_TYPE -> SubscriberColumns.DEFAULT_CONTACT_TYPE;
                    default -> null;
                };
            }
            if (v != null) {
                columns.add(col.column());
                params.add(columnValue(fitted(col.key(), v, side)));
            }
        }
        long id = jdbc.insert("INSERT INTO " + t.subscribers() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", params.toArray());
        // An id can be reused after FluentCRM deleted a contact behind Roost's back: drop what Roost kept for it.
        // Checked with a plain read first: a DELETE of absent rows takes gap locks that deadlock concurrent inserts.
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostContacts() + " WHERE subscriber_id = ?", id) > 0) {
            jdbc.update("DELETE FROM " + t.roostContacts() + " WHERE subscriber_id = ?", id);
        }
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostReminders() + " WHERE contact_id = ?", id) > 0) {
            jdbc.update("DELETE FROM " + t.roostReminders() + " WHERE contact_id = ?", id);
        }
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostCustomValues() + " WHERE subscriber_id = ?", id) > 0) {
            jdbc.update("DELETE FROM " + t.roostCustomValues() + " WHERE subscriber_id = ?", id);
        }
        List<String> sideColumns = new ArrayList<>(List.of("subscriber_id", "version", "created_epoch", "created_nanos",
                "updated_epoch", "updated_nanos", "status_implicit", "type_implicit"));
        List<Object> sideParams = new ArrayList<>(List.of(id, 1L, contact.createdAt().getEpochSecond(),
                contact.createdAt().getNano(), contact.createdAt().getEpochSecond(), contact.createdAt().getNano(),
                !values.containsKey(StandardFields.STATUS), !values.containsKey(StandardFields.CONTACT_TYPE)));
        side.forEach((column, value) -> {
            if (value != null) {
                sideColumns.add(column);
                sideParams.add(value);
            }
        });
        jdbc.update("INSERT INTO " + t.roostContacts() + " (" + String.join(", ", sideColumns) + ") VALUES ("
                + String.join(", ", sideColumns.stream().map(c -> "?").toList()) + ")", sideParams.toArray());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Optional<FluentField> field = catalog.find(e.getKey());
            if (field.isPresent()) {
                writeCustom(id, field.get().definition(), e.getValue(), created);
            }
        }
        ContactVersions.record(jdbc, context, work.catalog(), id);
        return id;
    }

    @Override
    public long update(ContactChange change) {
        CustomFieldCatalog catalog = work.catalog();
        long id = change.contactId();
        String currentEmail = lockCurrent(id, change.expectedVersion());
        Map<String, Object> set = validate(change.set(), catalog);
        for (String key : change.clear()) {
            if (SubscriberColumns.of(key).isEmpty() && catalog.find(key).isEmpty()) {
                throw new CrmValidationException(Violation.of(key, "unknown_field", "is not a field"));
            }
            if (key.equals(StandardFields.EMAIL)) {
                throw new CrmValidationException(Violation.of(key, "required", "is required"));
            }
        }
        checkTimestamp("updatedAt", change.updatedAt());
        String updated = context.wallClock().format(change.updatedAt());
        String email = set.containsKey(StandardFields.EMAIL) ? (String) set.get(StandardFields.EMAIL) : currentEmail;

        List<String> assignments = new ArrayList<>(List.of("hash = ?", "updated_at = ?"));
        List<Object> params = new ArrayList<>(List.of(Md5.hex(email), updated));
        List<String> sideAssignments = new ArrayList<>();
        List<Object> sideParams = new ArrayList<>();
        for (SubscriberColumns.Column col : SubscriberColumns.all()) {
            boolean setting = set.containsKey(col.key());
            boolean clearing = change.clear().contains(col.key());
            if (!setting && !clearing) {
                continue;
            }
            Object v = setting ? columnValue(set.get(col.key())) : null;
            if (col.key().equals(StandardFields.STATUS)) {
                // NOT NULL in FluentCRM: clearing restores its default, which then reads as absent again.
                sideAssignments.add("status_implicit = ?");
                sideParams.add(v == null);
                if (v == null) {
                    v = SubscriberColumns.DEFAULT_STATUS;
                }
            }
            if (col.key().equals(StandardFields.CONTACT_TYPE)) {
                sideAssignments.add("type_implicit = ?");
                sideParams.add(false);
            }
            if (col.home() == SubscriberColumns.Home.SIDE) {
                sideAssignments.add(col.column() + " = ?");
                sideParams.add(v);
            } else {
                if (SubscriberColumns.overflowLength(col.key()).isPresent()) {
                    Map<String, Object> full = new LinkedHashMap<>();
                    v = v == null ? null : fitted(col.key(), v, full);
                    sideAssignments.add("full_" + col.key() + " = ?");
                    sideParams.add(full.get("full_" + col.key()));
                }
                assignments.add(col.column() + " = ?");
                params.add(v);
            }
        }
        params.add(id);
        jdbc.update("UPDATE " + t.subscribers() + " SET " + String.join(", ", assignments) + " WHERE id = ?",
                params.toArray());
        long version = change.expectedVersion() + 1;
        bumpSide(id, version, change.updatedAt(), sideAssignments, sideParams);
        for (Map.Entry<String, Object> e : set.entrySet()) {
            Optional<FluentField> field = catalog.find(e.getKey());
            if (field.isPresent()) {
                writeCustom(id, field.get().definition(), e.getValue(), updated);
            }
        }
        for (String key : change.clear()) {
            if (catalog.find(key).isPresent()) {
                deleteCustom(id, key);
            }
        }
        ContactVersions.record(jdbc, context, work.catalog(), id);
        return version;
    }

    @Override
    public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        String email = lockCurrent(contactId, expectedVersion);
        checkTimestamp("updatedAt", updatedAt);
        jdbc.update("UPDATE " + t.subscribers() + " SET contact_owner = ?, hash = ?, updated_at = ? WHERE id = ?",
                ownerId == 0 ? null : ownerId, Md5.hex(email), context.wallClock().format(updatedAt), contactId);
        long version = expectedVersion + 1;
        bumpSide(contactId, version, updatedAt, List.of(), List.of());
        ContactVersions.record(jdbc, context, work.catalog(), contactId);
        return version;
    }

    /**
     * Locks the contact's row and its custom-value rows and checks its version as a read reports it, so that a change
     * FluentCRM made since the caller read the contact makes the write stale (GH-9, {@link ContactVersions}); returns
     * its e-mail.
     */
    private String lockCurrent(long id, long expectedVersion) {
        Optional<String> email = jdbc.first("SELECT email FROM " + t.subscribers() + " WHERE id = ? FOR UPDATE",
                rs -> rs.getString(1), id);
        if (email.isEmpty()) {
            throw new StaleVersionException(ENTITY, id, expectedVersion);
        }
        // The subscriber row's lock serialises writers of this contact; the side row is read without a lock (a
        // locking read of an absent side row would take a gap lock).
        ContactVersions.lockCustomValues(jdbc, context, id);
        if (ContactVersions.current(jdbc, context, work.catalog(), id) != expectedVersion) {
            throw new StaleVersionException(ENTITY, id, expectedVersion);
        }
        return email.get();
    }

    private void bumpSide(long id, long version, Instant updatedAt, List<String> assignments, List<Object> values) {
        List<String> sets = new ArrayList<>(List.of("version = ?", "updated_epoch = ?", "updated_nanos = ?"));
        sets.addAll(assignments);
        List<Object> params = new ArrayList<>(List.of(version, updatedAt.getEpochSecond(), updatedAt.getNano()));
        params.addAll(values);
        params.add(id);
        int n = jdbc.update("UPDATE " + t.roostContacts() + " SET " + String.join(", ", sets)
                + " WHERE subscriber_id = ?", params.toArray());
        if (n == 0) {
            jdbc.update("INSERT INTO " + t.roostContacts() + " (subscriber_id, version, updated_epoch, updated_nanos)"
                    + " VALUES (?, ?, ?, ?)", id, version, updatedAt.getEpochSecond(), updatedAt.getNano());
            if (!assignments.isEmpty()) {
                jdbc.update("UPDATE " + t.roostContacts() + " SET " + String.join(", ", assignments)
                        + " WHERE subscriber_id = ?", append(values, id));
            }
        }
    }

    private static Object[] append(List<Object> values, Object last) {
        List<Object> all = new ArrayList<>(values);
        all.add(last);
        return all.toArray();
    }

    /**
     * Writes a custom value as FluentCRM does. A text value FluentCRM's next save would change (WordPress's
     * {@code sanitize_text_field}, or {@code sanitize_textarea_field} for a text area, GH-9) is stored in FluentCRM's
     * row as FluentCRM would keep it, so that its save changes nothing, and exactly in {@code roost_custom_values},
     * which Roost reads while FluentCRM's row still holds the kept value ({@link SelectionCompiler}).
     */
    private void writeCustom(long id, FieldDefinition field, Object value, String now) {
        Optional<String> exact = CustomValues.encode(field, value);
        Optional<WordPressText.Sanitizer> sanitizer = CustomValues.sanitizer(field);
        Optional<String> text = exact;
        if (exact.isPresent() && sanitizer.isPresent()) {
            text = CustomValues.encode(field, sanitizer.get().apply((String) value));
            if (text.isEmpty()) {
                text = Optional.of("");
            }
        }
        if (exact.isEmpty()) {
            deleteCustom(id, field.key());
            return;
        }
        keepExact(id, field.key(), exact.get(), text.get());
        List<Object[]> rows = jdbc.query("SELECT id, `value` FROM " + t.subscriberMeta()
                        + " WHERE subscriber_id = ? AND object_type = 'custom_field' AND `key` = ? ORDER BY id DESC",
                rs -> new Object[]{rs.getLong(1), rs.getString(2)}, id, field.key());
        if (rows.isEmpty()) {
            jdbc.update("INSERT INTO " + t.subscriberMeta() + " (subscriber_id, created_by, object_type, `key`, `value`,"
                            + " created_at, updated_at) VALUES (?, ?, 'custom_field', ?, ?, ?, ?)",
                    id, work.actingUserId(), field.key(), text.get(), now, now);
        } else if (!text.get().equals(rows.get(0)[1])) {
            // FluentCRM reads the latest row of a key; unchanged values are not written (as FluentCRM does).
            jdbc.update("UPDATE " + t.subscriberMeta() + " SET `value` = ?, updated_at = ? WHERE id = ?",
                    text.get(), now, rows.get(0)[0]);
        }
    }

    private void keepExact(long id, String slug, String exact, String kept) {
        boolean had = jdbc.number("SELECT COUNT(*) FROM " + t.roostCustomValues() + " WHERE subscriber_id = ?"
                + " AND slug = ?", id, slug) > 0;
        if (exact.equals(kept)) {
            if (had) {
                jdbc.update("DELETE FROM " + t.roostCustomValues() + " WHERE subscriber_id = ? AND slug = ?", id, slug);
            }
        } else if (had) {
            jdbc.update("UPDATE " + t.roostCustomValues() + " SET exact_value = ?, kept_value = ? WHERE subscriber_id = ?"
                    + " AND slug = ?", exact, kept, id, slug);
        } else {
            jdbc.update("INSERT INTO " + t.roostCustomValues() + " (subscriber_id, slug, exact_value, kept_value)"
                    + " VALUES (?, ?, ?, ?)", id, slug, exact, kept);
        }
    }

    private void deleteCustom(long id, String key) {
        // Checked first: a DELETE of absent rows takes gap locks.
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostCustomValues() + " WHERE subscriber_id = ? AND slug = ?",
                id, key) > 0) {
            jdbc.update("DELETE FROM " + t.roostCustomValues() + " WHERE subscriber_id = ? AND slug = ?", id, key);
        }
        jdbc.update("DELETE FROM " + t.subscriberMeta() + " WHERE subscriber_id = ? AND object_type = 'custom_field'"
                + " AND `key` = ?", id, key);
    }

    /** Checks and normalises values: known fields, FluentCRM's allowed status and type, defined options. */
    private Map<String, Object> validate(Map<String, Object> values, CustomFieldCatalog catalog) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            Optional<FieldDefinition> def = SubscriberColumns.of(key).isPresent() ? StandardFields.find(key)
                    : catalog.find(key).map(FluentField::definition);
            if (def.isEmpty()) {
                violations.add(Violation.of(key, "unknown_field", "is not a field"));
                continue;
            }
            try {
                Object v = check(def.get(), e.getValue());
                Optional<Integer> max = SubscriberColumns.maxLength(key);
                if (max.isPresent() && v instanceof String text && text.codePointCount(0, text.length()) > max.get()) {
                    throw new CrmValidationException(Violation.of(key, "max_length", "must be at most " + max.get()
                            + " characters (FluentCRM's column)"));
                }
                if (v instanceof String text) {
                    checkSurvivesFluentCrm(def.get(), text);
                }
                if (key.equals(StandardFields.STATUS) && !SubscriberColumns.STATUSES.contains(v)) {
                    throw new CrmValidationException(Violation.of(key, "option", "must be one of its options"));
                }
                if (key.equals(StandardFields.CONTACT_TYPE) && !SubscriberColumns.CONTACT_TYPES.contains(v)) {
                    throw new CrmValidationException(Violation.of(key, "option", "must be one of its options"));
                }
                if (key.equals(StandardFields.STAGE)) {
                    long stage = (Long) v;
                    // Locked, shared, until the commit: a unit of work deleting the stage at this moment takes turns
                    // with this one (the side table's foreign key keeps any other writer honest too).
                    try {
                        work.lockRow(t.roostStages(), stage, "stage");
                    } catch (io.roostcrm.core.CrmNotFoundException gone) {
                        throw new CrmValidationException(Violation.of(key, "unknown_stage", "must be an existing stage"));
                    }
                }
                out.put(key, v);
            } catch (CrmValidationException ex) {
                violations.addAll(ex.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
        return out;
    }

    /**
     * Refuses text FluentCRM's next save of the contact would change (WordPress's {@code sanitize_text_field} or
     * {@code sanitize_email} on a standard column, GH-9), naming the field and the sanitizer as the rule. A custom
     * text value is stored as FluentCRM would keep it instead (see {@link #writeCustom}); only one that is not valid
     * Unicode, which no UTF-8 column can hold, is refused.
     */
    private static void checkSurvivesFluentCrm(FieldDefinition def, String text) {
        Optional<WordPressText.Sanitizer> sanitizer = def.isCustom() ? CustomValues.sanitizer(def)
                : SubscriberColumns.sanitizer(def.key());
        if (sanitizer.isEmpty()) {
            return;
        }
        Optional<String> change = sanitizer.get().change(text);
        if (change.isPresent() && (!def.isCustom() || !WordPressText.isValidUnicode(text))) {
            throw new CrmValidationException(Violation.of(def.key(), sanitizer.get().rule(), change.get()));
        }
        Optional<Integer> max = SubscriberColumns.overflowLength(def.key());
        if (!def.isCustom() && max.isPresent() && !fluentPart(text, max.get()).equals(
                sanitizer.get().apply(fluentPart(text, max.get())))) {
            // The start FluentCRM's shorter column holds would end in whitespace WordPress trims.
            throw new CrmValidationException(Violation.of(def.key(), sanitizer.get().rule(), "must not have"
                    + " whitespace other than spaces around character " + max.get() + " (FluentCRM's column holds the"
                    + " first " + max.get() + " characters and WordPress's " + sanitizer.get().rule()
                    + " trims its end)"));
        }
    }

    /**
     * The part of a value FluentCRM's column holds; a longer text's whole value goes to {@code full_<key>} in the side
     * row (see {@link SubscriberColumns#overflowLength}).
     */
    private static Object fitted(String key, Object value, Map<String, Object> side) {
        Optional<Integer> max = SubscriberColumns.overflowLength(key);
        if (max.isPresent() && value instanceof String text && text.codePointCount(0, text.length()) > max.get()) {
            side.put("full_" + key, text);
            return fluentPart(text, max.get());
        }
        return value;
    }

    /**
     * The first {@code max} characters of a text, without trailing spaces (which FluentCRM's next save would trim,
     * GH-9); {@link SelectionCompiler} compares FluentCRM's column with the same {@code RTRIM(LEFT(full, max))}.
     */
    private static String fluentPart(String text, int max) {
        String part = SubscriberColumns.truncate(text, max);
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == ' ') {
            end--;
        }
        return part.substring(0, end);
    }

    /**
     * What the store itself guarantees about a value (the service has already checked formats such as e-mail and
     * URL): its Java type, the options of choice fields, and number and date limits; text is kept verbatim.
     */
    private static Object check(FieldDefinition def, Object value) {
        if (def.type().isText() && def.type() != FieldType.SELECT) {
            if (!(value instanceof String)) {
                throw new CrmValidationException(Violation.of(def.key(), "type", "must be text"));
            }
            return value;
        }
        return FieldValues.normalize(def, value);
    }

    private static Object columnValue(Object v) {
        return v instanceof LocalDate d ? WallClock.formatDate(d) : v;
    }

    private static void checkTimestamp(String what, Instant instant) {
        if (!WallClock.fitsTimestamp(instant)) {
            throw new CrmValidationException(Violation.of(what, "range",
                    "must be between 1970 and 2038 (FluentCRM stores it as a MySQL TIMESTAMP)"));
        }
    }

    @Override
    public boolean delete(long contactId) {
        return new ContactCascade(work).delete(contactId);
    }

    // ---------------------------------------------------------------- reads

    /** One contact with every field, unmasked. */
    Optional<ContactRow> read(long id) {
        List<String> keys = new ArrayList<>(StandardFields.keys());
        keys.addAll(work.catalog().slugs());
        List<ContactRow> rows = select(ContactSelection.everything(keys, new Filter.IdIn(Set.of(id)), 1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public List<ContactRow> select(ContactSelection selection) {
        SelectionCompiler compiler = new SelectionCompiler(context, work.catalog());
        SelectionCompiler.Compiled compiled = compiler.compile(selection);
        return jdbc.query(compiled.sql(), rs -> row(rs, compiled.projected()), compiled.params());
    }

    private ContactRow row(ResultSet rs, List<FieldDefinition> projected) throws SQLException {
        long id = rs.getLong(1);
        long version = ContactVersions.read(rs, 10, rs.getLong(2));
        long owner = rs.getLong(3);
        Instant created = InstantColumns.read(rs, 4, 6, context.wallClock());
        Instant updated = InstantColumns.readUpdated(rs, 5, 8, created, context.wallClock());
        Map<String, Object> values = new LinkedHashMap<>();
        int column = SelectionCompiler.FIXED_COLUMNS + 1;
        for (FieldDefinition def : projected) {
            Object v = value(rs, column++, def);
            if (v != null) {
                values.put(def.key(), v);
            }
        }
        return new ContactRow(id, version, owner, created, updated, values);
    }

    private static Object value(ResultSet rs, int column, FieldDefinition def) throws SQLException {
        if (def.isCustom()) {
            return CustomValues.decode(def, rs.getString(column)).orElse(null);
        }
        if (def.type() == FieldType.STAGE) {
            long stage = rs.getLong(column);
            return rs.wasNull() ? null : stage;
        }
        String text = rs.getString(column);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return def.type() == FieldType.DATE ? WallClock.parseDate(text).orElse(null) : text;
    }


    @Override
    public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
        Map<Object, Long> out = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return out;
        }
        SelectionCompiler compiler = new SelectionCompiler(context, work.catalog());
        SelectionCompiler.FieldRef ref = compiler.resolve(fieldKey).orElseThrow(() ->
                new CrmValidationException(Violation.of(fieldKey, "unknown_field", "is not a field")));
        boolean email = fieldKey.equals(StandardFields.EMAIL);
        List<Object> operands = new ArrayList<>();
        for (Object v : values) {
            operands.add(email ? v.toString().toLowerCase(Locale.ROOT) : operandText(ref.definition(), v));
        }
        String expr = email && context.dialect() == Dialect.H2 ? "LOWER(s.email)" : ref.expr();
        String in = String.join(", ", operands.stream().map(o -> "?").toList());
        String sql = "SELECT s.id, " + ref.readExpr() + " FROM " + t.subscribers() + " s LEFT JOIN "
                + t.roostContacts() + " r ON r.subscriber_id = s.id" + compiler.joins() + " WHERE " + expr
                + " IN (" + in + ") ORDER BY s.id";
        List<Object[]> rows = jdbc.query(sql, rs -> new Object[]{rs.getLong(1), rs.getString(2)}, operands);
        for (Object v : values) {
            String wanted = email ? v.toString().toLowerCase(Locale.ROOT) : String.valueOf(operandText(ref.definition(), v));
            for (Object[] row : rows) {
                String stored = (String) row[1];
                if (stored != null && (email ? stored.toLowerCase(Locale.ROOT).equals(wanted) : stored.equals(wanted))) {
                    out.putIfAbsent(v, (Long) row[0]);
                    break;
                }
            }
        }
        return out;
    }

    private static Object operandText(FieldDefinition def, Object value) {
        if (def.type() == FieldType.STAGE) {
            return String.valueOf(value);
        }
        if (!def.isCustom() && def.type() == FieldType.DATE) {
            return value.toString();
        }
        Object o = CustomValues.operand(def, value);
        return o instanceof java.math.BigDecimal b ? b.toPlainString() : o;
    }

    @Override
    public long count() {
        return jdbc.number("SELECT COUNT(*) FROM " + t.subscribers());
    }
}
