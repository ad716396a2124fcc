package io.roostcrm.store.jdbc.internal.sql;

import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.FieldValueMap;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.ScopePredicate;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import io.roostcrm.store.jdbc.internal.UtcTimes;
import io.roostcrm.store.jdbc.internal.schema.ColumnTypes;
import io.roostcrm.store.jdbc.internal.schema.ContactColumn;
import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CREATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.GROUP_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.KIND;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.OWNER_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.TEAM_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.UPDATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.USER_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.VERSION;

/**
 * Builds the one SELECT that answers a {@link ContactSelection}: scope and filter in WHERE, each projected field as
 * {@code CASE WHEN <mask> THEN col END}, sort keys on the same masked expressions with absent values greatest
 * ({@code ASC NULLS LAST}, {@code DESC NULLS FIRST}), then id, and the keyset as explicit OR chains that follow that
 * same order. Custom fields are plain columns, so their filters and sorts run on their indexes in this statement.
 *
 * <p>Every filter leaf is two-valued: a leaf on a field is {@code (m IS NOT NULL AND m <op> ?)} where {@code m} is the
 * masked expression, so it is FALSE, never UNKNOWN, on a row without the value, and {@code NOT} means exactly "the
 * leaf does not hold". Fields the store does not know have no value on any row.
 *
 * <p>Indexes (issue 13). Each expression emitted here is one an index the store creates can serve:
 * <ul>
 *   <li>{@code contains}/{@code startsWith} is {@code lower(col) like lower(?) escape '!'}. On PostgreSQL the search
 *   columns (V9) and every indexed text custom field ({@code JdbcFieldStore}) have a {@code pg_trgm} GIN index on
 *   exactly {@code lower(col)}; free-text search, the service's OR of such leaves, becomes a BitmapOr of them. A term of
 *   one or two characters gives {@code contains} no trigram to look up: PostgreSQL then plans a scan in id order that
 *   stops at the page's last match (quick for a common term, a full read for a rare one). {@code startsWith} keeps
 *   its index for short terms (the padded leading trigrams). On H2, which has no expression indexes, a custom text
 *   field's match reads its generated twin {@code <col>_lower} ({@link ColumnTypes#lowerCaseColumn}) and e-mail its
 *   {@code email_lower}, both indexed, so {@code startsWith} is a range scan; {@code contains} on H2 stays a scan.</li>
 *   <li>Sorts: {@code col ASC NULLS LAST, id} is the field's {@code (col, id)} index read forward; {@code col DESC NULLS
 *   FIRST, id} has its own {@code (col DESC NULLS FIRST, id)} index on PostgreSQL and H2, because the first index read
 *   backwards gives {@code id DESC} within equal values and PostgreSQL would re-sort every row of the NULL group. A
 *   descending keyset after a value {@code v} also says {@code col <= v}, redundant but a range the index can start
 *   at.</li>
 *   <li>On PostgreSQL every statement built here is planned with its values on every execution ({@link CustomPlans}),
 *   but for those that only pick rows by id.</li>
 * </ul>
 */
public final class ContactQueryBuilder {

    /** The escape character of LIKE patterns built here. */
    static final char LIKE_ESCAPE = '!';

    /** The JDBC index of the first projected value: after id, version, owner and the two timestamps. */
    private static final int FIRST_VALUE_COLUMN = 6;

    private final RoostTables tables;
    private final ContactColumns columns;
    private final DatabaseKind kind;

    /**
     * @param tables  the store's tables
     * @param columns the contact columns (standard and custom) as of this unit of work
     * @param kind    the database the statements are for
     */
    public ContactQueryBuilder(RoostTables tables, ContactColumns columns, DatabaseKind kind) {
        this.tables = tables;
        this.columns = columns;
        this.kind = kind;
    }

    /** A built query and how to read its rows. */
    public static final class ContactQuery {
        private final ResultQuery<Record> query;
        private final List<ContactColumn> projected;
        private final boolean withEpochVersion;
        private Long epochVersion;

