package io.roostcrm.benchmarks.store;

import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.query.Filter;
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

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;

/**
 * Export of all 1,000,000 contacts (40 fields) as CSV by a super admin, in a JVM limited to a 64 MiB heap. The writer
 * counts characters and discards them. The export "completes" when it writes every contact without
 * {@link OutOfMemoryError}.
 *
 * <p>Embedded H2 keeps its page cache in the same heap, so the H2 database is opened with an 8 MiB cache
 * ({@code CACHE_SIZE=8192}) here; H2's default (64 MiB) could not fit in a 64 MiB heap whatever Roost did.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 0)
@Measurement(iterations = 2)
public class ContactExportBenchmark {

    /** The database: {@code h2} or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private BenchDatabase db;

    /** Opens (loading if needed) the database with a small H2 cache and resets the heap peaks. */
    @Setup(Level.Trial)
    public void setup() {
        db = BenchDatabase.openLoaded(database, 8_192);
        BenchDatabase.log(String.format("%s: export JVM max heap %d MiB", database,
                Runtime.getRuntime().maxMemory() >> 20));
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Prints each heap pool's peak use, then closes the CRM and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        // Per pool: the pools peak at different moments, so their sum would overstate the heap ever in use.
        StringBuilder peaks = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peaks.append(String.format(" %s %.1f MiB;", pool.getName(), pool.getPeakUsage().getUsed() / 1048576.0));
            }
        }
        BenchDatabase.log(String.format("%s: max heap %d MiB, peak use per heap pool:%s", database,
                Runtime.getRuntime().maxMemory() >> 20, peaks));
        db.close();
    }

    /** Roost: {@code export(Filter.all(), CSV, writer)} as a super admin; fails unless 1,000,000 contacts came out. */
    @Benchmark
    public long roostExportCsv() {
        CountingWriter out = new CountingWriter();
        long exported = db.admin().export(Filter.all(), ExportFormat.CSV, out);
        if (exported != BenchData.CONTACTS) {
            throw new IllegalStateException(database + ": exported " + exported + " contacts, expected "
                    + BenchData.CONTACTS);
        }
        return out.chars;
    }

    /** Counts what is written and keeps nothing. */
    static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(int c) {
            chars++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
