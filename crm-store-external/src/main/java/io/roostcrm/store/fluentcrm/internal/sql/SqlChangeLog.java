package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.spi.Actor;
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

/**
 * The change log in Roost's side table {@code roost_change_log}. As in the JDBC store, a unit of work's entries are
 * written just before it commits, numbered from the one-row {@code roost_change_head}, whose row lock (taken by the
 * {@code UPDATE}, held to the commit, the last lock the unit of work takes) makes writers commit their entries in
 * sequence order. Times are kept as epoch seconds and nanoseconds: no zone takes part.
 */
final class SqlChangeLog implements AbstractStoreTransaction.ChangeLogStorage {

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
        return work.jdbc().query(sql.toString(), rs -> {
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
        }, params);
    }
}
