package io.roostcrm.benchmarks.store;

import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Page;
import io.roostcrm.core.query.Sort;
import io.roostcrm.permissions.Subject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Issue 13: how Roost's contact queries scale from 10,000 to 1,000,000 contacts, each beside the same query written
 * by hand on the index it should use, in the same run. The user and data are {@link ContactPageBenchmark}'s (owned
 * scope: own and unassigned contacts, 20 readable fields, page of 50).
 *
 * <p>The queries: free-text search for {@code Company 12345} (about 45 of 1,000,000 contacts have it), {@code contains},
 * {@code startsWith} and {@code eq} on the custom TEXT field {@code industry} (values {@code v0}–{@code v99999}),
 * NUMBER {@code ge} on {@code annual_revenue} (about 0.07 % of the rows) and a page sorted by {@code annual_revenue}
 * descending. The hand-written counterparts select the same columns with the predicate on the indexed expression
 * ({@code lower(col) like ?} on PostgreSQL's trigram indexes, the generated {@code <col>_lower} on H2) and read the rows
 * with typed {@code ResultSet} getters; they are the floor Roost is measured against (targets: within 1.3x of it at
 * 1M, and 1M within 1.5x of 10k). See {@code crm-store-jdbc/BENCHMARKS.md} for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ContactScaleBenchmark {

    static final String SEARCH_TERM = "Company 12345";
    static final String TEXT_TERM = "v1234";
    static final BigDecimal REVENUE_AT_LEAST = new BigDecimal("99900");

    /** Contacts in the database. */
    @Param({"10000", "100000", "1000000"})
    public int contacts;

    /** The database: {@code h2} or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private BenchDatabase db;
    private CrmSession user;
    private String columns;
    private List<FieldDefinition> readable;
    private String industry;
    private String revenue;

    private ContactQuery search;
    private ContactQuery contains;
    private ContactQuery startsWith;
    private ContactQuery eq;
    private ContactQuery revenueAtLeast;
    private ContactQuery byRevenueDesc;

    /** Opens (loading if needed) the database of this size, and checks each Roost query against its baseline. */
    @Setup(Level.Trial)
    public void setup() throws SQLException {
        db = BenchDatabase.openLoaded(database, 0, contacts);
        user = db.crm.as(new Subject(BenchData.USER, Set.of(), List.of(BenchData.salesRole())));
        StringBuilder select = new StringBuilder("id, version, owner_id, created_at, updated_at");
        readable = new ArrayList<>();
        for (String key : BenchData.READABLE) {
            readable.add(db.fields.get(key));
            select.append(", ").append(db.columns.get(key));
        }
        columns = select.toString();
        industry = db.columns.get("industry");
        revenue = db.columns.get("annual_revenue");

        search = page(Filter.search(SEARCH_TERM));
        contains = page(Filter.contains("industry", TEXT_TERM));
        startsWith = page(Filter.startsWith("industry", TEXT_TERM));
        eq = page(Filter.eq("industry", TEXT_TERM));
        revenueAtLeast = page(Filter.ge("annual_revenue", REVENUE_AT_LEAST));
        byRevenueDesc = ContactQuery.builder().sort(Sort.desc("annual_revenue")).pageSize(50).build();

        check("search", roostSearch(), handSearch());
        check("contains", roostContains(), handContains());
        check("startsWith", roostStartsWith(), handStartsWith());
        check("eq", roostEq(), handEq());
        check("ge", roostNumberGe(), handNumberGe());
        check("sort", roostSortDesc(), handSortDesc());
    }

    private static ContactQuery page(Filter filter) {
        return ContactQuery.builder().filter(filter).pageSize(50).build();
    }

    private static void check(String query, Page<Contact> roost, List<Long> hand) {
        List<Long> roostIds = roost.items().stream().map(Contact::id).toList();
        List<Long> handIds = hand.subList(0, Math.min(50, hand.size()));
        if (!roostIds.equals(handIds)) {
            throw new IllegalStateException(query + ": Roost and the hand-written query disagree: " + roostIds + " vs "
                    + handIds);
        }
    }

    /** Closes the CRM and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    @Benchmark
    public Page<Contact> roostSearch() {
        return user.contacts().list(search);
    }

    @Benchmark
    public List<Long> handSearch() throws SQLException {
        String like = "%" + SEARCH_TERM.toLowerCase(java.util.Locale.ROOT) + "%";
        return hand("(lower(email) like ? or lower(first_name) like ? or lower(last_name) like ?"
                + " or lower(company) like ? or lower(phone) like ?)", "id", like, like, like, like, like);
    }

    @Benchmark
    public Page<Contact> roostContains() {
        return user.contacts().list(contains);
    }

    @Benchmark
    public List<Long> handContains() throws SQLException {
        return hand(lowerIndustry() + " like ?", "id", "%" + TEXT_TERM + "%");
    }

    @Benchmark
    public Page<Contact> roostStartsWith() {
        return user.contacts().list(startsWith);
    }

    @Benchmark
    public List<Long> handStartsWith() throws SQLException {
        return hand(lowerIndustry() + " like ?", "id", TEXT_TERM + "%");
    }

    @Benchmark
    public Page<Contact> roostEq() {
        return user.contacts().list(eq);
    }

    @Benchmark
    public List<Long> handEq() throws SQLException {
        return hand(industry + " = ?", "id", TEXT_TERM);
    }

    @Benchmark
    public Page<Contact> roostNumberGe() {
        return user.contacts().list(revenueAtLeast);
    }

    @Benchmark
    public List<Long> handNumberGe() throws SQLException {
        return hand(revenue + " >= ?", "id", REVENUE_AT_LEAST);
    }

    @Benchmark
    public Page<Contact> roostSortDesc() {
        return user.contacts().list(byRevenueDesc);
    }

    @Benchmark
    public List<Long> handSortDesc() throws SQLException {
        return hand("1 = 1", revenue + " desc nulls first, id", new Object[0]);
    }

    /** The expression the indexes hold: {@code lower(col)} on PostgreSQL, the generated {@code <col>_lower} on H2. */
    private String lowerIndustry() {
        return database.equals(BenchDatabase.H2) ? industry + "_lower" : "lower(" + industry + ")";
    }

    /**
     * The page by hand, read the lean way: 51 rows (to know whether there is a next page) of the owned scope and the
     * predicate, every column read with its typed getter; returns the ids.
     */
    private List<Long> hand(String predicate, String orderBy, Object... binds) throws SQLException {
        String sql = "select " + columns + " from roost_contact where (owner_id = ? or owner_id is null) and "
                + predicate + " order by " + orderBy + " limit 51";
        List<Long> ids = new ArrayList<>(51);
        try (Connection c = db.pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, BenchData.USER);
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 2, binds[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    rs.getLong(2);
                    rs.getLong(3);
                    rs.getObject(4, LocalDateTime.class);
                    rs.getObject(5, LocalDateTime.class);
                    for (int i = 0; i < readable.size(); i++) {
                        read(rs, 6 + i, readable.get(i));
                    }
                }
            }
        }
        return ids;
    }

    private static Object read(ResultSet rs, int index, FieldDefinition field) throws SQLException {
        return switch (field.type()) {
            case NUMBER -> rs.getBigDecimal(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> rs.getObject(index, LocalDateTime.class);
            case CHECKBOX -> rs.getBoolean(index);
            case STAGE -> rs.getLong(index);
            default -> rs.getString(index);
        };
    }
}
