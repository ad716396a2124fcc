package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.ScopePredicate;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomValues;
import io.roostcrm.store.fluentcrm.internal.mapping.FluentField;
import io.roostcrm.store.fluentcrm.internal.mapping.PivotTypes;
import io.roostcrm.store.fluentcrm.internal.mapping.SubscriberColumns;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles a {@link ContactSelection} into one SELECT over {@code fc_subscribers} (alias {@code s}), Roost's side
 * row (alias {@code r}) and one LEFT JOIN on {@code fc_subscriber_meta} per custom field used (matched on
 * subscriber, object type and key, latest row when FluentCRM left duplicates; for a text field also Roost's exact value
 * in {@code roost_custom_values}). Leaves are two-valued
 * ({@code expr IS NOT NULL AND expr op ?}); masks become {@code CASE WHEN <scope> THEN expr END}; absent values
 * sort as greatest; the keyset is "strictly after" in that same order, then id.
 *
 * <p>Only values are bound as parameters. User and team ids (numbers) and custom field slugs (checked against
 * {@code [a-z][a-z0-9_-]*}) are written into the text.
 */
final class SelectionCompiler {

    /**
     * How one field appears in SQL.
     *
     * @param definition the field
     * @param expr       the value expression for comparisons and sorting (NULL when absent)
     * @param readExpr   the expression selected for the projection
     */
    record FieldRef(FieldDefinition definition, String expr, String readExpr) {
        boolean isChoices() {
            return definition.type() == FieldType.MULTI_SELECT;
        }

        boolean isCustom() {
            return definition.isCustom();
        }
    }

    /**
     * A compiled statement.
     *
     * @param sql       the SELECT
     * @param params    its parameters, in order
     * @param projected the projected fields, in column order after the fixed columns
     */
    record Compiled(String sql, List<Object> params, List<FieldDefinition> projected) {
    }

    /** Columns before the projected ones: id, version, owner, four times, {@link ContactVersions#columns}. */
    static final int FIXED_COLUMNS = 9 + ContactVersions.COLUMNS;

    private final StoreContext context;
    private final Tables t;
    private final CustomFieldCatalog catalog;
    private final Map<String, String> customAliases = new LinkedHashMap<>();
    private final List<Object> params = new ArrayList<>();

    SelectionCompiler(StoreContext context, CustomFieldCatalog catalog) {
        this.context = context;
        this.t = context.tables();
        this.catalog = catalog;
    }

