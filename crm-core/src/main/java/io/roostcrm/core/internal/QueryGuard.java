package io.roostcrm.core.internal;

import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Scope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns a caller's filter and sort into what a store may be given. Every field named must be readable somewhere
 * (otherwise it is refused exactly like a field that does not exist); every leaf on a field the caller reads only on
 * part of its view is guarded by that field's read scope, so a hidden value can never decide whether a row matches;
 * values are validated against the field type; {@link Filter.Search} becomes text leaves over readable fields.
 */
final class QueryGuard {

    /** The fields free-text search looks in, when the caller can read them. */
    static final List<String> SEARCH_FIELDS = List.of(StandardFields.EMAIL, StandardFields.FIRST_NAME,
            StandardFields.LAST_NAME, StandardFields.COMPANY, StandardFields.PHONE);

    private final Access access;
    private final List<Violation> violations = new ArrayList<>();

    private QueryGuard(Access access) {
        this.access = access;
    }

    /**
     * The guarded filter.
     *
     * @throws CrmValidationException for a filter beyond {@link Filter}'s limits (field {@code filter}, rule
     *                                {@code max_depth}, {@code max_conditions} or {@code max_values}), or listing
     *                                every bad field and value
     */
    static Filter filter(Access access, Filter filter) {
        checkLimits(filter);
        QueryGuard guard = new QueryGuard(access);
        Filter guarded = guard.rewrite(filter);
        guard.throwIfInvalid();
        return guarded;
    }

    /** The sort keys with their masks. @throws CrmValidationException for a hidden, unknown or unsortable field */
    static List<SortKey> sort(Access access, List<Sort> sort) {
        QueryGuard guard = new QueryGuard(access);
        List<SortKey> keys = new ArrayList<>(sort.size());
        for (Sort s : sort) {
            FieldDefinition field = access.readableField(s.field());
            if (field == null) {
                guard.violations.add(Access.unknownField(s.field()));
            } else if (field.type() == FieldType.MULTI_SELECT) {
                guard.violations.add(Violation.of(s.field(), "not_sortable", "cannot be sorted on"));
            } else {
                keys.add(new SortKey(s.field(), s.direction(), access.mask(s.field())));
            }
        }
        guard.throwIfInvalid();
        return keys;
    }

    /**
     * Refuses a filter deeper, wider or longer than {@link Filter} allows, walking it without recursion: a 3,000-deep
     * {@code not} overflowed the stack in {@link #rewrite}, jOOQ's renderer or H2's parser, and an {@code in} of
     * 100,000 values failed in H2. Checked before anything else looks at the tree.
     */
    static void checkLimits(Filter filter) {
        Deque<Filter> pending = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(filter);
        depths.push(1);
        int conditions = 0;
        while (!pending.isEmpty()) {
            Filter next = pending.pop();
            int depth = depths.pop();
            if (depth > Filter.MAX_DEPTH) {
                throw limit("max_depth", "a filter may be nested at most " + Filter.MAX_DEPTH + " levels deep");
            }
            List<Filter> children = next instanceof Filter.And and ? and.filters()
                    : next instanceof Filter.Or or ? or.filters()
                    : next instanceof Filter.Not not ? List.of(not.filter())
                    : null;
            if (children != null) {
                if (children.size() > Filter.MAX_CONDITIONS) {
                    throw tooManyConditions();
                }
                for (Filter child : children) {
                    pending.push(child);
                    depths.push(depth + 1);
                }
                continue;
            }
            if (++conditions > Filter.MAX_CONDITIONS) {
                throw tooManyConditions();
            }
            int values = next instanceof Filter.In in ? in.values().size()
                    : next instanceof Filter.IdIn ids ? ids.ids().size() : 0;
            if (values > Filter.MAX_VALUES) {
                throw limit("max_values", "an in() condition may list at most " + Filter.MAX_VALUES + " values");
            }
        }
    }

    private static CrmValidationException tooManyConditions() {
        return limit("max_conditions", "a filter may have at most " + Filter.MAX_CONDITIONS + " conditions");
    }

    private static CrmValidationException limit(String rule, String message) {
        return new CrmValidationException(new Violation("filter", rule, message));
    }

