package io.roostcrm.core.memory;

import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.ScopePredicate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link ContactSelection} over the rows in memory, with exactly the semantics the SPI documents:
 * two-valued filter leaves, masked projections and sort keys, absent values sorting as greatest, id as final key,
 * and a strict keyset.
 */
final class MemoryQuery {

    private final MemoryState state;

    MemoryQuery(MemoryState state) {
        this.state = state;
    }

    List<ContactRow> select(ContactSelection selection) {
        List<ContactRow> matching = new ArrayList<>();
        for (ContactRow row : state.contacts.values()) {
            Ownership ownership = ownership(row);
            if (selection.scope().matches(ownership) && matches(selection.filter(), row, ownership)) {
                matching.add(row);
            }
        }
        Comparator<Object[]> order = order(selection.sort());
        List<Object[]> keyed = new ArrayList<>(matching.size());
        for (ContactRow row : matching) {
            keyed.add(sortTuple(selection.sort(), row));
        }
        keyed.sort(order);
        Object[] after = selection.after().isStart() ? null : keysetTuple(selection.after());
        List<ContactRow> out = new ArrayList<>();
        for (Object[] tuple : keyed) {
            if (after != null && order.compare(tuple, after) <= 0) {
                continue;
            }
            ContactRow row = state.contacts.get((Long) tuple[tuple.length - 1]);
            out.add(project(row, selection.projection()));
            if (out.size() == selection.limit()) {
                break;
            }
        }
        return out;
    }

    Ownership ownership(ContactRow row) {
        if (row.ownerId() == 0) {
            return Ownership.unassigned();
        }
        var owner = state.users.get(row.ownerId());
        return Ownership.ownedBy(row.ownerId(), owner == null ? Set.of() : owner.teamIds());
    }

    private ContactRow project(ContactRow row, Map<String, ScopePredicate> projection) {
        Ownership ownership = ownership(row);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ScopePredicate> e : projection.entrySet()) {
            Object value = row.values().get(e.getKey());
            if (value != null && e.getValue().matches(ownership)) {
                values.put(e.getKey(), value);
            }
        }
        return new ContactRow(row.id(), row.version(), row.ownerId(), row.createdAt(), row.updatedAt(), values);
    }

    boolean matches(Filter filter, ContactRow row, Ownership ownership) {
        if (filter instanceof Filter.All) {
            return true;
        } else if (filter instanceof Filter.Compare c) {
            Object value = row.values().get(c.field());
            return value != null && compare(value, c.op(), c.value());
        } else if (filter instanceof Filter.In in) {
            Object value = row.values().get(in.field());
            return value != null && in.values().stream().anyMatch(v -> compare(value, Filter.Op.EQ, v));
        } else if (filter instanceof Filter.Text t) {
            if (!(row.values().get(t.field()) instanceof String s)) {
                return false;
            }
            String haystack = s.toLowerCase(Locale.ROOT);
            String needle = t.term().toLowerCase(Locale.ROOT);
            return t.op() == Filter.TextOp.CONTAINS ? haystack.contains(needle) : haystack.startsWith(needle);
        } else if (filter instanceof Filter.IsEmpty e) {
            return row.values().get(e.field()) == null;
        } else if (filter instanceof Filter.InGroup g) {
            return state.memberships.contains(new MemoryState.Membership(g.kind(), row.id(), g.groupId()));
        } else if (filter instanceof Filter.OwnerIs o) {
            return row.ownerId() == o.userId();
        } else if (filter instanceof Filter.IdIn ids) {
            return ids.ids().contains(row.id());
        } else if (filter instanceof Filter.InScope scope) {
            return scope.scope().matches(ownership);
        } else if (filter instanceof Filter.And and) {
            return and.filters().stream().allMatch(f -> matches(f, row, ownership));
        } else if (filter instanceof Filter.Or or) {
            return or.filters().stream().anyMatch(f -> matches(f, row, ownership));
        } else if (filter instanceof Filter.Not not) {
            return !matches(not.filter(), row, ownership);
        }
        // Filter.Search is rewritten by the service into Text leaves before it reaches a store.
        throw new IllegalArgumentException("unsupported filter for a store: " + filter.getClass().getSimpleName());
    }

    private boolean compare(Object value, Filter.Op op, Object operand) {
        if (value instanceof List<?> choices) {
            // Multi-select: EQ means "contains the option"; other operators never match.
            return switch (op) {
                case EQ -> choices.contains(operand);
                case NE -> !choices.contains(operand);
                default -> false;
            };
        }
        int cmp = compareValues(value, operand);
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return String.join("|", (List<String>) la).compareTo(String.join("|", (List<String>) lb));
        }
        if (a instanceof Number na && b instanceof Number nb && a.getClass() != b.getClass()) {
            return new java.math.BigDecimal(na.toString()).compareTo(new java.math.BigDecimal(nb.toString()));
        }
        return ((Comparable) a).compareTo(b);
    }

    private Object[] sortTuple(List<SortKey> sort, ContactRow row) {
        Ownership ownership = ownership(row);
        Object[] tuple = new Object[sort.size() + 1];
        for (int i = 0; i < sort.size(); i++) {
            SortKey key = sort.get(i);
            tuple[i] = key.mask().matches(ownership) ? row.values().get(key.field()) : null;
        }
        tuple[sort.size()] = row.id();
        return tuple;
    }

    private Object[] keysetTuple(Keyset keyset) {
        Object[] tuple = new Object[keyset.values().size() + 1];
        for (int i = 0; i < keyset.values().size(); i++) {
            tuple[i] = keyset.values().get(i);
        }
        tuple[tuple.length - 1] = keyset.id();
        return tuple;
    }

    private Comparator<Object[]> order(List<SortKey> sort) {
        return (a, b) -> {
            for (int i = 0; i < sort.size(); i++) {
                int cmp = nullsGreatest(a[i], b[i]);
                if (cmp != 0) {
                    return sort.get(i).direction() == Direction.ASC ? cmp : -cmp;
                }
            }
            return Long.compare((Long) a[sort.size()], (Long) b[sort.size()]);
        };
    }

    private static int nullsGreatest(Object a, Object b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        if (b == null) {
            return -1;
        }
        return compareValues(a, b);
    }
}
