package io.roostcrm.core.internal;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.audit.AuditEntry;
import io.roostcrm.core.audit.AuditPage;
import io.roostcrm.core.audit.AuditQuery;
import io.roostcrm.core.audit.AuditTrail;
import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.audit.FieldHistory;
import io.roostcrm.core.audit.LoginActivity;
import io.roostcrm.core.audit.PurgeReport;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.AuditHead;
import io.roostcrm.core.spi.AuditLink;
import io.roostcrm.core.spi.AuditStore;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.Rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail of one session. Every read decides with the reader's rights as of its own unit of work (the
 * epoch check of {@link Call#access()}), so a right revoked a moment ago already hides what it guarded. Filtering is
 * by omission, never by marking: an unreadable field is absent from the entry (old and new value), an entry left
 * with nothing readable is absent from the page, and so is every entry about a contact outside the reader's view.
 */
final class AuditService implements AuditTrail {

    /** The page size of a verification walk and of internal scans. */
    private static final int WALK_PAGE = 1_000;
    /** The entity id of retention checkpoints. */
    static final String CHECKPOINT = "retention";
    private static final int RECENT = 20;
    /** Someone else's contact, owned by nobody the reader knows: readable only with an "all" scope. */
    private static final Ownership SOMEONE_ELSES = Ownership.ownedBy(Long.MAX_VALUE, Set.of());

    private final DefaultCrmSession session;

    AuditService(DefaultCrmSession session) {
        this.session = session;
    }

    // ---- verification ---------------------------------------------------------------------------------------

    @Override
    public AuditVerification verify() {
        DefaultCrmSession.CallScope call = session.call("audit.verify");
        call.work(unit -> {
            StageService.requireSuperAdmin(unit, "verify the audit trail");
            store(unit.tx());
            return null;
        });
        AuditChain chain = session.runtime().chain();
        // Where the chain starts: after the latest checkpoint, whose own hash is checked before it is trusted.
        Start start = call.work(unit -> start(store(unit.tx()), chain));
        if (start.broken() != null) {
            return start.broken();
        }
        AuditChain.Walk walk = chain.walk(start.after(), start.hash(),
                () -> call.work(unit -> store(unit.tx()).head()));
        long after = 0;
        while (true) {
            long from = after;
            List<AuditLink> links = call.work(unit -> store(unit.tx()).links(from, WALK_PAGE));
            for (AuditLink link : links) {
                Optional<AuditVerification.Broken> broken = walk.accept(link);
                if (broken.isPresent()) {
                    return broken.get();
                }
                after = link.sequence();
            }
            if (links.size() < WALK_PAGE) {
                AuditHead head = call.work(unit -> store(unit.tx()).head());
                if (head.lastSequence() <= after || links.isEmpty()) {
                    return walk.finish();
                }
            }
        }
    }

    private record Start(long after, String hash, AuditVerification.Broken broken) {
    }

    private static Start start(AuditStore audit, AuditChain chain) {
        long after = 0;
        AuditLink latest = null;
        while (true) {
            List<ChangeEntry> page = audit.query(AuditQuery.all()
                    .withAction(Set.of(ChangeEntity.AUDIT), Set.of(ChangeOperation.EVENT)).page(after, WALK_PAGE));
            for (ChangeEntry entry : page) {
                if (entry.change().entityId().equals(CHECKPOINT)) {
                    latest = audit.link(entry.sequence()).orElse(latest);
                }
                after = entry.sequence();
            }
            if (page.size() < WALK_PAGE) {
                break;
            }
        }
        if (latest == null) {
            return new Start(0, AuditChain.GENESIS, null);
        }
        if (latest.unchained() || !chain.hash(latest).equals(latest.hash())) {
            return new Start(0, "", new AuditVerification.Broken(latest.sequence(),
                    AuditVerification.BreakKind.ALTERED, 0));
        }
        long through = 0;
        String hash = null;
        for (FieldChange field : io.roostcrm.core.spi.ChangeCodec.decode(latest.changes())) {
            if (field.key().equals("purged_through")) {
                through = (Long) field.after().orElse(0L);
            } else if (field.key().equals("purged_hash")) {
                hash = (String) field.after().orElse(null);
            }
        }
        if (hash == null) {
            return new Start(0, "", new AuditVerification.Broken(latest.sequence(),
                    AuditVerification.BreakKind.ALTERED, 0));
        }
        return new Start(through, hash, null);
    }

    // ---- retention ------------------------------------------------------------------------------------------

    @Override
    public PurgeReport purgeOlderThan(int days) {
        if (days < 1) {
            throw new CrmValidationException(Violation.of("retentionDays", "min",
                    "was " + days + " but it must be at least 1"));
        }
        return session.work("audit.purge", unit -> {
            StageService.requireSuperAdmin(unit, "purge the audit trail");
            AuditStore audit = store(unit.tx());
            Instant cutoff = unit.now().minus(Duration.ofDays(days));
            long through = audit.lastSequenceBefore(cutoff);
            if (through == 0) {
                return new PurgeReport(0, 0, 0);
            }
            AuditLink last = audit.link(through).orElseThrow(() -> new CrmConfigurationException(
                    "the audit trail has no entry " + through + " though it is the last one before the cutoff"));
            long purged = audit.deleteThrough(through);
            unit.record(new Change(ChangeEntity.AUDIT, CHECKPOINT, 0, ChangeOperation.EVENT, List.of(
                    FieldChange.set("purged_through", through),
                    FieldChange.set("purged_hash", last.hash().isEmpty() ? AuditChain.GENESIS : last.hash()),
                    FieldChange.set("purged", purged),
                    FieldChange.set("cutoff", cutoff),
                    FieldChange.set("retention_days", (long) days))));
            return new PurgeReport(purged, through, audit.head().lastSequence() + 1);
        });
    }

    // ---- the view -------------------------------------------------------------------------------------------

    @Override
    public AuditPage view(AuditQuery query) {
        java.util.Objects.requireNonNull(query, "query");
        return session.work("audit.view", unit -> {
            Access access = requireReader(unit);
            List<Violation> unknown = new ArrayList<>();
            for (String key : query.fields()) {
                if (!key.equals(Changes.OWNER) && access.readableField(key) == null) {
                    unknown.add(Access.unknownField(key));
                }
            }
            if (!unknown.isEmpty()) {
                throw new CrmValidationException(unknown);
            }
            List<ChangeEntry> entries = store(unit.tx()).query(query);
            Map<Long, Ownership> contacts = ownerships(unit, entries);
            List<AuditEntry> out = new ArrayList<>();
            for (ChangeEntry entry : entries) {
                visible(access, contacts, entry).filter(e -> touches(e, query.fields())).ifPresent(out::add);
            }
            long next = entries.isEmpty() ? query.afterSequence() : entries.get(entries.size() - 1).sequence();
            return new AuditPage(out, next, entries.size() == query.limit());
        });
    }

    private static boolean touches(AuditEntry entry, Set<String> fields) {
        return fields.isEmpty() || entry.fields().stream().anyMatch(f -> fields.contains(f.key()));
    }

    @Override
    public FieldHistory fieldHistory(long contactId) {
        return session.work("audit.history", unit -> {
            Access access = requireReader(unit);
            unit.about(contactId);
            Access.Loaded contact = unit.load(contactId);
            if (contact == null) {
                throw new CrmNotFoundException("contact", contactId);
            }
            Map<Long, Ownership> ownership = Map.of(contactId, contact.ownership());
            Map<String, List<FieldHistory.Value>> fields = new LinkedHashMap<>();
            long after = 0;
            AuditStore audit = store(unit.tx());
            while (true) {
                List<ChangeEntry> page = audit.query(AuditQuery.all().withContact(contactId)
                        .withAction(Set.of(ChangeEntity.CONTACT), Set.of()).page(after, ChangeQuery.MAX_LIMIT));
                for (ChangeEntry entry : page) {
                    after = entry.sequence();
                    Optional<AuditEntry> seen = visible(access, ownership, entry);
                    if (seen.isEmpty()) {
                        continue;
                    }
                    for (FieldChange field : seen.get().fields()) {
                        fields.computeIfAbsent(field.key(), k -> new ArrayList<>()).add(new FieldHistory.Value(
                                field.after().orElse(null), entry.context().time(), entry.context().actor().userId(),
                                entry.sequence()));
                    }
                }
                if (page.size() < ChangeQuery.MAX_LIMIT) {
                    return new FieldHistory(contactId, fields);
                }
            }
        });
    }

    @Override
    public LoginActivity loginActivity(long userId) {
        return session.work("audit.logins", unit -> {
            StageService.requireSuperAdmin(unit, "read login activity");
            AuditStore audit = store(unit.tx());
            List<Instant> logins = new ArrayList<>();
            List<Instant> lockouts = new ArrayList<>();
            Set<String> addresses = new LinkedHashSet<>();
            long failures = 0;
            long logouts = 0;
            Instant lastFailure = Instant.EPOCH;
            long after = 0;
            while (true) {
                List<ChangeEntry> page = audit.query(AuditQuery.all()
                        .withAction(Set.of(ChangeEntity.SECURITY), Set.of(ChangeOperation.EVENT))
                        .page(after, ChangeQuery.MAX_LIMIT));
                for (ChangeEntry entry : page) {
                    after = entry.sequence();
                    Map<String, Object> f = values(entry.change());
                    if (!Long.valueOf(userId).equals(f.get("user"))) {
                        continue;
                    }
                    String kind = entry.change().entityId();
                    boolean ok = "SUCCESS".equals(f.get("outcome"));
                    Instant at = entry.context().time();
                    if (kind.startsWith("login")) {
                        entry.context().clientAddress().ifPresent(addresses::add);
                        if (ok) {
                            logins.add(0, at);
                            if (logins.size() > RECENT) {
                                logins.remove(RECENT);
                            }
                        } else {
                            failures++;
                            lastFailure = at;
                        }
                    } else if (kind.startsWith("lockout")) {
                        lockouts.add(0, at);
                        if (lockouts.size() > RECENT) {
                            lockouts.remove(RECENT);
                        }
                    } else if (kind.startsWith("logout")) {
                        logouts++;
                    }
                }
                if (page.size() < ChangeQuery.MAX_LIMIT) {
                    return new LoginActivity(userId, logins, failures, lastFailure, addresses, lockouts, logouts);
                }
            }
        });
    }

    private static Map<String, Object> values(Change change) {
        Map<String, Object> out = new HashMap<>();
        for (FieldChange field : change.fields()) {
            out.put(field.key(), field.after().orElse(null));
        }
        return out;
    }

    // ---- filtering by the reader's rights now --------------------------------------------------------------

    private static Access requireReader(Call unit) {
        Access access = unit.access();
        if (!access.policy().can(EntityType.AUDIT, EntityAction.READ)) {
            throw new CrmPermissionDeniedException(Rule.MISSING_ENTITY_RIGHT, "you may not read the audit trail");
        }
        return access;
    }

    /** The current ownership of every contact these entries are about (absent: deleted, or outside the view). */
    private static Map<Long, Ownership> ownerships(Call unit, List<ChangeEntry> entries) {
        Set<Long> ids = new HashSet<>();
        entries.forEach(e -> {
            if (e.change().contactId() != 0) {
                ids.add(e.change().contactId());
            }
        });
        if (ids.isEmpty()) {
            return Map.of();
        }
        Access access = unit.access();
        List<ContactRow> rows = unit.tx().contacts().select(new ContactSelection(access.viewPredicate(), Map.of(),
                new Filter.IdIn(ids), List.of(), Keyset.start(), ids.size()));
        Map<Long, Set<Long>> teams = access.ownerTeams(unit.tx(), rows);
        Map<Long, Ownership> out = new HashMap<>();
        for (ContactRow row : rows) {
            out.put(row.id(), Access.ownership(row.ownerId(), teams));
        }
        return out;
    }

    /** The entry as this reader may see it, or empty. */
    private static Optional<AuditEntry> visible(Access access, Map<Long, Ownership> contacts, ChangeEntry entry) {
        Change change = entry.change();
        boolean superAdmin = access.policy().isSuperAdmin();
        List<FieldChange> fields = change.fields();
        if (!superAdmin) {
            Ownership ownership = null;
            if (change.contactId() != 0) {
                ownership = contacts.get(change.contactId());
                if (ownership == null) {
                    // Deleted (or outside the view): only a reader who sees every contact sees its past.
                    if (access.policy().viewScope() != io.roostcrm.permissions.Scope.ALL) {
                        return Optional.empty();
                    }
                    ownership = SOMEONE_ELSES;
                }
                if (!access.policy().canView(ownership)) {
                    return Optional.empty();
                }
            }
            Optional<List<FieldChange>> shown = shownFields(access, change, ownership);
            if (shown.isEmpty()) {
                return Optional.empty();
            }
            if (!fields.isEmpty() && shown.get().isEmpty()) {
                return Optional.empty(); // it was only about fields this reader cannot read
            }
            fields = shown.get();
        }
        return Optional.of(new AuditEntry(entry.sequence(), entry.context().time(), entry.context().actor().userId(),
                entry.context().clientAddress().orElse(""), entry.context().correlationId(), change.entity(),
                change.entityId(), change.contactId(), change.operation(), fields));
    }

    /** The fields of a change this (non super admin) reader may see; empty when the whole entry is hidden. */
    private static Optional<List<FieldChange>> shownFields(Access access, Change change, Ownership ownership) {
        List<FieldChange> out = new ArrayList<>();
        switch (change.entity()) {
            case CONTACT -> {
                for (FieldChange field : change.fields()) {
                    if (field.key().equals(Changes.OWNER) || access.readableOn(field.key(), ownership)) {
                        out.add(field);
                    }
                }
            }
            case NOTE -> {
                if (!access.policy().can(EntityType.NOTE, EntityAction.READ, ownership)) {
                    return Optional.empty();
                }
                out.addAll(change.fields());
            }
            case LIST_MEMBERSHIP, TAG_MEMBERSHIP -> {
                EntityType type = change.entity() == ChangeEntity.LIST_MEMBERSHIP ? EntityType.LIST : EntityType.TAG;
                if (!access.policy().can(type, EntityAction.READ, ownership)) {
                    return Optional.empty();
                }
                out.addAll(change.fields());
            }
            case LIST, TAG -> {
                EntityType type = change.entity() == ChangeEntity.LIST ? EntityType.LIST : EntityType.TAG;
                if (!access.policy().can(type, EntityAction.READ)) {
                    return Optional.empty();
                }
                out.addAll(change.fields());
            }
            case REMINDER, STAGE, IMPORT -> out.addAll(change.fields());
            case ACCESS -> {
                if (change.contactId() == 0) {
                    return Optional.empty();
                }
                out.addAll(change.fields());
            }
            case FIELD -> {
                if (access.readableField(change.entityId()) == null) {
                    return Optional.empty();
                }
                out.addAll(change.fields());
            }
            case EXPORT -> {
                for (FieldChange field : change.fields()) {
                    if (field.key().equals("filter")) {
                        List<String> readable = new ArrayList<>();
                        for (Object key : (List<?>) field.after().orElse(List.of())) {
                            if (access.readableField((String) key) != null) {
                                readable.add((String) key);
                            }
                        }
                        if (!readable.isEmpty()) {
                            out.add(FieldChange.set("filter", readable));
                        }
                    } else {
                        out.add(field);
                    }
                }
            }
            // Roles name every field, users hold credentials' context, security events and checkpoints are the
            // administrators': only super admins see them.
            case ROLE, USER, SECURITY, AUDIT -> {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private static AuditStore store(StoreTransaction tx) {
        return tx.audit().orElseThrow(() -> new CrmConfigurationException(
                "the store keeps no audit trail (it does not declare the feature AUDIT_CHAIN)"));
    }
}
