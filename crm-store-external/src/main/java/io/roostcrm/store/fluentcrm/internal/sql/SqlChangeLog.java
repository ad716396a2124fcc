package io.roostcrm.store.fluentcrm.internal.sql;

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
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The change log in Roost's side table {@code roost_change_log}. As in the JDBC store, a unit of work's entries are
 * written just before it commits, numbered from the one-row {@code roost_change_head}, whose row lock (taken by the
 * {@code UPDATE}, held to the commit, the last lock the unit of work takes) makes writers commit their entries in
 * sequence order. Times are kept as epoch seconds and nanoseconds: no zone takes part.
 */
final class SqlChangeLog implements AbstractStoreTransaction.ChangeLogStorage, AuditStore {

    private static final String COLUMNS = "sequence_no, occurred_epoch, occurred_nanos, actor_id, client_address,"
            + " correlation_id, entity, entity_id, contact_id, operation, changes";

    private final UnitOfWork work;

    SqlChangeLog(UnitOfWork work) {
        this.work = work;
    }

    @Override
    public void write(List<Change> changes, WorkContext context) {
        Jdbc jdbc = work.jdbc();
        Tables t = work.tables();
        long last = advanceHead(jdbc, t, changes.size());
        long sequence = last - changes.size() + 1;
        Instant at = context.time();
        try (PreparedStatement insert = jdbc.connection().prepareStatement("INSERT INTO " + t.roostChangeLog()
                + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Change change : changes) {
                int i = 1;
                insert.setLong(i++, sequence++);
                insert.setLong(i++, at.getEpochSecond());
                insert.setInt(i++, at.getNano());
                insert.setLong(i++, context.actor().userId());
                if (context.clientAddress().isPresent()) {
                    insert.setString(i++, context.clientAddress().get());
                } else {
                    insert.setNull(i++, Types.VARCHAR);
                }
                insert.setString(i++, context.correlationId());
                insert.setString(i++, change.entity().name());
                insert.setString(i++, change.entityId());
                insert.setLong(i++, change.contactId());
                insert.setString(i++, change.operation().name());
                insert.setString(i++, ChangeCodec.encode(change.fields()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.translate(e, "write the change log");
        }
    }

    /** Locks the head row, moves it on by {@code count}, and returns the last sequence number handed out. */
    private long advanceHead(Jdbc jdbc, Tables t, int count) {
        if (work.context().dialect() == Dialect.MYSQL) {
            // LAST_INSERT_ID(expr) keeps the new value for this connection: no second read of the row.
            jdbc.update("UPDATE " + t.roostChangeHead() + " SET last_sequence = LAST_INSERT_ID(last_sequence + ?)"
                    + " WHERE id = 1", count);
            return jdbc.number("SELECT LAST_INSERT_ID()");
        }
        return jdbc.number("SELECT last_sequence FROM FINAL TABLE (UPDATE " + t.roostChangeHead()
                + " SET last_sequence = last_sequence + ? WHERE id = 1)", count);
    }

    @Override
    public List<ChangeEntry> read(ChangeQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ")
                .append(work.tables().roostChangeLog()).append(" WHERE sequence_no > ?");
        List<Object> params = new ArrayList<>();
        params.add(query.afterSequence());
        if (query.about() instanceof ChangeQuery.AboutContact contact) {
            sql.append(" AND contact_id = ?");
            params.add(contact.contactId());
        } else if (query.about() instanceof ChangeQuery.AboutEntity entity) {
            sql.append(" AND entity = ? AND entity_id = ?");
            params.add(entity.entity().name());
            params.add(entity.entityId());
        }
        sql.append(" ORDER BY sequence_no LIMIT ?");
        params.add(query.limit());
        return work.jdbc().query(sql.toString(), SqlChangeLog::entry, params);
    }

    private static ChangeEntry entry(java.sql.ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        try {
            long actorId = rs.getLong(4);
            WorkContext context = WorkContext.of(actorId == 0 ? Actor.system() : Actor.user(actorId),
                    Instant.ofEpochSecond(rs.getLong(2), rs.getInt(3))).withCorrelationId(rs.getString(6));
            String address = rs.getString(5);
            if (address != null) {
                context = context.withClientAddress(address);
            }
            Change change = new Change(ChangeEntity.valueOf(rs.getString(7)), rs.getString(8), rs.getLong(9),
                    ChangeOperation.valueOf(rs.getString(10)), ChangeCodec.decode(rs.getString(11)));
            return new ChangeEntry(sequence, context, change);
        } catch (IllegalArgumentException e) {
            throw new CrmConfigurationException("change-log entry " + sequence
                    + " is not in Roost's format (was it altered by hand?)");
        }
    }

    // ---- the audit chain (issue 12) ---------------------------------------------------------------------------

    private static final String CHAINED = COLUMNS + ", previous_hash, entry_hash";

    /**
     * Writes the entries linked into the chain. The head's row is locked first ({@code SELECT ... FOR UPDATE}) and
     * held to the commit, so the last hash read under the lock is the one the next writer links to: two nodes never
     * link two entries to the same predecessor.
     */
    @Override
    public void write(List<Change> changes, WorkContext context, AuditChain chain) {
        Jdbc jdbc = work.jdbc();
        Tables t = work.tables();
        int count = changes.size();
        Object[] head = jdbc.first("SELECT last_sequence, last_hash FROM " + t.roostChangeHead()
                + " WHERE id = 1 FOR UPDATE", rs -> new Object[]{rs.getLong(1), rs.getString(2)})
                .orElseThrow(() -> new CrmConfigurationException("the change log's head row is missing from "
                        + t.roostChangeHead() + "; restore it from the migration V2__roost_epoch_and_change_log.sql"));
        long sequence = (Long) head[0] + 1;
        String previous = head[1] == null ? AuditChain.GENESIS : (String) head[1];
        try (PreparedStatement insert = jdbc.connection().prepareStatement("INSERT INTO " + t.roostChangeLog()
                + " (" + CHAINED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Change change : changes) {
                AuditLink link = chain.link(sequence++, context, change, previous);
                previous = link.hash();
                int i = 1;
                insert.setLong(i++, link.sequence());
                insert.setLong(i++, link.time().getEpochSecond());
                insert.setInt(i++, link.time().getNano());
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
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.translate(e, "write the change log");
        }
        jdbc.update("UPDATE " + t.roostChangeHead() + " SET last_sequence = ?, last_hash = ? WHERE id = 1",
                sequence - 1, previous);
    }

    @Override
    public void linkWith(AuditChain chain) {
        // the support class hands the chain to write(changes, context, chain)
    }

    @Override
    public AuditHead head() {
        return work.jdbc().first("SELECT last_sequence, last_hash FROM " + work.tables().roostChangeHead()
                + " WHERE id = 1", rs -> {
                    String hash = rs.getString(2);
                    return new AuditHead(rs.getLong(1), hash == null ? AuditChain.GENESIS : hash);
                }).orElse(new AuditHead(0, AuditChain.GENESIS));
    }

    private static AuditLink link(java.sql.ResultSet rs) throws SQLException {
        String address = rs.getString(5);
        String previous = rs.getString(12);
        String hash = rs.getString(13);
        return new AuditLink(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2), rs.getInt(3)), rs.getLong(4),
                address == null ? "" : address, rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                rs.getString(10), rs.getString(11), previous == null ? "" : previous, hash == null ? "" : hash);
    }

    @Override
    public List<AuditLink> links(long afterSequence, int limit) {
        return work.jdbc().query("SELECT " + CHAINED + " FROM " + work.tables().roostChangeLog()
                + " WHERE sequence_no > ? ORDER BY sequence_no LIMIT ?", SqlChangeLog::link, afterSequence, limit);
    }

    @Override
    public Optional<AuditLink> link(long sequence) {
        return work.jdbc().first("SELECT " + CHAINED + " FROM " + work.tables().roostChangeLog()
                + " WHERE sequence_no = ?", SqlChangeLog::link, sequence);
    }

    @Override
    public List<ChangeEntry> query(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE sequence_no > ?");
        List<Object> params = new ArrayList<>();
        params.add(query.afterSequence());
        if (query.contactId() != 0) {
            where.append(" AND contact_id = ?");
            params.add(query.contactId());
        }
        if (query.actorId() != AuditQuery.ANY_ACTOR) {
            where.append(" AND actor_id = ?");
            params.add(query.actorId());
        }
        if (!query.entities().isEmpty()) {
            where.append(" AND entity IN (").append(marks(query.entities().size())).append(')');
            query.entities().forEach(e -> params.add(e.name()));
        }
        if (!query.operations().isEmpty()) {
            where.append(" AND operation IN (").append(marks(query.operations().size())).append(')');
            query.operations().forEach(o -> params.add(o.name()));
        }
        if (!query.from().equals(Instant.MIN)) {
            Instant from = AuditChain.canonicalTime(query.from());
            where.append(" AND (occurred_epoch > ? OR (occurred_epoch = ? AND occurred_nanos >= ?))");
            params.add(from.getEpochSecond());
            params.add(from.getEpochSecond());
            params.add(from.getNano());
        }
        if (!query.to().equals(Instant.MAX)) {
            Instant to = AuditChain.canonicalTime(query.to());
            where.append(" AND (occurred_epoch < ? OR (occurred_epoch = ? AND occurred_nanos < ?))");
            params.add(to.getEpochSecond());
            params.add(to.getEpochSecond());
            params.add(to.getNano());
        }
        params.add(query.limit());
        return work.jdbc().query("SELECT " + COLUMNS + " FROM " + work.tables().roostChangeLog() + where
                + " ORDER BY sequence_no LIMIT ?", SqlChangeLog::entry, params);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    @Override
    public long lastSequenceBefore(Instant time) {
        Instant at = AuditChain.canonicalTime(time);
        // 0 when none: sequence numbers start at 1.
        long firstKept = work.jdbc().number("SELECT COALESCE(MIN(sequence_no), 0) FROM "
                + work.tables().roostChangeLog() + " WHERE occurred_epoch > ? OR (occurred_epoch = ?"
                + " AND occurred_nanos >= ?)", at.getEpochSecond(), at.getEpochSecond(), at.getNano());
        return firstKept > 0
                ? work.jdbc().number("SELECT COALESCE(MAX(sequence_no), 0) FROM " + work.tables().roostChangeLog()
                + " WHERE sequence_no < ?", firstKept)
                : work.jdbc().number("SELECT COALESCE(MAX(sequence_no), 0) FROM " + work.tables().roostChangeLog());
    }

    @Override
    public long deleteThrough(long sequence) {
        return work.jdbc().update("DELETE FROM " + work.tables().roostChangeLog() + " WHERE sequence_no <= ?",
                sequence);
    }
}
