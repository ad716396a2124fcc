package io.roostcrm.core.internal;

import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Page;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Action;
import io.roostcrm.permissions.Decision;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.Rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Contacts, each call one unit of work, checked before (policy) and after (masking every returned row). */
final class ContactService implements CrmSession.Contacts {

    private final DefaultCrmSession session;

    ContactService(DefaultCrmSession session) {
        this.session = session;
    }

    // ---- create -----------------------------------------------------------------------------------------------

    @Override
    public Contact create(ContactDraft draft) {
        Access access = session.access();
        if (!access.policy().canCreateContact()) {
            throw new CrmPermissionDeniedException(Rule.MISSING_CREATE_RIGHT, "you may not create contacts");
        }
        Map<String, Object> values = checkCreatable(access, draft.values());
        Instant now = session.now();
        return session.work(tx -> {
            checkStage(tx, values.get(StandardFields.STAGE));
            ContactRow row = tx.contacts().insert(new NewContact(access.userId(), now, values));
            return access.toContact(row, Map.of());
        });
    }

    /**
     * Checks a draft's fields in the order that gives nothing away: unknown or hidden fields first (alike), then
     * fields readable but not settable, then every value and required field; returns the normalised values.
     */
    static Map<String, Object> checkCreatable(Access access, Map<String, Object> draft) {
        List<Violation> unknown = new ArrayList<>();
        for (String key : draft.keySet()) {
            if (access.readableField(key) == null) {
                unknown.add(Access.unknownField(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new CrmValidationException(unknown);
        }
        for (String key : draft.keySet()) {
            if (!access.policy().canCreate(key)) {
                Decision decision = access.policy().explain(Action.CREATE_FIELD, Ownership.unassigned(), key);
                throw new CrmPermissionDeniedException(decision.rule(),
                        "field '" + key + "' may not be set when creating a contact");
            }
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition field : access.catalog().fields()) {
            Object raw = draft.get(field.key());
            if (raw != null) {
                normalizeInto(field, raw, values, violations);
            }
        }
        requirePresent(access, values.keySet(), violations);
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
        return values;
    }

    static void normalizeInto(FieldDefinition field, Object raw, Map<String, Object> values, List<Violation> violations) {
        try {
            values.put(field.key(), FieldValues.normalize(field, raw));
        } catch (CrmValidationException e) {
            violations.addAll(e.violations());
        }
    }

    /**
     * Required fields the caller can read must have a value. A required field the caller cannot read is not
     * demanded: naming it would reveal it, and the caller could not set it anyway.
     */
    static void requirePresent(Access access, Set<String> present, List<Violation> violations) {
        for (FieldDefinition field : access.readableFields()) {
            if (field.required() && !present.contains(field.key())) {
                violations.add(Violation.of(field.key(), "required", "is required"));
            }
        }
    }

    static void checkStage(StoreTransaction tx, Object stageId) {
        if (stageId != null && tx.stages().find((Long) stageId).isEmpty()) {
            throw new CrmValidationException(unknownStage());
        }
    }

    static Violation unknownStage() {
        return Violation.of(StandardFields.STAGE, "unknown_stage", "must be an existing stage");
    }

    // ---- read -------------------------------------------------------------------------------------------------

    @Override
    public Contact get(long contactId) {
        Access access = session.access();
        return session.work(tx -> access.require(tx, contactId).contact());
    }

    @Override
    public Optional<Contact> find(long contactId) {
        Access access = session.access();
        return session.work(tx -> {
            Access.Loaded loaded = access.load(tx, contactId);
            return Optional.ofNullable(loaded == null ? null : loaded.contact());
        });
    }

    // ---- update -----------------------------------------------------------------------------------------------

    @Override
    public Contact update(ContactPatch patch) {
        Access access = session.access();
        Instant now = session.now();
        return session.work(tx -> {
            Access.Loaded loaded = access.require(tx, patch.contactId());
            Ownership ownership = loaded.ownership();
            List<String> named = new ArrayList<>(patch.set().keySet());
            named.addAll(patch.clear());
            List<Violation> unknown = new ArrayList<>();
            for (String key : named) {
                if (!access.readableOn(key, ownership)) {
                    unknown.add(Access.unknownField(key));
                }
            }
            if (!unknown.isEmpty()) {
                throw new CrmValidationException(unknown);
            }
            requireContactUpdatable(access, ownership);
            for (String key : named) {
                requireUpdatable(access, ownership, key);
            }
            List<Violation> violations = new ArrayList<>();
            Map<String, Object> set = new LinkedHashMap<>();
            for (FieldDefinition field : access.catalog().fields()) {
                Object raw = patch.set().get(field.key());
                if (raw != null) {
                    normalizeInto(field, raw, set, violations);
                }
                if (patch.clear().contains(field.key()) && field.required()) {
                    violations.add(Violation.of(field.key(), "required", "is required and cannot be cleared"));
                }
            }
            if (!violations.isEmpty()) {
                throw new CrmValidationException(violations);
            }
            checkStage(tx, set.get(StandardFields.STAGE));
            long version = tx.contacts().update(new ContactChange(patch.contactId(), patch.expectedVersion(), set,
                    patch.clear(), now));
            return reread(tx, access, loaded, version, loaded.row().ownerId(), now);
        });
    }

    private static void requireContactUpdatable(Access access, Ownership ownership) {
        if (!access.policy().canUpdate(ownership)) {
            throw new CrmPermissionDeniedException(
                    access.policy().explain(Action.UPDATE_CONTACT, ownership, "").rule(),
                    "you may not change this contact");
        }
    }

    static void requireUpdatable(Access access, Ownership ownership, String key) {
        if (!access.policy().canUpdate(key, ownership)) {
            Decision decision = access.policy().explain(Action.UPDATE_FIELD, ownership, key);
            throw new CrmPermissionDeniedException(decision.rule(), "field '" + key + "' may not be changed on this contact");
        }
    }

    /**
     * The contact after a change. If the change took it out of the caller's view (a new owner), the caller gets only
     * what is no secret: its identity, new version, new owner and timestamps, no field values.
     */
    private static Contact reread(StoreTransaction tx, Access access, Access.Loaded before, long newVersion,
                                  long ownerId, Instant updatedAt) {
        Access.Loaded after = access.load(tx, before.row().id());
        if (after != null) {
            return after.contact();
        }
        ContactRow row = before.row();
        return new Contact(row.id(), newVersion, ownerId, row.createdAt(), updatedAt, Map.of());
    }

    // ---- delete -----------------------------------------------------------------------------------------------

    @Override
    public void delete(long contactId) {
        Access access = session.access();
        session.work(tx -> {
            Access.Loaded loaded = access.require(tx, contactId);
            if (!access.policy().canDelete(loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(Action.DELETE_CONTACT, loaded.ownership(), "").rule(),
                        "you may not delete this contact");
            }
            tx.contacts().delete(contactId);
            return null;
        });
    }

    // ---- list -------------------------------------------------------------------------------------------------

    @Override
    public Page<Contact> list(ContactQuery query) {
        Access access = session.access();
        Filter filter = QueryGuard.filter(access, query.filter());
        List<SortKey> sort = QueryGuard.sort(access, query.sort());
        Keyset after = query.cursor().map(c -> Cursors.decode(c, sort, access)).orElse(Keyset.start());
        PageResult page = session.work(tx -> page(tx, access, filter, sort, after, query.pageSize()));
        return new Page<>(page.contacts(), page.hasNext()
                ? Optional.of(Cursors.encode(sort, page.last().values(), page.last().id()))
                : Optional.empty());
    }

    /** One page through the secured path: one select (asking for one row more than the page to know if more follow). */
    static PageResult page(StoreTransaction tx, Access access, Filter filter, List<SortKey> sort, Keyset after,
                           int pageSize) {
        List<ContactRow> rows = tx.contacts().select(new ContactSelection(access.viewPredicate(), access.projection(),
                filter, sort, after, pageSize + 1));
        boolean hasNext = rows.size() > pageSize;
        List<ContactRow> pageRows = hasNext ? rows.subList(0, pageSize) : rows;
        Map<Long, Set<Long>> teams = access.ownerTeams(tx, pageRows);
        List<Contact> contacts = new ArrayList<>(pageRows.size());
        Contact last = null;
        for (ContactRow row : pageRows) {
            Contact contact = access.toContact(row, teams);
            if (contact != null) {
                contacts.add(contact);
            }
            last = contact != null ? contact : last;
        }
        Keyset lastKey = Keyset.start();
        if (!pageRows.isEmpty()) {
            ContactRow lastRow = pageRows.get(pageRows.size() - 1);
            // The cursor carries the values as the caller may see them: masked, never a hidden value.
            Contact shown = last != null && last.id() == lastRow.id() ? last : null;
            List<Object> values = new ArrayList<>(sort.size());
            for (SortKey key : sort) {
                values.add(shown == null ? null : shown.values().get(key.field()));
            }
            lastKey = new Keyset(values, lastRow.id());
        }
        return new PageResult(contacts, hasNext, lastKey);
    }

    /** A page of masked contacts, whether more follow, and the keyset position after its last row. */
    record PageResult(List<Contact> contacts, boolean hasNext, Keyset last) {
    }

    // ---- owner and stage --------------------------------------------------------------------------------------

    @Override
    public Contact assignOwner(long contactId, long expectedVersion, long newOwnerId) {
        Access access = session.access();
        Instant now = session.now();
        return session.work(tx -> {
            Access.Loaded loaded = access.require(tx, contactId);
            requireContactUpdatable(access, loaded.ownership());
            if (newOwnerId < 0 || (newOwnerId != 0 && tx.users().find(newOwnerId).isEmpty())) {
                throw new CrmValidationException(Violation.of("owner", "unknown_user", "must be an existing user"));
            }
            long version = tx.contacts().setOwner(contactId, expectedVersion, newOwnerId, now);
            return reread(tx, access, loaded, version, newOwnerId, now);
        });
    }

    @Override
    public Contact changeStage(long contactId, long expectedVersion, long stageId) {
        Access access = session.access();
        Instant now = session.now();
        return session.work(tx -> {
            Access.Loaded loaded = access.require(tx, contactId);
            if (!access.readableOn(StandardFields.STAGE, loaded.ownership())) {
                throw new CrmValidationException(Access.unknownField(StandardFields.STAGE));
            }
            requireUpdatable(access, loaded.ownership(), StandardFields.STAGE);
            if (stageId <= 0 || tx.stages().find(stageId).isEmpty()) {
                throw new CrmValidationException(unknownStage());
            }
            long version = tx.contacts().update(new ContactChange(contactId, expectedVersion,
                    Map.of(StandardFields.STAGE, stageId), Set.of(), now));
            return reread(tx, access, loaded, version, loaded.row().ownerId(), now);
        });
    }
}
