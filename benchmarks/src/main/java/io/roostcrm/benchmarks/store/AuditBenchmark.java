package io.roostcrm.benchmarks.store;

import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the audit trail of issue 12 costs a contact update: {@code updateWithAudit} (the update, its old values, and
 * its hash-chained audit entry written under the chain's head lock) against {@code updateWithoutAudit} (the same
 * update on a store that writes no entry, {@link UnitOfWorkBenchmark.StoreWithoutChangeLog}), in the same run, each
 * variant with its own {@code Crm} over its own store on one shared pool of 4 connections. 1,000 contacts with two
 * custom fields; one role that updates everything.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class AuditBenchmark {

    private static final String PG_DATABASE = "roost_bench_audit";
    private static final Subject ROOT = new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator")));

    /** The database: {@code h2} (embedded, in memory) or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private HikariDataSource pool;
    private Crm audited;
    private Crm unaudited;
    private CrmSession auditedUser;
    private CrmSession unauditedUser;
    private Contact withAudit;
    private Contact withoutAudit;
    private int auditedValue;
    private int unauditedValue;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        pool = BenchDatabase.freshPool(database, PG_DATABASE);

        audited = Crm.builder().store(JdbcStore.builder().dataSource(pool).build())
                .auditKey("a host secret of at least thirty-two bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
        CrmSession root = audited.as(ROOT);
        root.admin().defineField(FieldDefinition.custom("score", FieldType.NUMBER).build());
        root.admin().defineField(FieldDefinition.custom("segment", FieldType.TEXT).build());
        root.admin().saveRole(Role.builder("Bench").viewScope(Scope.ALL).updateScope(Scope.ALL)
                .fields(FieldRights.FULL, StandardFields.keys()).field("score", FieldRights.FULL)
                .field("segment", FieldRights.FULL).build());
        long user = root.admin().createUser(new User(0, "bench", "Bench", List.of("Bench"), Set.of(), true)).id();
        for (int i = 0; i < 1_000; i++) {
            root.contacts().create(ContactDraft.builder().set(StandardFields.EMAIL, "c" + i + "@example.com")
                    .set("score", new BigDecimal(i)).set("segment", "seg" + i % 13).build());
        }
        unaudited = Crm.builder().store(new UnitOfWorkBenchmark.StoreWithoutChangeLog(
                JdbcStore.builder().dataSource(pool).build())).build();
        auditedUser = audited.as(user);
        unauditedUser = unaudited.as(user);
        List<Contact> two = auditedUser.contacts().list(io.roostcrm.core.query.ContactQuery.builder().pageSize(2)
                .build()).items();
        withAudit = two.get(0);
        withoutAudit = unauditedUser.contacts().get(two.get(1).id());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        audited.close();
        unaudited.close();
        pool.close();
    }

    // The two run as one JMH group, one thread each, at the same time, so that they meet the same moments of the
    // machine and the database (see UnitOfWorkBenchmark).

    @Benchmark
    @Group("update")
    @GroupThreads(1)
    public Contact updateWithAudit() {
        withAudit = auditedUser.contacts().update(ContactPatch.of(withAudit).set("score", ++auditedValue % 1000)
                .build());
        return withAudit;
    }

    @Benchmark
    @Group("update")
    @GroupThreads(1)
    public Contact updateWithoutAudit() {
        withoutAudit = unauditedUser.contacts().update(ContactPatch.of(withoutAudit)
                .set("score", ++unauditedValue % 1000).build());
        return withoutAudit;
    }
}
