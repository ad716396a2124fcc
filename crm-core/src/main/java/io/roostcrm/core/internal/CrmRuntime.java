package io.roostcrm.core.internal;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.PermissionEngine;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one {@link io.roostcrm.core.Crm} holds: its store, clock and permission engine, and caches of the field
 * catalog, the roles and the users it opened sessions for. The caches never decide anything on their own: each is
 * tagged with the store's security {@link Epoch} it was read at, and a call uses it only after reading the epoch in
 * its own unit of work and finding it unchanged; otherwise the call reloads exactly the part that moved (fields,
 * roles, a user) in that unit of work. A store without an epoch gets no caching: every call reloads. Thread-safe.
 */
public final class CrmRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CrmRuntime.class);
    /** The store setting that holds the cursor key (base64), when the host gives none. */
    static final String CURSOR_KEY_SETTING = "roost.cursor-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CrmStore store;
    private final AuditChain chain;
    private final Clock clock;
    private final PermissionEngine engine;
    private final boolean recordRefusals;
    private final Cursors cursors;
    private volatile Fields fields;
    private volatile Roles roles;
    private volatile Users users = new Users(-1, -1, new ConcurrentHashMap<>());

    /** The field catalog as of an epoch's fields component ({@code null} epoch: valid for no call but the one). */
    private record Fields(Long epoch, FieldCatalog catalog) {
    }

    /** Every role by name, as of an epoch's roles component. */
    private record Roles(Long epoch, Map<String, Role> byName) {
    }

    /** At most this many users are cached per epoch; beyond it, users are read in each unit of work. */
    private static final int MAX_CACHED_USERS = 10_000;

    /**
     * Users as read at one epoch's users and roles components: valid for a unit of work that reads exactly those.
     * Every change to a user (login, active flag, roles, teams) moves the users component, and every change to a role
     * the roles component, in the change's own transaction, so a unit of work that reads the same two components
     * would read the same users. The map is replaced, never cleared, when the components move.
     */
    private record Users(long usersEpoch, long rolesEpoch, ConcurrentHashMap<Long, StoredUser> byId) {
        boolean at(Epoch epoch) {
            return usersEpoch == epoch.users() && rolesEpoch == epoch.roles();
        }
    }

    /** A stored user and, when active, their subject (the roles that exist, resolved); {@code null} when inactive. */
    private record StoredUser(User user, Subject subject) {
    }

    /**
     * Starts a runtime over a store: seeds the default stages into a store that has none (once, even when several
     * nodes start at the same moment) and reads the custom fields and roles.
     */
    public CrmRuntime(CrmStore store, Clock clock, long maximumPolicies, boolean recordRefusals,
                      byte[] cursorSecret) {
        this(store, clock, maximumPolicies, recordRefusals, cursorSecret, AuditChain.sha256());
    }

    /** A runtime whose audit entries are linked with this chain (keyed when the host gave an audit key). */
    public CrmRuntime(CrmStore store, Clock clock, long maximumPolicies, boolean recordRefusals,
                      byte[] cursorSecret, AuditChain chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.store = new KeyedStore(Objects.requireNonNull(store, "store"), chain);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recordRefusals = recordRefusals;
        seedStages();
        this.cursors = new Cursors(cursorSecret != null ? cursorSecret.clone() : sharedCursorKey());
        Fields loaded = store.transactionResult(systemContext(), tx -> {
            Optional<Epoch> epoch = tx.epoch();
            Fields f = new Fields(epoch.map(Epoch::fields).orElse(null), FieldCatalog.of(tx.fields().all()));
            roles = new Roles(epoch.map(Epoch::roles).orElse(null), byName(tx.roles().all()));
            return f;
        });
        this.fields = loaded;
        this.engine = PermissionEngine.builder().fields(loaded.catalog().registry()).maximumPolicies(maximumPolicies)
                .build();
        LOG.debug("started with {} fields", loaded.catalog().fields().size());
    }

    /**
     * Seeds the default stages into a store without any. Two nodes starting at once may both find none; the second
     * to insert is refused (by the unique stage name, or as a deadlock victim on MariaDB), finds the first one's
     * stages on a fresh look, and goes on. A seeding that failed for another reason is tried again, a few times.
     */
    private void seedStages() {
        for (int attempt = 1; ; attempt++) {
            try {
                store.transaction(systemContext(), tx -> {
                    if (tx.stages().all().isEmpty()) {
                        List<String> names = Stage.DEFAULT_NAMES;
                        for (int i = 0; i < names.size(); i++) {
                            Stage stage = tx.stages().insert(new Stage(0, names.get(i), i + 1));
                            Changes.stageCreated(tx, stage);
                        }
                        LOG.info("seeded {} default stages", names.size());
                    }
                });
                return;
            } catch (CrmValidationException | CrmStoreException e) {
                boolean seeded = store.transactionResult(systemContext(), tx -> !tx.stages().all().isEmpty());
                if (seeded) {
                    LOG.debug("another node seeded the default stages first");
                    return;
                }
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The key page cursors are signed with, shared by every node through the store's settings: the first node to
     * start creates it, and the others read it. Two nodes starting at once may both try to create it; the store keeps
     * the first, and the second reads that one (at once, or, if the store failed its unit of work on the key, in a
     * new one). A store without settings gets a key of this instance's own.
     */
    private byte[] sharedCursorKey() {
        if (!store.capabilities().has(StoreFeature.SETTINGS)) {
            LOG.warn("the store keeps no shared settings and no cursorSecret was given: page cursors are signed with"
                    + " a key of this instance's own and work only on this node");
            return randomKey();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // Empty when another node set the key meanwhile: this unit of work may read from a snapshot taken
                // before that node committed (MariaDB's repeatable read does), so the next one reads it.
                Optional<String> stored = store.transactionResult(systemContext(), tx -> {
                    SettingStore settings = tx.settings().orElseThrow(() -> new IllegalStateException(
                            "the store declares SETTINGS but gives no settings()"));
                    Optional<String> existing = settings.get(CURSOR_KEY_SETTING);
                    if (existing.isPresent()) {
                        return existing;
                    }
                    String created = Base64.getEncoder().encodeToString(randomKey());
                    return settings.setIfAbsent(CURSOR_KEY_SETTING, created) ? Optional.of(created)
                            : settings.get(CURSOR_KEY_SETTING);
                });
                if (stored.isPresent()) {
                    return decodeKey(stored.get());
                }
                if (attempt == 3) {
                    throw new CrmStoreException("the store refused to set the cursor key but holds none", null);
                }
            } catch (CrmValidationException | CrmStoreException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
            LOG.debug("another node created the cursor key first; reading it");
        }
    }

    private static byte[] decodeKey(String stored) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 32) {
            throw new CrmConfigurationException("the store's setting " + CURSOR_KEY_SETTING + " is not a key of at least"
                    + " 32 bytes in base64; delete it to have a new one generated (cursors made before stop working)");
        }
        return key;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Page cursors, signed with the deployment's key. */
    Cursors cursors() {
        return cursors;
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

    /** A unit of work's context for work no user asked for. */
    WorkContext systemContext() {
        return WorkContext.system(clock.instant());
    }

    /**
     * The session of a stored, active user, with the roles and teams stored now. Role names that no longer exist
     * are ignored (they grant nothing).
     *
     * @throws CrmNotFoundException if there is no such active user
     */
    public CrmSession session(long userId) {
        DefaultCrmSession.Loaded loaded = store.transactionResult(systemContext(),
                tx -> loadUser(tx, tx.epoch(), userId));
        return new DefaultCrmSession(this, loaded, userId);
    }

    /**
     * A stored user and their session, read in the caller's unit of work ({@link Crm#sessionIn}); empty when there is
     * no such active user.
     */
    public Optional<Crm.UserSession> sessionIn(StoreTransaction tx, long userId) {
        Optional<Epoch> epoch = tx.epoch();
        return storedUser(tx, epoch, userId).filter(stored -> stored.subject() != null)
                .map(stored -> new Crm.UserSession(stored.user(), new DefaultCrmSession(this,
                        loaded(stored, epoch), userId)));
    }

    /** A session for a subject the host describes. */
    public CrmSession session(Subject subject) {
        return new DefaultCrmSession(this, new DefaultCrmSession.Loaded(Objects.requireNonNull(subject, "subject"),
                null, null), 0);
    }

    /**
     * A stored user's subject as of this unit of work, tagged with the epoch's users and roles components.
     *
     * @param epoch the epoch, read in this unit of work before anything else it decides on
     * @throws CrmNotFoundException if there is no such active user
     */
    DefaultCrmSession.Loaded loadUser(StoreTransaction tx, Optional<Epoch> epoch, long userId) {
        StoredUser stored = storedUser(tx, epoch, userId).filter(s -> s.subject() != null)
                .orElseThrow(() -> new CrmNotFoundException("user", userId));
        return loaded(stored, epoch);
    }

    private static DefaultCrmSession.Loaded loaded(StoredUser stored, Optional<Epoch> epoch) {
        return new DefaultCrmSession.Loaded(stored.subject(), epoch.map(Epoch::users).orElse(null),
                epoch.map(Epoch::roles).orElse(null));
    }

    /**
     * A stored user as of this unit of work: from the cache when it was filled at this epoch's users and roles
     * components, else read here (and cached for the next unit of work at the same components). The epoch must have
     * been read in this unit of work before the user is: what is read after it is at least as new as it, so a cached
     * entry is never older than its tag.
     */
    private Optional<StoredUser> storedUser(StoreTransaction tx, Optional<Epoch> epoch, long userId) {
        Users cache = epoch.map(this::usersAt).orElse(null);
        if (cache != null) {
            StoredUser hit = cache.byId().get(userId);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<User> found = tx.users().find(userId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        User user = found.get();
        Subject subject = null;
        if (user.active()) {
            Map<String, Role> current = roles(tx, epoch);
            List<Role> held = new ArrayList<>(user.roleNames().size());
            for (String name : user.roleNames()) {
                Role role = current.get(name);
                if (role != null && !held.contains(role)) {
                    held.add(role);
                }
            }
            subject = new Subject(user.id(), user.teamIds(), held);
        }
        StoredUser stored = new StoredUser(user, subject);
        if (cache != null && cache.byId().size() < MAX_CACHED_USERS) {
            cache.byId().put(userId, stored);
        }
        return Optional.of(stored);
    }

    /**
     * The user cache for this epoch: the current one when it was filled at its users and roles components, else a new,
     * empty one. Two units of work at different epochs (one started before a change committed) may replace each
     * other's; that costs a read, never a stale answer, since each only uses a cache tagged with the epoch it read.
     */
    private Users usersAt(Epoch epoch) {
        Users current = users;
        if (current.at(epoch)) {
            return current;
        }
        Users fresh = new Users(epoch.users(), epoch.roles(), new ConcurrentHashMap<>());
        users = fresh;
        return fresh;
    }

    /** The field catalog, from the cache when it was built at this epoch, else read in this unit of work. */
    FieldCatalog catalog(StoreTransaction tx, Optional<Epoch> epoch) {
        Fields cached = fields;
        if (epoch.isPresent() && cached.epoch() != null && cached.epoch() == epoch.get().fields()) {
            return cached.catalog();
        }
        FieldCatalog catalog = FieldCatalog.of(tx.fields().all());
        fields = new Fields(epoch.map(Epoch::fields).orElse(null), catalog);
        engine.updateFields(catalog.registry());
        return catalog;
    }

    /** The field catalog of the last call, for building a call's first select before its epoch is known. */
    FieldCatalog cachedCatalog() {
        return fields.catalog();
    }

    /**
     * Every role by name, from the cache when it was read at this epoch, else read in this unit of work; the
     * compiled policies of roles that changed are evicted.
     */
    private Map<String, Role> roles(StoreTransaction tx, Optional<Epoch> epoch) {
        Roles cached = roles;
        if (epoch.isPresent() && cached.epoch() != null && cached.epoch() == epoch.get().roles()) {
            return cached.byName();
        }
        Map<String, Role> current = byName(tx.roles().all());
        for (Map.Entry<String, Role> old : cached.byName().entrySet()) {
            if (!old.getValue().equals(current.get(old.getKey()))) {
                engine.invalidateRole(old.getKey());
            }
        }
        roles = new Roles(epoch.map(Epoch::roles).orElse(null), current);
        return current;
    }

    private static Map<String, Role> byName(List<Role> all) {
        Map<String, Role> byName = new HashMap<>();
        all.forEach(role -> byName.put(role.name(), role));
        return Map.copyOf(byName);
    }

    /**
     * Whether the store's epoch differs from the one the caches were built at: after a store failure, a reason to
     * run the call once more (a node's cache can name a column another node has just dropped with its field).
     */
    boolean cachesOutdated() {
        Optional<Epoch> epoch = store.transactionResult(systemContext(), StoreTransaction::epoch);
        if (epoch.isEmpty()) {
            return false;
        }
        Fields f = fields;
        Roles r = roles;
        return f.epoch() == null || f.epoch() != epoch.get().fields() || r.epoch() == null
                || r.epoch() != epoch.get().roles();
    }

    /**
     * The failure path: commits a security event about a call in a short unit of work of its own, then throws the
     * call's refusal. The event is kept even though the call fails (ASVS 5.0 7.2.2: every failed access decision is
     * logged); if it cannot be written, the refusal is still thrown, with that failure attached as suppressed.
     */
    RuntimeException commitThenThrow(WorkContext context, Change event, CrmException refusal) {
        if (!recordRefusals) {
            return refusal;
        }
        try {
            store.transaction(context, tx -> tx.changeLog().ifPresent(log -> log.append(event)));
        } catch (RuntimeException e) {
            refusal.addSuppressed(e);
        }
        return refusal;
    }

    /** Runs a unit of work for Roost itself. */
    <T> T asSystem(Function<StoreTransaction, T> work) {
        return store.transactionResult(systemContext(), work);
    }

    /** The chain audit entries are linked with. */
    AuditChain chain() {
        return chain;
    }

    /** Records account-security events, each in a unit of work of its own (issue 12). */
    public io.roostcrm.core.audit.SecurityEvents securityEvents() {
        return event -> {
            Objects.requireNonNull(event, "event");
            WorkContext context = WorkContext.of(event.userId() > 0
                    ? io.roostcrm.core.spi.Actor.user(event.userId()) : io.roostcrm.core.spi.Actor.system(),
                    event.time());
            if (!event.clientAddress().isEmpty()) {
                context = context.withClientAddress(event.clientAddress());
            }
            List<io.roostcrm.core.spi.FieldChange> fields = new ArrayList<>(3);
            fields.add(io.roostcrm.core.spi.FieldChange.set("user", event.userId()));
            fields.add(io.roostcrm.core.spi.FieldChange.set("outcome", event.outcome().name()));
            if (!event.reasonCode().isEmpty()) {
                fields.add(io.roostcrm.core.spi.FieldChange.set("reason", event.reasonCode()));
            }
            Change change = new Change(io.roostcrm.core.spi.ChangeEntity.SECURITY, event.kind(), 0,
                    io.roostcrm.core.spi.ChangeOperation.EVENT, fields);
            store.transaction(context, tx -> tx.changeLog().ifPresent(log -> log.append(change)));
        };
    }
}
