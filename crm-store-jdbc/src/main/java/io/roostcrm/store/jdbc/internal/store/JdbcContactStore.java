package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.UtcTimes;
import io.roostcrm.store.jdbc.internal.schema.ContactColumn;
import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.sql.ContactQueryBuilder;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CREATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.OWNER_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.UPDATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.VERSION;

/** Contacts in {@code roost_contact}: one column per standard and custom field. */
public final class JdbcContactStore extends SubStore implements ContactStore {

    private static final Optional<String> EMAIL = Optional.of(StandardFields.EMAIL);

    public JdbcContactStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public ContactRow insert(NewContact contact) {
        return insert(contact, IdAssignment.STORE);
    }

    @Override
    public ContactRow insert(NewContact contact, IdAssignment ids) {
        return run("insert a contact", EMAIL, () -> {
            ContactColumns columns = tx.columns(contact.values().keySet());
            lockStage(contact.values());
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(VERSION, 1L);
            values.put(OWNER_ID, owner(contact.ownerId()));
            values.put(CREATED_AT, UtcTimes.toDb(contact.createdAt()));
            values.put(UPDATED_AT, UtcTimes.toDb(contact.createdAt()));
            contact.values().forEach((key, value) -> {
                ContactColumn column = column(columns, key);
                values.put(column.field(), column.toDb(value));
            });
            long id = guardingParents(() -> insertRow(tables().contact(), "roost_contact", ids, contact.id(), values),
                    JdbcContactStore::unknownStage);
            return find(columns, id);
        });
    }

    @Override
    public List<Long> insertAll(List<NewContact> contacts) {
        return insertAll(contacts, IdAssignment.STORE);
    }

