package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.List;
import java.util.Optional;

/** Stages: FluentCRM has no stage, so they live in {@code roost_stages}; a contact's stage in {@code roost_contacts}. */
final class SqlStageStore implements StageStore {

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final Tables t;

    SqlStageStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.t = work.tables();
    }

    @Override
    public List<Stage> all() {
        return jdbc.query("SELECT id, name, sort_order FROM " + t.roostStages() + " ORDER BY sort_order, id",
                rs -> new Stage(rs.getLong(1), rs.getString(2), rs.getInt(3)));
    }

    @Override
    public Optional<Stage> find(long stageId) {
        return jdbc.first("SELECT id, name, sort_order FROM " + t.roostStages() + " WHERE id = ?",
                rs -> new Stage(rs.getLong(1), rs.getString(2), rs.getInt(3)), stageId);
    }

    @Override
    public Stage insert(Stage stage) {
        checkName(stage.name(), 0);
        long id = jdbc.insert("INSERT INTO " + t.roostStages() + " (name, sort_order) VALUES (?, ?)", stage.name(),
                stage.position());
        work.bumpEpoch(SqlEpoch.Part.STAGES);
        return new Stage(id, stage.name(), stage.position());
    }

    @Override
    public Stage update(Stage stage) {
        if (find(stage.id()).isEmpty()) {
            throw new CrmNotFoundException("stage", stage.id());
        }
        checkName(stage.name(), stage.id());
        jdbc.update("UPDATE " + t.roostStages() + " SET name = ?, sort_order = ? WHERE id = ?", stage.name(),
                stage.position(), stage.id());
        work.bumpEpoch(SqlEpoch.Part.STAGES);
        return stage;
    }

    private void checkName(String name, long self) {
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostStages() + " WHERE name = ? AND id <> ?", name, self) > 0) {
            throw new CrmValidationException(Violation.of("name", "unique", "is already taken"));
        }
    }

    @Override
    public boolean delete(long stageId) {
        // The stage's row first, exclusively: a contact being moved to it holds it shared, and the check below then
        // sees that move.
        if (jdbc.first("SELECT id FROM " + t.roostStages() + " WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), stageId)
                .isEmpty()) {
            return false;
        }
        long inUse = jdbc.number("SELECT COUNT(*) FROM " + t.roostContacts() + " r JOIN " + t.subscribers()
                + " s ON s.id = r.subscriber_id WHERE r.stage_id = ?", stageId);
        if (inUse > 0) {
            throw new CrmValidationException(Violation.of("stage", "in_use", "is the stage of at least one contact"));
        }
        // Side rows of contacts FluentCRM deleted keep no stage; a live contact's stage is never cleared here.
        jdbc.update("UPDATE " + t.roostContacts() + " SET stage_id = NULL WHERE stage_id = ? AND NOT EXISTS (SELECT 1"
                + " FROM " + t.subscribers() + " s WHERE s.id = " + t.roostContacts() + ".subscriber_id)", stageId);
        boolean deleted = jdbc.update("DELETE FROM " + t.roostStages() + " WHERE id = ?", stageId) > 0;
        if (deleted) {
            work.bumpEpoch(SqlEpoch.Part.STAGES);
        }
        return deleted;
    }
}
