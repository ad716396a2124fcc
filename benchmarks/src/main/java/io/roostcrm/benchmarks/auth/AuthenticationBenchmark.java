package io.roostcrm.benchmarks.auth;

import io.roostcrm.auth.Argon2Parameters;
import io.roostcrm.auth.Authenticator;
import io.roostcrm.auth.LoginResult;
import io.roostcrm.auth.RateLimiter;
import io.roostcrm.auth.internal.Argon2idHasher;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.CrmStore;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Issue 11's targets, in one run: one API request's authentication ({@link #apiRequest}: Basic parse, digest lookup
 * on H2 in memory, login compare, IP rules, rate-limit token, the user's compiled policy) against one Argon2id verify
 * at the configured parameters ({@link #argon2idVerify}); and a login with an unknown user ({@link #loginUnknownUser})
 * against one with a wrong password ({@link #loginWrongPassword}). See crm-auth/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AuthenticationBenchmark {

    private static final String PASSWORD = "violet tractor mumbles quietly";
    private static final String WRONG_PASSWORD = "wrong password entirely";

    private CrmStore store;
    private Crm crm;
    private Authenticator auth;
    private String header;
    private Argon2idHasher hasher;
    private String hash;

    @Setup(Level.Trial)
    public void setUp() {
        store = JdbcStore.builder().h2InMemory("auth_bench").build();
        crm = Crm.builder().store(store).closeStoreOnClose(false).build();
        long ann = store.transactionResult(tx -> tx.users().insert(new User(0, "ann", "Ann Lee", List.of(), Set.of(),
                true))).id();
        auth = Authenticator.builder().crm(crm, store)
                .rateLimiter(RateLimiter.inProcess(100_000_000, Duration.ofSeconds(1))).build();
        auth.setPassword(ann, PASSWORD, "", false);
        String apiPassword = auth.createApiPassword(ann, "bench").password();
        header = "Basic " + Base64.getEncoder().encodeToString(("ann:" + apiPassword).getBytes(StandardCharsets.UTF_8));
        hasher = new Argon2idHasher(Argon2Parameters.OWASP_MINIMUM);
        hash = hasher.hash(PASSWORD);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        crm.close();
        store.close();
    }

    @Benchmark
    public Object apiRequest() {
        CrmSession session = auth.authenticateBasic(header, "192.0.2.10");
        return session.policy();
    }

    @Benchmark
    public boolean argon2idVerify() {
        return hasher.verify(hash, PASSWORD);
    }

    // The two logins run at the same time, one thread each, in one group of one fork: run one after the other, they
    // met different moments of a shared machine and differed by more than the paths do. Each has its own address,
    // so their lockout counters never meet, and both present the same wrong password.

    @Benchmark
    @Group("login")
    @GroupThreads(1)
    public LoginResult loginUnknownUser() {
        auth.unlock("nobody", "192.0.2.11");
        return auth.login("nobody", WRONG_PASSWORD, "192.0.2.11");
    }

    @Benchmark
    @Group("login")
    @GroupThreads(1)
    public LoginResult loginWrongPassword() {
        auth.unlock("ann", "192.0.2.12"); // keeps the account out of lockout between calls, on both paths alike
        return auth.login("ann", WRONG_PASSWORD, "192.0.2.12");
    }
}
