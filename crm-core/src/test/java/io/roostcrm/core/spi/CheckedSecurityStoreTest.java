package io.roostcrm.core.spi;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.SecurityStore.FailureKind;
import io.roostcrm.core.spi.SecurityStore.IpRuleScope;
import io.roostcrm.core.spi.SecurityStore.LoginCredential;
import io.roostcrm.core.spi.SecurityStore.LoginSession;
import io.roostcrm.core.spi.SecurityStore.TotpAlgorithm;
import io.roostcrm.core.spi.SecurityStore.TotpEnrolment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The checks {@link AbstractStoreTransaction} puts in front of every store's {@link SecurityStore}: bounded inputs
 * refused naming the parameter and never echoing its value (issue 11 item 11: no secret in an exception message),
 * times truncated to the microsecond, nothing written by a refused call, no use after the unit of work.
 */
class CheckedSecurityStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SECRETISH = "s3cr3t-value";
    private static final byte[] DIGEST = new byte[SecurityStore.DIGEST_LENGTH];

    private final InMemoryCrmStore store = new InMemoryCrmStore();

    private void inSecurity(Consumer<SecurityStore> work) {
        store.transaction(tx -> work.accept(tx.security().orElseThrow()));
    }

    static Stream<Arguments> refusedCalls() {
        String longLabel = SECRETISH + "x".repeat(SecurityStore.MAX_LABEL_LENGTH);
        return Stream.of(
                arguments("digest of 31 bytes", "digest", (Consumer<SecurityStore>) s ->
                        s.findApiPassword(new byte[31])),
                arguments("digest of 33 bytes", "tokenDigest", (Consumer<SecurityStore>) s ->
                        s.findSession(new byte[33])),
                arguments("empty label", "label", (Consumer<SecurityStore>) s ->
                        s.addApiPassword(1, "", DIGEST, T0)),
                arguments("label of 101+ characters", "label", (Consumer<SecurityStore>) s ->
                        s.addApiPassword(1, longLabel, DIGEST, T0)),
                arguments("label with a line break", "label", (Consumer<SecurityStore>) s ->
                        s.addIpRule(IpRuleScope.GLOBAL_DENY, 0, "10.0.0.0/8", SECRETISH + "\n")),
                arguments("failure key with a trailing space", "key", (Consumer<SecurityStore>) s ->
                        s.recordFailure(FailureKind.ACCOUNT, SECRETISH + " ", T0, T0)),
                arguments("failure key with a leading space", "key", (Consumer<SecurityStore>) s ->
                        s.recordFailure(FailureKind.ACCOUNT, " " + SECRETISH, T0, T0)),
                arguments("failure key of 256 characters", "key", (Consumer<SecurityStore>) s ->
                        s.recordFailure(FailureKind.ADDRESS, SECRETISH + "k".repeat(256), T0, T0)),
                arguments("password hash with a space", "passwordHash", (Consumer<SecurityStore>) s ->
                        s.setLoginCredential(1, "$argon2id$ " + SECRETISH, T0)),
                arguments("password hash of 513 characters", "newHash", (Consumer<SecurityStore>) s ->
                        s.replacePasswordHash(1, "$a$b", SECRETISH + "h".repeat(513))),
                arguments("CIDR with other characters", "cidr", (Consumer<SecurityStore>) s ->
                        s.addIpRule(IpRuleScope.GLOBAL_ALLOW, 0, "10.0.0.0/8 or " + SECRETISH, "x")),
                arguments("user id 0", "userId", (Consumer<SecurityStore>) s -> s.loginCredential(0)),
                arguments("negative user id", "userId", (Consumer<SecurityStore>) s -> s.revokeSessions(-1)),
                arguments("global IP rule with a user", "userId", (Consumer<SecurityStore>) s ->
                        s.addIpRule(IpRuleScope.GLOBAL_DENY, 7, "10.0.0.0/8", "x")),
                arguments("user IP rule without a user", "userId", (Consumer<SecurityStore>) s ->
                        s.addIpRule(IpRuleScope.USER_ALLOW, 0, "10.0.0.0/8", "x")),
                arguments("TOTP step 0", "step", (Consumer<SecurityStore>) s -> s.useTotpStep(1, 0)),
                arguments("API password id 0", "id", (Consumer<SecurityStore>) s ->
                        s.touchApiPassword(0, T0, T0)),
                arguments("65 recovery codes", "digests", (Consumer<SecurityStore>) s ->
                        s.replaceRecoveryCodes(1, distinctDigests(65))),
                arguments("a recovery code twice", "digests", (Consumer<SecurityStore>) s ->
                        s.replaceRecoveryCodes(1, List.of(DIGEST, DIGEST.clone()))),
                arguments("TOTP key id with a space", "keyId", (Consumer<SecurityStore>) s ->
                        s.saveTotp(new TotpEnrolment(1, new byte[] {1}, "key " + SECRETISH, TotpAlgorithm.SHA1, 6, 30,
                                false, 0, T0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCalls")
    @DisplayName("an out-of-bounds argument is refused naming the parameter, never echoing it, and writes nothing")
    void outOfBoundsArgumentsAreRefused(String what, String parameter, Consumer<SecurityStore> call) {
        assertThatThrownBy(() -> inSecurity(call)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(parameter + " ").hasMessageNotContaining(SECRETISH);

        store.transaction(tx -> {
            SecurityStore s = tx.security().orElseThrow();
            assertThat(s.loginCredential(1)).isEmpty();
            assertThat(s.apiPasswords(1)).isEmpty();
            assertThat(s.globalIpRules()).isEmpty();
            assertThat(s.recoveryCodesLeft(1)).isZero();
            assertThat(s.failureCounter(FailureKind.ACCOUNT, SECRETISH)).isEmpty();
        });
    }

    @Test
    @DisplayName("a null argument is refused naming the parameter")
    void nullsAreRefused() {
        assertThatThrownBy(() -> inSecurity(s -> s.findApiPassword(null))).isInstanceOf(NullPointerException.class)
                .hasMessage("digest");
        assertThatThrownBy(() -> inSecurity(s -> s.recordFailure(null, "k", T0, T0)))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> inSecurity(s -> s.purgeSessions(T0, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("idleSince");
    }

    @Test
    @DisplayName("the bounds themselves are accepted: 100-character label, 255-character key, 512-character hash")
    void boundsAreAccepted() {
        String label = "é".repeat(SecurityStore.MAX_LABEL_LENGTH);
        String key = "k".repeat(SecurityStore.MAX_FAILURE_KEY_LENGTH);
        String hash = "$".repeat(SecurityStore.MAX_HASH_LENGTH);
        inSecurity(s -> {
            s.addApiPassword(1, label, DIGEST, T0);
            s.recordFailure(FailureKind.ACCOUNT, key, T0, T0);
            s.setLoginCredential(1, hash, T0);
            s.replaceRecoveryCodes(1, distinctDigests(SecurityStore.MAX_RECOVERY_CODES));
        });

        store.transaction(tx -> {
            SecurityStore s = tx.security().orElseThrow();
            assertThat(s.apiPasswords(1)).singleElement().satisfies(p -> assertThat(p.label()).isEqualTo(label));
            assertThat(s.failureCounter(FailureKind.ACCOUNT, key)).isPresent();
            assertThat(s.loginCredential(1)).map(LoginCredential::passwordHash).contains(hash);
            assertThat(s.recoveryCodesLeft(1)).isEqualTo(SecurityStore.MAX_RECOVERY_CODES);
        });
    }

    @Test
    @DisplayName("times reach the store truncated to the microsecond, so every store gives back what it was given")
    void timesAreTruncatedToMicroseconds() {
        Instant withNanos = Instant.parse("2026-03-01T10:00:00.123456789Z");
        inSecurity(s -> {
            s.setLoginCredential(1, "$h", withNanos);
            s.addSession(DIGEST, new LoginSession(1, withNanos, withNanos, withNanos.plusSeconds(60), false));
        });

        Instant micros = Instant.parse("2026-03-01T10:00:00.123456Z");
        store.transaction(tx -> {
            SecurityStore s = tx.security().orElseThrow();
            assertThat(s.loginCredential(1)).map(LoginCredential::setAt).contains(micros);
            assertThat(s.findSession(DIGEST)).map(LoginSession::createdAt).contains(micros);
        });
    }

    @Test
    @DisplayName("the sub-store refuses use after its unit of work ended")
    void noUseAfterTheUnitOfWork() {
        SecurityStore escaped = store.transactionResult(tx -> tx.security().orElseThrow());

        assertThatThrownBy(() -> escaped.loginCredential(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> escaped.recordFailure(FailureKind.ACCOUNT, "k", T0, T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("values print no hash or secret, and a TOTP enrolment's secret is copied in and out")
    void valuesKeepTheirSecrets() {
        byte[] secret = HexFormat.of().parseHex("0badc0ffee0badc0ffee");
        TotpEnrolment enrolment = new TotpEnrolment(1, secret, "k1", TotpAlgorithm.SHA512, 8, 30, true, 5, T0);
        secret[0] = 0;
        enrolment.encryptedSecret()[1] = 0;
        LoginCredential credential = new LoginCredential(1, "$argon2id$v=19$" + SECRETISH, T0);

        assertThat(enrolment.encryptedSecret()).isEqualTo(HexFormat.of().parseHex("0badc0ffee0badc0ffee"));
        assertThat(enrolment).isEqualTo(new TotpEnrolment(1, HexFormat.of().parseHex("0badc0ffee0badc0ffee"), "k1",
                TotpAlgorithm.SHA512, 8, 30, true, 5, T0));
        assertThat(enrolment.toString()).doesNotContain("0badc0ffee").doesNotContain("[B@").contains("SHA512");
        assertThat(credential.toString()).doesNotContain(SECRETISH).doesNotContain("argon2id");
    }

    @Test
    @DisplayName("a session whose times are out of order cannot be made")
    void sessionTimesMustBeInOrder() {
        assertThatThrownBy(() -> new LoginSession(1, T0, T0.minusNanos(1), T0.plusSeconds(1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastSeenAt");
        assertThatThrownBy(() -> new LoginSession(1, T0, T0, T0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
    }

    private static List<byte[]> distinctDigests(int count) {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[SecurityStore.DIGEST_LENGTH];
            digest[0] = (byte) i;
            digest[1] = (byte) (i >> 8);
            digests.add(digest);
        }
        return digests;
    }
}