    private void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }

    private Filter rewrite(Filter filter) {
        // Java 17: no pattern matching for switch, so an instanceof chain over the sealed family.
        if (filter instanceof Filter.Compare c) {
            return compare(c);
        }
        if (filter instanceof Filter.In in) {
            FieldDefinition field = field(in.field());
            if (field == null) {
                return in;
            }
            List<Object> values = new ArrayList<>(in.values().size());
            for (Object v : in.values()) {
                Object value = value(field, v);
                values.add(value == null ? v : value);
            }
            return guard(in.field(), new Filter.In(in.field(), values));
        }
        if (filter instanceof Filter.Text t) {
            FieldDefinition field = field(t.field());
            if (field == null) {
                return t;
            }
            if (!field.type().isText()) {
                violations.add(Violation.of(t.field(), "type", "is not a text field"));
                return t;
            }
            if (t.term().length() > 255) {
                violations.add(Violation.of(t.field(), "max_length", "search term must be at most 255 characters"));
                return t;
            }
            Violation badText = TextRules.check(t.field(), t.term(), TextRules.Kind.TERM);
            if (badText != null) {
                violations.add(badText);
                return t;
            }
            return guard(t.field(), t);
        }
        if (filter instanceof Filter.IsEmpty e) {
            if (field(e.field()) == null || access.readableInWholeView(e.field())) {
                return e;
            }
            // Where the caller may not read the field it sees it as absent, i.e. empty: the hidden value cannot
            // change the outcome, and the answer matches what the caller is shown.
            return new Filter.Or(List.of(new Filter.Not(new Filter.InScope(access.mask(e.field()))), e));
        }
        if (filter instanceof Filter.InGroup g) {
            EntityType type = g.kind() == Filter.GroupKind.LIST ? EntityType.LIST : EntityType.TAG;
            Scope scope = access.policy().entityScope(type, EntityAction.READ);
            if (scope == Scope.NONE) {
                throw new CrmPermissionDeniedException(Rule.MISSING_ENTITY_RIGHT, "you may not read " + plural(type));
            }
            return scope == access.policy().viewScope() ? g
                    : new Filter.And(List.of(new Filter.InScope(access.policy().predicate(scope)), g));
        }
        if (filter instanceof Filter.Search s) {
            return search(s.term());
        }
        if (filter instanceof Filter.And and) {
            return new Filter.And(and.filters().stream().map(this::rewrite).toList());
        }
        if (filter instanceof Filter.Or or) {
            return new Filter.Or(or.filters().stream().map(this::rewrite).toList());
        }
        if (filter instanceof Filter.Not not) {
            return new Filter.Not(rewrite(not.filter()));
        }
        // All, OwnerIs, IdIn and InScope name no field: the owner and id are visible on every row in view, and a
        // scope only narrows the rows.
        return filter;
    }

    private Filter compare(Filter.Compare c) {
        FieldDefinition field = field(c.field());
        if (field == null) {
            return c;
        }
        if (field.type() == FieldType.MULTI_SELECT && c.op() != Filter.Op.EQ && c.op() != Filter.Op.NE) {
            violations.add(Violation.of(c.field(), "operator", "can only be compared for equality"));
            return c;
        }
        if ((field.type() == FieldType.CHECKBOX) && c.op() != Filter.Op.EQ && c.op() != Filter.Op.NE) {
            violations.add(Violation.of(c.field(), "operator", "can only be compared for equality"));
            return c;
        }
        Object value = value(field, c.value());
        return guard(c.field(), new Filter.Compare(c.field(), c.op(), value == null ? c.value() : value));
    }

    private Filter search(String raw) {
        // Spaces around a term are no part of it: "" and "   " both mean "no search" and match every contact.
        String term = raw.strip();
        if (term.isEmpty()) {
            return Filter.all();
        }
        if (term.length() > 255) {
            violations.add(new Violation("search", "max_length", "search term must be at most 255 characters"));
            return Filter.all();
        }
        Violation badText = TextRules.checkDescribed("search", term, TextRules.Kind.TERM, "a search term ");
        if (badText != null) {
            violations.add(badText);
            return Filter.all();
        }
        List<Filter> leaves = new ArrayList<>();
        for (String key : SEARCH_FIELDS) {
            if (access.readableField(key) != null) {
                leaves.add(guard(key, new Filter.Text(key, Filter.TextOp.CONTAINS, term)));
            }
        }
        // With nothing to search in, nothing matches.
        return leaves.isEmpty() ? new Filter.Not(Filter.all()) : new Filter.Or(leaves);
    }

    private FieldDefinition field(String key) {
        FieldDefinition field = access.readableField(key);
        if (field == null) {
            violations.add(Access.unknownField(key));
        }
        return field;
    }

    private Filter guard(String key, Filter leaf) {
        return access.readableInWholeView(key) ? leaf
                : new Filter.And(List.of(new Filter.InScope(access.mask(key)), leaf));
    }

    /** A filter value in canonical form, or {@code null} after recording a violation. */
    private Object value(FieldDefinition field, Object value) {
        String key = field.key();
        try {
            switch (field.type()) {
                case TEXT, TEXTAREA, URL, PHONE, EMAIL -> {
                    // Comparisons may use partial values ("m" < x), so only the type and length are checked.
                    if (!(value instanceof String s)) {
                        violations.add(Violation.of(key, "type", "must be text"));
                        return null;
                    }
                    if (s.length() > field.type().maxLength()) {
                        violations.add(Violation.of(key, "max_length",
                                "must be at most " + field.type().maxLength() + " characters"));
                        return null;
                    }
                    Violation badText = TextRules.check(key, s, TextRules.Kind.TERM);
                    if (badText != null) {
                        violations.add(badText);
                        return null;
                    }
                    return field.type() == FieldType.EMAIL ? s.trim().toLowerCase(Locale.ROOT) : s;
                }
                case MULTI_SELECT -> {
                    if (!(value instanceof String s) || !field.options().contains(s)) {
                        violations.add(Violation.of(key, "option", "must be one of its options"));
                        return null;
                    }
                    return s;
                }
                default -> {
                    return FieldValues.normalize(field, value);
                }
            }
        } catch (CrmValidationException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    static String plural(EntityType type) {
        return switch (type) {
            case NOTE -> "notes";
            case LIST -> "lists";
            case TAG -> "tags";
            case AUDIT -> "the audit trail";
        };
    }
}
