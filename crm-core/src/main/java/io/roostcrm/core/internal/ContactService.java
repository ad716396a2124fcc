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
import io.roostcrm.core.query.Sort;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
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
import java.util.function.BiFunction;

/** Contacts, each call one unit of work, checked before (policy) and after (masking every returned row). */
final class ContactService implements CrmSession.Contacts {

    private final DefaultCrmSession session;

    ContactService(DefaultCrmSession session) {
        this.session = session;
    }

    // ---- create -----------------------------------------------------------------------------------------------

    @Override
    public Contact create(ContactDraft draft) {
        return session.work("contacts.create", call -> {
            Access access = call.access();
            if (!access.policy().canCreateContact()) {
                throw new CrmPermissionDeniedException(Rule.MISSING_CREATE_RIGHT, "you may not create contacts");
            }
            Map<String, Object> values = checkCreatable(access, draft.values());
            StoreTransaction tx = call.tx();
            checkStage(tx, values.get(StandardFields.STAGE));
            ContactRow row = tx.contacts().insert(new NewContact(access.userId(), call.now(), values));
            call.record(Changes.contactCreated(row.id(), row.ownerId(), row.values()));
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
        return session.work("contacts.get", call -> call.require(contactId).contact());
    }

    @Override
    public Optional<Contact> find(long contactId) {
        return session.work("contacts.find", call -> {
            Access.Loaded loaded = call.load(contactId);
            return Optional.ofNullable(loaded == null ? null : loaded.contact());
        });
    }

    // ---- update -----------------------------------------------------------------------------------------------

    @Override
    public Contact update(ContactPatch patch) {
        return session.work("contacts.update", call -> {
            Access.Loaded loaded = call.require(patch.contactId());
            Access access = call.access();
            StoreTransaction tx = call.tx();
            Instant now = call.now();
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
            ContactReplaced replaced = tx.contacts().updateReturning(new ContactChange(patch.contactId(),
                    patch.expectedVersion(), set, patch.clear(), now));
            call.record(Changes.contactUpdated(patch.contactId(), replaced.previousValues(), set, patch.clear()));
            return reread(call, loaded, replaced.newVersion(), loaded.row().ownerId(), now);
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
    private static Contact reread(Call call, Access.Loaded before, long newVersion, long ownerId, Instant updatedAt) {
        Access.Loaded after = call.load(before.row().id());
        if (after != null) {
            return after.contact();
        }
        ContactRow row = before.row();
        return new Contact(row.id(), newVersion, ownerId, row.createdAt(), updatedAt, Map.of());
    }

    // ---- delete -----------------------------------------------------------------------------------------------

    @Override
    public void delete(long contactId) {
        session.work("contacts.delete", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            if (!access.policy().canDelete(loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(Action.DELETE_CONTACT, loaded.ownership(), "").rule(),
                        "you may not delete this contact");
            }
            List<String> keys = access.catalog().fields().stream().map(FieldDefinition::key).toList();
            call.tx().contacts().deleteReturning(contactId, keys)
                    .ifPresent(before -> call.record(Changes.contactDeleted(before)));
            return null;
        });
    }

    // ---- list -------------------------------------------------------------------------------------------------

    @Override
    public Page<Contact> list(ContactQuery query) {
        return session.work("contacts.list", call -> {
            PageResult page = page(call, query.filter(), query.sort(), query.cursor(), query.pageSize());
            return new Page<>(page.contacts(), page.hasNext()
                    ? Optional.of(session.runtime().cursors().encode(page.sort(), page.last().values(),
                            page.last().id(), call.access().userId()))
                    : Optional.empty());
        });
    }

    /**
     * One page through the secured path: the filter and sort guarded and the cursor read with the access this unit
     * of work checked, then one select (asking for one row more than the page to know if more follow).
     */
    PageResult page(Call call, Filter rawFilter, List<Sort> rawSort, Optional<String> cursor, int pageSize) {
        Cursors cursors = session.runtime().cursors();
        return page(call, rawFilter, rawSort,
                (keys, access) -> cursor.map(c -> cursors.decode(c, keys, access)).orElse(Keyset.start()), pageSize);
    }

    /** One page, starting after the keyset position {@code after} gives for the guarded sort keys. */
    static PageResult page(Call call, Filter rawFilter, List<Sort> rawSort,
                           BiFunction<List<SortKey>, Access, Keyset> after, int pageSize) {
        Guarded[] guarded = new Guarded[1];
        List<ContactRow> rows = call.select(access -> {
            guarded[0] = Guarded.of(access, rawFilter, rawSort, after);
            return new ContactSelection(access.viewPredicate(), access.projection(), guarded[0].filter(),
                    guarded[0].sort(), guarded[0].after(), pageSize + 1);
        });
        Access access = call.access();
        StoreTransaction tx = call.tx();
        List<SortKey> sort = guarded[0].sort();
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
        return new PageResult(contacts, hasNext, lastKey, sort);
    }

    /** A page of masked contacts, whether more follow, the keyset position after its last row, and its sort. */
    record PageResult(List<Contact> contacts, boolean hasNext, Keyset last, List<SortKey> sort) {
    }

    /** A query's filter, sort and cursor as guarded for one access. */
    private record Guarded(Filter filter, List<SortKey> sort, Keyset after) {
        static Guarded of(Access access, Filter filter, List<Sort> sort,
                          BiFunction<List<SortKey>, Access, Keyset> after) {
            Filter guardedFilter = QueryGuard.filter(access, filter);
            List<SortKey> keys = QueryGuard.sort(access, sort);
            return new Guarded(guardedFilter, keys, after.apply(keys, access));
        }
    }

    // ---- owner and stage --------------------------------------------------------------------------------------

    @Override
    public Contact assignOwner(long contactId, long expectedVersion, long newOwnerId) {
        return session.work("contacts.assignOwner", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            StoreTransaction tx = call.tx();
            requireContactUpdatable(access, loaded.ownership());
            if (newOwnerId < 0 || (newOwnerId != 0 && tx.users().find(newOwnerId).isEmpty())) {
                throw new CrmValidationException(Violation.of("owner", "unknown_user", "must be an existing user"));
            }
            Instant now = call.now();
            ContactReplaced replaced = tx.contacts().setOwnerReturning(contactId, expectedVersion, newOwnerId, now);
            call.record(Changes.ownerChanged(contactId, replaced.previousOwnerId(), newOwnerId));
            return reread(call, loaded, replaced.newVersion(), newOwnerId, now);
        });
    }

    @Override
    public Contact changeStage(long contactId, long expectedVersion, long stageId) {
        return session.work("contacts.changeStage", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            StoreTransaction tx = call.tx();
            Instant now = call.now();
            if (!access.readableOn(StandardFields.STAGE, loaded.ownership())) {
                throw new CrmValidationException(Access.unknownField(StandardFields.STAGE));
            }
            requireUpdatable(access, loaded.ownership(), StandardFields.STAGE);
            if (stageId <= 0 || tx.stages().find(stageId).isEmpty()) {
                throw new CrmValidationException(unknownStage());
            }
            Map<String, Object> set = Map.of(StandardFields.STAGE, stageId);
            ContactReplaced replaced = tx.contacts().updateReturning(new ContactChange(contactId, expectedVersion, set,
                    Set.of(), now));
            call.record(Changes.contactUpdated(contactId, replaced.previousValues(), set, Set.of()));
            return reread(call, loaded, replaced.newVersion(), loaded.row().ownerId(), now);
        });
    }
}
