package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.POSITION;

/** Stages in {@code roost_stage}; a contact's stage is the column {@code roost_contact.stage}. */
public final class JdbcStageStore extends SubStore implements StageStore {

    private static final Field<Long> CONTACT_STAGE = DSL.field(DSL.name("stage"), SQLDataType.BIGINT);
    private static final Optional<String> NAME_FIELD = Optional.of("name");

    public JdbcStageStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public List<Stage> all() {
        return run("read stages", () -> dsl().select(ID, NAME, POSITION).from(tables().stage()).orderBy(POSITION, ID)
                .fetch(JdbcStageStore::toStage));
    }

    @Override
    public Optional<Stage> find(long stageId) {
        return run("read a stage", () -> dsl().select(ID, NAME, POSITION).from(tables().stage())
                .where(ID.eq(stageId)).fetchOptional().map(JdbcStageStore::toStage));
    }

    @Override
    public Stage insert(Stage stage) {
        return insert(stage, IdAssignment.STORE);
    }

    @Override
    public Stage insert(Stage stage, IdAssignment ids) {
        Objects.requireNonNull(stage, "stage");
        return run("insert a stage", NAME_FIELD, () -> {
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(NAME, stage.name());
            values.put(POSITION, stage.position());
            long id = insertRow(tables().stage(), "roost_stage", ids, stage.id(), values);
            tx.bumpEpoch(JdbcEpoch.Part.STAGES);
            return new Stage(id, stage.name(), stage.position());
        });
    }

    @Override
    public Stage update(Stage stage) {
        Objects.requireNonNull(stage, "stage");
        return run("update a stage", NAME_FIELD, () -> {
            int updated = dsl().update(tables().stage()).set(NAME, stage.name()).set(POSITION, stage.position())
                    .where(ID.eq(stage.id())).execute();
            if (updated == 0) {
                throw new CrmNotFoundException("stage", stage.id());
            }
            tx.bumpEpoch(JdbcEpoch.Part.STAGES);
            return stage;
        });
    }

    @Override
    public boolean delete(long stageId) {
        return run("delete a stage", () -> {
            // The stage's row first: a contact being moved to it holds it, and this check then sees that move.
            if (!lockForDelete(tables().stage(), stageId)) {
                return false;
            }
            if (dsl().fetchExists(tables().contact(), CONTACT_STAGE.eq(stageId))) {
                throw new CrmValidationException(Violation.of("stage", "in_use", "is in use by contacts"));
            }
            // A contact may have been moved to it meanwhile by another node: its foreign key keeps the stage.
            boolean deleted = guardingParents(() -> dsl().deleteFrom(tables().stage()).where(ID.eq(stageId))
                    .execute() > 0, key -> new CrmValidationException(Violation.of("stage", "in_use",
                    "is in use by contacts")));
            if (deleted) {
                tx.bumpEpoch(JdbcEpoch.Part.STAGES);
            }
            return deleted;
        });
    }

    private static Stage toStage(Record r) {
        return new Stage(r.get(ID), r.get(NAME), r.get(POSITION));
    }
}