        ContactQuery(ResultQuery<Record> query, List<ContactColumn> projected, boolean withEpochVersion) {
            this.query = query;
            this.projected = projected;
            this.withEpochVersion = withEpochVersion;
        }

        /** The epoch version the statement read along with its rows: after {@link #fetch()}, when it returned any. */
        public Optional<Long> epochVersion() {
            return Optional.ofNullable(epochVersion);
        }

        /** The statement (e.g. to render it for EXPLAIN). */
        public ResultQuery<Record> query() {
            return query;
        }

        /**
         * Runs the statement and maps its rows. jOOQ renders, binds and executes it; the rows are read straight from
         * the JDBC result set with each column's typed getter. Materialising jOOQ records first (a converter and a
         * binding per value) was half of a page's cost, and the values are converted to the API's types anyway.
         */
        public List<ContactRow> fetch() {
            List<ContactRow> rows = new ArrayList<>();
            int epochColumn = FIRST_VALUE_COLUMN + projected.size();
            try (ResultSet rs = query.fetchResultSet()) {
                while (rs.next()) {
                    rows.add(toRow(rs, projected));
                    if (withEpochVersion && epochVersion == null) {
                        epochVersion = rs.getLong(epochColumn);
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read contact rows", e);
            }
            return rows;
        }
    }

    /** Every field key a selection names: projected, sorted on, or in a filter leaf. */
    public static Set<String> fieldKeys(ContactSelection selection) {
        Set<String> keys = new LinkedHashSet<>(selection.projection().keySet());
        selection.sort().forEach(key -> keys.add(key.field()));
        collectKeys(selection.filter(), keys);
        return keys;
    }

    private static void collectKeys(Filter filter, Set<String> keys) {
        if (filter instanceof Filter.Compare compare) {
            keys.add(compare.field());
        } else if (filter instanceof Filter.In in) {
            keys.add(in.field());
        } else if (filter instanceof Filter.Text text) {
            keys.add(text.field());
        } else if (filter instanceof Filter.IsEmpty empty) {
            keys.add(empty.field());
        } else if (filter instanceof Filter.And and) {
            and.filters().forEach(f -> collectKeys(f, keys));
        } else if (filter instanceof Filter.Or or) {
            or.filters().forEach(f -> collectKeys(f, keys));
        } else if (filter instanceof Filter.Not not) {
            collectKeys(not.filter(), keys);
        }
    }

    /** The query for a selection. */
    public ContactQuery build(DSLContext dsl, ContactSelection selection) {
        return build(dsl, selection, false, false);
    }

    /**
     * The query for a selection.
     *
     * @param withEpochVersion whether each row also carries {@code roost_epoch.epoch_version}, as a last column (the
     *                         unit of work's first select, so that the epoch costs no statement of its own)
     * @param forUpdate        whether the rows are locked until the transaction ends (to read values a write will
     *                         replace)
     */
    public ContactQuery build(DSLContext dsl, ContactSelection selection, boolean withEpochVersion, boolean forUpdate) {
        List<SelectFieldOrAsterisk> select = new ArrayList<>(List.of(ID, VERSION, OWNER_ID, CREATED_AT, UPDATED_AT));
        List<ContactColumn> projected = new ArrayList<>();
        for (Map.Entry<String, ScopePredicate> entry : selection.projection().entrySet()) {
            Optional<ContactColumn> column = columns.find(entry.getKey());
            if (column.isPresent()) {
                projected.add(column.get());
                select.add(masked(column.get(), entry.getValue()));
            }
        }
        List<SortField<?>> order = new ArrayList<>();
        for (SortKey key : selection.sort()) {
            columns.find(key.field()).ifPresent(column -> {
                Field<Object> value = masked(column, key.mask());
                order.add(key.direction() == Direction.ASC ? value.asc().nullsLast() : value.desc().nullsFirst());
            });
        }
        order.add(ID.asc());
        Field<Long> epochField = null;
        if (withEpochVersion) {
            // Raw SQL text rendered once per store, not a jOOQ sub-select nor a template: every call renders its
            // statement afresh, and a rendered SelectQuery cost about three times a template, which cost more than
            // raw text (BENCHMARKS.md, "The unit of work's cost"). The row id is inlined, so the text never changes.
            epochField = DSL.field(DSL.raw(tables.epochVersionSelect(dsl)), Long.class);
            select.add(epochField);
        }
        Condition rest = filter(selection.filter());
        if (!selection.after().isStart()) {
            rest = rest.and(after(selection.sort(), selection.after()));
        }
        // PostgreSQL only, where the OR's plans were measured (issue 13); rows picked by id need no merge, and a
        // locking read cannot be a UNION.
        List<Condition> branches = forUpdate || kind != DatabaseKind.POSTGRESQL || byIdOnly(selection.filter())
                ? List.of() : scopeBranches(selection.scope());
        ResultQuery<Record> query;
        if (branches.size() > 1) {
            query = unionOfBranches(dsl, select, epochField, selection, branches, rest, order);
        } else {
            var limited = dsl.select(select).from(tables.contact()).where(scope(selection.scope()).and(rest))
                    .orderBy(order).limit(selection.limit());
            query = forUpdate ? limited.forUpdate() : limited;
        }
        if (kind == DatabaseKind.POSTGRESQL && !byIdOnly(selection.filter())) {
            query.attach(dsl.configuration().derive().setAppending(CustomPlans.INSTANCE));
        }
        return new ContactQuery(query, List.copyOf(projected), withEpochVersion);
    }

    /**
     * A scope as disjoint conditions each of which one index serves in the page's order: the caller's own rows and
     * the unassigned ones ({@code (owner_id, id)} read at two points), and for a team scope the rows of the teams'
     * other members. Empty for a scope that is one condition already.
     */
    private List<Condition> scopeBranches(ScopePredicate scope) {
        if (scope instanceof ScopePredicate.Owned owned) {
            return List.of(OWNER_ID.eq(owned.userId()), OWNER_ID.isNull());
        }
        if (scope instanceof ScopePredicate.Team team) {
            return List.of(OWNER_ID.eq(team.userId()), OWNER_ID.isNull(),
                    ownedByTeamMembers(team).and(OWNER_ID.ne(team.userId())));
        }
        return List.of();
    }

    /**
     * The page as a {@code UNION ALL} of one ordered, limited branch per scope condition, merged in the page's order
     * (issue 13 item 5). With {@code owner_id = ? OR owner_id IS NULL} PostgreSQL can read neither half in the page's
     * order from an index, so it gathers every row of the scope (a bitmap of both halves) and sorts them, or walks
     * the table in id order filtering; each branch here reads at most a page from its index range, and the outer
     * select keeps the page's first rows of their merge. The branches are disjoint, so no row comes twice. Each
     * branch carries the sort values as columns ({@code s0}, {@code s1}, ...; masked as in the page, so a hidden value
     * never orders a row), after the row's own columns, where the outer order names them. The outer select lists
     * the row's columns in the order {@link ContactQuery#fetch()} reads them, and the epoch version after them.
     */
    private ResultQuery<Record> unionOfBranches(DSLContext dsl, List<SelectFieldOrAsterisk> select,
                                               Field<Long> epochField, ContactSelection selection,
                                               List<Condition> branches, Condition rest, List<SortField<?>> order) {
        // The row's columns, named so that the derived table has no two columns of one name (masked values are
        // unnamed CASEs); the epoch version, when asked for, is read once by the outer select, not per branch.
        List<SelectFieldOrAsterisk> columnsOfBranch = new ArrayList<>(select.size() + selection.sort().size());
        List<SelectFieldOrAsterisk> columnsOfPage = new ArrayList<>(select.size());
        for (int i = 0; i < select.size(); i++) {
            SelectFieldOrAsterisk column = select.get(i);
            if (column == epochField) {
                columnsOfPage.add(column);
                continue;
            }
            String name = i < FIRST_VALUE_COLUMN - 1 ? ((Field<?>) column).getName() : "v" + i;
            columnsOfBranch.add(i < FIRST_VALUE_COLUMN - 1 ? column : ((Field<?>) column).as(name));
            columnsOfPage.add(DSL.field(DSL.name("page", name)));
        }
        List<SortField<?>> outer = new ArrayList<>();
        int sortColumn = 0;
        for (SortKey key : selection.sort()) {
            Optional<ContactColumn> column = columns.find(key.field());
            if (column.isPresent()) {
                String name = "s" + sortColumn++;
                columnsOfBranch.add(masked(column.get(), key.mask()).as(name));
                Field<Object> merged = DSL.field(DSL.name("page", name));
                outer.add(key.direction() == Direction.ASC ? merged.asc().nullsLast() : merged.desc().nullsFirst());
            }
        }
        outer.add(DSL.field(DSL.name("page", "id"), Long.class).asc());
        org.jooq.Select<Record> union = null;
        for (Condition branch : branches) {
            var one = dsl.select(columnsOfBranch).from(tables.contact()).where(branch.and(rest)).orderBy(order)
                    .limit(selection.limit());
            union = union == null ? one : union.unionAll(one);
        }
        return dsl.select(columnsOfPage).from(union.asTable("page")).orderBy(outer).limit(selection.limit());
    }

    /**
     * Whether a filter only picks rows by id (a get, a re-read, the rows of a write): such a statement has one good plan
     * whatever its values, so it keeps pgJDBC's server-prepared statement and is neither parsed nor planned per call.
     */
    private static boolean byIdOnly(Filter filter) {
        if (filter instanceof Filter.IdIn) {
            return true;
        }
        return filter instanceof Filter.And and && !and.filters().isEmpty()
                && and.filters().stream().allMatch(f -> f instanceof Filter.All || byIdOnly(f))
                && and.filters().stream().anyMatch(ContactQueryBuilder::byIdOnly);
    }

    private static ContactRow toRow(ResultSet rs, List<ContactColumn> projected) throws SQLException {
        long id = rs.getLong(1);
        long version = rs.getLong(2);
        long owner = rs.getLong(3); // 0 when NULL: unassigned
        Instant createdAt = UtcTimes.fromDb(rs.getObject(4, LocalDateTime.class));
        Instant updatedAt = UtcTimes.fromDb(rs.getObject(5, LocalDateTime.class));
        FieldValueMap.Builder values = FieldValueMap.builder(projected.size());
        for (int i = 0; i < projected.size(); i++) {
            ContactColumn column = projected.get(i);
            Object value = column.read(rs, FIRST_VALUE_COLUMN + i);
            if (value != null) {
                values.put(column.key(), value);
            }
        }
        return new ContactRow(id, version, owner, createdAt, updatedAt, values.build());
    }

    /** The condition for a scope predicate. */
    public Condition scope(ScopePredicate scope) {
        if (scope instanceof ScopePredicate.All) {
            return DSL.trueCondition();
        }
        if (scope instanceof ScopePredicate.None) {
            return DSL.falseCondition();
        }
        if (scope instanceof ScopePredicate.Owned owned) {
            return owned(owned.userId());
        }
        ScopePredicate.Team team = (ScopePredicate.Team) scope;
        return owned(team.userId()).or(ownedByTeamMembers(team));
    }

    /** Rows owned by a member of one of the team scope's teams. */
    private Condition ownedByTeamMembers(ScopePredicate.Team team) {
        return OWNER_ID.in(DSL.select(USER_ID).from(tables.userTeam()).where(TEAM_ID.in(team.teamIds())));
    }

    private static Condition owned(long userId) {
        return OWNER_ID.eq(userId).or(OWNER_ID.isNull());
    }

    /** A field's value where the row matches the mask, NULL elsewhere. */
    Field<Object> masked(ContactColumn column, ScopePredicate mask) {
        Field<Object> field = column.field();
        if (mask instanceof ScopePredicate.All) {
            return field;
        }
        return DSL.when(scope(mask), field);
    }

    /** The two-valued condition for a filter tree. */
    public Condition filter(Filter filter) {
        if (filter instanceof Filter.All) {
            return DSL.trueCondition();
        }
        if (filter instanceof Filter.And and) {
            Condition result = DSL.trueCondition();
            for (Filter f : and.filters()) {
                result = result.and(filter(f));
            }
            return result;
        }
        if (filter instanceof Filter.Or or) {
            Condition result = DSL.falseCondition();
            for (Filter f : or.filters()) {
                result = result.or(filter(f));
            }
            return result;
        }
        if (filter instanceof Filter.Not not) {
            return DSL.not(filter(not.filter()));
        }
        if (filter instanceof Filter.Compare compare) {
            return columns.find(compare.field())
                    .map(c -> compare(c, c.field(), compare.op(), compare.value()))
                    .orElse(DSL.falseCondition());
        }
        if (filter instanceof Filter.In in) {
            return columns.find(in.field()).map(c -> in(c, c.field(), in.values())).orElse(DSL.falseCondition());
        }
        if (filter instanceof Filter.Text text) {
            return columns.find(text.field()).map(c -> text(lowerCased(c), text)).orElse(DSL.falseCondition());
        }
        if (filter instanceof Filter.IsEmpty empty) {
            return columns.find(empty.field()).map(c -> c.field().isNull()).orElse(DSL.trueCondition());
        }
        if (filter instanceof Filter.InGroup group) {
            return ID.in(DSL.select(CONTACT_ID).from(tables.membership()).where(GROUP_ID.in(
                    DSL.select(ID).from(tables.group()).where(ID.eq(group.groupId())).and(KIND.eq(group.kind().name())))));
        }
        if (filter instanceof Filter.OwnerIs owner) {
            return owner.userId() == 0 ? OWNER_ID.isNull() : OWNER_ID.eq(owner.userId());
        }
        if (filter instanceof Filter.IdIn ids) {
            return ids.ids().isEmpty() ? DSL.falseCondition() : ID.in(ids.ids());
        }
        if (filter instanceof Filter.InScope inScope) {
            return scope(inScope.scope());
        }
        if (filter instanceof Filter.Search) {
            throw new IllegalArgumentException("search filters are rewritten by the service and never reach a store");
        }
        throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
    }

    private static Condition compare(ContactColumn column, Field<Object> value, Filter.Op op, Object operand) {
        if (column.type() == FieldType.MULTI_SELECT && (op == Filter.Op.EQ || op == Filter.Op.NE)) {
            Condition contains = containsChoices(value, operand);
            return op == Filter.Op.EQ ? value.isNotNull().and(contains) : value.isNotNull().and(DSL.not(contains));
        }
        Field<Object> bound = DSL.val(column.toDb(operand), value.getDataType());
        Condition comparison = switch (op) {
            case EQ -> value.eq(bound);
            case NE -> value.ne(bound);
            case LT -> value.lt(bound);
            case LE -> value.le(bound);
            case GT -> value.gt(bound);
            case GE -> value.ge(bound);
        };
        return value.isNotNull().and(comparison);
    }

    private static Condition containsChoices(Field<Object> value, Object operand) {
        List<?> wanted = operand instanceof List<?> list ? list : List.of(operand);
        Condition all = DSL.trueCondition();
        for (Object option : wanted) {
            String pattern = "%" + escapeLike(ContactColumn.encodedOption(String.valueOf(option))) + "%";
            all = all.and(asText(value, FieldType.MULTI_SELECT).like(DSL.val(pattern), LIKE_ESCAPE));
        }
        return all;
    }

    private static Condition in(ContactColumn column, Field<Object> value, List<Object> operands) {
        if (column.type() == FieldType.MULTI_SELECT) {
            Condition any = DSL.falseCondition();
            for (Object operand : operands) {
                any = any.or(containsChoices(value, operand));
            }
            return value.isNotNull().and(any);
        }
        List<Field<Object>> bound = new ArrayList<>();
        for (Object operand : operands) {
            bound.add(DSL.val(column.toDb(operand), value.getDataType()));
        }
        return value.isNotNull().and(value.in(bound));
    }

    /**
     * {@code lower(col)} for a text match: on H2 the indexed generated column holding exactly that, where there is one
     * (custom text fields, e-mail), so that {@code startsWith} is a range on its index; elsewhere the expression the
     * PostgreSQL trigram indexes are built on.
     */
    private Field<String> lowerCased(ContactColumn column) {
        if (kind == DatabaseKind.H2) {
            if (column.isCustom() && ColumnTypes.textIndexed(column.type())) {
                return DSL.field(DSL.name(ColumnTypes.lowerCaseColumn(column.columnName())), SQLDataType.VARCHAR);
            }
            if (column.key().equals(io.roostcrm.core.field.StandardFields.EMAIL)) {
                return DSL.field(DSL.name("email_lower"), SQLDataType.VARCHAR);
            }
        }
        return DSL.lower(asText(column.field(), column.type()));
    }

    private static Condition text(Field<String> lowerCased, Filter.Text text) {
        String escaped = escapeLike(text.term());
        String pattern = (text.op() == Filter.TextOp.CONTAINS ? "%" : "") + escaped + "%";
        // lower(col) is NULL exactly where col is: the leaf stays two-valued.
        return lowerCased.isNotNull().and(lowerCased.like(DSL.lower(DSL.val(pattern)), LIKE_ESCAPE));
    }

    private static Field<String> asText(Field<Object> value, FieldType type) {
        return type.isText() || type == FieldType.MULTI_SELECT
                ? value.coerce(SQLDataType.VARCHAR)
                : value.cast(SQLDataType.VARCHAR(255));
    }

    /** A LIKE pattern that matches the text literally (with {@link #LIKE_ESCAPE}). */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Rows strictly after the keyset position in the order {@code sort..., id}, where an absent value is greater than
     * every value: built from the last key backwards, each key contributing "greater on this key, or equal here and
     * after on the rest", with NULL handled explicitly (SQL comparisons with NULL are never true).
     */
    Condition after(List<SortKey> sort, Keyset after) {
        Condition rest = ID.gt(after.id());
        for (int i = sort.size() - 1; i >= 0; i--) {
            SortKey key = sort.get(i);
            Optional<ContactColumn> column = columns.find(key.field());
            if (column.isEmpty()) {
                continue; // absent on every row: equal everywhere, so only the rest decides
            }
            Field<Object> value = masked(column.get(), key.mask());
            Object previous = after.values().get(i);
            Object stored = previous == null ? null : column.get().toDb(previous);
            boolean ascending = key.direction() == Direction.ASC;
            if (stored == null) {
                rest = ascending
                        ? value.isNull().and(rest)
                        : value.isNotNull().or(value.isNull().and(rest));
            } else {
                Field<Object> bound = DSL.val(stored, value.getDataType());
                // Descending: every row after has a value at most the previous one. Said outright (it is implied),
                // it is a range the descending index starts at instead of walking the rows already served.
                rest = ascending
                        ? value.gt(bound).or(value.isNull()).or(value.eq(bound).and(rest))
                        : value.le(bound).and(value.lt(bound).or(value.eq(bound).and(rest)));
            }
        }
        return rest;
    }
}
