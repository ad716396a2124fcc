package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.audit.AuditQuery;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.AuditHead;
import io.roostcrm.core.spi.AuditLink;
import io.roostcrm.core.spi.AuditStore;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeCodec;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.UtcTimes;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ACTOR_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CHANGES;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CLIENT_ADDRESS;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CORRELATION_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ENTRY_HASH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LAST_HASH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.PREVIOUS_HASH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ENTITY;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ENTITY_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LAST_SEQUENCE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.OCCURRED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.OPERATION;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ROW_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SEQUENCE_NO;

/**
 * The change log in {@code roost_change_log}. A unit of work's entries are written just before it commits: the
 * {@code UPDATE} of the one-row {@code roost_change_head} both hands out their sequence numbers and locks the head
 * until the commit, so units of work that write entries commit them one after the other, in sequence order. The head
 * is the last row a unit of work locks and it is held only for the insert and the commit, so no lock cycle can form
 * through it and writers wait on each other only that long. A reader at READ COMMITTED (or a snapshot) therefore
 * never sees an entry before every entry with a smaller number that will ever commit has committed.
 */
public final class JdbcChangeLog extends SubStore implements AbstractStoreTransaction.ChangeLogStorage,
        AuditStore {

    private static final List<Field<?>> COLUMNS = List.of(SEQUENCE_NO, OCCURRED_AT, ACTOR_ID, CLIENT_ADDRESS,
            CORRELATION_ID, ENTITY, ENTITY_ID, CONTACT_ID, OPERATION, CHANGES);

    public JdbcChangeLog(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public void write(List<Change> changes, WorkContext context) {
        if (changes.size() == 1 && tx.kind() != DatabaseKind.MARIADB && tx.kind() != DatabaseKind.MYSQL) {
            writeOne(changes.get(0), context);
            return;
        }
        run("write the change log", () -> {
            long last = advanceHead(changes.size());
            long first = last - changes.size() + 1;
            String sql = dsl().render(dsl().insertInto(tables().changeLog(), COLUMNS).values(new Object[COLUMNS.size()]));
            LocalDateTime at = UtcTimes.toDb(context.time());
            String address = context.clientAddress().orElse(null);
            long actor = context.actor().userId();
            dsl().connection(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    long sequence = first;
                    for (Change change : changes) {
                        int i = 1;
                        insert.setLong(i++, sequence++);
                        insert.setObject(i++, at);
                        insert.setLong(i++, actor);
                        if (address == null) {
                            insert.setNull(i++, Types.VARCHAR);
                        } else {
                            insert.setString(i++, address);
                        }
                        insert.setString(i++, context.correlationId());
                        insert.setString(i++, change.entity().name());
                        insert.setString(i++, change.entityId());
                        insert.setLong(i++, change.contactId());
                        insert.setString(i++, change.operation().name());
                        insert.setString(i++, ChangeCodec.encode(change.fields()));
                        if (changes.size() == 1) {
                            insert.executeUpdate();
                        } else {
                            insert.addBatch();
                        }
                    }
                    if (changes.size() > 1) {
                        insert.executeBatch();
                    }
                }
            });
            return null;
        });
    }

    /**
     * The common case, one entry, as one statement: the head's {@code UPDATE} (PostgreSQL: in a CTE with
     * {@code RETURNING}; H2: as a {@code FINAL TABLE}) numbers the inserted row, so the entry costs one round trip.
     */
    private void writeOne(Change change, WorkContext context) {
        run("write the change log", () -> {
            String values = "{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}";
            List<Object> binds = List.of(
                    DSL.val(UtcTimes.toDb(context.time()), OCCURRED_AT.getDataType()),
                    DSL.val(context.actor().userId()),
                    DSL.val(context.clientAddress().orElse(null), CLIENT_ADDRESS.getDataType()),
                    DSL.val(context.correlationId()),
                    DSL.val(change.entity().name()),
                    DSL.val(change.entityId()),
                    DSL.val(change.contactId()),
                    DSL.val(change.operation().name()),
                    DSL.val(ChangeCodec.encode(change.fields()), CHANGES.getDataType()));
            String columns = "sequence_no, occurred_at, actor_id, client_address, correlation_id, entity, entity_id,"
                    + " contact_id, operation, changes";
            String log = dsl().render(tables().changeLog());
            String head = dsl().render(tables().changeHead());
            String sql = tx.kind() == DatabaseKind.POSTGRESQL
                    ? "with head as (update " + head + " set last_sequence = last_sequence + 1 where id = 1"
                    + " returning last_sequence) insert into " + log + " (" + columns + ") select last_sequence, "
                    + values + " from head"
                    : "insert into " + log + " (" + columns + ") select last_sequence, " + values
                    + " from final table (update " + head + " set last_sequence = last_sequence + 1 where id = 1)";
            int inserted = dsl().query(sql, binds.toArray()).execute();
            if (inserted != 1) {
                throw new CrmConfigurationException("the change log's head row is missing from roost_change_head;"
                        + " restore it from the migration V2__epoch_and_change_log.sql");
            }
            return null;
        });
    }

    /** Locks the head row, moves it on by {@code count}, and returns the last sequence number handed out. */
    private long advanceHead(int count) {
        return switch (tx.kind()) {
            case POSTGRESQL -> dsl().update(tables().changeHead()).set(LAST_SEQUENCE, LAST_SEQUENCE.plus(count))
                    .where(ROW_ID.eq(1)).returningResult(LAST_SEQUENCE).fetchOne().value1();
            case H2 -> dsl().resultQuery("select last_sequence from final table (update {0} set last_sequence ="
                    + " last_sequence + {1} where id = 1)", tables().changeHead(), DSL.val(count))
                    .fetchOne(0, Long.class);
            case MARIADB, MYSQL -> {
                // LAST_INSERT_ID(expr) keeps the new value for this connection: no second read of the row.
                dsl().query("update {0} set last_sequence = last_insert_id(last_sequence + {1}) where id = 1",
                        tables().changeHead(), DSL.val(count)).execute();
                yield dsl().resultQuery("select last_insert_id()").fetchOne(0, Long.class);
            }
        };
    }

    @Override
    public List<ChangeEntry> read(ChangeQuery query) {
        return run("read the change log", () -> {
            Condition where = SEQUENCE_NO.gt(query.afterSequence());
            if (query.about() instanceof ChangeQuery.AboutContact contact) {
                where = where.and(CONTACT_ID.eq(contact.contactId()));
            } else if (query.about() instanceof ChangeQuery.AboutEntity entity) {
                where = where.and(ENTITY.eq(entity.entity().name())).and(ENTITY_ID.eq(entity.entityId()));
            }
            List<ChangeEntry> entries = new ArrayList<>();
            for (Record r : dsl().select(COLUMNS).from(tables().changeLog()).where(where).orderBy(SEQUENCE_NO)
                    .limit(query.limit()).fetch()) {
                entries.add(toEntry(r));
            }
            return entries;
        });
    }

    private static ChangeEntry toEntry(Record r) {
        try {
            long actorId = r.get(ACTOR_ID);
            WorkContext context = WorkContext.of(actorId == 0 ? Actor.system() : Actor.user(actorId),
                    UtcTimes.fromDb(r.get(OCCURRED_AT))).withCorrelationId(r.get(CORRELATION_ID));
            String address = r.get(CLIENT_ADDRESS);
            if (address != null) {
                context = context.withClientAddress(address);
            }
            Change change = new Change(ChangeEntity.valueOf(r.get(ENTITY)), r.get(ENTITY_ID), r.get(CONTACT_ID),
                    ChangeOperation.valueOf(r.get(OPERATION)), ChangeCodec.decode(r.get(CHANGES)));
            return new ChangeEntry(r.get(SEQUENCE_NO), context, change);
        } catch (IllegalArgumentException e) {
            throw new CrmConfigurationException("change-log entry " + r.get(SEQUENCE_NO)
                    + " is not in Roost's format (was it altered by hand?)");
        }
    }

    // ---- the audit chain (issue 12) ---------------------------------------------------------------------------

    private static final List<Field<?>> CHAINED = List.of(SEQUENCE_NO, OCCURRED_AT, ACTOR_ID, CLIENT_ADDRESS,
            CORRELATION_ID, ENTITY, ENTITY_ID, CONTACT_ID, OPERATION, CHANGES, PREVIOUS_HASH, ENTRY_HASH);

    /**
     * Writes the entries linked into the chain: the head's row lock (taken first, by the update that numbers the
     * entries, or on MariaDB by {@code SELECT ... FOR UPDATE}) is held to the commit, so the last hash read under it
     * is the one the next writer links to, and two nodes can never link two entries to the same predecessor.
     *
     * <p>Every update writes one entry, so this is on the hot path of every write: its three statements are rendered
     * once per store ({@code RoostTables.rendered}) and run as plain JDBC (rendering them with jOOQ on each call cost
     * more than executing them on H2), and on PostgreSQL a single entry's insert and the head's new hash go in one statement (a data-modifying
     * CTE), so the chain costs two round trips, not three.
     *
     * <p>A contact update reads the head along, unlocked ({@link JdbcStoreTransaction#headSeen}). Its single entry is
     * then linked to that head and written by a statement that moves the head only if it is still the one read:
     * one round trip on PostgreSQL, two statements on H2. The lock is taken by that statement, at the same point of
     * the unit of work as the other path's, so writers take their locks in the same order as before. When another
     * writer moved the head in between, that statement changes nothing and the entry is written as below.
     */
    @Override
    public void write(List<Change> changes, WorkContext context, AuditChain chain) {
        run("write the change log", () -> {
            int count = changes.size();
            DatabaseKind kind = tx.kind();
            boolean mariaDb = kind == DatabaseKind.MARIADB || kind == DatabaseKind.MYSQL;
            boolean oneStatement = count == 1 && kind == DatabaseKind.POSTGRESQL;
            String lockSql = statement("chain.lock", () -> {
                String head = dsl().render(tables().changeHead());
                return switch (kind) {
                    case POSTGRESQL -> "update " + head + " set last_sequence = last_sequence + ? where id = 1"
                            + " returning last_sequence, last_hash";
                    case H2 -> "select last_sequence, last_hash from final table (update " + head
                            + " set last_sequence = last_sequence + ? where id = 1)";
                    case MARIADB, MYSQL -> "select last_sequence + ?, last_hash from " + head
                            + " where id = 1 for update";
                };
            });
            String insertSql = statement("chain.insert", () -> dsl().render(
                    dsl().insertInto(tables().changeLog(), CHAINED).values(new Object[CHAINED.size()])));
            String headSql = statement(mariaDb ? "chain.head.sequence" : "chain.head", () -> "update "
                    + dsl().render(tables().changeHead()) + " set last_hash = ?"
                    + (mariaDb ? ", last_sequence = ?" : "") + " where id = 1");
            String insertAndHeadSql = oneStatement ? statement("chain.insertAndHead", () -> "with entry as ("
                    + insertSql + ") " + headSql) : null;
            Optional<JdbcStoreTransaction.HeadSeen> seen = tx.takeHeadSeen();
            dsl().connection(connection -> {
                if (count == 1 && seen.isPresent() && writeOnSeenHead(connection, changes.get(0), context, chain,
                        seen.get(), insertSql)) {
                    return;
                }
                long last;
                String previous;
                try (PreparedStatement lock = connection.prepareStatement(lockSql)) {
                    lock.setInt(1, count);
                    try (java.sql.ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            throw new CrmConfigurationException("the change log's head row is missing from"
                                    + " roost_change_head; restore it from the migration V2__epoch_and_change_log.sql");
                        }
                        last = rs.getLong(1);
                        previous = rs.getString(2);
                    }
                }
                String lastHash = previous == null ? AuditChain.GENESIS : previous;
                long sequence = last - count + 1;
                try (PreparedStatement insert = connection.prepareStatement(oneStatement ? insertAndHeadSql
                        : insertSql)) {
                    for (Change change : changes) {
                        AuditLink link = chain.link(sequence++, context, change, lastHash);
                        lastHash = link.hash();
                        int next = bind(insert, link);
                        if (oneStatement) {
                            insert.setString(next, lastHash);
                            insert.executeUpdate();
                        } else if (count == 1) {
                            insert.executeUpdate();
                        } else {
                            insert.addBatch();
                        }
                    }
                    if (count > 1) {
                        insert.executeBatch();
                    }
                }
                if (!oneStatement) {
                    try (PreparedStatement head = connection.prepareStatement(headSql)) {
                        head.setString(1, lastHash);
                        if (mariaDb) {
                            head.setLong(2, last);
                        }
                        head.executeUpdate();
                    }
                }
            });
            return null;
        });
    }

    /**
     * One entry linked to the head a statement of this unit of work read (unlocked), in one statement that takes the
     * head's lock, moves it and inserts the entry, on the condition that the head is still the one read. The head's
     * row lock is taken here, at the end of the unit of work, as on the other path, so the order in which writers
     * take locks does not change. When another writer moved the head meanwhile (or holds it: this statement then
     * waits for its commit and finds the head moved), nothing is written and the caller takes the head's lock and
     * links to what it finds.
     *
     * @return whether the entry was written
     */
    private boolean writeOnSeenHead(java.sql.Connection connection, Change change, WorkContext context,
                                    AuditChain chain, JdbcStoreTransaction.HeadSeen seen, String insertSql)
            throws java.sql.SQLException {
        java.util.function.Supplier<String> moveHead = () -> "update " + dsl().render(tables().changeHead())
                + " set last_sequence = last_sequence + 1, last_hash = ? where id = 1 and last_sequence = ?"
                + " and last_hash is not distinct from ?";
        // PostgreSQL: the head's move and the insert in one statement (the insert reads the moved head, so it inserts
        // nothing when the head was not the one seen). H2 has no data-modifying CTE: two statements, the insert only
        // after the move took. H2 and PostgreSQL both recheck the condition on the latest committed head after
        // waiting for its lock, so a head moved meanwhile is never overwritten.
        boolean postgres = tx.kind() == DatabaseKind.POSTGRESQL;
        String sql = postgres ? statement("chain.onSeenHead", () -> {
            List<Field<?>> values = new ArrayList<>(CHAINED.size());
            CHAINED.forEach(f -> values.add(DSL.val(null, f.getDataType())));
            return "with h as (" + moveHead.get() + " returning last_sequence) "
                    + dsl().render(dsl().insertInto(tables().changeLog(), CHAINED)
                    .select(DSL.select(values).from(DSL.table(DSL.name("h")))));
        }) : statement("chain.moveSeenHead", moveHead);
        AuditLink link = chain.link(seen.lastSequence() + 1, context, change,
                seen.lastHash() == null ? AuditChain.GENESIS : seen.lastHash());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, link.hash());
            statement.setLong(2, seen.lastSequence());
            if (seen.lastHash() == null) {
                statement.setNull(3, Types.VARCHAR);
            } else {
                statement.setString(3, seen.lastHash());
            }
            if (postgres) {
                bind(statement, link, 4);
            }
            if (statement.executeUpdate() != 1) {
                return false;
            }
        }
        if (!postgres) {
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                bind(insert, link);
                insert.executeUpdate();
            }
        }
        return true;
    }

    /** Binds a link's twelve columns in {@link #CHAINED} order; returns the next parameter index. */
    private static int bind(PreparedStatement insert, AuditLink link) throws java.sql.SQLException {
        return bind(insert, link, 1);
    }

    /** Binds a link's twelve columns in {@link #CHAINED} order from parameter {@code first}; returns the next. */
    private static int bind(PreparedStatement insert, AuditLink link, int first) throws java.sql.SQLException {
        int i = first;
        insert.setLong(i++, link.sequence());
        insert.setObject(i++, UtcTimes.toDb(link.time()));
        insert.setLong(i++, link.actorId());
        if (link.clientAddress().isEmpty()) {
            insert.setNull(i++, Types.VARCHAR);
        } else {
            insert.setString(i++, link.clientAddress());
        }
        insert.setString(i++, link.correlationId());
        insert.setString(i++, link.entity());
        insert.setString(i++, link.entityId());
        insert.setLong(i++, link.contactId());
        insert.setString(i++, link.operation());
        insert.setString(i++, link.changes());
        insert.setString(i++, link.previousHash());
        insert.setString(i++, link.hash());
        return i;
    }

    private String statement(String name, java.util.function.Supplier<String> render) {
        return tables().rendered(name, render);
    }

    @Override
    public void linkWith(AuditChain chain) {
        // the support class hands the chain to write(changes, context, chain)
    }

    @Override
    public AuditHead head() {
        return run("read the audit head", () -> {
            Record r = dsl().select(LAST_SEQUENCE, LAST_HASH).from(tables().changeHead()).where(ROW_ID.eq(1))
                    .fetchOne();
            if (r == null) {
                return new AuditHead(0, AuditChain.GENESIS);
            }
            String hash = r.get(LAST_HASH);
            return new AuditHead(r.get(LAST_SEQUENCE), hash == null ? AuditChain.GENESIS : hash);
        });
    }

    @Override
    public List<AuditLink> links(long afterSequence, int limit) {
        return run("read the audit trail", () -> {
            List<AuditLink> links = new ArrayList<>(Math.min(limit, 10_000));
            // A plain JDBC loop: verification reads every entry, and jOOQ's records would cost more than the hashing.
            // Read in chunks of at most CHUNK rows: H2 keeps a result of more rows than MAX_MEMORY_ROWS (which it
            // scales down with the heap: 2,500 in a 64 MB heap) in a temporary file, writing and re-reading every
            // row, which made a walk several times slower in a small heap.
            String statement = statement("audit.links", () -> "select sequence_no, occurred_at, actor_id,"
                    + " client_address, correlation_id, entity, entity_id, contact_id, operation, changes,"
                    + " previous_hash, entry_hash from " + dsl().render(tables().changeLog())
                    + " where sequence_no > ? order by sequence_no");
            dsl().connection(connection -> {
                try (PreparedStatement select = connection.prepareStatement(statement)) {
                    long after = afterSequence;
                    while (links.size() < limit) {
                        int chunk = Math.min(LINK_CHUNK, limit - links.size());
                        select.setMaxRows(chunk);
                        select.setFetchSize(chunk);
                        select.setLong(1, after);
                        int read = 0;
                        try (java.sql.ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                AuditLink link = link(rs);
                                links.add(link);
                                after = link.sequence();
                                read++;
                            }
                        }
                        if (read < chunk) {
                            break;
                        }
                    }
                }
            });
            return links;
        });
    }

    /** The most links one statement reads (see {@link #links}). */
    private static final int LINK_CHUNK = 1_000;

    private static AuditLink link(java.sql.ResultSet rs) throws java.sql.SQLException {
        String address = rs.getString(4);
        String previous = rs.getString(11);
        String hash = rs.getString(12);
        return new AuditLink(rs.getLong(1), UtcTimes.fromDb(rs.getObject(2, LocalDateTime.class)), rs.getLong(3),
                address == null ? "" : address, rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                rs.getString(9), rs.getString(10), previous == null ? "" : previous, hash == null ? "" : hash);
    }

    @Override
    public Optional<AuditLink> link(long sequence) {
        return run("read the audit trail", () -> {
            Record r = dsl().select(CHAINED).from(tables().changeLog()).where(SEQUENCE_NO.eq(sequence)).fetchOne();
            if (r == null) {
                return Optional.empty();
            }
            String address = r.get(CLIENT_ADDRESS);
            String previous = r.get(PREVIOUS_HASH);
            String hash = r.get(ENTRY_HASH);
            return Optional.of(new AuditLink(r.get(SEQUENCE_NO), UtcTimes.fromDb(r.get(OCCURRED_AT)), r.get(ACTOR_ID),
                    address == null ? "" : address, r.get(CORRELATION_ID), r.get(ENTITY), r.get(ENTITY_ID),
                    r.get(CONTACT_ID), r.get(OPERATION), r.get(CHANGES), previous == null ? "" : previous,
                    hash == null ? "" : hash));
        });
    }

    @Override
    public List<ChangeEntry> query(AuditQuery query) {
        return run("query the audit trail", () -> {
            Condition where = SEQUENCE_NO.gt(query.afterSequence());
            if (query.contactId() != 0) {
                where = where.and(CONTACT_ID.eq(query.contactId()));
            }
            if (query.actorId() != AuditQuery.ANY_ACTOR) {
                where = where.and(ACTOR_ID.eq(query.actorId()));
            }
            if (!query.entities().isEmpty()) {
                where = where.and(ENTITY.in(query.entities().stream().map(Enum::name).toList()));
            }
            if (!query.operations().isEmpty()) {
                where = where.and(OPERATION.in(query.operations().stream().map(Enum::name).toList()));
            }
            if (!query.from().equals(Instant.MIN)) {
                where = where.and(OCCURRED_AT.ge(UtcTimes.toDb(AuditChain.canonicalTime(query.from()))));
            }
            if (!query.to().equals(Instant.MAX)) {
                where = where.and(OCCURRED_AT.lt(UtcTimes.toDb(AuditChain.canonicalTime(query.to()))));
            }
            List<ChangeEntry> entries = new ArrayList<>();
            for (Record r : dsl().select(COLUMNS).from(tables().changeLog()).where(where).orderBy(SEQUENCE_NO)
                    .limit(query.limit()).fetch()) {
                entries.add(toEntry(r));
            }
            return entries;
        });
    }

    @Override
    public long lastSequenceBefore(Instant time) {
        return run("read the audit trail", () -> {
            Long firstKept = dsl().select(DSL.min(SEQUENCE_NO)).from(tables().changeLog())
                    .where(OCCURRED_AT.ge(UtcTimes.toDb(AuditChain.canonicalTime(time)))).fetchOne(0, Long.class);
            Condition before = firstKept == null ? DSL.trueCondition() : SEQUENCE_NO.lt(firstKept);
            Long last = dsl().select(DSL.max(SEQUENCE_NO)).from(tables().changeLog()).where(before)
                    .fetchOne(0, Long.class);
            return last == null ? 0L : last;
        });
    }

    @Override
    public long deleteThrough(long sequence) {
        return run("purge the audit trail", () ->
                (long) dsl().deleteFrom(tables().changeLog()).where(SEQUENCE_NO.le(sequence)).execute());
    }
}
