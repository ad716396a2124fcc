package io.roostcrm.auth;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.audit.LoginActivity;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.SecurityStore.IpRuleScope;
import io.roostcrm.auth.internal.Argon2idHasher;
import io.roostcrm.auth.internal.Totp;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.KeyProvider;
import io.roostcrm.core.spi.SecurityStore;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every promise of the Authenticator, run once per store (memory, H2, PostgreSQL, MariaDB, FluentCRM): two
 * {@code Crm} instances, each over its own store object on one database, stand for two nodes.
 *
 * <p>After each test, every event, every login result, every exception a test saw (message, causes, suppressed) and
 * every log line written meanwhile ({@link CapturedLogs}) is scanned for the passwords, API passwords, tokens, TOTP
 * secrets, TOTP codes and recovery codes the test used (issue 11 item 11). Argon2id runs far below its production
 * cost ({@link Argon2idHasher#forTestsOnly()}): no test here is about the hash's cost, and a login then costs a
 * millisecond instead of tens.
 */
abstract class AuthenticatorContract {

    /** A fresh, empty store. */
    protected abstract CrmStore newStore();

    /** A second store object over the same database as {@code first} (a second node). */
    protected abstract CrmStore onSameDatabase(CrmStore first);

    /** Drops what {@link #newStore} created. */
    protected void dispose(CrmStore first) {
    }


    private static final String PASSWORD = "violet tractor mumbles quietly";
    private static final String ADDRESS = "192.0.2.10";
    private static final KeyProvider KEYS = KeyProvider.of("k1", key(1));

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-06-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> secretsSeen = new ArrayList<>();
    /** TOTP codes used: six digits, found only as a number of their own (not inside a longer one). */
    private final List<String> codesSeen = new ArrayList<>();
    private final List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> results = Collections.synchronizedList(new ArrayList<>());
    private final int logMark = CapturedLogs.count();
    private CrmStore store;
    private CrmStore secondStore;
    private Crm crm;
    private Crm secondNode;
    private Authenticator auth;
    private Authenticator secondAuth;
    private long ann;

    @BeforeEach
    void setUp() {
        store = newStore();
        crm = Crm.builder().store(store).clock(clock).closeStoreOnClose(false).build();
        secondStore = onSameDatabase(store);
        secondNode = Crm.builder().store(secondStore).clock(clock).closeStoreOnClose(false).build();
        ann = store.transactionResult(tx -> tx.users().insert(new User(0, "ann", "Ann Lee", List.of(), Set.of(), true)))
                .id();
        // 60 an hour: Bucket4j refills by the wall clock, and 60 requests on a slow database take more than a second.
        auth = Authenticator.builder().crm(crm, store).clock(clock).listener(events::add)
                .rateLimiter(RateLimiter.inProcess(60, Duration.ofHours(1))).keyProvider(KEYS).issuer("Acme CRM")
                .testHasher(Argon2idHasher.forTestsOnly()).build();
        secondAuth = Authenticator.builder().crm(secondNode, secondStore).clock(clock).listener(events::add)
                .keyProvider(KEYS).issuer("Acme CRM").testHasher(Argon2idHasher.forTestsOnly()).build();
        auth.setPassword(ann, PASSWORD, "ann@example.com", false);
        secretsSeen.add(PASSWORD);
    }

    @AfterEach
    void secretsNeverAppearInEventsResultsExceptionsOrLogs() { // issue 11 item 11; ASVS 4.0.3 7.1.1, ASVS 5.0 16.2.5
        List<String> texts = new ArrayList<>();
        synchronized (events) {
            events.forEach(e -> texts.add("event " + e));
        }
        synchronized (results) {
            results.forEach(r -> texts.add("result " + r));
        }
        for (Throwable t : List.copyOf(thrown)) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace)); // the message, every cause's and every suppressed one's
            texts.add("exception " + trace);
        }
        CapturedLogs.since(logMark).forEach(line -> texts.add("log " + line));
        assertThat(SecretScan.findings(texts, secretsSeen, codesSeen)).isEmpty();
        crm.close();
        secondNode.close();
        if (secondStore != store) {
            secondStore.close();
        }
        store.close();
        dispose(store);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    /** AssertJ's, keeping what was thrown for the scan after the test. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertThatThrownBy(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        if (t != null) {
            thrown.add(t);
        }
        return Assertions.assertThatThrownBy(() -> {
            if (t != null) {
                throw t;
            }
        });
    }

    /** A login on a node, its result kept for the scan after the test. */
    private LoginResult login(Authenticator node, String login, String password, String address) {
        LoginResult result = node.login(login, password, address);
        results.add(result);
        return result;
    }

    private LoginResult verifyTotp(Authenticator node, String pendingToken, String code, String address) {
        LoginResult result = node.verifyTotp(pendingToken, code, address);
        results.add(result);
        if (result instanceof LoginResult.LoggedIn in) {
            secretsSeen.add(in.token());
        }
        return result;
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private LoginResult.LoggedIn loggedIn() {
        LoginResult result = login(auth, "ann", PASSWORD, ADDRESS);
        assertThat(result).isInstanceOf(LoginResult.LoggedIn.class);
        LoginResult.LoggedIn in = (LoginResult.LoggedIn) result;
        secretsSeen.add(in.token());
        assertThat(in.toString()).doesNotContain(in.token());
        return in;
    }

    @Test
    void loginGivesASessionThatEveryNodeHonoursUntilLogout() { // ASVS 4.0.3 3.3.1
        LoginResult.LoggedIn in = loggedIn();
        assertThat(in.token()).matches("[A-Za-z0-9]{32}");
        assertThat(in.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(auth.session(in.token(), ADDRESS).policy()).isNotNull();
        assertThat(secondAuth.session(in.token(), ADDRESS).policy()).isNotNull();
        auth.logout(in.token());
        assertThatThrownBy(() -> secondAuth.session(in.token(), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class).hasMessage("authentication failed");
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.LOGIN_SUCCEEDED,
                SecurityEvent.Kind.LOGGED_OUT);
    }

    @Test
    void everyNodesLoginsFailuresLockoutsAndLogoutsReachTheAuditTrail() { // issue 12 items 1 and 6; ASVS 4.0.3 7.2.1
        assumeTrue(store.capabilities().has(StoreFeature.CHANGE_LOG), "the store keeps no change log");
        LoginResult.LoggedIn in = loggedIn();
        assertThat(login(secondAuth, "ann", "not the password", "198.51.100.7"))
                .isInstanceOf(LoginResult.Refused.class);
        auth.logout(in.token());
        for (int i = 0; i < 5; i++) {
            login(auth, "ann", "wrong " + i, ADDRESS);
        }
        LoginActivity activity = secondNode.as(new Subject(Long.MAX_VALUE, Set.of(),
                List.of(Role.superAdmin("Administrator")))).audit().loginActivity(ann);
        assertThat(activity.recentLogins()).hasSize(1);
        assertThat(activity.failures()).isEqualTo(6);
        assertThat(activity.addresses()).containsExactlyInAnyOrder(ADDRESS, "198.51.100.7");
        assertThat(activity.lockouts()).hasSize(1);
        assertThat(activity.logouts()).isEqualTo(1);
        assertThat(Authenticator.trailKind(SecurityEvent.Kind.PASSWORD_CHANGED)).isEqualTo("password_changed");
    }

    @Test
    void unknownLoginAndWrongPasswordGetTheSameRefusal() { // ASVS 5.0 6.3.8; OWASP Authentication Cheat Sheet
        LoginResult unknown = login(auth, "nobody", PASSWORD, ADDRESS);
        LoginResult wrong = login(auth, "ann", "wrong password entirely", ADDRESS);
        assertThat(unknown).isEqualTo(wrong).isEqualTo(new LoginResult.Refused(LoginResult.Reason.CREDENTIALS));
        assertThat(events).extracting(SecurityEvent::reason).contains("unknown_login", "wrong_password");
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPasswordUntilUnlocked() { // seed 002; ASVS 4.0.3 2.2.1
        for (int i = 0; i < 5; i++) {
            assertThat(login(auth, "ann", "wrong password " + i, "198.51.100." + (i + 1)))
                    .isInstanceOf(LoginResult.Refused.class);
        }
        assertThat(login(secondAuth, "ann", PASSWORD, ADDRESS))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.CREDENTIALS)); // persisted: another node too
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.LOCKED_OUT);
        auth.unlock("ann", null);
        loggedIn();
        // success resets the account counter: four more failures do not lock
        for (int i = 0; i < 4; i++) {
            login(auth, "ann", "wrong again " + i, "203.0.113." + (i + 1));
        }
        loggedIn();
    }

    @Test
    void theLockoutEndsAfterFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            login(auth, "ann", "wrong password " + i, "198.51.100." + (i + 1));
        }
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
        clock.advance(Duration.ofMinutes(15));
        loggedIn();
    }

    @Test
    void failuresCountPerAddressToo() {
        store.transactionResult(tx -> tx.users().insert(new User(0, "bob", "Bob", List.of(), Set.of(), true)));
        for (int i = 0; i < 5; i++) {
            login(auth, i % 2 == 0 ? "bob" : "carol" + i, "wrong password " + i, "198.51.100.7");
        }
        assertThat(login(auth, "ann", PASSWORD, "198.51.100.7")).isInstanceOf(LoginResult.Refused.class);
        assertThat(login(auth, "ann", PASSWORD, "::ffff:198.51.100.8")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void sessionsExpireAfterInactivityAndAtTheirAbsoluteEnd() { // ASVS 4.0.3 3.3.2 (L2: 12 h or 30 min)
        LoginResult.LoggedIn idle = loggedIn();
        clock.advance(Duration.ofMinutes(29));
        auth.session(idle.token(), ADDRESS);
        clock.advance(Duration.ofMinutes(29)); // seen 29 minutes ago: still alive
        auth.session(idle.token(), ADDRESS);
        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> auth.session(idle.token(), ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.SESSION_EXPIRED);

        LoginResult.LoggedIn busy = loggedIn();
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            auth.session(busy.token(), ADDRESS);
        }
        clock.advance(Duration.ofMinutes(29)); // 12 h 5 min after login
        assertThatThrownBy(() -> auth.session(busy.token(), ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void malformedTokensFailWithoutALookup() { // bad input: another length or alphabet
        for (String token : List.of("", "short", "A".repeat(31) + "!", "A".repeat(64))) {
            assertThatThrownBy(() -> auth.session(token, ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        }
    }

    @Test
    void changingThePasswordRevokesEverySessionAndOptionallyApiPasswords() { // issue 11 item 4
        LoginResult.LoggedIn in = loggedIn();
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        auth.setPassword(ann, "another long passphrase here", "", false);
        secretsSeen.add("another long passphrase here");
        assertThatThrownBy(() -> auth.session(in.token(), ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        assertThat(auth.authenticateBasic(basic("ann", api.password()), ADDRESS)).isNotNull();
        auth.setPassword(ann, "a third long passphrase now", "", true);
        secretsSeen.add("a third long passphrase now");
        assertThatThrownBy(() -> auth.authenticateBasic(basic("ann", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
    }

    @Test
    void aPolicyViolationChangesNothing() {
        assertThatThrownBy(() -> auth.setPassword(ann, "ann-password", "", false))
                .isInstanceOf(CrmValidationException.class);
        loggedIn(); // the old password still works
    }

    @Test
    void afterResetOrRevokeTheOldApiPasswordFailsOnTheNextRequestOnEveryNode() { // done-when item 2
        Authenticator.NewApiPassword first = auth.createApiPassword(ann, "phone");
        secretsSeen.add(first.password());
        assertThat(first.toString()).doesNotContain(first.password());
        assertThat(secondAuth.authenticateBasic(basic("ann", first.password()), ADDRESS)).isNotNull();
        Authenticator.NewApiPassword reset = auth.resetApiPassword(ann, first.id());
        secretsSeen.add(reset.password());
        assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("ann", first.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(secondAuth.authenticateBasic(basic("ann", reset.password()), ADDRESS)).isNotNull();
        assertThat(auth.revokeApiPassword(ann, reset.id())).isTrue();
        assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("ann", reset.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(auth.apiPasswords(ann)).isEmpty();
    }

    @Test
    void revokingAllOfAUsersApiPasswordsAndSessionsEndsThemOnEveryNode() { // ASVS 4.0.3 3.3.1; seed 000 "reset"
        Authenticator.NewApiPassword phone = auth.createApiPassword(ann, "phone");
        Authenticator.NewApiPassword laptop = auth.createApiPassword(ann, "laptop");
        secretsSeen.add(phone.password());
        secretsSeen.add(laptop.password());
        LoginResult.LoggedIn in = loggedIn();
        assertThat(secondAuth.session(in.token(), ADDRESS)).isNotNull();

        assertThat(auth.revokeApiPasswords(ann)).isEqualTo(2);
        assertThat(auth.revokeSessions(ann)).isEqualTo(1);
        for (String password : List.of(phone.password(), laptop.password())) {
            assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("ann", password), ADDRESS))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        assertThatThrownBy(() -> secondAuth.session(in.token(), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(auth.apiPasswords(ann)).isEmpty();
        assertThat(auth.revokeApiPasswords(ann)).isZero();
        // The login password still works: only what was revoked is gone.
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void anApiPasswordWorksOnlyForItsOwnLogin() {
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        assertThatThrownBy(() -> auth.authenticateBasic(basic("bob", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticateBasic(basic("ann", PASSWORD), ADDRESS)) // login password is not one
                .isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void apiRequestsAreRateLimitedPerCredential() { // seed 000: 60 requests a minute (RateLimiterTest times it)
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        for (int i = 0; i < 60; i++) {
            auth.authenticateBasic(basic("ann", api.password()), ADDRESS);
        }
        assertThatThrownBy(() -> auth.authenticateBasic(basic("ann", api.password()), ADDRESS))
                .isInstanceOf(io.roostcrm.core.CrmRateLimitedException.class)
                .hasMessageNotContaining(api.password());
    }

    @Test
    void deniedAddressesAreRefusedBeforeAnyPasswordWork() { // seed 002 IP blacklist; issue 11 item 9
        auth.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "192.0.2.0/24", "blocked net");
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(login(auth, "ann", PASSWORD, "::ffff:192.0.2.99"))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(login(auth, "ann", PASSWORD, "198.51.100.1")).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.ADDRESS_REFUSED);
    }

    @Test
    void aUserAllowListAdmitsOnlyItsAddresses() { // seed 002 user whitelist
        auth.addIpRule(IpRuleScope.USER_ALLOW, ann, "2001:db8::/32", "office");
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(login(auth, "ann", PASSWORD, "2001:db8::5")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void aMalformedCidrIsRefusedWhenSavedAndNothingIsStored() {
        assertThatThrownBy(() -> auth.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "10.0.0.0/33", "x"))
                .isInstanceOf(CrmValidationException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> auth.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "10.0.0.9-10.0.0.1", "x"))
                .isInstanceOf(CrmValidationException.class).hasMessageContaining("reversed");
        List<io.roostcrm.core.spi.SecurityStore.IpRule> rules = store.transactionResult(
                tx -> tx.security().orElseThrow().globalIpRules());
        assertThat(rules).isEmpty();
    }

    @Test
    void badBasicHeadersFailTypedAndChangeNothing() { // issue 11 "Bad input"
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        for (String header : List.of("", "Basic " + "A".repeat(1 << 20), "Basic @@@", "Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> auth.authenticateBasic(header, ADDRESS))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        assertThat(auth.authenticateBasic(basic("ann", api.password()), ADDRESS)).isNotNull();
    }

    @Test
    void aDeactivatedUserIsRefusedOnTheNextCall() { // ASVS 5.0 7.4.2
        LoginResult.LoggedIn in = loggedIn();
        store.transactionResult(tx -> tx.users().update(new User(ann, "ann", "Ann Lee", List.of(), Set.of(), false)));
        assertThatThrownBy(() -> secondAuth.session(in.token(), ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
    }

    @Test
    void aTenThousandCharacterPasswordIsRefusedLikeAnyWrongOne() { // bad input
        assertThat(login(auth, "ann", "x".repeat(10_000), ADDRESS)).isInstanceOf(LoginResult.Refused.class);
        loggedIn();
    }

    @Test
    void concurrentFailuresOnTwoNodesAreAllCounted() throws Exception { // issue 11 item 6, bad input
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> refused = new ArrayList<>();
        for (Authenticator node : List.of(auth, secondAuth)) {
            refused.add(pool.submit(() -> {
                start.await();
                int n = 0;
                for (int i = 0; i < 2; i++) {
                    if (login(node, "ann", "wrong password " + i, "198.51.100." + (10 + i)) instanceof LoginResult.Refused) {
                        n++;
                    }
                }
                return n;
            }));
        }
        start.countDown();
        int total = 0;
        for (java.util.concurrent.Future<Integer> f : refused) {
            total += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(4);
        java.util.Optional<io.roostcrm.core.spi.SecurityStore.FailureCounter> counter = store.transactionResult(
                tx -> tx.security().orElseThrow().failureCounter(
                        io.roostcrm.core.spi.SecurityStore.FailureKind.ACCOUNT, "login:ann"));
        assertThat(counter).hasValueSatisfying(c -> assertThat(c.failures()).isEqualTo(4));
    }

    // ---- second factor (issue 11 items 1 and 8) -----------------------------------------------------------------------

    private static final LoginResult REFUSED_CODE = new LoginResult.Refused(LoginResult.Reason.SECOND_FACTOR);
    private static final LoginResult REFUSED = new LoginResult.Refused(LoginResult.Reason.CREDENTIALS);

    private static CrmSession admin(Crm node) {
        return node.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
    }

    /** RFC 4648 base32 without padding, as the enrolment shows the secret. */
    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private void keep(Authenticator.NewTotpEnrolment enrolment) {
        results.add(enrolment);
        secretsSeen.add(enrolment.secret());
        enrolment.recoveryCodes().forEach(this::keepRecoveryCode);
    }

    private void keepRecoveryCode(String code) {
        secretsSeen.add(code);
        secretsSeen.add(code.replace("-", ""));
    }

    /** Ann enrolled and confirmed, with the code of the current step. */
    private Authenticator.NewTotpEnrolment enrolled(TotpAlgorithm algorithm) {
        Authenticator.NewTotpEnrolment enrolment = auth.enrolTotp(ann, algorithm);
        keep(enrolment);
        assertThat(auth.confirmTotp(ann, code(enrolment, 0))).isTrue();
        return enrolment;
    }

    /** The code of the step {@code steps} away from now. */
    private String code(Authenticator.NewTotpEnrolment enrolment, long steps) {
        String code = Totp.codeText(base32(enrolment.secret()), Totp.step(clock.instant()) + steps,
                enrolment.algorithm(), 6);
        codesSeen.add(code);
        return code;
    }

    /** Ann's password on a node, which then waits for her second factor: the pending token. */
    private String pending(Authenticator node) {
        LoginResult result = login(node, "ann", PASSWORD, ADDRESS);
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        String token = ((LoginResult.SecondFactorRequired) result).pendingToken();
        secretsSeen.add(token);
        assertThat(result.toString()).doesNotContain(token);
        return token;
    }

    private java.util.Optional<SecurityStore.TotpEnrolment> storedTotp() {
        return store.transactionResult(tx -> tx.security().orElseThrow().totp(ann));
    }

    private java.util.Optional<SecurityStore.FailureCounter> counter(SecurityStore.FailureKind kind, String key) {
        return store.transactionResult(tx -> tx.security().orElseThrow().failureCounter(kind, key));
    }

    @Test
    void aConfirmedEnrolmentMakesLoginWaitForACodeThatWorksOnceOnEveryNode() { // ASVS 4.0.3 2.8.4, ASVS 5.0 6.5.1
        Authenticator.NewTotpEnrolment enrolment = auth.enrolTotp(ann, TotpAlgorithm.SHA1);
        keep(enrolment);
        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}"); // 20 random bytes: 160 bits (RFC 6238 §5.1)
        assertThat(enrolment.otpauthUri()).isEqualTo("otpauth://totp/Acme%20CRM:ann?secret=" + enrolment.secret()
                + "&issuer=Acme%20CRM&algorithm=SHA1&digits=6&period=30");
        assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("([a-z2-9]{6}-){3}[a-z2-9]{6}"));
        assertThat(storedTotp()).hasValueSatisfying(t -> assertThat(new String(t.encryptedSecret(),
                StandardCharsets.US_ASCII)).startsWith("v1.k1.").doesNotContain(enrolment.secret()));
        loggedIn(); // not confirmed yet: the password alone still logs in
        String first = code(enrolment, 0);
        assertThat(secondAuth.confirmTotp(ann, first)).isTrue();
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.TOTP_ENROLLED);

        String pending = pending(auth);
        // bad input: a pending token is no session, on either node
        assertThatThrownBy(() -> auth.session(pending, ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> secondAuth.session(pending, ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        // bad input: the code that confirmed the enrolment was used, so it is refused, and reported as a re-use
        // (ASVS 4.0.3 2.8.5)
        assertThat(verifyTotp(secondAuth, pending, first, ADDRESS)).isEqualTo(REFUSED_CODE);
        assertThat(events).extracting(SecurityEvent::reason).contains("totp_reused");
        clock.advance(Duration.ofSeconds(30));
        String next = code(enrolment, 0);
        LoginResult result = verifyTotp(secondAuth, pending, next, ADDRESS);
        assertThat(result).isInstanceOf(LoginResult.LoggedIn.class);
        LoginResult.LoggedIn in = (LoginResult.LoggedIn) result;
        assertThat(in.token()).isNotEqualTo(pending);
        assertThat(in.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(auth.session(in.token(), ADDRESS)).isNotNull();
        // the pending token is spent; the code too, even with a new pending token on the other node
        assertThat(verifyTotp(auth, pending, code(enrolment, 1), ADDRESS)).isEqualTo(REFUSED);
        assertThat(verifyTotp(auth, pending(auth), next, ADDRESS)).isEqualTo(REFUSED_CODE);
        assertThat(storedTotp()).hasValueSatisfying(t -> assertThat(t.lastUsedStep())
                .isEqualTo(Totp.step(clock.instant())));
    }

    @Test
    void codesOutsideOneStepEitherSideAreRefusedAndCountTowardTheLockout() { // RFC 6238 §5.2; ASVS 4.0.3 2.2.1
        Authenticator.NewTotpEnrolment enrolment = enrolled(TotpAlgorithm.SHA512);
        assertThat(enrolment.secret()).hasSize(103); // 64 random bytes, the HMAC's length
        clock.advance(Duration.ofSeconds(90)); // the confirmation's step is now three steps back
        long confirmedStep = Totp.step(clock.instant()) - 3;
        String pending = pending(secondAuth);
        for (long outside : List.of(2L, -2L, 3L, 4L, 5L)) { // -2 is after the used step, but outside the window
            assertThat(verifyTotp(auth, pending, code(enrolment, outside), ADDRESS)).isEqualTo(REFUSED_CODE);
        }
        // five refused codes locked the account: now even the right code is refused, and it is not used up
        assertThat(verifyTotp(secondAuth, pending, code(enrolment, 0), ADDRESS)).isEqualTo(REFUSED);
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.LOCKED_OUT);
        assertThat(login(auth, "ann", PASSWORD, ADDRESS)).isEqualTo(REFUSED);
        assertThat(storedTotp()).hasValueSatisfying(t -> assertThat(t.lastUsedStep()).isEqualTo(confirmedStep));
        auth.unlock("ann", ADDRESS);
        assertThat(verifyTotp(secondAuth, pending, code(enrolment, -1), ADDRESS))
                .isInstanceOf(LoginResult.LoggedIn.class); // one step back
        assertThat(verifyTotp(auth, pending(auth), code(enrolment, 1), ADDRESS))
                .isInstanceOf(LoginResult.LoggedIn.class); // one step ahead
    }

    @Test
    void aRecoveryCodeStandsInForACodeOnceOnAnyNode() { // issue 11 item 8; ASVS 5.0 6.5.1
        Authenticator.NewTotpEnrolment enrolment = enrolled(TotpAlgorithm.SHA256);
        String recovery = enrolment.recoveryCodes().get(3);
        assertThat(verifyTotp(auth, pending(auth), recovery.toUpperCase(java.util.Locale.ROOT).replace("-", " "),
                ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.RECOVERY_CODE_USED);
        assertThat(secondAuth.recoveryCodesLeft(ann)).isEqualTo(9);
        // bad input: the same recovery code again, on the other node
        String onTheOtherNode = pending(secondAuth);
        assertThat(verifyTotp(secondAuth, onTheOtherNode, recovery, ADDRESS)).isEqualTo(REFUSED_CODE);
        assertThat(auth.recoveryCodesLeft(ann)).isEqualTo(9);

        List<String> fresh = secondAuth.regenerateRecoveryCodes(ann);
        fresh.forEach(this::keepRecoveryCode);
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolment.recoveryCodes());
        assertThat(verifyTotp(auth, onTheOtherNode, enrolment.recoveryCodes().get(4), ADDRESS))
                .isEqualTo(REFUSED_CODE); // replaced: the old ones are gone
        assertThat(verifyTotp(auth, onTheOtherNode, fresh.get(0), ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(auth.recoveryCodesLeft(ann)).isEqualTo(9);
        assertThat(auth.removeTotp(ann)).isTrue();
        assertThat(auth.recoveryCodesLeft(ann)).isZero();
        loggedIn(); // without an enrolment the password alone logs in again
    }

    @Test
    void enforcedMfaMakesACoveredUserEnrolBeforeAnySession() { // seed 002 "Enable Multi-Factor Authentication"
        assumeTrue(store.capabilities().has(StoreFeature.SETTINGS), "the store keeps no shared settings");
        CrmSession.Admin admin = admin(crm).admin();
        admin.saveRole(Role.builder("Sales").build());
        long bob = store.transactionResult(tx -> tx.users().insert(new User(0, "bob", "Bob", List.of(), Set.of(),
                true))).id();
        auth.setPassword(bob, PASSWORD, "", false);
        assertThat(secondAuth.mfaEnforcement()).isEqualTo(MfaEnforcement.nobody());
        auth.enforceMfa(MfaEnforcement.forRoles(Set.of("Sales")));
        assertThat(secondAuth.mfaEnforcement()).isEqualTo(MfaEnforcement.forRoles(Set.of("Sales")));
        loggedIn(); // ann holds no Sales role yet

        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Sales"), Set.of(), true));
        LoginResult result = login(secondAuth, "ann", PASSWORD, ADDRESS);
        assertThat(result).isInstanceOf(LoginResult.EnrolmentRequired.class);
        LoginResult.EnrolmentRequired required = (LoginResult.EnrolmentRequired) result;
        secretsSeen.add(required.pendingToken());
        assertThat(required.userId()).isEqualTo(ann);
        assertThat(required.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> auth.session(required.pendingToken(), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        // the host enrols her; her first code confirms the enrolment and completes the login
        Authenticator.NewTotpEnrolment enrolment = auth.enrolTotp(ann, TotpAlgorithm.SHA1);
        keep(enrolment);
        assertThat(verifyTotp(secondAuth, required.pendingToken(), code(enrolment, 0), ADDRESS))
                .isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(events).extracting(SecurityEvent::reason).contains("confirmed_at_login");
        assertThat(storedTotp()).hasValueSatisfying(t -> assertThat(t.confirmed()).isTrue());
        assertThatThrownBy(() -> auth.enrolTotp(ann, TotpAlgorithm.SHA1)).isInstanceOf(CrmValidationException.class)
                .hasMessageContaining("already"); // a confirmed factor is never silently replaced
        assertThat(login(secondAuth, "bob", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class)
                .satisfies(r -> secretsSeen.add(((LoginResult.LoggedIn) r).token()));

        auth.enforceMfa(MfaEnforcement.everyone());
        assertThat(login(secondAuth, "bob", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.EnrolmentRequired.class)
                .satisfies(r -> secretsSeen.add(((LoginResult.EnrolmentRequired) r).pendingToken()));
        // bad input: a role that does not exist is refused naming it, and nothing changes
        assertThatThrownBy(() -> auth.enforceMfa(MfaEnforcement.forRoles(Set.of("Nobody here"))))
                .isInstanceOf(CrmValidationException.class).hasMessageContaining("'Nobody here', which does not exist");
        assertThat(secondAuth.mfaEnforcement()).isEqualTo(MfaEnforcement.everyone());
        secondAuth.enforceMfa(MfaEnforcement.nobody());
        assertThat(login(auth, "bob", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class)
                .satisfies(r -> secretsSeen.add(((LoginResult.LoggedIn) r).token()));
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.MFA_ENFORCEMENT_CHANGED);
    }

    @Test
    void twoNodesChangingTheEnforcementAtOnceBothLand() throws Exception { // concurrency: counted outcomes
        assumeTrue(store.capabilities().has(StoreFeature.SETTINGS), "the store keeps no shared settings");
        admin(crm).admin().saveRole(Role.builder("Sales").build());
        List<MfaEnforcement> wanted = List.of(MfaEnforcement.everyone(), MfaEnforcement.forRoles(Set.of("Sales")));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Authenticator node = i == 0 ? auth : secondAuth;
            MfaEnforcement mine = wanted.get(i);
            done.add(pool.submit(() -> {
                start.await();
                node.enforceMfa(mine);
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        // both were written, one after the other: two entries, the later one in force on both nodes
        List<String> entries = store.transactionResult(tx -> {
            List<String> found = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                tx.settings().orElseThrow().get("auth.mfa." + n).ifPresent(found::add);
            }
            return found;
        });
        assertThat(entries).hasSize(2);
        assertThat(wanted).contains(auth.mfaEnforcement());
        assertThat(secondAuth.mfaEnforcement()).isEqualTo(auth.mfaEnforcement());
        assertThat(events).filteredOn(e -> e.kind() == SecurityEvent.Kind.MFA_ENFORCEMENT_CHANGED).hasSize(2);
    }

    @Test
    void aSecretUnderAKeyTheProviderLacksIsATypedErrorThatChangesNothing() { // issue 11 item 8, bad input
        Authenticator.NewTotpEnrolment enrolment = enrolled(TotpAlgorithm.SHA1);
        clock.advance(Duration.ofSeconds(30));
        Authenticator otherId = Authenticator.builder().crm(secondNode, secondStore).clock(clock)
                .listener(events::add).keyProvider(KeyProvider.of("k2", key(2)))
                .testHasher(Argon2idHasher.forTestsOnly()).build();
        Authenticator wrongKey = Authenticator.builder().crm(secondNode, secondStore).clock(clock)
                .listener(events::add).keyProvider(KeyProvider.of("k1", key(3)))
                .testHasher(Argon2idHasher.forTestsOnly()).build();
        Authenticator noKeys = Authenticator.builder().crm(secondNode, secondStore).clock(clock)
                .listener(events::add).testHasher(Argon2idHasher.forTestsOnly()).build();
        String pending = pending(otherId); // the password step needs no key
        String code = code(enrolment, 0);
        assertThatThrownBy(() -> otherId.verifyTotp(pending, code, ADDRESS))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessage("a stored secret is encrypted under key 'k1', which the key provider does not have");
        assertThatThrownBy(() -> wrongKey.verifyTotp(pending, code, ADDRESS))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("does not decrypt with key 'k1'");
        assertThatThrownBy(() -> noKeys.verifyTotp(pending, code, ADDRESS))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("keyProvider was not set");
        assertThatThrownBy(() -> noKeys.enrolTotp(ann, TotpAlgorithm.SHA1))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("keyProvider was not set");
        // nothing changed: no failure counted, the code's step not used, the pending token still waits
        assertThat(counter(SecurityStore.FailureKind.ACCOUNT, "login:ann")).isEmpty();
        assertThat(counter(SecurityStore.FailureKind.ADDRESS, ADDRESS)).isEmpty();
        assertThat(verifyTotp(auth, pending, code, ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThatThrownBy(() -> auth.confirmTotp(noSuchUser(), code)).isInstanceOf(CrmNotFoundException.class);
    }

    /** A user id no user has. */
    private long noSuchUser() {
        return ann + 1_000;
    }

    @Test
    void aMalformedOrUnknownPendingTokenIsRefusedAndCountsNothing() { // issue 11 "Bad input"
        LoginResult.LoggedIn in = loggedIn();
        for (String token : List.of("", "short", "A".repeat(31) + "!", "A".repeat(64), "A".repeat(32), in.token())) {
            assertThat(verifyTotp(auth, token, "000000", ADDRESS)).isEqualTo(REFUSED);
        }
        assertThat(counter(SecurityStore.FailureKind.ACCOUNT, "login:ann")).isEmpty();
        assertThat(counter(SecurityStore.FailureKind.ADDRESS, ADDRESS)).isEmpty();
        assertThat(secondAuth.session(in.token(), ADDRESS)).isNotNull(); // a session token is no pending one
    }

    // ---- revocation where users are administered (issue 11 item 7) ---------------------------------------------------

    @Test
    void deactivatingAUserOrTakingARoleAwayRevokesTheirSessionsOnEveryNode() { // ASVS 4.0.3 3.3.1, ASVS 5.0 7.4.2
        CrmSession.Admin admin = admin(crm).admin();
        admin.saveRole(Role.builder("Sales").build());
        admin.saveRole(Role.builder("Support").build());
        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Sales"), Set.of(), true));
        LoginResult.LoggedIn first = loggedIn();
        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Sales", "Support"), Set.of(), true));
        assertThat(secondAuth.session(first.token(), ADDRESS)).isNotNull(); // a role given: the session stays
        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Support"), Set.of(), true));
        assertThatThrownBy(() -> secondAuth.session(first.token(), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);

        LoginResult.LoggedIn second = loggedIn();
        CrmSession.Admin otherAdmin = admin(secondNode).admin();
        otherAdmin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Support"), Set.of(), false));
        otherAdmin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Support"), Set.of(), true)); // back at once
        assertThatThrownBy(() -> auth.session(second.token(), ADDRESS)).isInstanceOf(CrmAuthenticationException.class);
        loggedIn(); // she logs in again under what she holds now
    }

    // ---- an API request decides on what the database holds now, on every node (issue 11; issue 8) -------------------

    @Test
    void anApiPasswordOfAUserDeactivatedOnAnotherNodeIsRefusedOnTheNextRequest() { // ASVS 5.0 7.4.2, ASVS 5.0 8.3.2
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        assertThat(secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS)).isNotNull();
        assertThat(secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS)).isNotNull(); // caches warm

        admin(crm).admin().updateUser(new User(ann, "ann", "Ann Lee", List.of(), Set.of(), false));
        assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticateBasic(basic("ann", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void deactivationRevokesTheUsersApiPasswordsSoReactivationDoesNotBringThemBack() { // ASVS 5.0 7.4.2; least privilege
        Authenticator.NewApiPassword phone = auth.createApiPassword(ann, "phone");
        Authenticator.NewApiPassword laptop = auth.createApiPassword(ann, "laptop");
        secretsSeen.add(phone.password());
        secretsSeen.add(laptop.password());
        assertThat(secondAuth.authenticateBasic(basic("ann", phone.password()), ADDRESS)).isNotNull();

        admin(secondNode).admin().updateUser(new User(ann, "ann", "Ann Lee", List.of(), Set.of(), false));
        assertThat(auth.apiPasswords(ann)).as("revoked in the deactivation's transaction, not only refused").isEmpty();
        admin(crm).admin().updateUser(new User(ann, "ann", "Ann Lee", List.of(), Set.of(), true));
        for (Authenticator node : List.of(auth, secondAuth)) {
            for (String password : List.of(phone.password(), laptop.password())) {
                assertThatThrownBy(() -> node.authenticateBasic(basic("ann", password), ADDRESS))
                        .isInstanceOf(CrmAuthenticationException.class);
            }
        }
        // Taking a role away or renaming is no deactivation: the API passwords stay (the next request has the change).
        Authenticator.NewApiPassword fresh = auth.createApiPassword(ann, "phone");
        secretsSeen.add(fresh.password());
        admin(crm).admin().updateUser(new User(ann, "ann", "Ann L.", List.of(), Set.of(), true));
        assertThat(secondAuth.authenticateBasic(basic("ann", fresh.password()), ADDRESS)).isNotNull();
        assertThat(auth.apiPasswords(ann)).hasSize(1);
    }

    @Test
    void anApiRequestHoldsTheRolesLoginAndActiveFlagStoredNowEvenWhenChangedOnAnotherNode() { // ASVS 5.0 8.3.2
        CrmSession.Admin admin = admin(crm).admin();
        admin.saveRole(Role.builder("Sales").build());
        admin.saveRole(Role.builder("Support").build());
        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Sales", "Support"), Set.of(), true));
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        assertThat(roleNames(secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS)))
                .containsExactlyInAnyOrder("Sales", "Support");
        assertThat(roleNames(secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS)))
                .containsExactlyInAnyOrder("Sales", "Support"); // the second node's caches are warm now

        admin.updateUser(new User(ann, "ann", "Ann Lee", List.of("Support"), Set.of(), true));
        assertThat(roleNames(secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS)))
                .containsExactly("Support");

        admin.updateUser(new User(ann, "annie", "Ann Lee", List.of("Support"), Set.of(), true));
        assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(secondAuth.authenticateBasic(basic("annie", api.password()), ADDRESS)).isNotNull();

        // Deactivated in the store itself, past the administration that revokes: the request still checks the flag.
        store.transactionResult(tx -> tx.users().update(new User(ann, "annie", "Ann Lee", List.of("Support"), Set.of(),
                false)));
        assertThatThrownBy(() -> secondAuth.authenticateBasic(basic("annie", api.password()), ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void ipRulesChangedOnOneNodeDecideTheNextApiRequestOnAnother() { // issue 11 item 9; ASVS 5.0 8.3.2
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        String header = basic("ann", api.password());
        String elsewhere = "198.51.100.1";
        assertThat(secondAuth.authenticateBasic(header, ADDRESS)).isNotNull();

        SecurityStore.IpRule deny = auth.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "192.0.2.0/24", "blocked net");
        assertThatThrownBy(() -> secondAuth.authenticateBasic(header, ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(secondAuth.authenticateBasic(header, elsewhere)).isNotNull();
        assertThat(auth.removeIpRule(deny.id())).isTrue();
        assertThat(secondAuth.authenticateBasic(header, ADDRESS)).isNotNull();

        SecurityStore.IpRule office = auth.addIpRule(IpRuleScope.USER_ALLOW, ann, "2001:db8::/32", "office");
        assertThatThrownBy(() -> secondAuth.authenticateBasic(header, ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        assertThat(secondAuth.authenticateBasic(header, "2001:db8::5")).isNotNull();
        assertThat(auth.removeIpRule(office.id())).isTrue();

        auth.addIpRule(IpRuleScope.GLOBAL_ALLOW, 0, "198.51.100.0/24", "vpn");
        assertThatThrownBy(() -> secondAuth.authenticateBasic(header, ADDRESS))
                .isInstanceOf(CrmAuthenticationException.class);
        auth.addIpRule(IpRuleScope.USER_ALLOW, ann + 1000, "203.0.113.0/24", "someone else's");
        assertThat(secondAuth.authenticateBasic(header, elsewhere)).as("another user's allow list").isNotNull();
        assertThat(events).filteredOn(e -> e.kind() == SecurityEvent.Kind.ADDRESS_REFUSED).hasSize(3);
    }

    @Test
    void anApiPasswordsLastUseIsWrittenAtMostOnceAMinute() { // issue 11: no write per request
        Authenticator.NewApiPassword api = auth.createApiPassword(ann, "phone");
        secretsSeen.add(api.password());
        Instant created = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS);
        assertThat(auth.apiPasswords(ann)).extracting(SecurityStore.ApiPassword::lastUsedAt).containsExactly(created);
        clock.advance(Duration.ofSeconds(31));
        Instant used = clock.instant();
        secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS);
        clock.advance(Duration.ofSeconds(59));
        secondAuth.authenticateBasic(basic("ann", api.password()), ADDRESS);
        assertThat(auth.apiPasswords(ann)).extracting(SecurityStore.ApiPassword::lastUsedAt).containsExactly(used);
    }

    private static List<String> roleNames(CrmSession session) {
        return session.policy().subject().roles().stream().map(Role::name).toList();
    }

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> Authenticator.builder().issuer("Acme:CRM"))
                .hasMessage("issuer was 'Acme:CRM' but it must be 1 to 100 characters without control characters or ':'");
        assertThatThrownBy(() -> Authenticator.builder().maxFailures(0)).hasMessageContaining("maxFailures was 0");
        assertThatThrownBy(() -> Authenticator.builder().idleTimeout(Duration.ofSeconds(5)))
                .hasMessageContaining("idleTimeout was PT5S");
        assertThatThrownBy(() -> Authenticator.builder().idleTimeout(Duration.ofHours(13)).crm(crm, store).build())
                .hasMessageContaining("must not exceed absoluteTimeout");
    }
}
