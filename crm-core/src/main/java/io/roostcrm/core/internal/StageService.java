package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Rule;

import java.util.List;
import java.util.Objects;

/** Stages: every user reads them; only a super admin changes them. */
final class StageService implements CrmSession.Stages {

    private final DefaultCrmSession session;

    StageService(DefaultCrmSession session) {
        this.session = session;
    }

    @Override
    public List<Stage> all() {
        return session.work("stages.all", call -> call.tx().stages().all());
    }

    @Override
    public Stage add(String name) {
        return session.work("stages.add", call -> {
            requireSuperAdmin(call, "change stages");
            String checked = name(name);
            StoreTransaction tx = call.tx();
            int position = tx.stages().all().stream().mapToInt(Stage::position).max().orElse(0) + 1;
            Stage stage = tx.stages().insert(new Stage(0, checked, position));
            Changes.stageCreated(tx, stage);
            return stage;
        });
    }

    @Override
    public Stage rename(long stageId, String name) {
        return session.work("stages.rename", call -> {
            requireSuperAdmin(call, "change stages");
            String checked = name(name);
            StoreTransaction tx = call.tx();
            Stage stage = tx.stages().find(stageId).orElseThrow(() -> new CrmNotFoundException("stage", stageId));
            Stage renamed = tx.stages().update(new Stage(stage.id(), checked, stage.position()));
            call.record(Changes.stageUpdated(stage, renamed));
            return renamed;
        });
    }

    @Override
    public void delete(long stageId) {
        session.work("stages.delete", call -> {
            requireSuperAdmin(call, "change stages");
            StoreTransaction tx = call.tx();
            Stage stage = tx.stages().find(stageId).orElseThrow(() -> new CrmNotFoundException("stage", stageId));
            if (tx.stages().delete(stageId)) {
                call.record(Changes.stageDeleted(stage));
            }
            return null;
        });
    }

    static void requireSuperAdmin(Call call, String what) {
        if (!call.access().policy().isSuperAdmin()) {
            // The engine has no rule for "super admin only"; the nearest is a missing entity right.
            throw new CrmPermissionDeniedException(Rule.SUPER_ADMIN_ONLY, "only a super admin may " + what);
        }
    }

    private static String name(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new CrmValidationException(Violation.of("name", "length", "must be 1 to 100 characters"));
        }
        TextRules.require(TextRules.check("name", trimmed, TextRules.Kind.LINE));
        return trimmed;
    }
}
