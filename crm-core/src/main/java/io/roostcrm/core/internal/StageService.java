package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Stage;
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
        return session.work(tx -> tx.stages().all());
    }

    @Override
    public Stage add(String name) {
        requireSuperAdmin(session, "change stages");
        String checked = name(name);
        return session.work(tx -> {
            int position = tx.stages().all().stream().mapToInt(Stage::position).max().orElse(0) + 1;
            return tx.stages().insert(new Stage(0, checked, position));
        });
    }

    @Override
    public Stage rename(long stageId, String name) {
        requireSuperAdmin(session, "change stages");
        String checked = name(name);
        return session.work(tx -> {
            Stage stage = tx.stages().find(stageId).orElseThrow(() -> new CrmNotFoundException("stage", stageId));
            return tx.stages().update(new Stage(stage.id(), checked, stage.position()));
        });
    }

    @Override
    public void delete(long stageId) {
        requireSuperAdmin(session, "change stages");
        session.work(tx -> {
            tx.stages().find(stageId).orElseThrow(() -> new CrmNotFoundException("stage", stageId));
            return tx.stages().delete(stageId);
        });
    }

    static void requireSuperAdmin(DefaultCrmSession session, String what) {
        if (!session.access().policy().isSuperAdmin()) {
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
