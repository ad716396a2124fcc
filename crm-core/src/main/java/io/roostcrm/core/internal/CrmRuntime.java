package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.permissions.PermissionEngine;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state one {@link io.roostcrm.core.Crm} holds: its store, clock, permission engine and the field catalog the
 * engine decides over. Starting it loads the active custom fields and seeds the default stages into an empty store.
 * Thread-safe.
 */
public final class CrmRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CrmRuntime.class);

    private final CrmStore store;
    private final Clock clock;
    private final PermissionEngine engine;
    private volatile FieldCatalog catalog;
    private final AtomicLong securityGeneration = new AtomicLong();

    /**
     * Starts a runtime over a store: one unit of work reads the custom fields and seeds the default stages if there
     * are none.
     */
    public CrmRuntime(CrmStore store, Clock clock, long maximumPolicies) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<FieldDefinition> custom = store.transactionResult(tx -> {
            if (tx.stages().all().isEmpty()) {
                List<String> names = Stage.DEFAULT_NAMES;
                for (int i = 0; i < names.size(); i++) {
                    tx.stages().insert(new Stage(0, names.get(i), i + 1));
                }
                LOG.info("seeded {} default stages", names.size());
            }
            return tx.fields().all();
        });
        this.catalog = FieldCatalog.of(custom);
        this.engine = PermissionEngine.builder().fields(catalog.registry()).maximumPolicies(maximumPolicies).build();
        LOG.debug("started with {} fields", catalog.fields().size());
    }

    /** The store. */
    public CrmStore store() {
        return store;
    }

    /** The permission engine. */
    public PermissionEngine engine() {
        return engine;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The session of a stored, active user, with the roles and teams stored now. Role names that no longer exist
     * are ignored (they grant nothing).
     *
     * @throws CrmNotFoundException if there is no such active user
     */
    public CrmSession session(long userId) {
        long generation = securityGeneration.get();
        return new DefaultCrmSession(this, loadSubject(userId), userId, generation);
    }

    /** The user's subject as stored now, or {@link CrmNotFoundException} if there is no such active user. */
    Subject loadSubject(long userId) {
        return store.transactionResult(tx -> {
            User user = tx.users().find(userId).filter(User::active)
                    .orElseThrow(() -> new CrmNotFoundException("user", userId));
            List<Role> roles = new ArrayList<>(user.roleNames().size());
            for (String name : user.roleNames()) {
                tx.roles().find(name).ifPresent(role -> {
                    if (roles.stream().noneMatch(r -> r.name().equals(role.name()))) {
                        roles.add(role);
                    }
                });
            }
            return new Subject(user.id(), user.teamIds(), roles);
        });
    }

    /**
     * Counts changes to roles and users made through this runtime. A user's open session compares it with the value
     * it loaded its subject at and reloads when they differ, so a change of rights applies to the very next call
     * (ASVS 8.3.2), not only to new sessions.
     */
    long securityGeneration() {
        return securityGeneration.get();
    }

    /** A user or their roles changed. */
    void usersChanged() {
        securityGeneration.incrementAndGet();
    }

    /** A session for a subject the host describes. */
    public CrmSession session(Subject subject) {
        return new DefaultCrmSession(this, Objects.requireNonNull(subject, "subject"), 0, securityGeneration.get());
    }

    /** A call's view of the permissions: the subject's current policy and the matching field catalog. */
    Access access(Subject subject) {
        FieldCatalog current = catalog;
        Policy policy = engine.policy(subject);
        if (!policy.fields().equals(current.registry())) {
            // A field change is being applied concurrently; decide over the catalog the engine now has.
            synchronized (this) {
                current = catalog;
                policy = engine.policy(subject);
            }
        }
        return new Access(policy, current);
    }

    /** Custom fields changed: swap the catalog and give the engine the new registry. */
    synchronized void fieldsChanged(List<FieldDefinition> customFields) {
        FieldCatalog next = FieldCatalog.of(customFields);
        catalog = next;
        engine.updateFields(next.registry());
    }

    /** A role changed or was deleted: evict the compiled role sets that contain it. */
    void roleChanged(String roleName) {
        engine.invalidateRole(roleName);
        securityGeneration.incrementAndGet();
    }
}
