package io.roostcrm.benchmarks.store;

import io.roostcrm.core.CrmSession;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 13 item 6: an import with upsert in which every row matches a stored contact and changes a value
 * ({@code upsertAllMatching}), beside the plain import of the very same CSV into an empty table
 * ({@code importFresh}), in the same run, on H2, PostgreSQL and MariaDB, for 10,000 and 100,000 rows, so that the
 * ratio upsert / fresh can be taken per database and size. The target: at most 2, not growing from 10,000 to
 * 100,000 rows.
 *
 * <p>The rows are {@link ContactImportBenchmark}'s (8 standard and 10 custom fields, some cells empty), batches of
 * 1,000, as a super admin. The CSV both benchmarks import differs from the stored rows in every row's first name.
 * Before each invocation (not measured) the contact table and the change log are emptied; for
 * {@code upsertAllMatching} the stored rows (version 1) are then loaded with raw JDBC batches. After it (not
 * measured) the table must hold exactly the CSV's rows, each with the CSV's first name, at version 2 after the upsert
 * and version 1 after the fresh import: an upsert that inserted or skipped a row fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ContactUpsertBenchmark {

    static final int BATCH = 1_000;
    private static final int LOAD_BATCH = 5_000;

    /** The database: {@code h2}, {@code postgresql} or {@code mariadb}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL, BenchDatabase.MARIADB})
    public String database;

    /** Rows imported (and, for the upsert, stored beforehand). */
    @Param({"10000", "100000"})
    public int rows;

    private BenchDatabase db;
    private CrmSession admin;
    /** The CSV both benchmarks import: the stored rows with another first name each. */
    private String changedCsv;
    /** The stored rows, typed as their columns hold them: version, owner, created, updated, then the fields. */
    private List<Object[]> stored;
    private String insertSql;
    private boolean upsertRunning;

    /** Creates the empty database and builds the stored rows and the changed CSV. */
    @Setup(Level.Trial)
    public void setup() {
        db = BenchDatabase.openEmptyForUpsert(database);
        admin = db.admin();
        List<FieldDefinition> fields = BenchData.IMPORT_FIELDS;
        int firstName = fields.indexOf(StandardFields.find(StandardFields.FIRST_NAME).orElseThrow());
        if (firstName < 0) {
            throw new IllegalStateException("the import fields have no first name to change");
        }
        List<Long> stages = db.stageIds();
        SplittableRandom random = new SplittableRandom(7L);
        StringBuilder text = new StringBuilder(rows * 300);
        BenchData.appendCsvRow(text, fields.stream().map(FieldDefinition::key).toList());
        stored = new ArrayList<>(rows);
        LocalDateTime created = LocalDateTime.of(2025, 6, 1, 12, 0);
        for (int n = 1; n <= rows; n++) {
            List<String> cells = new ArrayList<>(fields.size());
            Object[] row = new Object[4 + fields.size()];
            row[0] = 1L;
            row[1] = null;
            row[2] = created;
            row[3] = created;
            for (int i = 0; i < fields.size(); i++) {
                FieldDefinition f = fields.get(i);
                Object value = BenchData.value(f, n, "upsert", random, stages);
                row[4 + i] = BenchData.toColumn(f, value);
                // Every row's first name changes (and is set, so that every row has a value to change).
                cells.add(i == firstName ? "Changed " + n : BenchData.toCell(f, value));
            }
            BenchData.appendCsvRow(text, cells);
            stored.add(row);
        }
        changedCsv = text.toString();
        insertSql = db.insertSql(fields);
    }

    /**
     * Empties the table and the change log; for the upsert, loads the stored rows (not measured).
     *
     * @param params which benchmark is about to run
     */
    @Setup(Level.Invocation)
    public void prepare(BenchmarkParams params) throws SQLException {
        upsertRunning = params.getBenchmark().endsWith(".upsertAllMatching");
        db.emptyContactsAndChangeLog();
        if (upsertRunning) {
            load();
        }
    }

    private void load() throws SQLException {
        List<FieldDefinition> fields = BenchData.IMPORT_FIELDS;
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                int n = 0;
                for (Object[] row : stored) {
                    BenchDatabase.bind(ps, fields, row);
                    ps.addBatch();
                    if (++n % LOAD_BATCH == 0 || n == stored.size()) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
        long count = db.countContacts();
        if (count != rows) {
            throw new IllegalStateException(database + ": loaded " + count + " contacts, expected " + rows);
        }
    }

    /** Checks what the invocation left: every row once, with the CSV's first name, at the right version. */
    @TearDown(Level.Invocation)
    public void check() {
        long count = db.countContacts();
        long changed = db.countContacts("first_name like 'Changed %'");
        long version = upsertRunning ? 2 : 1;
        long atVersion = db.countContacts("version = " + version);
        if (count != rows || changed != rows || atVersion != rows) {
            throw new IllegalStateException(database + ": the table holds " + count + " contacts, " + changed
                    + " with the changed first name and " + atVersion + " at version " + version + "; expected "
                    + rows + " of each");
        }
    }

    /** Closes the CRM and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    /** Roost: {@code importCsv} with upsert, batches of 1,000, every row matching a stored contact. */
    @Benchmark
    public ImportReport upsertAllMatching() {
        return imported(admin.importCsv(new StringReader(changedCsv), new ImportOptions(Map.of(), BATCH, true),
                ImportListener.NONE));
    }

    /** Roost: the same CSV imported into the empty table, batches of 1,000, no upsert. */
    @Benchmark
    public ImportReport importFresh() {
        return imported(admin.importCsv(new StringReader(changedCsv), new ImportOptions(Map.of(), BATCH, false),
                ImportListener.NONE));
    }

    private ImportReport imported(ImportReport report) {
        if (report.imported() != rows || !report.errors().isEmpty()) {
            throw new IllegalStateException(database + ": imported " + report.imported() + " of " + rows
                    + ", first error " + (report.errors().isEmpty() ? "none" : report.errors().get(0)));
        }
        return report;
    }
}
