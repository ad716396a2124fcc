package io.roostcrm.benchmarks.store;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.ScopePredicate;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;

import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Diagnosis, not a benchmark: prints the statements Roost sends for one page of {@link ContactPageBenchmark}, with
 * the database's plan for them, and a rough split of the page's time between the JDBC work and the rest.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.roostcrm.benchmarks.store.PageQueryProbe h2}</pre>
 */
public final class PageQueryProbe {

    private PageQueryProbe() {
    }

    /**
     * Runs one probe.
     *
     * @param args the database ({@code h2} or {@code postgresql}), then optionally {@code sql} (the page's SELECT in
     *             plain JDBC, two texts), {@code split} (baseline, transaction, store, Roost), {@code conv}
     *             ({@code Record.get} with and without a class), {@code loop} (Roost page 1 for 40 s, for a profiler)
     *             or {@code import} (JDBC time per statement of one import); without one, the page's statements,
     *             JDBC time and plan
     */
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : BenchDatabase.H2;
        if (args.length > 1 && args[1].equals("import")) {
            probeImport(kind);
            return;
        }
        if (args.length > 1 && args[1].equals("sql")) {
            sqlVariants(kind);
            return;
        }
        if (args.length > 1 && args[1].equals("loop")) {
            ContactPageBenchmark bench = new ContactPageBenchmark();
            bench.database = kind;
            bench.setup();
            long end = System.nanoTime() + 40_000_000_000L;
            long pages = 0;
            while (System.nanoTime() < end) {
                bench.roostPage1();
                pages++;
            }
            System.out.printf("%d pages, %.1f us each%n", pages, 40e6 / pages);
            bench.tearDown();
            return;
        }
        if (args.length > 1 && args[1].equals("conv")) {
            conversions(kind);
            return;
        }
        if (args.length > 1 && args[1].equals("split")) {
            split(kind);
            return;
        }
        try (BenchDatabase db = BenchDatabase.openLoaded(kind, 0)) {
            Trace trace = new Trace();
            try (Crm crm = Crm.builder().store(JdbcStore.builder().dataSource(trace.wrap(db.pool)).build()).build()) {
                CrmSession user = crm.as(new Subject(BenchData.USER, Set.of(), List.of(BenchData.salesRole())));
                ContactQuery page1 = ContactQuery.builder().pageSize(50).build();
                for (int i = 0; i < 3_000; i++) {
                    user.contacts().list(page1);
                }
                trace.statements.clear();
                user.contacts().list(page1);
                System.out.println("Statements of one page (" + trace.statements.size() + "):");
                trace.statements.forEach(st -> System.out.println("  " + st));
                int runs = 3_000;
                trace.reset();
                long start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    user.contacts().list(page1);
                }
                long total = System.nanoTime() - start;
                System.out.printf("page: %.1f us per page; inside JDBC calls, per page:%n", total / 1e3 / runs);
                trace.print(runs, 1e3, "us");
                String select = trace.statements.stream().filter(st -> st.startsWith("select")).findFirst()
                        .orElseThrow();
                explain(db, kind, select);
            }
        }
    }

    /**
     * Splits Roost's page cost: the hand-written page as benchmarked, the same inside a jOOQ transaction (what every
     * Roost unit of work adds), and Roost, interleaved in one JVM.
     */
    private static void split(String kind) {
        ContactPageBenchmark bench = new ContactPageBenchmark();
        bench.database = kind;
        bench.setup();
        try {
            BenchDatabase db = bench.database();
            Supplier<Object> inTx = () -> db.jooq.transactionResult(c -> bench.handWrittenJooqPage1());
            Subject subject = new Subject(BenchData.USER, Set.of(), List.of(BenchData.salesRole()));
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            BenchData.READABLE.forEach(k -> projection.put(k, ScopePredicate.all()));
            ContactSelection selection = new io.roostcrm.core.spi.ContactSelection(
                    ScopePredicate.of(Scope.OWNED, subject), projection,
                    Filter.all(), List.of(), Keyset.start(), 51);
            JdbcStore store = JdbcStore.builder().dataSource(db.pool).build();
            Supplier<Object> storeOnly = () -> store.transactionResult(tx -> tx.contacts().select(selection));
            String[] names = {"hand-written jOOQ", "hand-written jOOQ in a transaction", "store select (SPI, ContactRows)",
                "Roost page 1"};
            List<Supplier<Object>> cases = List.of(bench::handWrittenJooqPage1, inTx, storeOnly,
                    bench::roostPage1);
            for (int round = 0; round < 4; round++) {
                for (int k = 0; k < cases.size(); k++) {
                    int runs = 5_000;
                    long start = System.nanoTime();
                    for (int i = 0; i < runs; i++) {
                        cases.get(k).get();
                    }
                    if (round > 0) {
                        System.out.printf("round %d  %-40s %8.1f us%n", round, names[k],
                                (System.nanoTime() - start) / 1e3 / runs);
                    }
                }
            }
        } finally {
            bench.tearDown();
        }
    }

    /** The page's SELECT in plain JDBC, as jOOQ renders it for Roost and as written by hand, interleaved. */
    private static void sqlVariants(String kind) throws SQLException {
        try (BenchDatabase db = BenchDatabase.openLoaded(kind, 0); Connection c = db.pool.getConnection()) {
            String cols = "id, version, owner_id, created_at, updated_at, email, first_name, last_name, phone, company,"
                    + " job_title, city, country, status, stage, contact_type, cf_1, cf_2, cf_3, cf_4, cf_5, cf_6, cf_7,"
                    + " cf_8, cf_9";
            String[] sqls = {
                "select " + cols + " from roost_contact where (owner_id = ? or owner_id is null) order by id fetch next ? rows only",
                "select " + cols + " from roost_contact where ((owner_id = cast(? as bigint) or owner_id is null) and true)"
                        + " order by id asc fetch next ? rows only",
                "select " + cols + " from roost_contact where (owner_id = cast(? as bigint) or owner_id is null)"
                        + " order by id asc fetch next ? rows only",
            };
            for (int round = 0; round < 4; round++) {
                for (String sql : sqls) {
                    int runs = 5_000;
                    long start = System.nanoTime();
                    for (int i = 0; i < runs; i++) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setLong(1, BenchData.USER);
                            ps.setLong(2, 51);
                            try (ResultSet r = ps.executeQuery()) {
                                while (r.next()) {
                                    for (int k = 1; k <= 25; k++) {
                                        r.getObject(k);
                                    }
                                }
                            }
                        }
                    }
                    if (round > 0) {
                        System.out.printf("round %d %8.1f us  %s%n", round, (System.nanoTime() - start) / 1e3 / runs,
                                sql.substring(sql.indexOf(" where")));
                    }
                }
            }
        }
    }

    /** What reading the 5 row columns of a 51-row page costs with {@code Record.get(int, Class)} and without. */
    private static void conversions(String kind) {
        ContactPageBenchmark bench = new ContactPageBenchmark();
        bench.database = kind;
        bench.setup();
        try {
            Result<Record> page = bench.database().jooq.select(bench.selected())
                    .from(DSL.table(DSL.name("roost_contact")))
                    .where(DSL.field(DSL.name("owner_id"), Long.class).eq(BenchData.USER)
                            .or(DSL.field(DSL.name("owner_id")).isNull()))
                    .orderBy(DSL.field(DSL.name("id"))).limit(51).fetch();
            long sink = 0;
            for (int round = 0; round < 4; round++) {
                int runs = 20_000;
                long start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    for (Record r : page) {
                        sink += r.get(0, Long.class) + r.get(1, Long.class);
                        Long owner = r.get(2, Long.class);
                        sink += owner == null ? 0 : owner;
                        sink += r.get(3, LocalDateTime.class).getNano() + r.get(4, LocalDateTime.class).getNano();
                    }
                }
                long withClass = System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    for (Record r : page) {
                        sink += (Long) r.get(0) + (Long) r.get(1);
                        Long owner = (Long) r.get(2);
                        sink += owner == null ? 0 : owner;
                        sink += ((LocalDateTime) r.get(3)).getNano() + ((LocalDateTime) r.get(4)).getNano();
                    }
                }
                long plain = System.nanoTime() - start;
                if (round > 0) {
                    System.out.printf("per page of 51: get(i, Class) %.1f us, get(i) + cast %.1f us%n",
                            withClass / 1e3 / runs, plain / 1e3 / runs);
                }
            }
            System.out.println(sink == 42 ? "" : " ");
        } finally {
            bench.tearDown();
        }
    }

    private static void probeImport(String kind) {
        ContactImportBenchmark bench = new ContactImportBenchmark();
        bench.database = kind;
        bench.setup();
        try {
            for (int i = 0; i < 2; i++) {
                bench.emptyTable();
                long start = System.nanoTime();
                bench.roostImportCsv();
                System.out.printf("warm-up import: %.2f s%n", (System.nanoTime() - start) / 1e9);
            }
            Trace trace = new Trace();
            BenchDatabase db = bench.database();
            try (Crm crm = Crm.builder().store(JdbcStore.builder().dataSource(trace.wrap(db.pool)).build()).build()) {
                bench.emptyTable();
                long start = System.nanoTime();
                crm.as(BenchDatabase.SUPER_ADMIN).importCsv(new java.io.StringReader(bench.csv()),
                        new io.roostcrm.core.io.ImportOptions(Map.of(), ContactImportBenchmark.BATCH, false),
                        ImportListener.NONE);
                System.out.printf("traced import: %.2f s; inside JDBC calls:%n", (System.nanoTime() - start) / 1e9);
                trace.print(1, 1e9, "s");
            }
        } finally {
            bench.tearDown();
        }
    }

    private static void explain(BenchDatabase db, String kind, String sql) throws SQLException {
        try (Connection c = db.pool.getConnection();
             PreparedStatement ps = c.prepareStatement((kind.equals(BenchDatabase.H2) ? "explain analyze " : "explain (analyze, buffers) ") + sql)) {
            int params = ps.getParameterMetaData().getParameterCount();
            // The page's parameters: the user id, then the limit.
            ps.setLong(1, BenchData.USER);
            if (params > 1) {
                ps.setLong(params, 51);
            }
            try (ResultSet r = ps.executeQuery()) {
                System.out.println("Plan:");
                while (r.next()) {
                    System.out.println("  " + r.getString(1));
                }
            }
        }
    }

    /** Records every statement prepared through a data source and the time spent in JDBC calls, per statement. */
    static final class Trace {
        final List<String> statements = new ArrayList<>();
        final Map<String, long[]> nanosByStatement = new LinkedHashMap<>();

        void reset() {
            nanosByStatement.clear();
        }

        void print(int runs, double unit, String unitName) {
            nanosByStatement.forEach((sql, n) -> System.out.printf("  %10.3f %s  %6d calls  %s%n", n[0] / unit / runs,
                    unitName, n[1] / runs, sql.length() > 110 ? sql.substring(0, 110) + "..." : sql));
        }

        DataSource wrap(DataSource target) {
            return (DataSource) Proxy.newProxyInstance(PageQueryProbe.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = timed("getConnection", method, target, args);
                        return result instanceof Connection c ? connection(c) : result;
                    });
        }

        private Connection connection(Connection target) {
            return (Connection) Proxy.newProxyInstance(PageQueryProbe.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String sql = method.getName().startsWith("prepare") && args != null
                                && args[0] instanceof String text ? text : null;
                        if (sql != null) {
                            statements.add(sql);
                        }
                        Object result = timed(sql != null ? sql : "connection." + method.getName(), method, target,
                                args);
                        return result instanceof PreparedStatement ps ? wrap(ps, PreparedStatement.class, sql) : result;
                    });
        }

        @SuppressWarnings("unchecked")
        private <T> T wrap(T target, Class<T> type, String sql) {
            return (T) Proxy.newProxyInstance(PageQueryProbe.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        Object result = timed(sql, method, target, args);
                        return result instanceof ResultSet rs ? wrap(rs, ResultSet.class, sql) : result;
                    });
        }

        private Object timed(String key, Method method, Object target, Object[] args)
                throws Throwable {
            long start = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                long[] n = nanosByStatement.computeIfAbsent(key, k -> new long[2]);
                n[0] += System.nanoTime() - start;
                if (method.getName().startsWith("execute") || method.getName().startsWith("prepare")
                        || key.startsWith("connection.")) {
                    n[1]++;
                }
            }
        }
    }
}
