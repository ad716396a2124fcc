package io.roostcrm.core.internal;

import io.roostcrm.core.CrmSession;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.permissions.PermissionEngine;
import io.roostcrm.permissions.Subject;

import java.time.Clock;

/** The state one {@link io.roostcrm.core.Crm} holds: its store, clock, engine and field registry. */
public final class CrmRuntime {

    private final CrmStore store;
    private final Clock clock;
    private final PermissionEngine engine;

    public CrmRuntime(CrmStore store, Clock clock, long maximumPolicies) {
        this.store = store;
        this.clock = clock;
        this.engine = null; // TODO(helper): build from StandardFields + store custom fields
        throw new UnsupportedOperationException("not implemented yet");
    }

    public CrmStore store() {
        return store;
    }

    public PermissionEngine engine() {
        return engine;
    }

    public CrmSession session(long userId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public CrmSession session(Subject subject) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
