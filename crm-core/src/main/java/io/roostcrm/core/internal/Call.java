package io.roostcrm.core.internal;

import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.StoreTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One unit of work of a call: the store transaction and the caller's access, checked against the store's epoch.
 *
 * <p>The rule every service follows: decide nothing and write nothing with an access that {@link #access()} has not
 * returned. The one thing done before the check is a call's first contact select ({@link #select}), built from this
 * node's caches so that the store can read the epoch in the same statement (no extra round trip); if the check then
 * finds that the caches moved, the select is run again with the checked access, and nothing of the first one is
 * used.
 */
final class Call {

    /** What a call was about, for the event recorded when it is refused. */
    static final class Trace {
        private long contactId;

        long contactId() {
            return contactId;
        }
    }

    private final DefaultCrmSession session;
    private final StoreTransaction tx;
    private final Access provisional;
    private final Trace trace;
    private Access checked;

    Call(DefaultCrmSession session, StoreTransaction tx, Access provisional, Trace trace) {
        this.session = session;
        this.tx = tx;
        this.provisional = provisional;
        this.trace = trace;
    }

    /** The store transaction. */
    StoreTransaction tx() {
        return tx;
    }

    /** The time of this unit of work, from the {@code Crm}'s clock. */
    Instant now() {
        return tx.context().time();
    }

    /** The caller's access, checked against the epoch this unit of work reads. */
    Access access() {
        if (checked == null) {
            checked = session.check(tx, provisional);
        }
        return checked;
    }

    /**
     * Contact rows for a selection built from the caller's access: the call's first select may be built from the
     * provisional access, and is run again if the check replaces it.
     */
    List<ContactRow> select(Function<Access, ContactSelection> selection) {
        if (checked != null) {
            return tx.contacts().select(selection.apply(checked));
        }
        ContactSelection first;
        try {
            first = selection.apply(provisional);
        } catch (CrmException refusedByCache) {
            // Refused by what this node cached: decide again only once the epoch has been read.
            return tx.contacts().select(selection.apply(access()));
        }
        List<ContactRow> rows = tx.contacts().select(first);
        Access access = access();
        return access == provisional ? rows : tx.contacts().select(selection.apply(access));
    }

    /** One contact in the caller's view, masked; or {@code null}. One store select. */
    Access.Loaded load(long contactId) {
        trace.contactId = contactId;
        List<ContactRow> rows = select(access -> new ContactSelection(access.viewPredicate(), access.projection(),
                new Filter.IdIn(Set.of(contactId)), List.of(), Keyset.start(), 1));
        Access access = access();
        if (rows.isEmpty() || rows.get(0).id() != contactId) {
            return null;
        }
        ContactRow row = rows.get(0);
        Map<Long, Set<Long>> teams = access.ownerTeams(tx, rows);
        return access.loaded(row, teams);
    }

    /** One contact in the caller's view, or {@link CrmNotFoundException}. */
    Access.Loaded require(long contactId) {
        Access.Loaded loaded = load(contactId);
        if (loaded == null) {
            throw new CrmNotFoundException("contact", contactId);
        }
        return loaded;
    }

    /** Records a change in the change log of this unit of work (when the store keeps one). */
    void record(Change change) {
        tx.changeLog().ifPresent(log -> log.append(change));
    }

    /** Notes the contact a call is about, for the event recorded if it is refused. */
    void about(long contactId) {
        trace.contactId = contactId;
    }
}