    @Override
    public List<Long> insertAll(List<NewContact> contacts, IdAssignment ids) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        return run("insert contacts", EMAIL, () -> {
            // Sorted, so that batches with the same columns share one statement text, which the driver and the
            // database keep prepared.
            Set<String> keys = new TreeSet<>();
            contacts.forEach(c -> keys.addAll(c.values().keySet()));
            ContactColumns columns = tx.columns(keys);
            List<ContactColumn> valueColumns = new ArrayList<>();
            keys.forEach(key -> valueColumns.add(column(columns, key)));
            boolean given = ids == IdAssignment.GIVEN;
            List<Field<?>> fields = new ArrayList<>();
            if (given) {
                requireFreeIds(contacts);
                fields.add(ID);
            }
            fields.addAll(List.of(VERSION, OWNER_ID, CREATED_AT, UPDATED_AT));
            valueColumns.forEach(c -> fields.add(c.field()));
            List<Long> stored = guardingParents(() -> insertAsJdbcBatch(fields, valueColumns, contacts, given),
                    JdbcContactStore::unknownStage);
            if (given) {
                advanceIdentity(tables().contact(), "roost_contact",
                        contacts.stream().mapToLong(NewContact::id).max().orElseThrow());
            }
            return stored;
        });
    }

    /** Given ids must be free, in the table and within the batch. */
    private void requireFreeIds(List<NewContact> contacts) {
        Set<Long> wanted = new LinkedHashSet<>();
        for (NewContact contact : contacts) {
            if (!wanted.add(contact.id())) {
                throw new CrmValidationException(Violation.of("id", "unique", "must be unique"));
            }
        }
        for (List<Long> chunk : chunks(wanted, CHUNK)) {
            if (dsl().fetchExists(tables().contact(), ID.in(chunk))) {
                throw new CrmValidationException(Violation.of("id", "unique", "must be unique"));
            }
        }
    }

    /**
     * One prepared single-row INSERT executed as a JDBC batch, the generated ids read back from the driver, in row
     * order. The database parses and plans the statement once. Multi-row VALUES statements of thousands of parameters
     * cost PostgreSQL several times a raw batch insert per row, and building them in jOOQ cost H2 a tenth of an
     * import.
     */
    private List<Long> insertAsJdbcBatch(List<Field<?>> fields, List<ContactColumn> valueColumns,
                                         List<NewContact> contacts, boolean givenIds) {
        String sql = dsl().render(dsl().insertInto(tables().contact(), fields).values(new Object[fields.size()]));
        // A NULL is bound with its column's SQL type: an untyped NULL in one row and a typed value in the next make
        // the PostgreSQL driver prepare the statement again.
        int[] sqlTypes = new int[valueColumns.size()];
        for (int c = 0; c < sqlTypes.length; c++) {
            sqlTypes[c] = valueColumns.get(c).field().getDataType().getSQLType();
        }
        return dsl().connectionResult(connection -> {
            List<Long> ids = new ArrayList<>(contacts.size());
            try (PreparedStatement insert = givenIds ? connection.prepareStatement(sql)
                    : connection.prepareStatement(sql, new String[] {ID.getName()})) {
                for (NewContact contact : contacts) {
                    int i = 1;
                    if (givenIds) {
                        insert.setLong(i++, contact.id());
                    }
                    insert.setLong(i++, 1L);
                    if (contact.ownerId() == 0) {
                        insert.setNull(i++, Types.BIGINT);
                    } else {
                        insert.setLong(i++, contact.ownerId());
                    }
                    LocalDateTime created = UtcTimes.toDb(contact.createdAt());
                    insert.setObject(i++, created);
                    insert.setObject(i++, created);
                    for (int c = 0; c < sqlTypes.length; c++) {
                        ContactColumn column = valueColumns.get(c);
                        bindValue(insert, i++, column, contact.values().get(column.key()), sqlTypes[c]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                if (givenIds) {
                    contacts.forEach(c -> ids.add(c.id()));
                } else {
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getLong(1));
                        }
                    }
                }
            }
            if (ids.size() != contacts.size()) {
                throw new IllegalStateException("the database returned " + ids.size() + " generated ids for "
                        + contacts.size() + " rows");
            }
            return List.copyOf(ids);
        });
    }

    /**
     * Binds a field's value in its stored form ({@link ContactColumn#toDb}), or NULL, typed with the column's SQL type,
     * when there is none (no value, a cleared field, an empty multi-select): the binding of the batch insert and the
     * batch update alike.
     */
    private static void bindValue(PreparedStatement statement, int index, ContactColumn column, Object value,
                                  int sqlType) throws SQLException {
        bindStored(statement, index, value == null ? null : column.toDb(value), sqlType);
    }

    /** Binds a value already in its stored form, or NULL typed with the column's SQL type. */
    private static void bindStored(PreparedStatement statement, int index, Object stored, int sqlType)
            throws SQLException {
        if (stored == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, stored);
        }
    }

    @Override
    public long update(ContactChange change) {
        return run("update a contact", EMAIL, () -> {
            Set<String> keys = new LinkedHashSet<>(change.set().keySet());
            keys.addAll(change.clear());
            ContactColumns columns = tx.columns(keys);
            lockStage(change.set());
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            change.set().forEach((key, value) -> {
                ContactColumn column = column(columns, key);
                values.put(column.field(), column.toDb(value));
            });
            for (String key : change.clear()) {
                values.put(column(columns, key).field(), null);
            }
            return guardingParents(() -> bumpVersion(change.contactId(), change.expectedVersion(), change.updatedAt(),
                    values), JdbcContactStore::unknownStage);
        });
    }

    @Override
    public ContactReplaced updateReturning(ContactChange change) {
        return run("update a contact", EMAIL, () -> {
            Set<String> keys = new LinkedHashSet<>(change.set().keySet());
            keys.addAll(change.clear());
            ContactColumns columns = tx.columns(keys);
            lockStage(change.set());
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            List<ContactColumn> changed = new ArrayList<>(keys.size());
            change.set().forEach((key, value) -> {
                ContactColumn column = column(columns, key);
                values.put(column.field(), column.toDb(value));
                changed.add(column);
            });
            for (String key : change.clear()) {
                ContactColumn column = column(columns, key);
                values.put(column.field(), null);
                changed.add(column);
            }
            values.put(UPDATED_AT, UtcTimes.toDb(change.updatedAt()));
            return guardingParents(() -> switch (tx.kind()) {
                case POSTGRESQL, H2 -> updateReturningAsPlainJdbc(change, changed, values);
                case MARIADB, MYSQL -> {
                    ContactRow before = locked(columns, change.contactId(), keys, change.expectedVersion());
                    long version = bumpVersion(change.contactId(), change.expectedVersion(), change.updatedAt(),
                            values);
                    yield new ContactReplaced(version, before.ownerId(), before.values());
                }
            }, JdbcContactStore::unknownStage);
        });
    }

    /**
     * Locks the stage a contact is moved to, so that a unit of work deleting it at the same moment takes turns with
     * this one; refuses a stage that does not exist.
     */
    private void lockStage(Map<String, Object> values) {
        Object stage = values.get(StandardFields.STAGE);
        if (stage != null && !lockForReference(tables().stage(), (Long) stage)) {
            throw unknownStage("");
        }
    }

    /** A stage deleted meanwhile by another node: its foreign key refuses the contact's move to it. */
    private static CrmValidationException unknownStage(String brokenKey) {
        return brokenKey.equals("fk_roost_contact_stage") || brokenKey.isEmpty()
                ? new CrmValidationException(Violation.of(StandardFields.STAGE, "unknown_stage",
                "must be an existing stage"))
                : null;
    }

    /**
     * One statement that updates the row and hands back what it replaced.
     * <ul>
     *   <li>PostgreSQL: the row as it was, read in the {@code FROM} of the {@code UPDATE} and handed back by
     *   {@code RETURNING}. The version is checked on the target row too, so when a concurrent writer changed the row
     *   after this statement's snapshot, PostgreSQL's recheck of the target finds another version and updates
     *   nothing: the values returned are always those the update replaced.</li>
     *   <li>H2: the rows an {@code UPDATE} replaced, as its {@code OLD TABLE}.</li>
     * </ul>
     * Both read the change log's head along, unlocked (see {@link JdbcStoreTransaction#headSeen}). The text is put
     * together from names rendered once per store and run as plain JDBC, values bound as the batch insert binds them:
     * every update with a change-log entry runs it, and jOOQ rendering the whole statement afresh on each call cost
     * about as much as H2 executing it (issue 8's update target).
     */
    private ContactReplaced updateReturningAsPlainJdbc(ContactChange change, List<ContactColumn> changed,
                                                       Map<Field<?>, Object> values) {
        boolean postgres = tx.kind() == DatabaseKind.POSTGRESQL;
        String table = sqlName("contact.table", tables().contact());
        String version = sqlName("contact.version", VERSION);
        String id = sqlName("contact.id", ID);
        String owner = sqlName("contact.owner", OWNER_ID);
        String updatedAt = sqlName("contact.updatedAt", UPDATED_AT);
        String headSequence = tables().headSelect(dsl(), RoostTables.LAST_SEQUENCE);
        String headHash = tables().headSelect(dsl(), RoostTables.LAST_HASH);
        StringBuilder set = new StringBuilder();
        StringBuilder old = new StringBuilder();
        for (int i = 0; i < changed.size(); i++) {
            ContactColumn column = changed.get(i);
            String name = columnName(column);
            set.append(name).append(" = ?, ");
            old.append(", ").append(postgres ? name + " as o_" + i : name);
        }
        String sql;
        if (postgres) {
            StringBuilder returned = new StringBuilder("o.o_owner");
            for (int i = 0; i < changed.size(); i++) {
                returned.append(", o.o_").append(i);
            }
            sql = "update " + table + " c set " + set + updatedAt + " = ?, " + version + " = c." + version
                    + " + 1 from (select " + id + " as o_id, " + owner + " as o_owner" + old + ", " + headSequence
                    + " as o_hs, " + headHash + " as o_hh from " + table + " where " + id + " = ?) o where c." + id
                    + " = o.o_id and c." + version + " = ? returning " + returned + ", o.o_hs, o.o_hh";
        } else {
            sql = "select " + owner + old + ", " + headSequence + ", " + headHash + " from old table (update " + table
                    + " set " + set + updatedAt + " = ?, " + version + " = " + version + " + 1 where " + id
                    + " = ? and " + version + " = ?)";
        }
        return dsl().connectionResult(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int i = 1;
                for (ContactColumn column : changed) {
                    bindStored(update, i++, values.get(column.field()), column.field().getDataType().getSQLType());
                }
                update.setObject(i++, values.get(UPDATED_AT));
                update.setLong(i++, change.contactId());
                update.setLong(i, change.expectedVersion());
                try (ResultSet rs = update.executeQuery()) {
                    if (!rs.next()) {
                        throw new StaleVersionException("contact", change.contactId(), change.expectedVersion());
                    }
                    long ownerId = rs.getLong(1); // 0 when NULL: unassigned
                    Map<String, Object> previous = new LinkedHashMap<>();
                    for (int c = 0; c < changed.size(); c++) {
                        Object value = changed.get(c).read(rs, 2 + c);
                        if (value != null) {
                            previous.put(changed.get(c).key(), value);
                        }
                    }
                    long sequence = rs.getLong(2 + changed.size());
                    if (!rs.wasNull()) {
                        tx.headSeen(new JdbcStoreTransaction.HeadSeen(sequence, rs.getString(3 + changed.size())));
                    }
                    return new ContactReplaced(change.expectedVersion() + 1, ownerId, previous);
                }
            }
        });
    }

    /** A table's or a column's name as SQL text, rendered once per store under this key. */
    private String sqlName(String key, org.jooq.QueryPart name) {
        return tables().rendered(key, () -> dsl().render(name));
    }

    /** A contact column's name as SQL text, rendered once per store. */
    private String columnName(ContactColumn column) {
        return sqlName("contact.column." + column.field().getName(), column.field());
    }

    /**
     * A batch of changes (an import's matched rows, issue 13) in a number of statements that does not grow with the
     * batch: the stages it moves contacts to, locked in id order as {@link #update} locks its stage; one
     * {@code SELECT ... FOR UPDATE} per 1,000 contacts of their versions, owners and the values of every field the
     * batch changes, which locks the rows to the end of the transaction (so the values read are exactly those the
     * writes replace, as the single update's lock or {@code RETURNING} makes them); every version checked against
     * what it read before anything is written; then one prepared
     * {@code UPDATE ... SET col = coalesce(?, col), ..., updated_at = ?, version = version + 1 WHERE id = ? AND
     * version = ?} for all rows, sent as one JDBC batch (see {@link #updateRound}: rows that clear a field go in a
     * statement per set of cleared fields; an import clears none). A batch count of 0 (a row that did not match its
     * version after all) still throws {@link StaleVersionException}.
     *
     * <p>Why a batched {@code UPDATE} and not {@code MERGE} (H2), {@code INSERT ... ON CONFLICT DO UPDATE}
     * (PostgreSQL) or {@code INSERT ... ON DUPLICATE KEY UPDATE} (MariaDB): the rows arrive matched, since the
     * service looks the e-mails up to check each row's rights before it writes and inserts the unmatched ones with
     * {@link #insertAll}, so no row is left for the database to match and an insert half would never run. The version
     * check is a plain {@code WHERE version = ?} on every database, which {@code ON DUPLICATE KEY UPDATE} cannot
     * express. And {@code ON DUPLICATE KEY UPDATE} fires on any unique key: a row whose new e-mail is another
     * contact's would update that contact instead of being refused as a duplicate. As an {@code UPDATE}, the unique
     * e-mail index, the stage foreign key and H2's generated lower-case columns act on each row exactly as on a
     * single update.
     *
     * <p>A contact changed more than once in the batch is read once; its later changes are checked against, and
     * given the values of, the ones before, and each goes in a later round of statements than the one before it.
     */
    @Override
    public List<ContactReplaced> updateAllReturning(List<ContactChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        return run("update contacts", EMAIL, () -> {
            Set<String> keys = new TreeSet<>();
            Set<Long> stages = new TreeSet<>();
            Set<Long> ids = new TreeSet<>();
            for (ContactChange change : changes) {
                keys.addAll(change.set().keySet());
                keys.addAll(change.clear());
                Object stage = change.set().get(StandardFields.STAGE);
                if (stage != null) {
                    stages.add(((Number) stage).longValue());
                }
                ids.add(change.contactId());
            }
            ContactColumns columns = tx.columns(keys);
            Map<String, ContactColumn> byKey = new HashMap<>();
            keys.forEach(key -> byKey.put(key, column(columns, key)));
            for (long stage : stages) {
                lockStage(Map.of(StandardFields.STAGE, stage));
            }
            Map<Long, ContactRow> current = lockedRows(columns, ids, List.copyOf(keys));
            // Replays the changes on what was read: every version is checked, and every previous value known, before
            // anything is written.
            Map<Long, Replayed> replayed = new HashMap<>();
            List<ContactReplaced> results = new ArrayList<>(changes.size());
            TreeMap<Integer, List<ContactChange>> rounds = new TreeMap<>();
            for (ContactChange change : changes) {
                Replayed row = replayed.computeIfAbsent(change.contactId(), id -> {
                    ContactRow read = current.get(id);
                    return read == null ? null : new Replayed(read);
                });
                if (row == null || row.version != change.expectedVersion()) {
                    throw new StaleVersionException("contact", change.contactId(), change.expectedVersion());
                }
                results.add(row.apply(change));
                rounds.computeIfAbsent(row.writes++, round -> new ArrayList<>()).add(change);
            }
            guardingParents(() -> {
                rounds.values().forEach(round -> updateRound(byKey, round));
                return null;
            }, JdbcContactStore::unknownStage);
            return List.copyOf(results);
        });
    }

    /**
     * Writes changes of distinct contacts. Rows of a CSV import set the columns of their non-empty cells, which
     * differ from row to row, so the statement does not follow each row's fields: it assigns every column any row of
     * the round sets as {@code col = coalesce(?, col)}, a row that leaves the column alone binding NULL. Rows that
     * store NULL somewhere (a cleared field, an empty multi-select) assign {@code col = null} instead, in a statement
     * of their own per set of such columns; an import clears nothing, so its batch is one statement.
     */
    private void updateRound(Map<String, ContactColumn> byKey, List<ContactChange> round) {
        Set<String> assigned = new TreeSet<>();
        Map<List<String>, List<ContactChange>> byNulled = new LinkedHashMap<>();
        for (ContactChange change : round) {
            Set<String> nulled = new TreeSet<>(change.clear());
            change.set().forEach((key, value) -> {
                if (byKey.get(key).toDb(value) == null) {
                    nulled.add(key);
                } else {
                    assigned.add(key);
                }
            });
            byNulled.computeIfAbsent(List.copyOf(nulled), shape -> new ArrayList<>()).add(change);
        }
        byNulled.forEach((nulled, rows) -> {
            List<ContactColumn> kept = new ArrayList<>();
            for (String key : assigned) {
                if (!nulled.contains(key)) {
                    kept.add(byKey.get(key));
                }
            }
            updateAsJdbcBatch(kept, nulled.stream().map(byKey::get).toList(), rows);
        });
    }

    /** The rows of these contacts with these fields' values, locked until the transaction ends, by id. */
    private Map<Long, ContactRow> lockedRows(ContactColumns columns, Collection<Long> ids, List<String> keys) {
        ContactQueryBuilder queries = new ContactQueryBuilder(tables(), columns, tx.kind());
        Map<Long, ContactRow> rows = new HashMap<>(ids.size() * 2);
        for (List<Long> chunk : chunks(ids, CHUNK)) {
            ContactSelection selection = ContactSelection.everything(keys, new Filter.IdIn(Set.copyOf(chunk)),
                    chunk.size());
            for (ContactRow row : queries.build(dsl(), selection, false, true).fetch()) {
                rows.put(row.id(), row);
            }
        }
        return rows;
    }

    /**
     * One prepared {@code UPDATE} for every row, executed as a JDBC batch: {@code assigned} columns take the row's
     * value or, bound NULL where the row does not set them, keep theirs; {@code nulled} ones become NULL. A row whose
     * id and version matched nothing throws {@link StaleVersionException}. The text is built from the store's
     * rendered names, once per batch, not by jOOQ per row, and values are bound as the batch insert binds them.
     */
    private void updateAsJdbcBatch(List<ContactColumn> assigned, List<ContactColumn> nulled,
                                   List<ContactChange> rows) {
        String version = sqlName("contact.version", VERSION);
        StringBuilder sql = new StringBuilder("update ").append(sqlName("contact.table", tables().contact()))
                .append(" set ");
        for (ContactColumn column : assigned) {
            String name = columnName(column);
            sql.append(name).append(" = coalesce(?, ").append(name).append("), ");
        }
        for (ContactColumn column : nulled) {
            sql.append(columnName(column)).append(" = null, ");
        }
        sql.append(sqlName("contact.updatedAt", UPDATED_AT)).append(" = ?, ").append(version).append(" = ")
                .append(version).append(" + 1 where ").append(sqlName("contact.id", ID)).append(" = ? and ")
                .append(version).append(" = ?");
        int[] sqlTypes = new int[assigned.size()];
        for (int c = 0; c < sqlTypes.length; c++) {
            sqlTypes[c] = assigned.get(c).field().getDataType().getSQLType();
        }
        dsl().connection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
                for (ContactChange change : rows) {
                    int i = 1;
                    for (int c = 0; c < sqlTypes.length; c++) {
                        ContactColumn column = assigned.get(c);
                        bindValue(update, i++, column, change.set().get(column.key()), sqlTypes[c]);
                    }
                    update.setObject(i++, UtcTimes.toDb(change.updatedAt()));
                    update.setLong(i++, change.contactId());
                    update.setLong(i, change.expectedVersion());
                    if (rows.size() > 1) {
                        update.addBatch();
                    }
                }
                int[] counts = rows.size() > 1 ? update.executeBatch() : new int[] {update.executeUpdate()};
                for (int r = 0; r < counts.length; r++) {
                    // SUCCESS_NO_INFO (a driver that does not count batch rows) is trusted: the rows are locked and
                    // their versions were checked.
                    if (counts[r] == 0) {
                        ContactChange stale = rows.get(r);
                        throw new StaleVersionException("contact", stale.contactId(), stale.expectedVersion());
                    }
                }
            }
        });
    }

    /** A contact as the batch's changes before the current one left it: version, owner and the changed fields. */
    private static final class Replayed {
        private long version;
        private final long ownerId;
        private final Map<String, Object> values;
        /** How many of the batch's changes of this contact have been replayed: the round of its next write. */
        private int writes;

        Replayed(ContactRow row) {
            this.version = row.version();
            this.ownerId = row.ownerId();
            this.values = new HashMap<>(row.values());
        }

        /** Applies a change at this contact's version and returns what it replaced. */
        ContactReplaced apply(ContactChange change) {
            Map<String, Object> previous = new LinkedHashMap<>();
            change.set().keySet().forEach(key -> putIfSet(previous, key, values.get(key)));
            change.clear().forEach(key -> putIfSet(previous, key, values.get(key)));
            change.set().forEach((key, value) -> {
                values.remove(key);
                putIfSet(values, key, value);
            });
            change.clear().forEach(values::remove);
            version++;
            return new ContactReplaced(version, ownerId, previous);
        }

        /** An empty multi-select is stored as NULL: no value. */
        private static void putIfSet(Map<String, Object> map, String key, Object value) {
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                map.put(key, value);
            }
        }
    }

    @Override
    public ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        return run("change a contact's owner", () -> {
            ContactRow before = locked(tx.columns(), contactId, Set.of(), expectedVersion);
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(OWNER_ID, owner(ownerId));
            long version = bumpVersion(contactId, expectedVersion, updatedAt, values);
            return new ContactReplaced(version, before.ownerId(), Map.of());
        });
    }

    /**
     * The row with the values of these fields, locked until the transaction ends, so that the values are exactly
     * those the write replaces; {@link StaleVersionException} unless it is at the expected version.
     */
    private ContactRow locked(ContactColumns columns, long contactId, Collection<String> keys, long expectedVersion) {
        List<String> known = keys.stream().filter(k -> columns.find(k).isPresent()).toList();
        ContactSelection selection = ContactSelection.everything(known, new Filter.IdIn(Set.of(contactId)), 1);
        List<ContactRow> rows = new ContactQueryBuilder(tables(), columns, tx.kind())
                .build(dsl(), selection, false, true).fetch();
        if (rows.isEmpty() || rows.get(0).version() != expectedVersion) {
            throw new StaleVersionException("contact", contactId, expectedVersion);
        }
        return rows.get(0);
    }

    @Override
    public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        return run("change a contact's owner", () -> {
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(OWNER_ID, owner(ownerId));
            return bumpVersion(contactId, expectedVersion, updatedAt, values);
        });
    }

    private long bumpVersion(long contactId, long expectedVersion, Instant updatedAt, Map<Field<?>, Object> values) {
        values.put(UPDATED_AT, UtcTimes.toDb(updatedAt));
        int updated = dsl().update(tables().contact()).set(values).set(VERSION, VERSION.plus(1))
                .where(ID.eq(contactId)).and(VERSION.eq(expectedVersion)).execute();
        if (updated == 0) {
            throw new StaleVersionException("contact", contactId, expectedVersion);
        }
        return expectedVersion + 1;
    }

    @Override
    public boolean delete(long contactId) {
        return run("delete a contact", () -> deleteCascading(contactId));
    }

    @Override
    public Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
        return run("delete a contact", () -> {
            ContactColumns columns = tx.columns();
            ContactSelection everything = ContactSelection.everything(columns.keys(), new Filter.IdIn(Set.of(contactId)),
                    1);
            List<ContactRow> rows = new ContactQueryBuilder(tables(), columns, tx.kind())
                    .build(dsl(), everything, false, true).fetch();
            if (rows.isEmpty() || !deleteCascading(contactId)) {
                return Optional.empty();
            }
            return Optional.of(rows.get(0));
        });
    }

    private boolean deleteCascading(long contactId) {
        // The contact's row first: a unit of work adding a note or membership to it at this moment holds it shared
        // and this one waits, or it waits for this one and then finds the contact gone. Its foreign keys cascade;
        // the explicit deletes keep the order of locks the same on every database.
        if (!lockForDelete(tables().contact(), contactId)) {
            return false;
        }
        dsl().deleteFrom(tables().membership()).where(CONTACT_ID.eq(contactId)).execute();
        dsl().deleteFrom(tables().note()).where(CONTACT_ID.eq(contactId)).execute();
        dsl().deleteFrom(tables().reminder()).where(CONTACT_ID.eq(contactId)).execute();
        return dsl().deleteFrom(tables().contact()).where(ID.eq(contactId)).execute() > 0;
    }

    @Override
    public List<ContactRow> select(ContactSelection selection) {
        return run("select contacts", () -> {
            boolean withEpoch = tx.wantsEpochVersion();
            ContactQueryBuilder.ContactQuery query = new ContactQueryBuilder(tables(),
                    tx.columns(ContactQueryBuilder.fieldKeys(selection)), tx.kind())
                    .build(dsl(), selection, withEpoch, false);
            List<ContactRow> rows = query.fetch();
            query.epochVersion().ifPresent(tx::epochVersionSeen);
            return rows;
        });
    }

    @Override
    public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        return run("find contacts by a unique field", () -> {
            ContactColumn column = column(tx.columns(Set.of(fieldKey)), fieldKey);
            boolean email = fieldKey.equals(StandardFields.EMAIL);
            // Stored value -> the values given that match it (for e-mail, several spellings of one address).
            Map<Object, List<Object>> wanted = new LinkedHashMap<>();
            for (Object value : values) {
                Object stored = column.toDb(email ? ((String) value).toLowerCase(Locale.ROOT) : value);
                if (stored != null) {
                    wanted.computeIfAbsent(stored, k -> new ArrayList<>()).add(value);
                }
            }
            Field<Object> field = column.field();
            Field<Object> matched = email ? lowerEmail(field) : field;
            Map<Object, Long> found = new HashMap<>();
            for (List<Object> chunk : chunks(wanted.keySet(), CHUNK)) {
                for (Record r : lookup(matched, chunk).fetch()) {
                    Object stored = r.get(1);
                    if (email) {
                        stored = ((String) stored).toLowerCase(Locale.ROOT);
                    } else if (stored != null) {
                        stored = column.toDb(column.fromDb(stored));
                    }
                    for (Object given : wanted.getOrDefault(stored, List.of())) {
                        found.putIfAbsent(given, r.get(0, Long.class));
                    }
                }
            }
            return found;
        });
    }

    private ResultQuery<Record2<Long, Object>> lookup(Field<Object> matched, List<Object> chunk) {
        if (tx.kind() == DatabaseKind.POSTGRESQL && chunk.stream().allMatch(String.class::isInstance)) {
            // After a few executions pgjdbc switches to a server-prepared generic plan, in which a long IN list of
            // parameters is compared with every row one value at a time (seconds per import batch). One array
            // parameter joined through unnest() is planned as index probes whatever the table's statistics say.
            Table<?> wanted = DSL.unnest(chunk.toArray(String[]::new)).as("wanted", "v");
            Field<String> value = DSL.field(DSL.name("wanted", "v"), String.class);
            return dsl().select(ID, matched).from(tables().contact()).join(wanted)
                    .on(matched.coerce(String.class).eq(value)).orderBy(ID);
        }
        return dsl().select(ID, matched).from(tables().contact()).where(matched.in(chunk)).orderBy(ID);
    }

    @Override
    public long count() {
        return run("count contacts", () -> (long) dsl().fetchCount(tables().contact()));
    }

    private ContactRow find(ContactColumns columns, long id) {
        ContactSelection everything = ContactSelection.everything(columns.keys(), new Filter.IdIn(Set.of(id)), 1);
        return new ContactQueryBuilder(tables(), columns, tx.kind()).build(dsl(), everything).fetch().get(0);
    }

    /** Lower-cased e-mail, on an expression each database indexes. */
    private Field<Object> lowerEmail(Field<Object> email) {
        return switch (tx.kind()) {
            // The column's collation is case-insensitive, and the unique index is on it.
            case MARIADB, MYSQL -> email;
            // H2 has no expression indexes; the migration adds an indexed generated column instead.
            case H2 -> DSL.field(DSL.name("email_lower"), email.getDataType());
            case POSTGRESQL -> DSL.lower(email.coerce(String.class)).coerce(email.getDataType());
        };
    }

    private static Long owner(long ownerId) {
        return ownerId == 0 ? null : ownerId;
    }

    private ContactColumn column(ContactColumns columns, String key) {
        return columns.find(key).orElseThrow(() ->
                new CrmValidationException(Violation.of(key, "unknown_field", "is not a field of this store")));
    }
}
