package io.roostcrm.core.internal;

import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldValueMap;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.FieldSet;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.ScopePredicate;
import io.roostcrm.permissions.Subject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call's view of the permissions: the caller's compiled policy and the field catalog it was compiled against.
 * Builds the masked projection a store is asked for and re-checks every row it returns, so that a store that
 * over-returns still cannot leak a value (defence in depth: the engine decides, the store only pushes down).
 */
final class Access {

    /** The violation rule for a field that does not exist or that the caller may not read. */
    static final String UNKNOWN_FIELD = "unknown_field";

    private final Policy policy;
    private final FieldCatalog catalog;
    private final Scope viewScope;

    Access(Policy policy, FieldCatalog catalog) {
        this.policy = policy;
        this.catalog = catalog;
        this.viewScope = policy.viewScope();
    }

    Policy policy() {
        return policy;
    }

    Subject subject() {
        return policy.subject();
    }

    long userId() {
        return policy.subject().userId();
    }

    FieldCatalog catalog() {
        return catalog;
    }

    // ---- fields -----------------------------------------------------------------------------------------------

    /** The definition of a field the caller may read somewhere, or {@code null} (unknown and hidden alike). */
    FieldDefinition readableField(String key) {
        FieldDefinition field = catalog.find(key);
        return field != null && policy.readableAnywhere().contains(key) ? field : null;
    }

    /** Whether the field exists and the caller may read it on a contact of this ownership. */
    boolean readableOn(String key, Ownership ownership) {
        return catalog.find(key) != null && policy.canRead(key, ownership);
    }

    /**
     * The same violation for a field that does not exist and one the caller may not read: no oracle. The key is
     * echoed {@link TextRules#shown shortened}: it may be any text a caller sent, such as a CSV header cell.
     */
    static Violation unknownField(String key) {
        return Violation.of(TextRules.shown(key), UNKNOWN_FIELD, "is unknown");
    }

    /** The fields readable somewhere, in field order. */
    List<FieldDefinition> readableFields() {
        FieldSet readable = policy.readableAnywhere();
        List<FieldDefinition> out = new ArrayList<>(readable.size());
        for (FieldDefinition field : catalog.fields()) {
            if (readable.contains(field.key())) {
                out.add(field);
            }
        }
        return out;
    }

    /**
     * The rows on which the caller reads a field, as a predicate. When that is the whole view scope the mask is
     * {@link ScopePredicate#all()}: the rows are restricted to the view scope anyway, and the store can then emit a
     * plain column instead of a {@code CASE} expression.
     */
    ScopePredicate mask(String key) {
        Scope read = policy.readScope(key);
        return read == viewScope ? ScopePredicate.all() : policy.predicate(read);
    }

    /** Whether a field is readable on every row the caller can see (no guard or mask needed). */
    boolean readableInWholeView(String key) {
        return policy.readScope(key) == viewScope;
    }

    /** Every readable field with its mask, in field order. */
    Map<String, ScopePredicate> projection() {
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        for (FieldDefinition field : readableFields()) {
            projection.put(field.key(), mask(field.key()));
        }
        return projection;
    }

    ScopePredicate viewPredicate() {
        return policy.viewPredicate();
    }

    // ---- rows -------------------------------------------------------------------------------------------------

    /** The teams of the owners of these rows, in one store call (none when the caller's teams make it moot). */
    Map<Long, Set<Long>> ownerTeams(StoreTransaction tx, Collection<ContactRow> rows) {
        if (policy.subject().teamIds().isEmpty() || rows.isEmpty()) {
            // Without teams of its own the caller classifies every row as OWN or OTHER; owners' teams do not matter.
            return Map.of();
        }
        Set<Long> owners = new HashSet<>();
        for (ContactRow row : rows) {
            if (row.ownerId() != 0 && row.ownerId() != userId()) {
                owners.add(row.ownerId());
            }
        }
        return owners.isEmpty() ? Map.of() : tx.users().teamsOf(owners);
    }

    static Ownership ownership(long ownerId, Map<Long, Set<Long>> teams) {
        if (ownerId == 0) {
            return Ownership.unassigned();
        }
        Set<Long> ownerTeams = teams.get(ownerId);
        return Ownership.ownedBy(ownerId, ownerTeams == null ? Set.of() : ownerTeams);
    }

    /** The contact as the caller may see it, or {@code null} when the row is outside its view. */
    Contact toContact(ContactRow row, Map<Long, Set<Long>> teams) {
        Ownership ownership = ownership(row.ownerId(), teams);
        if (!policy.canView(ownership)) {
            return null;
        }
        FieldSet readable = policy.readable(ownership);
        // The store returns values in projection order, which is field order. Filtering walks only what it returned,
        // and keeps the row's own map when every value in it is readable here (the usual case): no copy per row.
        FieldValueMap values = FieldValueMap.copyOf(row.values()).filterKeys(readable::contains);
        return new Contact(row.id(), row.version(), row.ownerId(), row.createdAt(), row.updatedAt(), values);
    }

    /** A row in the caller's view as loaded for a decision, or {@code null} when it is outside the view. */
    Loaded loaded(ContactRow row, Map<Long, Set<Long>> teams) {
        Contact contact = toContact(row, teams);
        return contact == null ? null : new Loaded(row, contact, ownership(row.ownerId(), teams));
    }

    /** A loaded contact: the store's row, the masked contact, and its ownership for decisions. */
    record Loaded(ContactRow row, Contact contact, Ownership ownership) {
    }
}
