package io.roostcrm.core.query;

import io.roostcrm.permissions.ScopePredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on contacts, as a tree. Leaves name fields by key; values are of the field's Java type (see
 * {@link io.roostcrm.core.field.FieldType}).
 *
 * <p><b>Two-valued logic.</b> A leaf on a field is false, never unknown, on a contact without a value for it (or
 * where the value is masked); so {@code not(eq(f, v))} matches contacts with no value for {@code f}. Stores must
 * implement exactly this (in SQL: {@code col IS NOT NULL AND col = ?} per leaf).
 *
 * <p>For a {@link io.roostcrm.core.field.FieldType#MULTI_SELECT} field, {@link Op#EQ} means "contains the option".
 * Equality on text ({@link Op#EQ}, {@link Op#NE} and {@link In}) is exact, as {@link String#equals} is: case
 * counts, on every store, whatever the database's collation ({@code eq("city", "berlin")} does not match
 * {@code "Berlin"}); e-mail addresses are the exception, since the service keeps them lower-cased and lower-cases an
 * e-mail operand. Text matches with {@link Text} ({@code contains}, {@code startsWith}) ignore case.
 *
 * <p><b>Limits.</b> A filter handed to a session may be nested at most {@value #MAX_DEPTH} levels deep (a leaf alone
 * is one level, each {@code and}, {@code or} and {@code not} adds one), have at most {@value #MAX_CONDITIONS} leaves
 * (and at most that many operands in one {@code and} or {@code or}), and list at most {@value #MAX_VALUES} values in
 * one {@link In} or {@link IdIn}. A bigger one is refused when the call is made, before any query, with a
 * {@link io.roostcrm.core.CrmValidationException} on field {@code filter} with rule {@code max_depth},
 * {@code max_conditions} or {@code max_values}, whose message names the limit.
 */
public sealed interface Filter {

    /** How deep a filter may be nested. */
    int MAX_DEPTH = 32;
    /** How many leaf conditions a filter may have. */
    int MAX_CONDITIONS = 1_000;
    /** How many values one {@link In} or {@link IdIn} may list. */
    int MAX_VALUES = 1_000;

    /** Comparison operators. */
    enum Op {
        /** Equal (contains, for multi-select). */
        EQ,
        /** Not equal (and has a value). */
        NE,
        /** Less than. */
        LT,
        /** Less than or equal. */
        LE,
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GE
    }

    /** Text match kinds. */
    enum TextOp {
        /** The value contains the term. */
        CONTAINS,
        /** The value starts with the term. */
        STARTS_WITH
    }

    /** The kinds of contact group. */
    enum GroupKind {
        /** A list. */
        LIST,
        /** A tag. */
        TAG
    }

    /** Matches every contact. */
    static Filter all() {
        return All.INSTANCE;
    }

    /** {@code field = value}. */
    static Filter eq(String field, Object value) {
        return new Compare(field, Op.EQ, value);
    }

    /** {@code field <> value} (and has a value). */
    static Filter ne(String field, Object value) {
        return new Compare(field, Op.NE, value);
    }

    /** {@code field < value}. */
    static Filter lt(String field, Object value) {
        return new Compare(field, Op.LT, value);
    }

    /** {@code field <= value}. */
    static Filter le(String field, Object value) {
        return new Compare(field, Op.LE, value);
    }

    /** {@code field > value}. */
    static Filter gt(String field, Object value) {
        return new Compare(field, Op.GT, value);
    }

    /** {@code field >= value}. */
    static Filter ge(String field, Object value) {
        return new Compare(field, Op.GE, value);
    }

    /** The field's value is one of these. */
    static Filter in(String field, List<?> values) {
        return new In(field, new ArrayList<>(Objects.requireNonNull(values, "values")));
    }

    /** The field's text contains the term, ignoring case. */
    static Filter contains(String field, String term) {
        return new Text(field, TextOp.CONTAINS, term);
    }

    /** The field's text starts with the term, ignoring case. */
    static Filter startsWith(String field, String term) {
        return new Text(field, TextOp.STARTS_WITH, term);
    }

    /** The field has no value. */
    static Filter isEmpty(String field) {
        return new IsEmpty(field);
    }

    /** The contact is in the list. */
    static Filter inList(long listId) {
        return new InGroup(GroupKind.LIST, listId);
    }

    /** The contact has the tag. */
    static Filter hasTag(long tagId) {
        return new InGroup(GroupKind.TAG, tagId);
    }

    /** The contact is owned by this user. */
    static Filter ownedBy(long userId) {
        return new OwnerIs(userId);
    }

    /** The contact has no owner. */
    static Filter unassigned() {
        return new OwnerIs(0L);
    }

    /**
     * Free-text search over the readable name, e-mail, company and phone fields: a contact matches when one of them
     * contains the term, ignoring case. White space around the term is ignored, so a blank term ({@code ""},
     * {@code "   "}) is no search at all and matches every contact, like {@link #all()}.
     */
    static Filter search(String term) {
        return new Search(term);
    }

    /** All conditions hold. */
    static Filter and(Filter... filters) {
        return new And(List.of(filters));
    }

    /** At least one condition holds. */
    static Filter or(Filter... filters) {
        return new Or(List.of(filters));
    }

    /** The condition does not hold. */
    static Filter not(Filter filter) {
        return new Not(filter);
    }

    /** Matches every contact. */
    record All() implements Filter {
        static final All INSTANCE = new All();
    }

    /**
     * Compares a field with a value.
     *
     * @param field the field key
     * @param op    the operator
     * @param value a value of the field's Java type
     */
    record Compare(String field, Op op, Object value) implements Filter {
        /** Checks the components. */
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The field's value is one of these.
     *
     * @param field  the field key
     * @param values at least one value of the field's Java type
     */
    record In(String field, List<Object> values) implements Filter {
        /** Checks and copies. */
        public In {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(values, "values");
            values.forEach(value -> Objects.requireNonNull(value, "values must not contain null"));
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("in() needs at least one value");
            }
        }
    }

    /**
     * Case-insensitive text match. The term is matched literally: {@code %}, {@code _} and other pattern characters
     * have no special meaning.
     *
     * @param field the field key
     * @param op    contains or starts with
     * @param term  the text to look for
     */
    record Text(String field, TextOp op, String term) implements Filter {
        /** Checks the components. */
        public Text {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(term, "term");
        }
    }

    /**
     * The field has no value (or, below the service, its value is masked).
     *
     * @param field the field key
     */
    record IsEmpty(String field) implements Filter {
        /** Checks the field. */
        public IsEmpty {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * Membership in a list or tag.
     *
     * @param kind    list or tag
     * @param groupId the list's or tag's id
     */
    record InGroup(GroupKind kind, long groupId) implements Filter {
        /** Checks the kind. */
        public InGroup {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * The contact's owner is this user; {@code 0} means the contact has no owner.
     *
     * @param userId the owner, or 0 for unassigned
     */
    record OwnerIs(long userId) implements Filter {
        /** Checks the id. */
        public OwnerIs {
            if (userId < 0) {
                throw new IllegalArgumentException("userId must not be negative");
            }
        }
    }

    /**
     * The contact's id is one of these. Used by the service (e.g. to fetch one contact through the secured query);
     * callers may use it too.
     *
     * @param ids the ids
     */
    record IdIn(Set<Long> ids) implements Filter {
        /** Copies the ids. */
        public IdIn {
            ids = Set.copyOf(Objects.requireNonNull(ids, "ids"));
        }
    }

    /**
     * The contact is in the scope. The service adds these to restrict rows to the caller's view scope and to guard
     * leaves on fields the caller reads only in part of its view; stores translate them like any other leaf.
     *
     * @param scope the scope predicate
     */
    record InScope(ScopePredicate scope) implements Filter {
        /** Checks the scope. */
        public InScope {
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * Free-text search (see {@link Filter#search}). The service rewrites it into {@link Text} leaves over readable
     * fields, or into {@link All} for a blank term; stores never see it.
     *
     * @param term the text to search for; white space around it is ignored
     */
    record Search(String term) implements Filter {
        /** Checks the term. */
        public Search {
            Objects.requireNonNull(term, "term");
        }
    }

    /**
     * All of the conditions.
     *
     * @param filters the conditions
     */
    record And(List<Filter> filters) implements Filter {
        /** Copies the conditions. */
        public And {
            filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
        }
    }

    /**
     * Any of the conditions.
     *
     * @param filters the conditions
     */
    record Or(List<Filter> filters) implements Filter {
        /** Copies the conditions. */
        public Or {
            filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
        }
    }

    /**
     * The negation of a condition (two-valued: see the interface).
     *
     * @param filter the condition
     */
    record Not(Filter filter) implements Filter {
        /** Checks the condition. */
        public Not {
            Objects.requireNonNull(filter, "filter");
        }
    }
}
