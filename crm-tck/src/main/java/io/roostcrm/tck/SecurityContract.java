package io.roostcrm.tck;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SecurityStore.ApiPassword;
import io.roostcrm.core.spi.SecurityStore.ApiRequest;
import io.roostcrm.core.spi.SecurityStore.FailureCounter;
import io.roostcrm.core.spi.SecurityStore.FailureKind;
import io.roostcrm.core.spi.SecurityStore.IpRule;
import io.roostcrm.core.spi.SecurityStore.IpRuleScope;
import io.roostcrm.core.spi.SecurityStore.LoginCredential;
import io.roostcrm.core.spi.SecurityStore.LoginSession;
import io.roostcrm.core.spi.SecurityStore.TotpAlgorithm;
import io.roostcrm.core.spi.SecurityStore.TotpEnrolment;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Account security's state ({@code StoreTransaction.security()}, {@code StoreFeature.SECURITY}), one nested group
 * per promise: what is stored round-trips exactly and is found by its digest only (a digest one bit off finds
 * nothing); conditional touches write only when the last write is old enough, once when eight threads touch at
 * once, and a rehash replaces only the hash it verified, once among racers; revoking one or all is seen at once by
 * a second instance; expired and idle sessions are purged; failure counters count every failure exactly when eight
 * threads fail at once, on one instance and on two over the same database; a TOTP time step and a recovery code are
 * used exactly once by racing threads; IP rules round-trip; a unit of work that rolls back leaves nothing; and
 * forgetting a user removes everything of that user and nothing of anyone else's.
 *
 * <p>Times are given with microseconds, which the SPI promises to keep; user ids need no user row (the SPI does not
 * check them). The requirement each group proves is named in its Javadoc.
 */
abstract class SecurityContract extends KitSupport {

    static final long ANN = 101;
    static final long BOB = 102;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    /** How many failures each racing thread counts. */
    static final int FAILURES_PER_THREAD = 25;
    static final int THREADS = 8;

    SecurityContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void requireSecurity() {
        assumeFeature(StoreFeature.SECURITY);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    static SecurityStore security(StoreTransaction tx) {
        return tx.security().orElseThrow(() -> new AssertionError("SECURITY is declared but security() is empty"));
    }

    <T> T sec(Function<SecurityStore, T> work) {
        return inTransaction(tx -> work.apply(security(tx)));
    }

    static <T> T sec(CrmStore on, Function<SecurityStore, T> work) {
        return on.transactionResult(tx -> work.apply(security(tx)));
    }

    // Typed variants of sec(...), so that assertThat(...) on their result is not ambiguous between AssertJ overloads.

    <T> Optional<T> opt(Function<SecurityStore, Optional<T>> work) {
        return sec(work);
    }

    static <T> Optional<T> opt(CrmStore on, Function<SecurityStore, Optional<T>> work) {
        return sec(on, work);
    }

    boolean bool(Function<SecurityStore, Boolean> work) {
        return sec(work);
    }

    int num(Function<SecurityStore, Integer> work) {
        return sec(work);
    }

    <T> List<T> list(Function<SecurityStore, List<T>> work) {
        return sec(work);
    }

    static <T> List<T> list(CrmStore on, Function<SecurityStore, List<T>> work) {
        return sec(on, work);
    }

    /** A SHA-256 digest, as the caller makes it from a secret. */
    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The digest with its last bit flipped. */
    static byte[] oneBitOff(byte[] digest) {
        byte[] off = digest.clone();
        off[off.length - 1] ^= 1;
        return off;
    }

    /** The stores to race on: the store under test, and the second instance when the store's test offers one. */
    List<CrmStore> racingStores() {
        List<CrmStore> stores = new ArrayList<>();
        stores.add(store());
        secondStoreIfAny().ifPresent(stores::add);
        return stores;
    }

    /** Runs {@code tasks} on their own threads, released together, and returns their results in task order. */
    static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static TotpEnrolment enrolment(long userId, TotpAlgorithm algorithm, boolean confirmed, long lastUsedStep) {
        byte[] secret = new byte[48];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 37 + userId); // every byte value class, including negative ones and zero
        }
        return new TotpEnrolment(userId, secret, "key-2026.1", algorithm, 8, 30, confirmed, lastUsedStep, T0);
    }

    // ---- the promises ------------------------------------------------------------------------------------------------

    /** Login password hashes (issue 11 items 2 and 3; ASVS 2.4.1: only the PHC string is kept). */
    @Nested
    @DisplayName("Login credentials: set, replaced, rehashed only over the hash verified, removed")
    class LoginCredentials {

        @Test
        @DisplayName("a hash reads back exactly; setting again replaces it; another user has none")
        void setReadReplace() {
            String phc = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
            sec(s -> {
                s.setLoginCredential(ANN, phc, T0);
                return null;
            });

            assertThat(opt(s -> s.loginCredential(ANN))).contains(new LoginCredential(ANN, phc, T0));
            assertThat(opt(s -> s.loginCredential(BOB))).isEmpty();

            String upper = phc.toUpperCase(java.util.Locale.ROOT);
            Instant later = T0.plusSeconds(60);
            sec(s -> {
                s.setLoginCredential(ANN, upper, later);
                return null;
            });
            assertThat(opt(s -> s.loginCredential(ANN))).as("compared exactly: case counts")
                    .contains(new LoginCredential(ANN, upper, later));
        }

        @Test
        @DisplayName("a rehash replaces the hash only when it is still the one verified, and keeps the time it was set")
        void rehashOnlyOverTheVerifiedHash() {
            sec(s -> {
                s.setLoginCredential(ANN, "$old$hash", T0);
                return null;
            });

            assertThat(bool(s -> s.replacePasswordHash(ANN, "$other$hash", "$rehash$of-other"))).isFalse();
            assertThat(opt(s -> s.loginCredential(ANN))).map(LoginCredential::passwordHash).contains("$old$hash");

            assertThat(bool(s -> s.replacePasswordHash(ANN, "$old$hash", "$new$hash"))).isTrue();
            assertThat(opt(s -> s.loginCredential(ANN))).contains(new LoginCredential(ANN, "$new$hash", T0));
            assertThat(bool(s -> s.replacePasswordHash(BOB, "$new$hash", "$x$y"))).as("a user without a hash")
                    .isFalse();
        }

        @Test
        @DisplayName("eight threads rehashing over one verified hash at once, on one instance or two: exactly one wins")
        void racingRehashesReplaceOnce() throws Exception {
            sec(s -> {
                s.setLoginCredential(ANN, "$verified$hash", T0);
                return null;
            });
            List<CrmStore> stores = racingStores();
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                CrmStore on = stores.get(t % stores.size());
                String mine = "$rehash$" + t;
                tasks.add(() -> sec(on, s -> s.replacePasswordHash(ANN, "$verified$hash", mine)));
            }

            List<Boolean> won = race(tasks);

            assertThat(won.stream().filter(w -> w)).as("rehashes that replaced the verified hash").hasSize(1);
            String winner = "$rehash$" + won.indexOf(true);
            assertThat(opt(s -> s.loginCredential(ANN))).map(LoginCredential::passwordHash).contains(winner);
        }

        @Test
        @DisplayName("removing a hash leaves the user without one; removing again reports nothing removed")
        void remove() {
            sec(s -> {
                s.setLoginCredential(ANN, "$a$b", T0);
                s.setLoginCredential(BOB, "$c$d", T0);
                return null;
            });

            assertThat(bool(s -> s.removeLoginCredential(ANN))).isTrue();
            assertThat(bool(s -> s.removeLoginCredential(ANN))).isFalse();
            assertThat(opt(s -> s.loginCredential(ANN))).isEmpty();
            assertThat(opt(s -> s.loginCredential(BOB))).isPresent();
        }
    }

    /** API passwords (issue 11 item 5; ASVS 6.5.2 / NIST SP 800-63B: stored as SHA-256 of a generated secret). */
    @Nested
    @DisplayName("API passwords: found by digest only, listed without digests, touched at most as asked, revoked")
    class ApiPasswords {

        @Test
        @DisplayName("an API password is found by its digest; a digest one bit off, or another's, finds nothing")
        void lookupByDigest() {
            byte[] digest = digest("ann's API password");
            ApiPassword added = sec(s -> s.addApiPassword(ANN, "Zoë's laptop 🦆", digest, T0));

            assertThat(added.id()).isPositive();
            assertThat(added).isEqualTo(new ApiPassword(added.id(), ANN, "Zoë's laptop 🦆", T0, T0));
            assertThat(opt(s -> s.findApiPassword(digest))).contains(added);
            assertThat(opt(s -> s.findApiPassword(oneBitOff(digest)))).as("one bit off").isEmpty();
            assertThat(opt(s -> s.findApiPassword(digest("another secret")))).isEmpty();
            assertThat(opt(s -> s.findApiPassword(new byte[SecurityStore.DIGEST_LENGTH]))).as("all zeros").isEmpty();
        }

        @Test
        @DisplayName("an API request's answer is its password by digest, every global rule and its own user's rules only")
        void apiRequestByDigest() { // issue 11: one call per API request, equal to the three it stands for
            ApiPassword anns = sec(s -> s.addApiPassword(ANN, "cli", digest("ann's"), T0));
            ApiPassword bobs = sec(s -> s.addApiPassword(BOB, "cli", digest("bob's"), T0));
            assertThat(opt(s -> s.apiRequest(digest("ann's")))).as("no rules yet")
                    .contains(new ApiRequest(anns, List.of(), List.of()));

            IpRule deny = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "2001:db8::/32", "blocked"));
            IpRule office = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, ANN, "10.1.0.0/16", "office"));
            IpRule bobsHome = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, BOB, "192.0.2.0/24", "home"));
            IpRule allow = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_ALLOW, 0, "10.0.0.0/8", "network"));
            IpRule home = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, ANN, "::ffff:192.0.2.1/128", "home"));

            assertThat(opt(s -> s.apiRequest(digest("ann's"))))
                    .contains(new ApiRequest(anns, List.of(deny, allow), List.of(office, home)));
            assertThat(opt(s -> s.apiRequest(digest("bob's"))))
                    .contains(new ApiRequest(bobs, List.of(deny, allow), List.of(bobsHome)));
            assertThat(opt(s -> s.apiRequest(digest("ann's")))).as("equal to the calls it stands for")
                    .contains(sec(s -> new ApiRequest(s.findApiPassword(digest("ann's")).orElseThrow(),
                            s.globalIpRules(), s.userIpRules(ANN))));
            assertThat(opt(s -> s.apiRequest(oneBitOff(digest("ann's"))))).as("one bit off").isEmpty();
            assertThat(opt(s -> s.apiRequest(digest("nobody's")))).isEmpty();

            assertThat(bool(s -> s.removeIpRule(allow.id()))).isTrue();
            assertThat(bool(s -> s.revokeApiPassword(BOB, bobs.id()))).isTrue();
            Optional<CrmStore> second = secondStoreIfAny();
            for (CrmStore on : second.isPresent() ? List.of(store(), second.get()) : List.of(store())) {
                assertThat(opt(on, s -> s.apiRequest(digest("ann's")))).as("the next unit of work, on every instance")
                        .contains(new ApiRequest(anns, List.of(deny), List.of(office, home)));
                assertThat(opt(on, s -> s.apiRequest(digest("bob's")))).isEmpty();
            }
        }

        @Test
        @DisplayName("a user's API passwords are listed by id, and only theirs")
        void listedPerUser() {
            ApiPassword first = sec(s -> s.addApiPassword(ANN, "first", digest("a1"), T0));
            ApiPassword other = sec(s -> s.addApiPassword(BOB, "bob's", digest("b1"), T0));
            ApiPassword second = sec(s -> s.addApiPassword(ANN, "second", digest("a2"), T0.plusSeconds(1)));

            assertThat(list(s -> s.apiPasswords(ANN))).containsExactly(first, second);
            assertThat(list(s -> s.apiPasswords(BOB))).containsExactly(other);
            assertThat(list(s -> s.apiPasswords(999))).isEmpty();
        }

        @Test
        @DisplayName("a use is written only when the last one written is older than asked, so reads are not all writes")
        void conditionalTouch() {
            long id = sec(s -> s.addApiPassword(ANN, "cli", digest("cli"), T0)).id();
            Instant soon = T0.plusSeconds(30);
            Instant later = T0.plusSeconds(90);

            assertThat(bool(s -> s.touchApiPassword(id, soon, soon.minusSeconds(60)))).as("used within the minute")
                    .isFalse();
            assertThat(opt(s -> s.findApiPassword(digest("cli")))).map(ApiPassword::lastUsedAt).contains(T0);

            assertThat(bool(s -> s.touchApiPassword(id, later, later.minusSeconds(60)))).isTrue();
            assertThat(opt(s -> s.findApiPassword(digest("cli")))).map(ApiPassword::lastUsedAt).contains(later);
            assertThat(bool(s -> s.touchApiPassword(id, later.plusSeconds(1), later))).as("not before itself")
                    .isFalse();
            assertThat(bool(s -> s.touchApiPassword(id + 1_000, later, later.plusSeconds(60)))).as("no such id")
                    .isFalse();
        }

        @Test
        @DisplayName("eight threads touching one API password at once, on one instance or two: one write, not eight")
        void racingTouchesWriteOnce() throws Exception {
            long id = sec(s -> s.addApiPassword(ANN, "busy", digest("busy"), T0)).id();
            List<CrmStore> stores = racingStores();
            Instant now = T0.plusSeconds(120);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                CrmStore on = stores.get(t % stores.size());
                Instant mine = now.plusNanos(1_000L * t);
                tasks.add(() -> sec(on, s -> s.touchApiPassword(id, mine, now.minusSeconds(60))));
            }

            List<Boolean> written = race(tasks);

            assertThat(written.stream().filter(w -> w)).as("touches that wrote").hasSize(1);
            Instant winner = now.plusNanos(1_000L * written.indexOf(true));
            assertThat(opt(s -> s.findApiPassword(digest("busy")))).map(ApiPassword::lastUsedAt).contains(winner);
        }

        @Test
        @DisplayName("revoking one removes exactly it, and only for its owner; the second instance cannot find it next")
        void revokeOne() {
            ApiPassword kept = sec(s -> s.addApiPassword(ANN, "kept", digest("kept"), T0));
            ApiPassword revoked = sec(s -> s.addApiPassword(ANN, "revoked", digest("revoked"), T0));
            Optional<CrmStore> second = secondStoreIfAny();
            second.ifPresent(on -> assertThat(opt(on, s -> s.findApiPassword(digest("revoked")))).isPresent());

            assertThat(bool(s -> s.revokeApiPassword(BOB, revoked.id()))).as("by another user").isFalse();
            assertThat(bool(s -> s.revokeApiPassword(ANN, revoked.id()))).isTrue();
            assertThat(bool(s -> s.revokeApiPassword(ANN, revoked.id()))).as("again").isFalse();

            assertThat(opt(s -> s.findApiPassword(digest("revoked")))).isEmpty();
            second.ifPresent(on -> assertThat(opt(on, s -> s.findApiPassword(digest("revoked"))))
                    .as("on the second instance").isEmpty());
            assertThat(list(s -> s.apiPasswords(ANN))).containsExactly(kept);
        }

        @Test
        @DisplayName("revoking all of a user's removes every one of theirs and counts them; other users keep theirs")
        void revokeAll() {
            for (int i = 0; i < 3; i++) {
                String secret = "ann " + i;
                sec(s -> s.addApiPassword(ANN, "n", digest(secret), T0));
            }
            ApiPassword bobs = sec(s -> s.addApiPassword(BOB, "bob", digest("bob"), T0));

            assertThat(num(s -> s.revokeApiPasswords(ANN))).isEqualTo(3);
            assertThat(num(s -> s.revokeApiPasswords(ANN))).isZero();
            assertThat(list(s -> s.apiPasswords(ANN))).isEmpty();
            assertThat(opt(s -> s.findApiPassword(digest("ann 0")))).isEmpty();
            secondStoreIfAny().ifPresent(on -> assertThat(opt(on, s -> s.findApiPassword(digest("ann 2"))))
                    .as("on the second instance").isEmpty());
            assertThat(list(s -> s.apiPasswords(BOB))).containsExactly(bobs);
        }
    }

    /** Login sessions (issue 11 item 7; ASVS 3.3.1 and 3.3.2: revoked and expired sessions end at once). */
    @Nested
    @DisplayName("Sessions: found by token digest only, touched at most as asked, revoked, expired ones purged")
    class Sessions {

        private final LoginSession annsSession = new LoginSession(ANN, T0, T0, T0.plus(Duration.ofHours(12)),
                false);

        @Test
        @DisplayName("a session is found by its token digest, pending second factor or not; one bit off finds nothing")
        void lookupByDigest() {
            LoginSession pending = new LoginSession(BOB, T0, T0, T0.plusSeconds(300), true);
            sec(s -> {
                s.addSession(digest("ann token"), annsSession);
                s.addSession(digest("bob token"), pending);
                return null;
            });

            assertThat(opt(s -> s.findSession(digest("ann token")))).contains(annsSession);
            assertThat(opt(s -> s.findSession(digest("bob token")))).contains(pending);
            assertThat(opt(s -> s.findSession(oneBitOff(digest("ann token"))))).isEmpty();
            secondStoreIfAny().ifPresent(on -> assertThat(opt(on, s -> s.findSession(digest("ann token"))))
                    .as("on the second instance").contains(annsSession));
        }

        @Test
        @DisplayName("last seen is written only when the last time written is older than asked")
        void conditionalTouch() {
            byte[] token = digest("token");
            sec(s -> {
                s.addSession(token, annsSession);
                return null;
            });
            Instant soon = T0.plusSeconds(20);
            Instant later = T0.plusSeconds(61);

            assertThat(bool(s -> s.touchSession(token, soon, soon.minusSeconds(60)))).isFalse();
            assertThat(opt(s -> s.findSession(token))).map(LoginSession::lastSeenAt).contains(T0);
            assertThat(bool(s -> s.touchSession(token, later, later.minusSeconds(60)))).isTrue();
            assertThat(opt(s -> s.findSession(token))).contains(new LoginSession(ANN, T0, later,
                    annsSession.expiresAt(), false));
            assertThat(bool(s -> s.touchSession(digest("no such"), later, later.plusSeconds(1)))).isFalse();
        }

        @Test
        @DisplayName("revoking one session, or all of a user's, ends them on every instance; others stay")
        void revoke() {
            sec(s -> {
                s.addSession(digest("ann 1"), annsSession);
                s.addSession(digest("ann 2"), annsSession);
                s.addSession(digest("ann 3"), annsSession);
                s.addSession(digest("bob 1"), new LoginSession(BOB, T0, T0, T0.plusSeconds(60), false));
                return null;
            });

            assertThat(bool(s -> s.revokeSession(digest("ann 1")))).isTrue();
            assertThat(bool(s -> s.revokeSession(digest("ann 1")))).isFalse();
            assertThat(opt(s -> s.findSession(digest("ann 1")))).isEmpty();
            assertThat(num(s -> s.revokeSessions(ANN))).isEqualTo(2);
            assertThat(opt(s -> s.findSession(digest("ann 3")))).isEmpty();
            secondStoreIfAny().ifPresent(on -> assertThat(opt(on, s -> s.findSession(digest("ann 2"))))
                    .as("on the second instance").isEmpty());
            assertThat(opt(s -> s.findSession(digest("bob 1")))).isPresent();
        }

        @Test
        @DisplayName("a purge removes sessions past their absolute end and those idle too long, and no other")
        void purgeExpiredAndIdle() {
            Instant now = T0.plus(Duration.ofHours(2));
            Instant idleSince = now.minus(Duration.ofMinutes(30));
            sec(s -> {
                s.addSession(digest("expired"), new LoginSession(ANN, T0, now.minusSeconds(1), now, false));
                s.addSession(digest("idle"), new LoginSession(ANN, T0, idleSince.minusNanos(1_000), now.plusSeconds(
                        3600), false));
                s.addSession(digest("live"), new LoginSession(ANN, T0, idleSince, now.plusNanos(1_000), false));
                return null;
            });

            assertThat(num(s -> s.purgeSessions(now, idleSince))).isEqualTo(2);
            assertThat(opt(s -> s.findSession(digest("expired")))).as("ends at now").isEmpty();
            assertThat(opt(s -> s.findSession(digest("idle")))).as("last seen a microsecond too early").isEmpty();
            assertThat(opt(s -> s.findSession(digest("live")))).isPresent();
            assertThat(num(s -> s.purgeSessions(now, idleSince))).isZero();
        }
    }

    /** Brute-force counters (issue 11 item 6; ASVS 2.2.1: lockout persisted, counted atomically across nodes). */
    @Nested
    @DisplayName("Failure counters: count from 1 in a window, per kind and exact key, locked, reset, purged")
    class FailureCounters {

        @Test
        @DisplayName("failures count 1, 2, 3 within the window; a failure after the window starts again at 1")
        void countWithinAWindow() {
            Instant windowStart = T0.minusSeconds(900);
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", T0, windowStart))).isEqualTo(1);
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", T0.plusSeconds(1), windowStart)))
                    .isEqualTo(2);
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", T0.plusSeconds(2), T0))).as(
                    "the window began at T0: still in it").isEqualTo(3);
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "ann")))
                    .contains(new FailureCounter(3, T0, Instant.EPOCH));

            Instant later = T0.plusSeconds(1000);
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", later, T0.plusNanos(1_000))))
                    .as("the window began a microsecond too early").isEqualTo(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "ann")))
                    .contains(new FailureCounter(1, later, Instant.EPOCH));
        }

        @Test
        @DisplayName("counters are per kind and exact key: case, a second kind and a longer key count apart")
        void keysAreExact() {
            Instant ws = T0.minusSeconds(60);
            String longest = "k".repeat(SecurityStore.MAX_FAILURE_KEY_LENGTH - 1) + "é";
            sec(s -> {
                s.recordFailure(FailureKind.ACCOUNT, "ann", T0, ws);
                s.recordFailure(FailureKind.ACCOUNT, "ann", T0, ws);
                s.recordFailure(FailureKind.ACCOUNT, "Ann", T0, ws);
                s.recordFailure(FailureKind.ADDRESS, "ann", T0, ws);
                s.recordFailure(FailureKind.ACCOUNT, "ann.x", T0, ws);
                s.recordFailure(FailureKind.ADDRESS, "2001:db8::1", T0, ws);
                s.recordFailure(FailureKind.ADDRESS, longest, T0, ws);
                return null;
            });

            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "ann"))).map(FailureCounter::failures)
                    .contains(2);
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "Ann"))).map(FailureCounter::failures)
                    .contains(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "ann"))).map(FailureCounter::failures)
                    .contains(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "2001:DB8::1"))).as("not normalised here")
                    .isEmpty();
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, longest))).map(FailureCounter::failures)
                    .contains(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "bob"))).isEmpty();
        }

        @Test
        @DisplayName("a lockout is set on an existing counter only, read back, kept by later failures and reset")
        void lockAndReset() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            assertThat(bool(s -> s.lockUntil(FailureKind.ACCOUNT, "ann", until))).as("no counter yet").isFalse();
            sec(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", T0, T0));

            assertThat(bool(s -> s.lockUntil(FailureKind.ACCOUNT, "ann", until))).isTrue();
            Optional<FailureCounter> locked = sec(s -> s.failureCounter(FailureKind.ACCOUNT, "ann"));
            assertThat(locked).contains(new FailureCounter(1, T0, until));
            assertThat(locked.orElseThrow().lockedAt(until.minusNanos(1_000))).isTrue();
            assertThat(locked.orElseThrow().lockedAt(until)).isFalse();

            Instant afterWindow = T0.plus(Duration.ofMinutes(20));
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", afterWindow, afterWindow))).isEqualTo(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "ann"))).as("a new window keeps the lockout")
                    .contains(new FailureCounter(1, afterWindow, until));

            assertThat(bool(s -> s.resetFailures(FailureKind.ACCOUNT, "ann"))).isTrue();
            assertThat(bool(s -> s.resetFailures(FailureKind.ACCOUNT, "ann"))).isFalse();
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "ann"))).isEmpty();
            assertThat(num(s -> s.recordFailure(FailureKind.ACCOUNT, "ann", afterWindow, afterWindow))).isEqualTo(1);
        }

        @Test
        @DisplayName("a purge removes counters whose window is over unless still locked, and no other")
        void purge() {
            Instant now = T0.plus(Duration.ofHours(1));
            sec(s -> {
                s.recordFailure(FailureKind.ADDRESS, "old", T0, T0);
                s.recordFailure(FailureKind.ADDRESS, "old-locked", T0, T0);
                s.lockUntil(FailureKind.ADDRESS, "old-locked", now.plusSeconds(1));
                s.recordFailure(FailureKind.ADDRESS, "old-lock-over", T0, T0);
                s.lockUntil(FailureKind.ADDRESS, "old-lock-over", now);
                s.recordFailure(FailureKind.ADDRESS, "recent", now, now);
                return null;
            });

            assertThat(num(s -> s.purgeFailureCounters(now, now.minusSeconds(60)))).isEqualTo(2);
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "old"))).isEmpty();
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "old-lock-over"))).isEmpty();
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "old-locked"))).isPresent();
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "recent"))).isPresent();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(FailureKind.class)
        @DisplayName("eight threads failing at once, on one instance or two, count every failure exactly once")
        void concurrentFailuresAllCount(FailureKind kind) throws Exception {
            List<CrmStore> stores = racingStores();
            Instant windowStart = T0.minusSeconds(900);
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                CrmStore on = stores.get(t % stores.size());
                tasks.add(() -> {
                    List<Integer> counts = new ArrayList<>();
                    for (int i = 0; i < FAILURES_PER_THREAD; i++) {
                        counts.add(sec(on, s -> s.recordFailure(kind, "target", T0, windowStart)));
                    }
                    return counts;
                });
            }

            List<Integer> returned = race(tasks).stream().flatMap(List::stream).sorted().toList();

            int total = THREADS * FAILURES_PER_THREAD;
            assertThat(returned).as("the counts the %d failures returned, on %d instance(s)", total, stores.size())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
            for (CrmStore on : stores) {
                assertThat(opt(on, s -> s.failureCounter(kind, "target"))).map(FailureCounter::failures)
                        .contains(total);
            }
        }
    }

    /** TOTP enrolments (issue 11 item 8; RFC 6238 §5.2 and ASVS 2.8.4: a code is used once). */
    @Nested
    @DisplayName("TOTP: the enrolment round-trips, is confirmed once, and each time step is accepted at most once")
    class Totp {

        @ParameterizedTest(name = "{0}")
        @EnumSource(TotpAlgorithm.class)
        @DisplayName("an enrolment round-trips exactly, secret bytes included, and saving again replaces it")
        void roundTrip(TotpAlgorithm algorithm) {
            TotpEnrolment saved = enrolment(ANN, algorithm, false, 0);
            sec(s -> {
                s.saveTotp(saved);
                return null;
            });

            assertThat(opt(s -> s.totp(ANN))).contains(saved);
            assertThat(opt(s -> s.totp(BOB))).isEmpty();

            TotpEnrolment replacement = new TotpEnrolment(ANN, new byte[] {0, -1, 1}, "key-2", TotpAlgorithm.SHA1, 6,
                    60, true, 7, T0.plusSeconds(5));
            sec(s -> {
                s.saveTotp(replacement);
                return null;
            });
            assertThat(opt(s -> s.totp(ANN))).contains(replacement);
        }

        @Test
        @DisplayName("confirming marks an unconfirmed enrolment once; without one it reports nothing")
        void confirm() {
            assertThat(bool(s -> s.confirmTotp(ANN))).isFalse();
            sec(s -> {
                s.saveTotp(enrolment(ANN, TotpAlgorithm.SHA256, false, 0));
                return null;
            });

            assertThat(bool(s -> s.confirmTotp(ANN))).isTrue();
            assertThat(bool(s -> s.confirmTotp(ANN))).isFalse();
            assertThat(opt(s -> s.totp(ANN))).map(TotpEnrolment::confirmed).contains(true);
        }

        @Test
        @DisplayName("a step is accepted only after the last one accepted: the same or an earlier one is refused")
        void stepsOnlyMoveForward() {
            assertThat(bool(s -> s.useTotpStep(ANN, 5))).as("no enrolment").isFalse();
            sec(s -> {
                s.saveTotp(enrolment(ANN, TotpAlgorithm.SHA1, true, 0));
                return null;
            });

            assertThat(bool(s -> s.useTotpStep(ANN, 59_000_000L))).isTrue();
            assertThat(bool(s -> s.useTotpStep(ANN, 59_000_000L))).as("the same step again").isFalse();
            assertThat(bool(s -> s.useTotpStep(ANN, 58_999_999L))).as("an earlier step").isFalse();
            assertThat(bool(s -> s.useTotpStep(ANN, 59_000_001L))).isTrue();
            assertThat(opt(s -> s.totp(ANN))).map(TotpEnrolment::lastUsedStep).contains(59_000_001L);
        }

        @Test
        @DisplayName("eight threads using one step at once, on one instance or two: exactly one is accepted")
        void racingUsesOfOneStepAcceptOne() throws Exception {
            sec(s -> {
                s.saveTotp(enrolment(ANN, TotpAlgorithm.SHA1, true, 0));
                return null;
            });
            List<CrmStore> stores = racingStores();
            int rounds = 5;
            for (int round = 1; round <= rounds; round++) {
                long step = 59_000_000L + round;
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    CrmStore on = stores.get(t % stores.size());
                    tasks.add(() -> sec(on, s -> s.useTotpStep(ANN, step)));
                }

                List<Boolean> accepted = race(tasks);

                assertThat(accepted.stream().filter(a -> a)).as("round %d: units of work that used step %d", round,
                        step).hasSize(1);
            }
            assertThat(opt(s -> s.totp(ANN))).map(TotpEnrolment::lastUsedStep).contains(59_000_000L + rounds);
        }

        @Test
        @DisplayName("removing an enrolment removes the user's recovery codes too, and nothing of another user's")
        void removeTakesRecoveryCodes() {
            sec(s -> {
                s.saveTotp(enrolment(ANN, TotpAlgorithm.SHA1, true, 0));
                s.saveTotp(enrolment(BOB, TotpAlgorithm.SHA1, true, 0));
                s.replaceRecoveryCodes(ANN, List.of(digest("a"), digest("b")));
                s.replaceRecoveryCodes(BOB, List.of(digest("c")));
                return null;
            });

            assertThat(bool(s -> s.removeTotp(ANN))).isTrue();
            assertThat(bool(s -> s.removeTotp(ANN))).isFalse();
            assertThat(opt(s -> s.totp(ANN))).isEmpty();
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isZero();
            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("a")))).isFalse();
            assertThat(opt(s -> s.totp(BOB))).isPresent();
            assertThat(num(s -> s.recoveryCodesLeft(BOB))).isEqualTo(1);
        }
    }

    /** Recovery codes (issue 11 item 8; ASVS 2.6.1: a look-up secret is used once). */
    @Nested
    @DisplayName("Recovery codes: replaced as a set, each consumed exactly once, even by racing threads")
    class RecoveryCodes {

        @Test
        @DisplayName("a code is consumed once; a wrong one, another user's or a used one is refused")
        void consumeOnce() {
            sec(s -> {
                s.replaceRecoveryCodes(ANN, List.of(digest("r1"), digest("r2"), digest("r3")));
                s.replaceRecoveryCodes(BOB, List.of(digest("bob's")));
                return null;
            });
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isEqualTo(3);

            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("r2")))).isTrue();
            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("r2")))).as("used").isFalse();
            assertThat(bool(s -> s.consumeRecoveryCode(ANN, oneBitOff(digest("r1"))))).as("one bit off").isFalse();
            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("bob's")))).as("another user's").isFalse();
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isEqualTo(2);
            assertThat(num(s -> s.recoveryCodesLeft(BOB))).isEqualTo(1);
        }

        @Test
        @DisplayName("replacing the codes invalidates every old one; replacing with none removes them all")
        void replace() {
            sec(s -> {
                s.replaceRecoveryCodes(ANN, List.of(digest("old 1"), digest("old 2")));
                return null;
            });
            sec(s -> {
                s.replaceRecoveryCodes(ANN, List.of(digest("new 1")));
                return null;
            });

            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("old 1")))).isFalse();
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isEqualTo(1);
            sec(s -> {
                s.replaceRecoveryCodes(ANN, List.of());
                return null;
            });
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isZero();
            assertThat(bool(s -> s.consumeRecoveryCode(ANN, digest("new 1")))).isFalse();
        }

        @Test
        @DisplayName("eight threads consuming one code at once, on one instance or two: exactly one succeeds")
        void racingConsumersOfOneCodeSucceedOnce() throws Exception {
            List<byte[]> codes = new ArrayList<>();
            int rounds = 5;
            for (int i = 0; i < rounds; i++) {
                codes.add(digest("code " + i));
            }
            sec(s -> {
                s.replaceRecoveryCodes(ANN, codes);
                return null;
            });
            List<CrmStore> stores = racingStores();
            for (int round = 0; round < rounds; round++) {
                byte[] code = codes.get(round);
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    CrmStore on = stores.get(t % stores.size());
                    tasks.add(() -> sec(on, s -> s.consumeRecoveryCode(ANN, code)));
                }

                List<Boolean> consumed = race(tasks);

                assertThat(consumed.stream().filter(c -> c)).as("round %d: units of work that consumed the code",
                        round).hasSize(1);
            }
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isZero();
        }
    }

    /** IP rules (issue 11 item 9). */
    @Nested
    @DisplayName("IP rules: global and per-user rules round-trip by id, and are removed by id")
    class IpRules {

        @Test
        @DisplayName("rules of every scope round-trip exactly; global and per-user lists hold exactly their rules")
        void roundTrip() {
            IpRule allow = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_ALLOW, 0, "10.0.0.0/8", "office"));
            IpRule deny = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "2001:db8::/32", "Zoë's blocklist"));
            IpRule anns = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, ANN, "::ffff:192.0.2.1/128", "home"));
            IpRule bobs = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, BOB, "192.0.2.0/24", "vpn"));

            assertThat(List.of(allow, deny, anns, bobs)).extracting(IpRule::id).doesNotHaveDuplicates()
                    .allMatch(id -> id > 0);
            assertThat(allow).isEqualTo(new IpRule(allow.id(), IpRuleScope.GLOBAL_ALLOW, 0, "10.0.0.0/8", "office"));
            assertThat(anns).isEqualTo(new IpRule(anns.id(), IpRuleScope.USER_ALLOW, ANN, "::ffff:192.0.2.1/128",
                    "home"));
            assertThat(list(SecurityStore::globalIpRules)).containsExactly(allow, deny);
            assertThat(list(s -> s.userIpRules(ANN))).containsExactly(anns);
            assertThat(list(s -> s.userIpRules(BOB))).containsExactly(bobs);
            secondStoreIfAny().ifPresent(on -> assertThat(list(on, SecurityStore::globalIpRules))
                    .as("on the second instance").containsExactly(allow, deny));
        }

        @Test
        @DisplayName("removing a rule removes exactly it; removing it again reports nothing removed")
        void remove() {
            IpRule first = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "198.51.100.7/32", "attacker"));
            IpRule second = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "198.51.100.8/32", "attacker"));
            IpRule user = sec(s -> s.addIpRule(IpRuleScope.USER_ALLOW, ANN, "203.0.113.0/24", "branch"));

            assertThat(bool(s -> s.removeIpRule(first.id()))).isTrue();
            assertThat(bool(s -> s.removeIpRule(first.id()))).isFalse();
            assertThat(bool(s -> s.removeIpRule(user.id()))).isTrue();
            assertThat(list(SecurityStore::globalIpRules)).containsExactly(second);
            assertThat(list(s -> s.userIpRules(ANN))).isEmpty();
        }
    }

    /** Every write is one transaction (issue 11 item 2; DESIGN §4). */
    @Nested
    @DisplayName("Rollback: a unit of work that throws leaves none of its security writes behind")
    class Rollback {

        @Test
        @DisplayName("every kind of write, then a throw: nothing is kept, not even a counted failure or a used step")
        void rollbackLeavesNothing() {
            ApiPassword kept = sec(s -> s.addApiPassword(BOB, "kept", digest("kept"), T0));
            sec(s -> {
                s.saveTotp(enrolment(BOB, TotpAlgorithm.SHA1, false, 0));
                s.replaceRecoveryCodes(BOB, List.of(digest("bob code")));
                s.addSession(digest("bob session"), new LoginSession(BOB, T0, T0, T0.plusSeconds(60), false));
                s.recordFailure(FailureKind.ACCOUNT, "bob", T0, T0);
                return null;
            });

            assertThatThrownBy(() -> runInTransaction(tx -> {
                SecurityStore s = security(tx);
                s.setLoginCredential(ANN, "$rolled$back", T0);
                s.addApiPassword(ANN, "rolled back", digest("rolled back"), T0);
                s.revokeApiPassword(BOB, kept.id());
                s.addSession(digest("rolled back"), new LoginSession(ANN, T0, T0, T0.plusSeconds(60), false));
                s.revokeSessions(BOB);
                s.recordFailure(FailureKind.ACCOUNT, "bob", T0, T0);
                s.recordFailure(FailureKind.ADDRESS, "192.0.2.1", T0, T0);
                s.saveTotp(enrolment(ANN, TotpAlgorithm.SHA1, false, 0));
                s.confirmTotp(BOB);
                s.useTotpStep(BOB, 42);
                s.consumeRecoveryCode(BOB, digest("bob code"));
                s.replaceRecoveryCodes(ANN, List.of(digest("rolled back")));
                s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "0.0.0.0/0", "rolled back");
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");

            assertThat(opt(s -> s.loginCredential(ANN))).isEmpty();
            assertThat(opt(s -> s.findApiPassword(digest("rolled back")))).isEmpty();
            assertThat(list(s -> s.apiPasswords(BOB))).containsExactly(kept);
            assertThat(opt(s -> s.findSession(digest("rolled back")))).isEmpty();
            assertThat(opt(s -> s.findSession(digest("bob session")))).isPresent();
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "bob"))).map(FailureCounter::failures)
                    .contains(1);
            assertThat(opt(s -> s.failureCounter(FailureKind.ADDRESS, "192.0.2.1"))).isEmpty();
            assertThat(opt(s -> s.totp(ANN))).isEmpty();
            assertThat(opt(s -> s.totp(BOB))).contains(enrolment(BOB, TotpAlgorithm.SHA1, false, 0));
            assertThat(num(s -> s.recoveryCodesLeft(BOB))).isEqualTo(1);
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isZero();
            assertThat(list(SecurityStore::globalIpRules)).isEmpty();
        }
    }

    /** A removed user keeps no way in (issue 11 item 7: revoked on deactivation). */
    @Nested
    @DisplayName("Forgetting a user: everything of that user goes, nothing of anyone else's")
    class ForgetUser {

        @Test
        @DisplayName("hash, API passwords, sessions, TOTP, recovery codes and user IP rules go; failure counters stay")
        void forgetUser() {
            IpRule global = sec(s -> s.addIpRule(IpRuleScope.GLOBAL_ALLOW, 0, "10.0.0.0/8", "office"));
            for (long user : List.of(ANN, BOB)) {
                sec(s -> {
                    s.setLoginCredential(user, "$h$" + user, T0);
                    s.addApiPassword(user, "api", digest("api " + user), T0);
                    s.addSession(digest("session " + user), new LoginSession(user, T0, T0, T0.plusSeconds(60),
                            false));
                    s.saveTotp(enrolment(user, TotpAlgorithm.SHA1, true, 0));
                    s.replaceRecoveryCodes(user, List.of(digest("code " + user)));
                    s.addIpRule(IpRuleScope.USER_ALLOW, user, "192.0.2.0/24", "home");
                    s.recordFailure(FailureKind.ACCOUNT, "login " + user, T0, T0);
                    return null;
                });
            }

            sec(s -> {
                s.forgetUser(ANN);
                return null;
            });

            assertThat(opt(s -> s.loginCredential(ANN))).isEmpty();
            assertThat(list(s -> s.apiPasswords(ANN))).isEmpty();
            assertThat(opt(s -> s.findApiPassword(digest("api " + ANN)))).isEmpty();
            assertThat(opt(s -> s.findSession(digest("session " + ANN)))).isEmpty();
            assertThat(opt(s -> s.totp(ANN))).isEmpty();
            assertThat(num(s -> s.recoveryCodesLeft(ANN))).isZero();
            assertThat(list(s -> s.userIpRules(ANN))).isEmpty();
            assertThat(opt(s -> s.failureCounter(FailureKind.ACCOUNT, "login " + ANN))).isPresent();

            assertThat(opt(s -> s.loginCredential(BOB))).isPresent();
            assertThat(list(s -> s.apiPasswords(BOB))).hasSize(1);
            assertThat(opt(s -> s.findSession(digest("session " + BOB)))).isPresent();
            assertThat(opt(s -> s.totp(BOB))).isPresent();
            assertThat(num(s -> s.recoveryCodesLeft(BOB))).isEqualTo(1);
            assertThat(list(s -> s.userIpRules(BOB))).hasSize(1);
            assertThat(list(SecurityStore::globalIpRules)).containsExactly(global);
        }
    }
}
