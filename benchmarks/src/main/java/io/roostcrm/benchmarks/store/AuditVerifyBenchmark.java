package io.roostcrm.benchmarks.store;

import io.roostcrm.core.Crm;
import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify()} over a trail of 1,000,000 entries on H2 (a file database with an 8 MB cache, so the data is not
 * on the heap), in a JVM of 64 MB heap: verification streams, so it completes in constant memory; the score is the
 * time of one whole walk (entries per second = 1,000,000 / score). The entries are contact updates of three fields
 * each, written in units of work of 1,000 through the store's change log, chained as Roost writes them.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class AuditVerifyBenchmark {

    /** How many entries the trail holds. */
    public static final int ENTRIES = 1_000_000;
    private static final int PER_UNIT = 1_000;

    private Path directory;
    private Crm crm;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        directory = Files.createTempDirectory("roost-bench-verify-");
        JdbcStore store = JdbcStore.builder().url("jdbc:h2:file:" + directory.resolve("trail").toAbsolutePath()
                + ";CACHE_SIZE=8192").maximumPoolSize(2).build();
        crm = Crm.builder().store(store).build();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int unit = 0; unit < ENTRIES / PER_UNIT; unit++) {
            int base = unit * PER_UNIT;
            store.transaction(WorkContext.of(Actor.user(7), at.plusSeconds(unit)), tx -> {
                ChangeLogStore log = tx.changeLog().orElseThrow();
                for (int i = 0; i < PER_UNIT; i++) {
                    long contact = 1 + (base + i) % 10_000;
                    log.append(Change.of(ChangeEntity.CONTACT, contact, contact, ChangeOperation.UPDATE, List.of(
                            FieldChange.changed("score", new BigDecimal(base + i), new BigDecimal(base + i + 1)),
                            FieldChange.changed("first_name", "Ann " + i, "Anna " + i),
                            FieldChange.set("segment", "seg" + i % 13))));
                }
            });
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        crm.close();
        try (var files = Files.walk(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Benchmark
    public AuditVerification verifyAMillionEntries() {
        AuditVerification result = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Root"))))
                .audit().verify();
        if (!(result instanceof AuditVerification.Intact intact) || intact.entries() < ENTRIES) {
            throw new IllegalStateException("the trail did not verify: " + result);
        }
        return result;
    }
}
