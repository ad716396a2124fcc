package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

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

    /** Reads the epoch row. */
    public static Read read(DSLContext dsl, RoostTables tables) {
        Record r = dsl.select(EPOCH_VERSION, FIELDS_EPOCH, ROLES_EPOCH, USERS_EPOCH, STAGES_EPOCH).from(tables.epoch())
                .where(ROW_ID.eq(1)).fetchOne();
        if (r == null) {
            throw new CrmConfigurationException("the store's epoch row is missing from roost_epoch; restore it from"
                    + " the migration V2__epoch_and_change_log.sql");
        }
        return new Read(r.get(EPOCH_VERSION), new Epoch(r.get(FIELDS_EPOCH), r.get(ROLES_EPOCH), r.get(USERS_EPOCH),
                r.get(STAGES_EPOCH)));
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
