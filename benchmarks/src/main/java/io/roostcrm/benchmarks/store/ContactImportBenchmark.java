package io.roostcrm.benchmarks.store;

import io.roostcrm.core.CrmSession;
import io.roostcrm.core.field.FieldDefinition;
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
 * Import of 100,000 contacts with 10 custom fields (and 8 standard fields) into an empty contact table: Roost's
 * {@code importCsv} from an in-memory CSV, batches of 1,000, against a raw JDBC {@code PreparedStatement} batch insert
 * of the same rows into the same table on the same pool (batches of 1,000, a commit per batch). The table is
 * truncated before every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ContactImportBenchmark {

    static final int ROWS = 100_000;
    static final int BATCH = 1_000;

    /** The database: {@code h2} or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private BenchDatabase db;
    private CrmSession admin;
    private String csv;
    private List<Object[]> rows;
    private String insertSql;

    /** Creates the empty import database and builds the CSV and the typed rows of the same 100,000 contacts. */
    @Setup(Level.Trial)
    public void setup() {
        db = BenchDatabase.openEmptyForImport(database);
        admin = db.admin();
        List<FieldDefinition> fields = BenchData.IMPORT_FIELDS;
        List<Long> stages = db.stageIds();
        SplittableRandom random = new SplittableRandom(7L);
        StringBuilder text = new StringBuilder(ROWS * 300);
        BenchData.appendCsvRow(text, fields.stream().map(FieldDefinition::key).toList());
        rows = new ArrayList<>(ROWS);
        LocalDateTime created = LocalDateTime.of(2025, 6, 1, 12, 0);
        for (int n = 1; n <= ROWS; n++) {
            List<String> cells = new ArrayList<>(fields.size());
            Object[] row = new Object[4 + fields.size()];
            // As Roost imports them: version 1, no owner, created and updated now.
            row[0] = 1L;
            row[1] = null;
            row[2] = created;
            row[3] = created;
            for (int i = 0; i < fields.size(); i++) {
                FieldDefinition f = fields.get(i);
                Object value = BenchData.value(f, n, "import", random, stages);
                cells.add(BenchData.toCell(f, value));
                row[4 + i] = BenchData.toColumn(f, value);
            }
            BenchData.appendCsvRow(text, cells);
            rows.add(row);
        }
        csv = text.toString();
        insertSql = db.insertSql(fields);
    }

    /** Empties the contact table before every invocation (not measured). */
    @Setup(Level.Invocation)
    public void emptyTable() {
        db.emptyContactsAndChangeLog();
    }

    /** Checks that the invocation left exactly 100,000 contacts (not measured). */
    @TearDown(Level.Invocation)
    public void checkCount() {
        long count = db.countContacts();
        if (count != ROWS) {
            throw new IllegalStateException(database + ": the table holds " + count + " contacts, expected " + ROWS);
        }
    }

    /** Closes the CRM and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    BenchDatabase database() {
        return db;
    }

    String csv() {
        return csv;
    }

    /** Roost: {@code importCsv} as a super admin, batches of 1,000, no upsert. */
    @Benchmark
    public ImportReport roostImportCsv() {
        ImportReport report = admin.importCsv(new StringReader(csv), new ImportOptions(Map.of(), BATCH, false),
                ImportListener.NONE);
        if (report.imported() != ROWS || !report.errors().isEmpty()) {
            throw new IllegalStateException(database + ": imported " + report.imported() + " of " + ROWS
                    + ", first error " + (report.errors().isEmpty() ? "none" : report.errors().get(0)));
        }
        return report;
    }

    /** Raw JDBC: one prepared INSERT, {@code addBatch} per row, {@code executeBatch} and commit per 1,000 rows. */
    @Benchmark
    public int rawJdbcBatchInsert() throws SQLException {
        List<FieldDefinition> fields = BenchData.IMPORT_FIELDS;
        int inserted = 0;
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                for (Object[] row : rows) {
                    BenchDatabase.bind(ps, fields, row);
                    ps.addBatch();
                    if (++inserted % BATCH == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                if (inserted % BATCH != 0) {
                    ps.executeBatch();
                    c.commit();
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
        return inserted;
    }
}
