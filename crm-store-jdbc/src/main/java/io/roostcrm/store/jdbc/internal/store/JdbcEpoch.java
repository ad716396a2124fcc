package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.EPOCH_VERSION;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.FIELDS_EPOCH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ROLES_EPOCH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ROW_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.STAGES_EPOCH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.USERS_EPOCH;

/**
 * The security epoch in {@code roost_epoch}: one row, whose components move in the transaction of every change to
 * what they stand for. Moving a component locks the row until the commit, so changes to definitions take turns;
 * reading it takes no lock.
 */
public final class JdbcEpoch {

    /** What a component stands for. */
    public enum Part {
        FIELDS(FIELDS_EPOCH), ROLES(ROLES_EPOCH), USERS(USERS_EPOCH), STAGES(STAGES_EPOCH);

        private final Field<Long> column;

        Part(Field<Long> column) {
            this.column = column;
        }
    }

    /** An epoch and the version it was read at. */
    public record Read(long version, Epoch epoch) {
    }

    private JdbcEpoch() {
    }

    /**
     * Reads the epoch row. A unit of work that reads no contact first (a session's {@code policy()}, an API request on
     * a store that rides no version) runs this on every call, so its text is rendered once per store and run as plain
     * JDBC, like the change log's hot statements.
     */
    public static Read read(DSLContext dsl, RoostTables tables) {
        String sql = tables.rendered("epoch.read", () -> dsl.render(dsl.select(EPOCH_VERSION, FIELDS_EPOCH,
                ROLES_EPOCH, USERS_EPOCH, STAGES_EPOCH).from(tables.epoch()).where(ROW_ID.eq(DSL.inline(1)))));
        Read read = dsl.connectionResult(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet r = select.executeQuery()) {
                return r.next() ? new Read(r.getLong(1), new Epoch(r.getLong(2), r.getLong(3), r.getLong(4),
                        r.getLong(5))) : null;
            }
        });
        if (read == null) {
            throw new CrmConfigurationException("the store's epoch row is missing from roost_epoch; restore it from"
                    + " the migration V2__epoch_and_change_log.sql");
        }
        return read;
    }

    /** Moves one component, and the version, in the caller's transaction. */
    public static void bump(DSLContext dsl, RoostTables tables, Part part) {
        int updated = dsl.update(tables.epoch()).set(EPOCH_VERSION, EPOCH_VERSION.plus(1))
                .set(part.column, part.column.plus(1)).where(ROW_ID.eq(1)).execute();
        if (updated != 1) {
            throw new CrmConfigurationException("the store's epoch row is missing from roost_epoch; restore it from"
                    + " the migration V2__epoch_and_change_log.sql");
        }
    }
}
