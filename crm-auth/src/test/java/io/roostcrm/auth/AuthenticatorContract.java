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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every promise of the Authenticator, run once per store (memory, H2, PostgreSQL, MariaDB): two {@code Crm}
 * instances, each over its own store object on one database, stand for two nodes.
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
                .rateLimiter(RateLimiter.inProcess(60, Duration.ofHours(1))).build();
        secondAuth = Authenticator.builder().crm(secondNode, secondStore).clock(clock).listener(events::add).build();
        auth.setPassword(ann, PASSWORD, "ann@example.com", false);
        secretsSeen.add(PASSWORD);
    }

    @AfterEach
    void secretsNeverAppearInEvents() { // issue 11 item 11; ASVS 4.0.3 7.1.1, ASVS 5.0 16.2.5
        for (SecurityEvent e : events) {
            for (String secret : secretsSeen) {
                assertThat(e.toString()).doesNotContain(secret);
            }
        }
        crm.close();
        secondNode.close();
        if (secondStore != store) {
            secondStore.close();
        }
        store.close();
        dispose(store);
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private LoginResult.LoggedIn loggedIn() {
        LoginResult result = auth.login("ann", PASSWORD, ADDRESS);
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
        assertThat(secondAuth.login("ann", "not the password", "198.51.100.7"))
                .isInstanceOf(LoginResult.Refused.class);
        auth.logout(in.token());
        for (int i = 0; i < 5; i++) {
            auth.login("ann", "wrong " + i, ADDRESS);
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
        LoginResult unknown = auth.login("nobody", PASSWORD, ADDRESS);
        LoginResult wrong = auth.login("ann", "wrong password entirely", ADDRESS);
        assertThat(unknown).isEqualTo(wrong).isEqualTo(new LoginResult.Refused(LoginResult.Reason.CREDENTIALS));
        assertThat(events).extracting(SecurityEvent::reason).contains("unknown_login", "wrong_password");
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPasswordUntilUnlocked() { // seed 002; ASVS 4.0.3 2.2.1
        for (int i = 0; i < 5; i++) {
            assertThat(auth.login("ann", "wrong password " + i, "198.51.100." + (i + 1)))
                    .isInstanceOf(LoginResult.Refused.class);
        }
        assertThat(secondAuth.login("ann", PASSWORD, ADDRESS))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.CREDENTIALS)); // persisted: another node too
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.LOCKED_OUT);
        auth.unlock("ann", null);
        loggedIn();
        // success resets the account counter: four more failures do not lock
        for (int i = 0; i < 4; i++) {
            auth.login("ann", "wrong again " + i, "203.0.113." + (i + 1));
        }
        loggedIn();
    }

    @Test
    void theLockoutEndsAfterFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            auth.login("ann", "wrong password " + i, "198.51.100." + (i + 1));
        }
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
        clock.advance(Duration.ofMinutes(15));
        loggedIn();
    }

    @Test
    void failuresCountPerAddressToo() {
        store.transactionResult(tx -> tx.users().insert(new User(0, "bob", "Bob", List.of(), Set.of(), true)));
        for (int i = 0; i < 5; i++) {
            auth.login(i % 2 == 0 ? "bob" : "carol" + i, "wrong password " + i, "198.51.100.7");
        }
        assertThat(auth.login("ann", PASSWORD, "198.51.100.7")).isInstanceOf(LoginResult.Refused.class);
        assertThat(auth.login("ann", PASSWORD, "::ffff:198.51.100.8")).isInstanceOf(LoginResult.LoggedIn.class);
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
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
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
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.LoggedIn.class);
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
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(auth.login("ann", PASSWORD, "::ffff:192.0.2.99"))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(auth.login("ann", PASSWORD, "198.51.100.1")).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(events).extracting(SecurityEvent::kind).contains(SecurityEvent.Kind.ADDRESS_REFUSED);
    }

    @Test
    void aUserAllowListAdmitsOnlyItsAddresses() { // seed 002 user whitelist
        auth.addIpRule(IpRuleScope.USER_ALLOW, ann, "2001:db8::/32", "office");
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isEqualTo(new LoginResult.Refused(LoginResult.Reason.ADDRESS));
        assertThat(auth.login("ann", PASSWORD, "2001:db8::5")).isInstanceOf(LoginResult.LoggedIn.class);
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
        assertThat(auth.login("ann", PASSWORD, ADDRESS)).isInstanceOf(LoginResult.Refused.class);
    }

    @Test
    void aTenThousandCharacterPasswordIsRefusedLikeAnyWrongOne() { // bad input
        assertThat(auth.login("ann", "x".repeat(10_000), ADDRESS)).isInstanceOf(LoginResult.Refused.class);
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
                    if (node.login("ann", "wrong password " + i, "198.51.100." + (10 + i)) instanceof LoginResult.Refused) {
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

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> Authenticator.builder().maxFailures(0)).hasMessageContaining("maxFailures was 0");
        assertThatThrownBy(() -> Authenticator.builder().idleTimeout(Duration.ofSeconds(5)))
                .hasMessageContaining("idleTimeout was PT5S");
        assertThatThrownBy(() -> Authenticator.builder().idleTimeout(Duration.ofHours(13)).crm(crm, store).build())
                .hasMessageContaining("must not exceed absoluteTimeout");
    }
}
