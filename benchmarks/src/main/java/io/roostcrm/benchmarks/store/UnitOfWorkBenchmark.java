package io.roostcrm.benchmarks.store;

import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
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

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the foundation of issue 8 costs a single-contact call, each against a baseline in the same run:
 * <ul>
 *   <li>{@code getWithEpochCheck} against {@code getTrustingCaches}: a contact {@code get} that reads the security
 *       epoch with its select (as every call now does) against the same get on a store that reports a constant epoch
 *       and carries no version in its select (what a call cost when node-local caches were trusted);</li>
 *   <li>{@code updateWithChangeLog} against {@code updateWithoutChangeLog}: a contact update that reads the values it
 *       replaces and writes its change-log entry, against the same update on a store without a change log (a plain
 *       {@code UPDATE}, no entry).</li>
 * </ul>
 * 10,000 contacts with 8 custom fields; one role viewing and updating all contacts and reading every field. Each
 * variant has its own {@code Crm} (its own caches) over its own store on one shared pool of 4 connections.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class UnitOfWorkBenchmark {

    private static final int CONTACTS = 10_000;
    private static final String PG_DATABASE = "roost_bench_uow";
    private static final Epoch CONSTANT = new Epoch(-1, -1, -1, -1);

    /** The database: {@code h2} (embedded, in memory) or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private HikariDataSource pool;
    private Crm real;
    private Crm trusting;
    private Crm withoutLog;
    private CrmSession realUser;
    private CrmSession trustingUser;
    private CrmSession withoutLogUser;
    private long getId;
    private Contact updatedReal;
    private Contact updatedWithoutLog;
    private int realValue;
    private int withoutLogValue;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        pool = BenchDatabase.freshPool(database, PG_DATABASE);

        real = Crm.builder().store(JdbcStore.builder().dataSource(pool).build()).build();
        load(real);
        trusting = Crm.builder().store(new TrustingStore(JdbcStore.builder().dataSource(pool).build())).build();
        withoutLog = Crm.builder().store(new StoreWithoutChangeLog(JdbcStore.builder().dataSource(pool).build()))
                .build();
        long user = real.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))))
                .admin().createUser(new User(0, "bench", "Bench", List.of("Bench"), Set.of(), true)).id();
        realUser = real.as(user);
        trustingUser = trusting.as(user);
        withoutLogUser = withoutLog.as(user);
        List<Contact> some = realUser.contacts().list(ContactQuery.builder().pageSize(3).build()).items();
        getId = some.get(0).id();
        updatedReal = some.get(1);
        updatedWithoutLog = withoutLogUser.contacts().get(some.get(2).id());
    }

    private static void load(Crm crm) {
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
        List<FieldDefinition> custom = List.of(
                FieldDefinition.custom("segment", FieldType.TEXT).build(),
                FieldDefinition.custom("score", FieldType.NUMBER).build(),
                FieldDefinition.custom("renewal", FieldType.DATE).build(),
                FieldDefinition.custom("tier", FieldType.SELECT).options(List.of("bronze", "silver", "gold")).build(),
                FieldDefinition.custom("region", FieldType.TEXT).build(),
                FieldDefinition.custom("revenue", FieldType.NUMBER).build(),
                FieldDefinition.custom("last_call", FieldType.DATETIME).build(),
                FieldDefinition.custom("notes", FieldType.TEXTAREA).build());
        custom.forEach(root.admin()::defineField);
        Role.Builder role = Role.builder("Bench").viewScope(Scope.ALL).updateScope(Scope.ALL)
                .fields(FieldRights.FULL, StandardFields.keys());
        custom.forEach(f -> role.field(f.key(), FieldRights.FULL));
        root.admin().saveRole(role.build());
        StringBuilder csv = new StringBuilder("email,first_name,last_name,company,segment,score,renewal,tier,region,"
                + "revenue,last_call,notes\n");
        for (int i = 0; i < CONTACTS; i++) {
            csv.append("c").append(i).append("@example.com,First").append(i).append(",Last").append(i)
                    .append(",Company ").append(i % 97).append(",seg").append(i % 13).append(',').append(i % 1000)
                    .append(",2026-0").append(1 + i % 9).append("-15,").append(List.of("bronze", "silver", "gold")
                            .get(i % 3)).append(",region").append(i % 7).append(',').append(i * 3).append('.')
                    .append(i % 100).append(",2026-03-0").append(1 + i % 9).append(" 10:30:00,some notes ")
                    .append(i).append('\n');
        }
        root.importCsv(new StringReader(csv.toString()), new ImportOptions(java.util.Map.of(), 1_000, false),
                ImportListener.NONE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        real.close();
        trusting.close();
        withoutLog.close();
        pool.close();
    }

    // Each pair runs as one JMH group, one thread per variant, at the same time: run one after the other (as up to
    // run U3), the two variants met different moments of the machine and of PostgreSQL (checkpoints, autovacuum of
    // the updated rows), and the update ratio swung between 1.4 and 1.7 from one run to the next with no code change.

    @Benchmark
    @Group("get")
    @GroupThreads(1)
    public Contact getWithEpochCheck() {
        return realUser.contacts().get(getId);
    }

    @Benchmark
    @Group("get")
    @GroupThreads(1)
    public Contact getTrustingCaches() {
        return trustingUser.contacts().get(getId);
    }

    @Benchmark
    @Group("update")
    @GroupThreads(1)
    public Contact updateWithChangeLog() {
        updatedReal = realUser.contacts().update(ContactPatch.of(updatedReal).set("score", ++realValue % 1000)
                .build());
        return updatedReal;
    }

    @Benchmark
    @Group("update")
    @GroupThreads(1)
    public Contact updateWithoutChangeLog() {
        updatedWithoutLog = withoutLogUser.contacts().update(ContactPatch.of(updatedWithoutLog)
                .set("score", ++withoutLogValue % 1000).build());
        return updatedWithoutLog;
    }

    /** A store that reports a constant epoch and reads none: the node's caches are trusted, as before issue 8. */
    static final class TrustingStore extends DecoratedStore {
        TrustingStore(CrmStore store) {
            super(store);
        }

        @Override
        StoreTransaction decorate(StoreTransaction tx) {
            ((JdbcStoreTransaction) tx).omitEpochVersionFromSelects();
            return new ForwardingTransaction(tx) {
                @Override
                public Optional<Epoch> epoch() {
                    return Optional.of(CONSTANT);
                }
            };
        }
    }

    /** A store without a change log, whose updates are plain UPDATEs that return no previous values. */
    static final class StoreWithoutChangeLog extends DecoratedStore {
        StoreWithoutChangeLog(CrmStore store) {
            super(store);
        }

        @Override
        StoreTransaction decorate(StoreTransaction tx) {
            return new ForwardingTransaction(tx) {
                @Override
                public Optional<ChangeLogStore> changeLog() {
                    return Optional.empty();
                }

                @Override
                public ContactStore contacts() {
                    ContactStore contacts = tx.contacts();
                    return new ForwardingContactStore(contacts) {
                        @Override
                        public ContactReplaced updateReturning(ContactChange change) {
                            return new ContactReplaced(contacts.update(change), 0, java.util.Map.of());
                        }
                    };
                }
            };
        }
    }

    /** A store whose units of work are the delegate's, decorated. */
    abstract static class DecoratedStore implements CrmStore {
        private final CrmStore store;

        DecoratedStore(CrmStore store) {
            this.store = store;
        }

        abstract StoreTransaction decorate(StoreTransaction tx);

        @Override
        public StoreCapabilities capabilities() {
            return store.capabilities();
        }

        @Override
        public <T> T transactionResult(Function<StoreTransaction, T> work) {
            return store.transactionResult(tx -> work.apply(decorate(tx)));
        }

        @Override
        public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
            return store.transactionResult(context, tx -> work.apply(decorate(tx)));
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