    Compiled compile(ContactSelection selection) {
        // The projection and sort are built first (they only register joins); WHERE collects the parameters.
        List<FieldDefinition> projected = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT s.id, COALESCE(r.version, 1), COALESCE(s.contact_owner, 0), ")
                .append(context.dialect().wallClockText("s.created_at")).append(", ")
                .append(context.dialect().wallClockText("s.updated_at"))
                .append(", r.created_epoch, r.created_nanos, r.updated_epoch, r.updated_nanos, ")
                .append(ContactVersions.columns(context, catalog));
        for (Map.Entry<String, ScopePredicate> e : selection.projection().entrySet()) {
            Optional<FieldRef> ref = resolve(e.getKey());
            if (ref.isEmpty()) {
                continue; // not a field of this store: never returned
            }
            projected.add(ref.get().definition());
            select.append(", ").append(masked(e.getValue(), ref.get().readExpr()));
        }
        List<String> sortExprs = new ArrayList<>();
        for (SortKey key : selection.sort()) {
            FieldRef ref = require(key.field());
            sortExprs.add(masked(key.mask(), ref.isChoices() ? ref.readExpr() : ref.expr()));
        }
        String where = "(" + scope(selection.scope()) + ") AND (" + filter(selection.filter()) + ")";
        if (!selection.after().isStart()) {
            where += " AND (" + keyset(selection.sort(), sortExprs, selection.after()) + ")";
        }
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < sortExprs.size(); i++) {
            String v = sortExprs.get(i);
            boolean asc = selection.sort().get(i).direction() == Direction.ASC;
            order.append("CASE WHEN ").append(v).append(" IS NULL THEN ").append(asc ? 1 : 0).append(" ELSE ")
                    .append(asc ? 0 : 1).append(" END, ").append(v).append(asc ? " ASC, " : " DESC, ");
        }
        order.append("s.id ASC");
        String sql = select + " FROM " + t.subscribers() + " s LEFT JOIN " + t.roostContacts()
                + " r ON r.subscriber_id = s.id" + joins() + " WHERE " + where + order + " LIMIT ?";
        List<Object> all = new ArrayList<>(params);
        all.add(selection.limit());
        return new Compiled(sql, all, projected);
    }

    /** Compiles only a filter (for callers that build their own statement); joins must then be added. */
    String whereOnly(Filter filter) {
        return filter(filter);
    }

    String joins() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : customAliases.entrySet()) {
            String a = e.getValue();
            String slug = e.getKey();
            sb.append(" LEFT JOIN ").append(t.subscriberMeta()).append(' ').append(a)
                    .append(" ON ").append(a).append(".subscriber_id = s.id AND ").append(a)
                    .append(".object_type = 'custom_field' AND ").append(a).append(".`key` = '").append(slug)
                    .append("' AND NOT EXISTS (SELECT 1 FROM ").append(t.subscriberMeta()).append(' ').append(a)
                    .append("x WHERE ").append(a).append("x.subscriber_id = s.id AND ").append(a)
                    .append("x.object_type = 'custom_field' AND ").append(a).append("x.`key` = '").append(slug)
                    .append("' AND ").append(a).append("x.id > ").append(a).append(".id)");
            if (catalog.find(slug).flatMap(f -> CustomValues.sanitizer(f.definition())).isPresent()) {
                sb.append(" LEFT JOIN ").append(t.roostCustomValues()).append(' ').append(a).append("e ON ").append(a)
                        .append("e.subscriber_id = s.id AND ").append(a).append("e.slug = '").append(slug).append('\'');
            }
        }
        return sb.toString();
    }

    List<Object> params() {
        return params;
    }

    Optional<FieldRef> resolve(String key) {
        Optional<SubscriberColumns.Column> column = SubscriberColumns.of(key);
        if (column.isPresent()) {
            FieldDefinition def = StandardFields.find(key).orElseThrow();
            String col = column.get().qualified();
            String expr = switch (key) {
                case StandardFields.DATE_OF_BIRTH, StandardFields.STAGE, StandardFields.EMAIL -> col;
                // FluentCRM's defaults that Roost was not given read as absent (see roost_contacts).
                case StandardFields.STATUS -> "CASE WHEN r.status_implicit = TRUE AND s.status = '"
                        + SubscriberColumns.DEFAULT_STATUS + "' THEN NULL ELSE NULLIF(s.status, '') END";
                case StandardFields.CONTACT_TYPE -> "CASE WHEN r.type_implicit = TRUE AND s.contact_type = '"
                        + SubscriberColumns.DEFAULT_CONTACT_TYPE + "' THEN NULL ELSE NULLIF(s.contact_type, '') END";
                default -> SubscriberColumns.overflowLength(key)
                        .map(n -> "CASE WHEN r.full_" + key + " IS NOT NULL AND " + context.dialect()
                                .sameText(col, "RTRIM(LEFT(r.full_" + key + ", " + n + "))") + " THEN r.full_" + key
                                + " ELSE NULLIF(" + col + ", '') END")
                        .orElse("NULLIF(" + col + ", '')");
            };
            String read = def.type() == FieldType.DATE ? context.dialect().dateText(col) : expr;
            return Optional.of(new FieldRef(def, expr, read));
        }
        Optional<FluentField> custom = catalog.find(key);
        if (custom.isEmpty()) {
            return Optional.empty();
        }
        String alias = customAliases.computeIfAbsent(key, k -> "cf" + customAliases.size());
        FieldDefinition def = custom.get().definition();
        String raw = "NULLIF(" + alias + ".`value`, '')";
        if (CustomValues.sanitizer(def).isPresent()) {
            // The exact text Roost was given, while FluentCRM's row still holds it as FluentCRM keeps it (GH-9).
            String x = alias + "e";
            raw = "CASE WHEN " + x + ".exact_value IS NOT NULL AND " + context.dialect().sameText(alias + ".`value`",
                    x + ".kept_value") + " THEN " + x + ".exact_value ELSE " + raw + " END";
        }
        String expr = def.type() == FieldType.NUMBER ? "CAST(" + raw + " AS DECIMAL(30,6))" : raw;
        return Optional.of(new FieldRef(def, expr, raw));
    }

    private FieldRef require(String key) {
        return resolve(key).orElseThrow(() -> new CrmValidationException(
                Violation.of(key, "unknown_field", "is not a field")));
    }

    private String masked(ScopePredicate mask, String expr) {
        return mask instanceof ScopePredicate.All ? expr : "CASE WHEN " + scope(mask) + " THEN " + expr + " END";
    }

    String scope(ScopePredicate scope) {
        if (scope instanceof ScopePredicate.All) {
            return "1=1";
        }
        if (scope instanceof ScopePredicate.None) {
            return "1=0";
        }
        if (scope instanceof ScopePredicate.Owned o) {
            return "(s.contact_owner IS NULL OR s.contact_owner = 0 OR s.contact_owner = " + o.userId() + ")";
        }
        ScopePredicate.Team team = (ScopePredicate.Team) scope;
        return "(s.contact_owner IS NULL OR s.contact_owner = 0 OR s.contact_owner = " + team.userId()
                + " OR EXISTS (SELECT 1 FROM " + t.roostUserTeams()
                + " ut WHERE ut.user_id = s.contact_owner AND ut.team_id IN ("
                + team.teamIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")))";
    }

    private String filter(Filter filter) {
        if (filter instanceof Filter.All) {
            return "1=1";
        }
        if (filter instanceof Filter.Compare c) {
            return compare(require(c.field()), c.op(), c.value());
        }
        if (filter instanceof Filter.In in) {
            FieldRef ref = require(in.field());
            List<String> parts = new ArrayList<>();
            for (Object v : in.values()) {
                parts.add(compare(ref, Filter.Op.EQ, v));
            }
            return "(" + String.join(" OR ", parts) + ")";
        }
        if (filter instanceof Filter.Text text) {
            FieldRef ref = require(text.field());
            String term = escapeLike(text.term().toLowerCase(Locale.ROOT));
            params.add(text.op() == Filter.TextOp.CONTAINS ? "%" + term + "%" : term + "%");
            return "(" + ref.expr() + " IS NOT NULL AND LOWER(" + ref.expr() + ") LIKE ? ESCAPE '!')";
        }
        if (filter instanceof Filter.IsEmpty e) {
            return "(" + require(e.field()).expr() + " IS NULL)";
        }
        if (filter instanceof Filter.InGroup g) {
            params.add(PivotTypes.of(g.kind()));
            params.add(g.groupId());
            return "EXISTS (SELECT 1 FROM " + t.pivot() + " p WHERE p.subscriber_id = s.id AND p.object_type = ?"
                    + " AND p.object_id = ?)";
        }
        if (filter instanceof Filter.OwnerIs o) {
            return o.userId() == 0 ? "(s.contact_owner IS NULL OR s.contact_owner = 0)"
                    : "(s.contact_owner IS NOT NULL AND s.contact_owner = " + o.userId() + ")";
        }
        if (filter instanceof Filter.IdIn ids) {
            return ids.ids().isEmpty() ? "1=0" : "s.id IN ("
                    + ids.ids().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }
        if (filter instanceof Filter.InScope s) {
            return scope(s.scope());
        }
        if (filter instanceof Filter.And and) {
            return and.filters().isEmpty() ? "1=1"
                    : "(" + and.filters().stream().map(this::filter).collect(Collectors.joining(" AND ")) + ")";
        }
        if (filter instanceof Filter.Or or) {
            return or.filters().isEmpty() ? "1=0"
                    : "(" + or.filters().stream().map(this::filter).collect(Collectors.joining(" OR ")) + ")";
        }
        if (filter instanceof Filter.Not not) {
            return "(NOT " + filter(not.filter()) + ")";
        }
        throw new IllegalArgumentException("Search must be rewritten by the service before it reaches a store");
    }

    private String compare(FieldRef ref, Filter.Op op, Object value) {
        if (ref.isChoices()) {
            // A multi-select value is a PHP-serialized array; "EQ" means it contains the option's element.
            String contains = context.dialect().likeCaseSensitive(ref.readExpr());
            return switch (op) {
                case EQ -> {
                    params.add("%" + escapeLike(CustomValues.serializedElement(String.valueOf(value))) + "%");
                    yield "(" + ref.readExpr() + " IS NOT NULL AND " + contains + ")";
                }
                case NE -> {
                    params.add("%" + escapeLike(CustomValues.serializedElement(String.valueOf(value))) + "%");
                    yield "(" + ref.readExpr() + " IS NOT NULL AND NOT (" + contains + "))";
                }
                default -> "1=0";
            };
        }
        Object operand = operand(ref, value);
        if (operand instanceof String && (op == Filter.Op.EQ || op == Filter.Op.NE)
                && context.dialect() == Dialect.MYSQL) {
            // FluentCRM's text columns compare ignoring case (and accents) on MySQL, and equality on text is exact
            // (Filter's contract). The plain comparison keeps the index usable; the binary one makes it exact.
            String exact = context.dialect().sameText(ref.expr(), "?");
            if (op == Filter.Op.EQ) {
                params.add(operand);
                params.add(operand);
                return "(" + ref.expr() + " IS NOT NULL AND " + ref.expr() + " = ? AND " + exact + ")";
            }
            params.add(operand);
            return "(" + ref.expr() + " IS NOT NULL AND NOT (" + exact + "))";
        }
        params.add(operand);
        String sqlOp = switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
        return "(" + ref.expr() + " IS NOT NULL AND " + ref.expr() + " " + sqlOp + " ?)";
    }

    private static Object operand(FieldRef ref, Object value) {
        FieldDefinition def = ref.definition();
        return switch (def.type()) {
            case STAGE -> ((Number) value).longValue();
            case DATE -> value instanceof LocalDate d ? WallClock.formatDate(d) : value.toString();
            default -> CustomValues.operand(def, value);
        };
    }

    private String keyset(List<SortKey> sort, List<String> exprs, Keyset after) {
        List<String> disjuncts = new ArrayList<>();
        for (int i = 0; i <= sort.size(); i++) {
            List<String> conj = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conj.add(equalTo(exprs.get(j), sort.get(j), after.values().get(j)));
            }
            if (i < sort.size()) {
                conj.add(strictlyAfter(exprs.get(i), sort.get(i), after.values().get(i)));
            } else {
                conj.add("s.id > " + after.id());
            }
            disjuncts.add("(" + String.join(" AND ", conj) + ")");
        }
        return String.join(" OR ", disjuncts);
    }

    private String equalTo(String v, SortKey key, Object value) {
        if (value == null) {
            return v + " IS NULL";
        }
        params.add(sortOperand(key, value));
        return "(" + v + " IS NOT NULL AND " + v + " = ?)";
    }

    private String strictlyAfter(String v, SortKey key, Object value) {
        boolean asc = key.direction() == Direction.ASC;
        if (value == null) {
            // Absent is greatest: ascending, nothing but other absent rows (by id) follows; descending, every value.
            return asc ? "1=0" : v + " IS NOT NULL";
        }
        params.add(sortOperand(key, value));
        return asc ? "(" + v + " IS NULL OR " + v + " > ?)" : "(" + v + " IS NOT NULL AND " + v + " < ?)";
    }

    private Object sortOperand(SortKey key, Object value) {
        FieldRef ref = require(key.field());
        if (ref.isChoices() && value instanceof List<?> list) {
            return list.isEmpty() ? "" : io.roostcrm.store.fluentcrm.internal.php.PhpSerializer.serialize(
                    new ArrayList<Object>(list));
        }
        return operand(ref, value);
    }

    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
