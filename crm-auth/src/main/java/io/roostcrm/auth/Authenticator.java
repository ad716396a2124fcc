package io.roostcrm.auth;

import io.roostcrm.auth.internal.Argon2idHasher;
import io.roostcrm.auth.internal.Base32;
import io.roostcrm.auth.internal.BasicCredentials;
import io.roostcrm.auth.internal.MfaSettings;
import io.roostcrm.auth.internal.SecretCipher;
import io.roostcrm.auth.internal.Secrets;
import io.roostcrm.auth.internal.Totp;
import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.KeyProvider;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SecurityStore.FailureKind;
import io.roostcrm.core.spi.SecurityStore.TotpEnrolment;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proves who is calling, then hands out that user's {@link CrmSession}. Built over a {@link Crm} and the
 * {@link CrmStore} that Crm runs on; every piece of state (password hashes, API password digests, login sessions,
 * failure counters, IP rules) lives in the store's {@link SecurityStore}, so every node over one database sees the
 * same: a revoked API password or session fails on the very next call on any node.
 *
 * <ul>
 * <li>{@link #login}: IP rules first (a denied address costs no Argon2), then exactly one Argon2id verify, against
 * the user's hash or a dummy one: an unknown login, a wrong password, a locked account and an inactive user are one
 * refusal at one cost. Failures count per account and per address, atomically in the store; at
 * {@link Builder#maxFailures} the account or address is locked for {@link Builder#lockout}.</li>
 * <li>{@link #authenticateBasic}: an API request's HTTP Basic header (RFC 7617) with a generated API password,
 * looked up by its SHA-256 digest; then the IP rules and the credential's rate limit.</li>
 * <li>{@link #session}: a login session's token; inactivity and absolute timeouts; the user is re-read (active) in the
 * same unit of work.</li>
 * <li>Second factor (TOTP, RFC 6238): a user with a confirmed enrolment, or one whom {@link MfaEnforcement} covers,
 * gets a pending token from {@link #login} instead of a session, and {@link #verifyTotp} turns it into a session
 * with a code (used once: never the same step twice, one step either side of now) or a recovery code (used once).
 * Enrolment ({@link #enrolTotp}) gives the secret, its {@code otpauth://} URI and ten recovery codes once; the secret
 * is stored encrypted with AES-256-GCM under the host's {@link KeyProvider}, the recovery codes as SHA-256 digests.
 * </li>
 * </ul>
 * Administration (passwords, API passwords, TOTP enrolments, MFA enforcement, unlock, IP rules) is on the same
 * object: the host calls it for users it has authorised. Thread-safe. Nothing it reports (results, exceptions,
 * events, logs) carries a secret.
 */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** What an unknown login probes in place of a user id: the largest id, which no user is given in practice. */
    private static final long NO_USER = Long.MAX_VALUE;
    /** How long a pending token waits for its second factor. */
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);
    private static final int TOTP_DIGITS = 6;
    private static final int RECOVERY_CODES = 10;

    private final Crm crm;
    private final CrmStore store;
    private final Clock clock;
    private final Argon2idHasher hasher;
    private final PasswordPolicy policy;
    private final int maxFailures;
    private final Duration lockout;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final RateLimiter rateLimiter;
    private final SecurityEventListener listener;
    private final SecretCipher cipher;
    private final String issuer;
    private final Secrets secrets = new Secrets();
    private final MfaSettings mfa = new MfaSettings();

    private Authenticator(Builder b) {
        this.crm = b.crm;
        this.store = b.store;
        this.clock = b.clock;
        this.hasher = b.hasher != null ? b.hasher : new Argon2idHasher(b.argon2);
        this.cipher = b.keyProvider != null ? new SecretCipher(b.keyProvider) : null;
        this.issuer = b.issuer;
        this.policy = b.policy != null ? b.policy : PasswordPolicy.defaults();
        this.maxFailures = b.maxFailures;
        this.lockout = b.lockout;
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiter.inProcess();
        this.listener = b.listener;
    }

    /** Starts an authenticator. */
    public static Builder builder() {
        return new Builder();
    }

    /** What {@link #createApiPassword} gives: the id to manage it by and the password, shown this once. */
    public record NewApiPassword(long id, String label, String password) {
        /** Never shows the password. */
        @Override
        public String toString() {
            return "NewApiPassword[id=" + id + ", label=" + label + ", password=<redacted>]";
        }
    }

    /**
     * What {@link #enrolTotp} gives, shown this once: the secret (base32, for typing into an app), the same as an
     * {@code otpauth://totp/} URI (for a QR code), and ten recovery codes.
     *
     * @param secret        the shared secret, RFC 4648 base32 without padding
     * @param otpauthUri    the key URI authenticator apps read: issuer, the user's login, secret, algorithm, 6 digits,
     *                      30-second period
     * @param algorithm     the HMAC
     * @param recoveryCodes ten single-use recovery codes, each usable once in place of a code
     */
    public record NewTotpEnrolment(String secret, String otpauthUri, TotpAlgorithm algorithm,
                                   List<String> recoveryCodes) {
        /** Checks and copies. */
        public NewTotpEnrolment {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(otpauthUri, "otpauthUri");
            Objects.requireNonNull(algorithm, "algorithm");
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        /** Never shows the secret, the URI or the codes. */
        @Override
        public String toString() {
            return "NewTotpEnrolment[algorithm=" + algorithm + ", secret=<redacted>, otpauthUri=<redacted>, "
                    + recoveryCodes.size() + " recovery codes=<redacted>]";
        }
    }

    // ---- login -------------------------------------------------------------------------------------------------------

    private record LoginFacts(Optional<User> user, Optional<String> hash, boolean addressAllowed, boolean locked) {
    }

    /** How a right password ends: a session, a wait for the second factor or for its enrolment, or nothing. */
    private enum PasswordOutcome { INACTIVE, SESSION, SECOND_FACTOR, ENROLMENT }

    /**
     * Logs a user in with a password.
     *
     * <p>With the right password, the result is {@link LoginResult.LoggedIn} for a user without a second factor;
     * {@link LoginResult.SecondFactorRequired} for a user with a confirmed TOTP enrolment; and
     * {@link LoginResult.EnrolmentRequired} for a user whom {@link #mfaEnforcement()} covers but who has no confirmed
     * enrolment. The last two carry a pending token for {@link #verifyTotp}, valid five minutes, and do not reset the
     * failure count: only a completed login does, so that a second factor cannot be guessed by logging in again
     * between guesses. Which case applies is read from the store in the unit of work that creates the session.
     *
     * @param clientAddress the client's IPv4 or IPv6 literal
     * @return the session, the wait for a second factor, or a refusal (never an exception for wrong credentials)
     * @throws IllegalArgumentException if the address is not a literal
     */
    public LoginResult login(String login, String password, String clientAddress) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
        BigInteger address = address(clientAddress);
        Instant now = clock.instant();
        String accountKey = accountKey(login);
        LoginFacts facts = work(clientAddress, now, (tx, sec) -> {
            if (!IpRules.allowed(sec.globalIpRules(), List.of(), address)) {
                return new LoginFacts(Optional.empty(), Optional.empty(), false, false);
            }
            Optional<User> user = login.length() <= 100 ? tx.users().findByLogin(login) : Optional.empty();
            // An unknown login runs the same statements as a known one, on an id no user has, so that only the
            // Argon2id verify (against the dummy hash) is left to cost time, and it costs the same (ASVS 5.0 6.3.8).
            long probed = user.map(User::id).orElse(NO_USER);
            List<SecurityStore.IpRule> userRules = sec.userIpRules(probed);
            if (user.isPresent() && !IpRules.allowed(List.of(), userRules, address)) {
                return new LoginFacts(user, Optional.empty(), false, false);
            }
            Optional<String> stored = sec.loginCredential(probed).map(c -> c.passwordHash());
            Optional<String> hash = user.isPresent() ? stored : Optional.empty();
            boolean locked = sec.failureCounter(FailureKind.ACCOUNT, accountKey).map(c -> c.lockedAt(now)).orElse(false)
                    || sec.failureCounter(FailureKind.ADDRESS, clientAddress).map(c -> c.lockedAt(now)).orElse(false);
            return new LoginFacts(user, hash, true, locked);
        });
        long userId = facts.user().map(User::id).orElse(0L);
        if (!facts.addressAllowed()) {
            emit(SecurityEvent.Kind.ADDRESS_REFUSED, userId, now, clientAddress, false, "address_denied");
            return new LoginResult.Refused(LoginResult.Reason.ADDRESS);
        }
        boolean matches;
        if (facts.hash().isPresent()) {
            matches = hasher.verify(facts.hash().get(), password);
        } else {
            hasher.verifyDummy(password);
            matches = false;
        }
        boolean active = facts.user().map(User::active).orElse(false);
        if (!matches || facts.locked() || !active) {
            String reason = facts.locked() ? "locked" : facts.user().isEmpty() ? "unknown_login"
                    : facts.hash().isEmpty() ? "no_password" : !matches ? "wrong_password" : "inactive";
            if (!facts.locked()) {
                countFailure(accountKey, clientAddress, now, userId);
            }
            emit(SecurityEvent.Kind.LOGIN_FAILED, userId, now, clientAddress, false, reason);
            return new LoginResult.Refused(LoginResult.Reason.CREDENTIALS);
        }
        String token = secrets.newSecret();
        String rehash = hasher.needsRehash(facts.hash().get()) ? hasher.hash(password) : null;
        PasswordOutcome outcome = work(clientAddress, now, (tx, sec) -> {
            Optional<User> current = tx.users().find(userId);
            if (current.isEmpty() || !current.get().active()) {
                return PasswordOutcome.INACTIVE;
            }
            PasswordOutcome next = sec.totp(userId).map(TotpEnrolment::confirmed).orElse(false)
                    ? PasswordOutcome.SECOND_FACTOR
                    : enforcement(tx).covers(Set.copyOf(current.get().roleNames())) ? PasswordOutcome.ENROLMENT
                    : PasswordOutcome.SESSION;
            if (next == PasswordOutcome.SESSION) {
                sec.resetFailures(FailureKind.ACCOUNT, accountKey);
            }
            if (rehash != null) {
                sec.replacePasswordHash(userId, facts.hash().get(), rehash);
            }
            boolean pending = next != PasswordOutcome.SESSION;
            sec.addSession(Secrets.digest(token), new SecurityStore.LoginSession(userId, now, now,
                    now.plus(pending ? PENDING_LIFETIME : absoluteTimeout), pending));
            return next;
        });
        switch (outcome) {
            case INACTIVE:
                emit(SecurityEvent.Kind.LOGIN_FAILED, userId, now, clientAddress, false, "inactive");
                return new LoginResult.Refused(LoginResult.Reason.CREDENTIALS);
            case SECOND_FACTOR:
                emit(SecurityEvent.Kind.SECOND_FACTOR_REQUIRED, userId, now, clientAddress, true, "totp");
                return new LoginResult.SecondFactorRequired(token, now.plus(PENDING_LIFETIME));
            case ENROLMENT:
                emit(SecurityEvent.Kind.SECOND_FACTOR_REQUIRED, userId, now, clientAddress, true, "enrolment_required");
                return new LoginResult.EnrolmentRequired(token, userId, now.plus(PENDING_LIFETIME));
            default:
                emit(SecurityEvent.Kind.LOGIN_SUCCEEDED, userId, now, clientAddress, true, "ok");
                return new LoginResult.LoggedIn(token, crmSession(userId, clientAddress), now.plus(absoluteTimeout));
        }
    }

    // ---- second factor -----------------------------------------------------------------------------------------------

    /** How a second factor ended, decided in one unit of work. */
    private record FactorOutcome(String reason, long userId, String accountKey, boolean enrolledNow) {
        boolean ok() {
            return reason.equals("ok") || reason.equals("recovery_code");
        }

        /** A guess at the factor: counted toward the lockout as a wrong password is. */
        boolean counted() {
            return reason.equals("wrong_code") || reason.equals("totp_reused") || reason.equals("wrong_recovery_code");
        }
    }

    /**
     * Completes a login that {@link #login} left waiting for its second factor ({@link LoginResult.SecondFactorRequired}
     * or {@link LoginResult.EnrolmentRequired}), with a TOTP code from the user's app or one of the user's recovery
     * codes.
     *
     * <p>A TOTP code is accepted for the current 30-second step or one step either side (RFC 6238 §5.2), and only
     * for a step after the last one accepted, atomically in the store: a code is used once, on any node. A code that
     * confirms a not yet confirmed enrolment (the {@link LoginResult.EnrolmentRequired} case) confirms it. A recovery
     * code (as given, with or without dashes and spaces, in any case) is accepted once, and only for a confirmed
     * enrolment; a recovery code needs no key provider. On success the pending token ends and a new session token is
     * given (the pending token never becomes the session's). A refused code counts toward the account's and the
     * address's lockout as a wrong password does; a locked account is refused even the right code.
     *
     * @param pendingToken  the token of {@link LoginResult.SecondFactorRequired} or {@link LoginResult.EnrolmentRequired}
     * @param code          a 6-digit TOTP code or a recovery code
     * @param clientAddress the client's IPv4 or IPv6 literal
     * @return {@link LoginResult.LoggedIn}; {@link LoginResult.Refused} with {@link LoginResult.Reason#SECOND_FACTOR}
     *         for a code not accepted (the pending token stays usable), {@link LoginResult.Reason#CREDENTIALS} for a
     *         pending token that is not (or no longer) accepted or a locked account, or
     *         {@link LoginResult.Reason#ADDRESS}
     * @throws IllegalArgumentException  if the address is not a literal
     * @throws CrmConfigurationException if a TOTP code must be checked and no {@link Builder#keyProvider} was set, or
     *                                   the enrolment's secret is under a key the provider does not have (or a
     *                                   wrong one); nothing is changed then
     */
    public LoginResult verifyTotp(String pendingToken, String code, String clientAddress) {
        Objects.requireNonNull(code, "code");
        BigInteger address = address(clientAddress);
        Instant now = clock.instant();
        if (!Secrets.isWellFormed(pendingToken)) {
            emit(SecurityEvent.Kind.LOGIN_FAILED, 0, now, clientAddress, false, "malformed_token");
            return new LoginResult.Refused(LoginResult.Reason.CREDENTIALS);
        }
        byte[] pendingDigest = Secrets.digest(pendingToken);
        String recovery = Secrets.normaliseRecoveryCode(code);
        String token = secrets.newSecret();
        Instant expiresAt = now.plus(absoluteTimeout);
        FactorOutcome outcome = work(clientAddress, now, (tx, sec) -> {
            Optional<SecurityStore.LoginSession> found = sec.findSession(pendingDigest);
            if (found.isEmpty() || !found.get().secondFactorPending()) {
                return new FactorOutcome("unknown_pending", 0, null, false);
            }
            long userId = found.get().userId();
            if (!now.isBefore(found.get().expiresAt())) {
                sec.revokeSession(pendingDigest);
                return new FactorOutcome("expired", userId, null, false);
            }
            Optional<User> user = tx.users().find(userId);
            if (user.isEmpty() || !user.get().active()) {
                sec.revokeSession(pendingDigest);
                return new FactorOutcome("inactive", userId, null, false);
            }
            if (!IpRules.allowed(sec.globalIpRules(), sec.userIpRules(userId), address)) {
                return new FactorOutcome("address_denied", userId, null, false);
            }
            String accountKey = accountKey(user.get().login());
            if (sec.failureCounter(FailureKind.ACCOUNT, accountKey).map(c -> c.lockedAt(now)).orElse(false)
                    || sec.failureCounter(FailureKind.ADDRESS, clientAddress).map(c -> c.lockedAt(now)).orElse(false)) {
                return new FactorOutcome("locked", userId, accountKey, false);
            }
            Optional<TotpEnrolment> enrolment = sec.totp(userId);
            boolean enrolledNow = false;
            String reason;
            if (recovery != null) {
                reason = enrolment.isPresent() && enrolment.get().confirmed()
                        && sec.consumeRecoveryCode(userId, Secrets.digest(recovery)) ? "recovery_code"
                        : "wrong_recovery_code";
            } else if (enrolment.isEmpty()) {
                reason = "not_enrolled";
            } else {
                reason = useCode(sec, enrolment.get(), code, now);
                enrolledNow = reason.equals("ok") && !enrolment.get().confirmed() && sec.confirmTotp(userId);
            }
            if (reason.equals("ok") || reason.equals("recovery_code")) {
                sec.revokeSession(pendingDigest);
                sec.resetFailures(FailureKind.ACCOUNT, accountKey);
                sec.addSession(Secrets.digest(token), new SecurityStore.LoginSession(userId, now, now, expiresAt,
                        false));
            }
            return new FactorOutcome(reason, userId, accountKey, enrolledNow);
        });
        if (!outcome.ok()) {
            if (outcome.counted()) {
                countFailure(outcome.accountKey(), clientAddress, now, outcome.userId());
            }
            boolean addressDenied = outcome.reason().equals("address_denied");
            emit(addressDenied ? SecurityEvent.Kind.ADDRESS_REFUSED : outcome.reason().equals("expired")
                    ? SecurityEvent.Kind.SESSION_EXPIRED : SecurityEvent.Kind.LOGIN_FAILED, outcome.userId(), now,
                    clientAddress, false, outcome.reason());
            return new LoginResult.Refused(addressDenied ? LoginResult.Reason.ADDRESS
                    : outcome.counted() || outcome.reason().equals("not_enrolled") ? LoginResult.Reason.SECOND_FACTOR
                    : LoginResult.Reason.CREDENTIALS);
        }
        long userId = outcome.userId();
        if (outcome.enrolledNow()) {
            emit(SecurityEvent.Kind.TOTP_ENROLLED, userId, now, clientAddress, true, "confirmed_at_login");
        }
        if (outcome.reason().equals("recovery_code")) {
            emit(SecurityEvent.Kind.RECOVERY_CODE_USED, userId, now, clientAddress, true, "ok");
        }
        emit(SecurityEvent.Kind.LOGIN_SUCCEEDED, userId, now, clientAddress, true, "ok");
        return new LoginResult.LoggedIn(token, crmSession(userId, clientAddress), expiresAt);
    }

    /**
     * Checks a TOTP code against an enrolment and uses its step, in the caller's unit of work: {@code ok},
     * {@code wrong_code}, or {@code totp_reused} (told apart so that a re-use is reported as one, ASVS 4.0.3 2.8.5).
     */
    private String useCode(SecurityStore sec, TotpEnrolment enrolment, String code, Instant now) {
        if (enrolment.periodSeconds() != Totp.STEP_SECONDS || enrolment.digits() != TOTP_DIGITS) {
            throw new CrmConfigurationException("a TOTP enrolment has a period or length this version does not"
                    + " support (it supports " + TOTP_DIGITS + " digits every " + Totp.STEP_SECONDS + " seconds)");
        }
        byte[] key = cipher().decrypt(new String(enrolment.encryptedSecret(), StandardCharsets.US_ASCII),
                totpAssociatedData(enrolment.userId()));
        try {
            TotpAlgorithm algorithm = TotpAlgorithm.valueOf(enrolment.algorithm().name());
            OptionalLong step = Totp.verify(key, code, now, algorithm, TOTP_DIGITS, enrolment.lastUsedStep());
            if (step.isEmpty()) {
                return Totp.verify(key, code, now, algorithm, TOTP_DIGITS, -1).isPresent() ? "totp_reused"
                        : "wrong_code";
            }
            return sec.useTotpStep(enrolment.userId(), step.getAsLong()) ? "ok" : "totp_reused";
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** What binds an encrypted TOTP secret to its user (a secret copied to another user's row does not decrypt). */
    private static String totpAssociatedData(long userId) {
        return "totp:" + userId;
    }

    private SecretCipher cipher() {
        if (cipher == null) {
            throw new CrmConfigurationException("keyProvider was not set but it must be for TOTP: set"
                    + " Authenticator.Builder.keyProvider to the host's keys");
        }
        return cipher;
    }

    /**
     * Enrols a user in TOTP, replacing an enrolment not yet confirmed, and replaces the user's recovery codes with
     * ten new ones. The secret ({@link TotpAlgorithm#keyBytes()} random bytes) is stored encrypted under the key
     * provider's current key, bound to the user; the result shows it, its URI and the recovery codes this once.
     * The enrolment takes effect once confirmed: by {@link #confirmTotp}, or by the first code at {@link #verifyTotp}
     * after {@link LoginResult.EnrolmentRequired}. Until then login asks for no code and recovery codes are refused.
     *
     * @throws CrmConfigurationException if no {@link Builder#keyProvider} was set
     * @throws CrmNotFoundException      if there is no such user
     * @throws CrmValidationException    field {@code totp}, rule {@code already_enrolled}, if the user has a confirmed
     *                                   enrolment (remove it first: a confirmed factor is never silently replaced);
     *                                   nothing is changed then
     */
    public NewTotpEnrolment enrolTotp(long userId, TotpAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        SecretCipher sealer = cipher();
        Instant now = clock.instant();
        byte[] key = secrets.bytes(algorithm.keyBytes());
        try {
            String sealed = sealer.encrypt(key, totpAssociatedData(userId));
            String keyId = sealed.split("\\.", 3)[1];
            List<String> codes = newRecoveryCodes();
            User user = work(null, now, (tx, sec) -> {
                User found = tx.users().find(userId).orElseThrow(() -> new CrmNotFoundException("user", userId));
                if (sec.totp(userId).map(TotpEnrolment::confirmed).orElse(false)) {
                    throw new CrmValidationException(Violation.of("totp", "already_enrolled",
                            "is confirmed for this user already; remove the enrolment before enrolling again"));
                }
                sec.saveTotp(new TotpEnrolment(userId, sealed.getBytes(StandardCharsets.US_ASCII), keyId,
                        SecurityStore.TotpAlgorithm.valueOf(algorithm.name()), TOTP_DIGITS, (int) Totp.STEP_SECONDS,
                        false, 0, now));
                sec.replaceRecoveryCodes(userId, digests(codes));
                return found;
            });
            emit(SecurityEvent.Kind.RECOVERY_CODES_REPLACED, userId, now, "", true, "enrolled");
            return new NewTotpEnrolment(Base32.encode(key),
                    Totp.otpauthUri(issuer, user.login(), key, algorithm, TOTP_DIGITS), algorithm, codes);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Confirms a user's enrolment with a first valid code from the user's app (the code's step is used: it is not
     * accepted again). A failed confirmation is not counted toward the lockout: the host calls this for a user it has
     * authorised.
     *
     * @return {@code true} if the code was accepted and the enrolment is confirmed (also when it already was);
     *         {@code false} for a wrong code, one used already, or one outside the window; nothing is changed then
     * @throws CrmNotFoundException      if the user has no enrolment
     * @throws CrmConfigurationException if no {@link Builder#keyProvider} was set, or the secret is under a key the
     *                                   provider does not have
     */
    public boolean confirmTotp(long userId, String code) {
        Objects.requireNonNull(code, "code");
        Instant now = clock.instant();
        boolean[] confirmedNow = new boolean[1];
        boolean accepted = work(null, now, (tx, sec) -> {
            TotpEnrolment enrolment = sec.totp(userId)
                    .orElseThrow(() -> new CrmNotFoundException("totp enrolment", userId));
            if (!useCode(sec, enrolment, code, now).equals("ok")) {
                return false;
            }
            confirmedNow[0] = !enrolment.confirmed() && sec.confirmTotp(userId);
            return true;
        });
        if (confirmedNow[0]) {
            emit(SecurityEvent.Kind.TOTP_ENROLLED, userId, now, "", true, "ok");
        }
        return accepted;
    }

    /**
     * Removes a user's TOTP enrolment and recovery codes: from the next login the user needs only the password,
     * unless {@link MfaEnforcement} covers the user (then {@link LoginResult.EnrolmentRequired}).
     *
     * @return whether there was an enrolment
     */
    public boolean removeTotp(long userId) {
        Instant now = clock.instant();
        boolean removed = work(null, now, (tx, sec) -> sec.removeTotp(userId));
        if (removed) {
            emit(SecurityEvent.Kind.TOTP_REMOVED, userId, now, "", true, "ok");
        }
        return removed;
    }

    /**
     * Replaces a user's recovery codes with ten new ones, shown this once; the old ones stop working at once, on
     * every node. The store keeps their SHA-256 digests only.
     *
     * @throws CrmNotFoundException if the user has no TOTP enrolment
     */
    public List<String> regenerateRecoveryCodes(long userId) {
        Instant now = clock.instant();
        List<String> codes = newRecoveryCodes();
        work(null, now, (tx, sec) -> {
            sec.totp(userId).orElseThrow(() -> new CrmNotFoundException("totp enrolment", userId));
            sec.replaceRecoveryCodes(userId, digests(codes));
            return null;
        });
        emit(SecurityEvent.Kind.RECOVERY_CODES_REPLACED, userId, now, "", true, "regenerated");
        return codes;
    }

    /** How many unused recovery codes a user has. */
    public int recoveryCodesLeft(long userId) {
        return work(null, clock.instant(), (tx, sec) -> sec.recoveryCodesLeft(userId));
    }

    private List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        while (codes.size() < RECOVERY_CODES) {
            String code = secrets.newRecoveryCode();
            if (!codes.contains(code)) { // the store wants distinct digests; at 119 bits a repeat never happens
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    private static List<byte[]> digests(List<String> codes) {
        List<byte[]> digests = new ArrayList<>(codes.size());
        for (String code : codes) {
            digests.add(Secrets.digest(Secrets.normaliseRecoveryCode(code)));
        }
        return digests;
    }

    // ---- MFA enforcement ---------------------------------------------------------------------------------------------

    /**
     * Whom a second factor is required of, kept in the store's shared settings ({@link StoreFeature#SETTINGS}) so
     * that every node applies the same from its next login; {@link MfaEnforcement#nobody()} until first set, and on a
     * store without shared settings.
     */
    public MfaEnforcement mfaEnforcement() {
        return work(null, clock.instant(), (tx, sec) -> enforcement(tx));
    }

    /**
     * Sets whom a second factor is required of, from every node's next login. A user it covers who has no confirmed
     * enrolment gets {@link LoginResult.EnrolmentRequired} at login, never a session; existing sessions stay (revoke
     * them with {@link #revokeSessions} if they must not).
     *
     * @throws CrmValidationException    field {@code roleNames}: rule {@code unknown_role} naming a role that does not
     *                                   exist, or {@code too_long} when the roles do not fit in one setting (1,024
     *                                   characters); nothing is changed then
     * @throws CrmConfigurationException if the store keeps no shared settings
     */
    public void enforceMfa(MfaEnforcement enforcement) {
        Objects.requireNonNull(enforcement, "enforcement");
        if (!store.capabilities().has(StoreFeature.SETTINGS)) {
            throw new CrmConfigurationException("the store keeps no shared settings (StoreFeature.SETTINGS), so MFA"
                    + " enforcement cannot be shared by every node");
        }
        try {
            MfaSettings.encode(enforcement);
        } catch (IllegalArgumentException e) {
            throw new CrmValidationException(Violation.of("roleNames", "too_long",
                    "must fit in one setting of " + SettingStore.MAX_VALUE_LENGTH + " characters"));
        }
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                // false when another node wrote the next entry first: read again in a new unit of work
                boolean done = work(null, now, (tx, sec) -> {
                    if (enforcement instanceof MfaEnforcement.ForRoles roles) {
                        for (String role : roles.roleNames()) {
                            if (!RoleNames.isName(role) || tx.roles().find(role).isEmpty()) {
                                throw new CrmValidationException(Violation.of("roleNames", "unknown_role",
                                        "names role '" + RoleNames.shown(role) + "', which does not exist"));
                            }
                        }
                    }
                    SettingStore settings = tx.settings().orElseThrow(() -> new CrmConfigurationException(
                            "the store declares SETTINGS but gives no settings()"));
                    MfaSettings.Entry current = mfa.current(settings);
                    return current.enforcement().equals(enforcement) || mfa.append(settings, current, enforcement);
                });
                if (done) {
                    break;
                }
            } catch (CrmStoreException e) {
                // a store may fail the unit of work on the setting's key instead of answering false
                if (attempt >= 3) {
                    throw e;
                }
                continue;
            }
            if (attempt >= 3) {
                throw new CrmStoreException("the MFA enforcement could not be written: other nodes kept changing it",
                        null);
            }
        }
        String reason = enforcement instanceof MfaEnforcement.ForRoles ? "roles"
                : enforcement instanceof MfaEnforcement.Everyone ? "everyone" : "nobody";
        emit(SecurityEvent.Kind.MFA_ENFORCEMENT_CHANGED, 0, now, "", true, reason);
    }

    /** The enforcement in force, read in the caller's unit of work. */
    private MfaEnforcement enforcement(StoreTransaction tx) {
        return tx.settings().map(settings -> mfa.current(settings).enforcement()).orElse(MfaEnforcement.nobody());
    }

    /** Role names as enforcement names them: the checks before a look-up, and a safe way to show one. */
    private static final class RoleNames {
        private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

        static boolean isName(String name) {
            return NAME.matcher(name).matches();
        }

        static String shown(String name) {
            String clean = name.replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
        }
    }

    private void countFailure(String accountKey, String clientAddress, Instant now, long userId) {
        Instant windowStart = now.minus(lockout);
        boolean[] lockedNow = new boolean[2];
        work(clientAddress, now, (tx, sec) -> {
            if (sec.recordFailure(FailureKind.ACCOUNT, accountKey, now, windowStart) >= maxFailures) {
                lockedNow[0] = sec.lockUntil(FailureKind.ACCOUNT, accountKey, now.plus(lockout));
            }
            if (sec.recordFailure(FailureKind.ADDRESS, clientAddress, now, windowStart) >= maxFailures) {
                lockedNow[1] = sec.lockUntil(FailureKind.ADDRESS, clientAddress, now.plus(lockout));
            }
            return null;
        });
        if (lockedNow[0]) {
            emit(SecurityEvent.Kind.LOCKED_OUT, userId, now, clientAddress, true, "account_locked");
        }
        if (lockedNow[1]) {
            emit(SecurityEvent.Kind.LOCKED_OUT, userId, now, clientAddress, true, "address_locked");
        }
    }

    // ---- API requests ------------------------------------------------------------------------------------------------

    /**
     * Authenticates an API request by its {@code Authorization} header (HTTP Basic, RFC 7617) with an API password.
     *
     * <p>One unit of work decides, on what the store holds at that moment: the API password (by its SHA-256 digest)
     * and the IP rules that apply ({@link SecurityStore#apiRequest}, one statement on the JDBC store), then the user,
     * whose login is compared in constant time and whose active flag and roles the session is built from
     * ({@link Crm#sessionIn}: read in the same unit of work, or this node's copy when the security epoch read there
     * shows that no user and no role changed since). A revoked or reset API password, a changed IP rule, a
     * deactivated user or a role taken away, on any node, are refused or honoured on the very next request. The
     * password's last use is written only when the one stored is over a minute old, so a request is no write. Then
     * the credential's rate limit.
     *
     * @throws CrmAuthenticationException for a malformed header, an unknown or revoked API password, a login that is
     *                                    not the password's user, an inactive user or a refused address
     * @throws io.roostcrm.core.CrmRateLimitedException when the credential is over its rate limit
     */
    public CrmSession authenticateBasic(String authorizationHeader, String clientAddress) {
        BigInteger address = address(clientAddress);
        Instant now = clock.instant();
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorizationHeader);
        } catch (CrmAuthenticationException e) {
            emit(SecurityEvent.Kind.LOGIN_FAILED, 0, now, clientAddress, false, "malformed_header");
            throw e;
        }
        if (!Secrets.isWellFormed(credentials.password())) {
            emit(SecurityEvent.Kind.LOGIN_FAILED, 0, now, clientAddress, false, "unknown_api_password");
            throw new CrmAuthenticationException();
        }
        byte[] digest = Secrets.digest(credentials.password());
        byte[] login = credentials.login().getBytes(StandardCharsets.UTF_8);
        String[] reason = {"ok"};
        long[] ids = new long[2];
        CrmSession session = work(clientAddress, now, (tx, sec) -> {
            Optional<SecurityStore.ApiRequest> request = sec.apiRequest(digest);
            if (request.isEmpty()) {
                // Only a refusal reads the global rules again: to tell a refused address from an unknown password.
                reason[0] = IpRules.allowed(sec.globalIpRules(), List.of(), address) ? "unknown_api_password"
                        : "address_denied";
                return null;
            }
            if (!IpRules.allowed(request.get().globalIpRules(), List.of(), address)) {
                reason[0] = "address_denied";
                return null;
            }
            SecurityStore.ApiPassword apiPassword = request.get().apiPassword();
            ids[0] = apiPassword.userId();
            ids[1] = apiPassword.id();
            Optional<Crm.UserSession> user = crm.sessionIn(tx, apiPassword.userId());
            if (user.isEmpty()) {
                // No such active user: the user read once more (a refusal only), to tell the two reasons apart.
                boolean sameLogin = tx.users().find(apiPassword.userId()).map(u -> sameLogin(u, login)).orElse(false);
                reason[0] = sameLogin ? "inactive" : "login_mismatch";
                return null;
            }
            if (!sameLogin(user.get().user(), login)) {
                reason[0] = "login_mismatch";
                return null;
            }
            if (!IpRules.allowed(List.of(), request.get().userIpRules(), address)) {
                reason[0] = "address_denied";
                return null;
            }
            Instant touchBefore = now.minus(TOUCH_EVERY);
            if (apiPassword.lastUsedAt().isBefore(touchBefore)) {
                sec.touchApiPassword(apiPassword.id(), now, touchBefore);
            }
            return user.get().session();
        });
        if (session == null) {
            emit(reason[0].equals("address_denied") ? SecurityEvent.Kind.ADDRESS_REFUSED
                    : SecurityEvent.Kind.LOGIN_FAILED, ids[0], now, clientAddress, false, reason[0]);
            throw new CrmAuthenticationException();
        }
        try {
            rateLimiter.acquire("api:" + ids[1]);
        } catch (CrmException e) {
            emit(SecurityEvent.Kind.RATE_LIMITED, ids[0], now, clientAddress, false, "rate_limited");
            throw e;
        }
        return session.fromAddress(clientAddress);
    }

    /** Whether the presented login (UTF-8) is the user's, compared in constant time. */
    private static boolean sameLogin(User user, byte[] presented) {
        return MessageDigest.isEqual(user.login().getBytes(StandardCharsets.UTF_8), presented);
    }

    // ---- sessions ----------------------------------------------------------------------------------------------------

    /**
     * The CRM session of a live login session.
     *
     * @throws CrmAuthenticationException for a malformed, unknown, revoked or expired token, an inactive user or a
     *                                    refused address
     */
    public CrmSession session(String token, String clientAddress) {
        BigInteger address = address(clientAddress);
        Instant now = clock.instant();
        if (!Secrets.isWellFormed(token)) {
            emit(SecurityEvent.Kind.LOGIN_FAILED, 0, now, clientAddress, false, "malformed_token");
            throw new CrmAuthenticationException();
        }
        byte[] digest = Secrets.digest(token);
        String[] reason = {"ok"};
        long[] user = {0};
        boolean ok = work(clientAddress, now, (tx, sec) -> {
            Optional<SecurityStore.LoginSession> found = sec.findSession(digest);
            if (found.isEmpty() || found.get().secondFactorPending()) {
                reason[0] = "unknown_session";
                return false;
            }
            SecurityStore.LoginSession s = found.get();
            user[0] = s.userId();
            if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(idleTimeout))) {
                sec.revokeSession(digest);
                reason[0] = "expired";
                return false;
            }
            Optional<User> u = tx.users().find(s.userId());
            if (u.isEmpty() || !u.get().active()) {
                sec.revokeSession(digest);
                reason[0] = "inactive";
                return false;
            }
            if (!IpRules.allowed(sec.globalIpRules(), sec.userIpRules(s.userId()), address)) {
                reason[0] = "address_denied";
                return false;
            }
            sec.touchSession(digest, now, now.minus(TOUCH_EVERY));
            return true;
        });
        if (!ok) {
            SecurityEvent.Kind kind = switch (reason[0]) {
                case "expired" -> SecurityEvent.Kind.SESSION_EXPIRED;
                case "address_denied" -> SecurityEvent.Kind.ADDRESS_REFUSED;
                default -> SecurityEvent.Kind.LOGIN_FAILED;
            };
            emit(kind, user[0], now, clientAddress, false, reason[0]);
            throw new CrmAuthenticationException();
        }
        return crmSession(user[0], clientAddress);
    }

    /** Ends a login session; an unknown or malformed token is ignored. */
    public void logout(String token) {
        if (!Secrets.isWellFormed(token)) {
            return;
        }
        Instant now = clock.instant();
        byte[] digest = Secrets.digest(token);
        long userId = work(null, now, (tx, sec) -> {
            Optional<SecurityStore.LoginSession> s = sec.findSession(digest);
            sec.revokeSession(digest);
            return s.map(SecurityStore.LoginSession::userId).orElse(0L);
        });
        if (userId != 0) {
            emit(SecurityEvent.Kind.LOGGED_OUT, userId, now, "", true, "ok");
        }
    }

    // ---- administration ----------------------------------------------------------------------------------------------

    /**
     * Sets a user's login password after checking it against the policy; revokes every session of the user and, if
     * asked, every API password.
     *
     * @param email the user's e-mail address for the policy's context check ({@code ""} if none)
     * @throws CrmValidationException listing every failed policy rule (field {@code password})
     * @throws CrmNotFoundException   if there is no such user
     */
    public void setPassword(long userId, String newPassword, String email, boolean revokeApiPasswords) {
        Objects.requireNonNull(newPassword, "newPassword");
        Instant now = clock.instant();
        User user = store.transactionResult(WorkContext.system(now), tx -> tx.users().find(userId))
                .orElseThrow(() -> new CrmNotFoundException("user", userId));
        policy.check(newPassword, user.login(), user.displayName(), email);
        String hash = hasher.hash(newPassword);
        int[] revoked = new int[2];
        work(null, now, (tx, sec) -> {
            sec.setLoginCredential(userId, hash, now);
            revoked[0] = sec.revokeSessions(userId);
            if (revokeApiPasswords) {
                revoked[1] = sec.revokeApiPasswords(userId);
            }
            return null;
        });
        emit(SecurityEvent.Kind.PASSWORD_CHANGED, userId, now, "", true, "ok");
        if (revoked[0] > 0) {
            emit(SecurityEvent.Kind.SESSION_REVOKED, userId, now, "", true, "password_changed");
        }
        if (revoked[1] > 0) {
            emit(SecurityEvent.Kind.API_PASSWORD_REVOKED, userId, now, "", true, "password_changed");
        }
    }

    /**
     * Creates an API password for a user, with a label; the password is in the result only.
     *
     * @throws CrmValidationException field {@code label} when it is empty, over 100 characters or has control
     *                                characters
     */
    public NewApiPassword createApiPassword(long userId, String label) {
        Objects.requireNonNull(label, "label");
        if (!SecurityStore.LABEL_RULE.matcher(label).matches()) {
            throw new CrmValidationException(Violation.of("label", "malformed",
                    "must be 1 to 100 characters without control characters"));
        }
        Instant now = clock.instant();
        String password = secrets.newSecret();
        SecurityStore.ApiPassword created = work(null, now, (tx, sec) -> {
            tx.users().find(userId).orElseThrow(() -> new CrmNotFoundException("user", userId));
            return sec.addApiPassword(userId, label, Secrets.digest(password), now);
        });
        emit(SecurityEvent.Kind.API_PASSWORD_CREATED, userId, now, "", true, "ok");
        return new NewApiPassword(created.id(), label, password);
    }

    /** Replaces an API password with a new one under the same label; the old one fails from the next request. */
    public NewApiPassword resetApiPassword(long userId, long apiPasswordId) {
        Instant now = clock.instant();
        String password = secrets.newSecret();
        SecurityStore.ApiPassword created = work(null, now, (tx, sec) -> {
            SecurityStore.ApiPassword old = sec.apiPasswords(userId).stream().filter(p -> p.id() == apiPasswordId)
                    .findFirst().orElseThrow(() -> new CrmNotFoundException("api password", apiPasswordId));
            sec.revokeApiPassword(userId, apiPasswordId);
            return sec.addApiPassword(userId, old.label(), Secrets.digest(password), now);
        });
        emit(SecurityEvent.Kind.API_PASSWORD_RESET, userId, now, "", true, "ok");
        return new NewApiPassword(created.id(), created.label(), password);
    }

    /** Revokes one API password; {@code false} if the user has no such one. */
    public boolean revokeApiPassword(long userId, long apiPasswordId) {
        Instant now = clock.instant();
        boolean revoked = work(null, now, (tx, sec) -> sec.revokeApiPassword(userId, apiPasswordId));
        if (revoked) {
            emit(SecurityEvent.Kind.API_PASSWORD_REVOKED, userId, now, "", true, "ok");
        }
        return revoked;
    }

    /** Revokes every API password of a user (a reset of all of them); returns how many there were. */
    public int revokeApiPasswords(long userId) {
        Instant now = clock.instant();
        int revoked = work(null, now, (tx, sec) -> sec.revokeApiPasswords(userId));
        if (revoked > 0) {
            emit(SecurityEvent.Kind.API_PASSWORD_REVOKED, userId, now, "", true, "all_revoked");
        }
        return revoked;
    }

    /**
     * Revokes every login session of a user, on every node: each fails on its next call. For an administrator who
     * removed a user's role or suspects a stolen session; a password change does it by itself.
     */
    public int revokeSessions(long userId) {
        Instant now = clock.instant();
        int revoked = work(null, now, (tx, sec) -> sec.revokeSessions(userId));
        if (revoked > 0) {
            emit(SecurityEvent.Kind.SESSION_REVOKED, userId, now, "", true, "all_revoked");
        }
        return revoked;
    }

    /** A user's API passwords (labels and times; never the passwords). */
    public List<SecurityStore.ApiPassword> apiPasswords(long userId) {
        return work(null, clock.instant(), (tx, sec) -> sec.apiPasswords(userId));
    }

    /** Lifts the lockout of an account (by login) and of an address (if not {@code null}). */
    public void unlock(String login, String clientAddress) {
        Instant now = clock.instant();
        long userId = work(null, now, (tx, sec) -> {
            sec.resetFailures(FailureKind.ACCOUNT, accountKey(login));
            if (clientAddress != null) {
                sec.resetFailures(FailureKind.ADDRESS, clientAddress);
            }
            return login.length() <= 100 ? tx.users().findByLogin(login).map(User::id).orElse(0L) : 0L;
        });
        emit(SecurityEvent.Kind.UNLOCKED, userId, now, clientAddress == null ? "" : clientAddress, true, "ok");
    }

    /**
     * Adds an IP rule (a CIDR or single address; ranges written {@code a-b} are not stored).
     *
     * @param userId the user for {@link SecurityStore.IpRuleScope#USER_ALLOW}, else 0
     * @throws CrmValidationException field {@code cidr}, naming it, when it is malformed, reversed or has host bits
     */
    public SecurityStore.IpRule addIpRule(SecurityStore.IpRuleScope scope, long userId, String cidr, String label) {
        IpRange range = IpRange.parse(cidr);
        if (range.text().contains("-")) {
            throw new CrmValidationException(Violation.of("cidr", "malformed", "'" + range.text()
                    + "' is a range; write it as CIDR blocks"));
        }
        Instant now = clock.instant();
        SecurityStore.IpRule rule = work(null, now, (tx, sec) -> sec.addIpRule(scope, userId, range.text(), label));
        emit(SecurityEvent.Kind.IP_RULES_CHANGED, userId, now, "", true, "rule_added");
        return rule;
    }

    /** Removes an IP rule. */
    public boolean removeIpRule(long ruleId) {
        Instant now = clock.instant();
        boolean removed = work(null, now, (tx, sec) -> sec.removeIpRule(ruleId));
        if (removed) {
            emit(SecurityEvent.Kind.IP_RULES_CHANGED, 0, now, "", true, "rule_removed");
        }
        return removed;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------------

    private interface Work<T> {
        T run(StoreTransaction tx, SecurityStore security);
    }

    private <T> T work(String clientAddress, Instant now, Work<T> work) {
        WorkContext context = WorkContext.system(now);
        if (clientAddress != null) {
            context = context.withClientAddress(clientAddress);
        }
        return store.transactionResult(context, tx -> work.run(tx, tx.security().orElseThrow(
                () -> new CrmConfigurationException("the store does not declare SECURITY"))));
    }

    private CrmSession crmSession(long userId, String clientAddress) {
        try {
            return crm.as(userId).fromAddress(clientAddress);
        } catch (CrmNotFoundException e) {
            throw new CrmAuthenticationException();
        }
    }

    private static BigInteger address(String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        return IpRange.numeric(clientAddress).orElseThrow(() -> new IllegalArgumentException(
                "clientAddress must be an IPv4 or IPv6 literal"));
    }

    private static String accountKey(String login) {
        String normalised = login.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            normalised = "(empty)";
        }
        normalised = normalised.replaceAll("\\p{Cntrl}", "?");
        return "login:" + (normalised.length() > 200 ? normalised.substring(0, 200) : normalised);
    }

    private void emit(SecurityEvent.Kind kind, long userId, Instant time, String address, boolean success,
                      String reason) {
        // The audit trail first (issue 12 item 1): committed in a unit of work of its own, so a refused login's event
        // is kept although the call then fails. A store without a change log records nothing.
        try {
            crm.audit().record(new io.roostcrm.core.audit.SecurityEvent(trailKind(kind), userId, time, address,
                    success ? io.roostcrm.core.audit.SecurityEvent.Outcome.SUCCESS
                            : io.roostcrm.core.audit.SecurityEvent.Outcome.FAILURE, reason));
        } catch (RuntimeException e) {
            LOG.warn("could not record a {} event in the audit trail: {}", kind, e.getClass().getName());
        }
        try {
            listener.onEvent(new SecurityEvent(kind, userId, time, address, success ? SecurityEvent.Outcome.SUCCESS
                    : SecurityEvent.Outcome.FAILURE, reason));
        } catch (RuntimeException e) {
            LOG.warn("security event listener failed on a {} event: {}", kind, e.getClass().getName());
        }
    }

    /**
     * The event's kind as the audit trail names it: {@code login.succeeded}, {@code login.failed}, {@code lockout},
     * {@code logout}, which its login-tracking view reads, and the kind's name in lower case for the others.
     */
    static String trailKind(SecurityEvent.Kind kind) {
        return switch (kind) {
            case LOGIN_SUCCEEDED -> "login.succeeded";
            case LOGIN_FAILED -> "login.failed";
            case LOCKED_OUT -> "lockout";
            case LOGGED_OUT -> "logout";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public String toString() {
        return "Authenticator[" + hasher.describe() + ", maxFailures=" + maxFailures + ", lockout=" + lockout + "]";
    }

    /** Builds an {@link Authenticator}. Each setter checks its value, naming the setting. Not thread-safe. */
    public static final class Builder {
        private Crm crm;
        private CrmStore store;
        private Clock clock = Clock.systemUTC();
        private Argon2Parameters argon2 = Argon2Parameters.OWASP_MINIMUM;
        private PasswordPolicy policy;
        private int maxFailures = 5;
        private Duration lockout = Duration.ofMinutes(15);
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration absoluteTimeout = Duration.ofHours(12);
        private RateLimiter rateLimiter;
        private SecurityEventListener listener = SecurityEventListener.NONE;
        private KeyProvider keyProvider;
        private String issuer = "Roost";
        private Argon2idHasher hasher;

        private Builder() {
        }

        /**
         * The host's keys, which TOTP secrets are encrypted under (AES-256-GCM, the key id stored beside each). Needed
         * only when TOTP is used: without it, {@link #enrolTotp}, {@link #confirmTotp} and a TOTP code at
         * {@link #verifyTotp} fail with a {@link CrmConfigurationException} naming this setting. Default none.
         */
        public Builder keyProvider(KeyProvider keyProvider) {
            this.keyProvider = Objects.requireNonNull(keyProvider, "keyProvider");
            return this;
        }

        /**
         * The issuer an authenticator app shows beside the account in the {@code otpauth://} URI: 1 to 100
         * characters, no control characters and no {@code ':'} (the URI's label separator). Default {@code Roost}.
         */
        public Builder issuer(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuer.isBlank() || issuer.length() > 100 || issuer.contains(":")
                    || issuer.codePoints().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("issuer was '" + issuer.replaceAll("\\p{Cntrl}", "?")
                        + "' but it must be 1 to 100 characters without control characters or ':'");
            }
            this.issuer = issuer;
            return this;
        }

        /** A hasher below the OWASP minimum, for tests that are not about the hash's cost. Package-private. */
        Builder testHasher(Argon2idHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /** The CRM whose sessions are handed out, and the store it runs on (the same one). Required. */
        public Builder crm(Crm crm, CrmStore store) {
            this.crm = Objects.requireNonNull(crm, "crm");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock (the same as the Crm's). Default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Argon2id cost. Default {@link Argon2Parameters#OWASP_MINIMUM}. */
        public Builder argon2(Argon2Parameters parameters) {
            this.argon2 = Objects.requireNonNull(parameters, "argon2");
            return this;
        }

        /** The password policy. Default {@link PasswordPolicy#defaults()}. */
        public Builder passwordPolicy(PasswordPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "passwordPolicy");
            return this;
        }

        /** Failures per account and per address before a lockout, 1 to 100 (ASVS 4.0.3 2.2.1). Default 5. */
        public Builder maxFailures(int maxFailures) {
            if (maxFailures < 1 || maxFailures > 100) {
                throw new IllegalArgumentException("maxFailures was " + maxFailures + " but it must be 1 to 100");
            }
            this.maxFailures = maxFailures;
            return this;
        }

        /** How long a lockout lasts, and the window failures are counted in: 1 minute to 24 hours. Default 15 min. */
        public Builder lockout(Duration lockout) {
            this.lockout = within("lockout", lockout, Duration.ofMinutes(1), Duration.ofHours(24));
            return this;
        }

        /** A login session's inactivity timeout, 1 minute to 24 hours. Default 30 minutes. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = within("idleTimeout", idleTimeout, Duration.ofMinutes(1), Duration.ofHours(24));
            return this;
        }

        /** A login session's absolute timeout, 1 minute to 30 days. Default 12 hours. */
        public Builder absoluteTimeout(Duration absoluteTimeout) {
            this.absoluteTimeout = within("absoluteTimeout", absoluteTimeout, Duration.ofMinutes(1),
                    Duration.ofDays(30));
            return this;
        }

        /** The API rate limiter. Default {@link RateLimiter#inProcess()} (60 a minute). */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /** Receives every security event. Default none. */
        public Builder listener(SecurityEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        private static Duration within(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " was " + value + " but it must be " + min + " to " + max);
            }
            return value;
        }

        /**
         * Builds the authenticator (makes the dummy hash: one Argon2id hash's time).
         *
         * @throws IllegalStateException if no CRM was given, the store lacks {@link StoreFeature#SECURITY}, or the
         *                               idle timeout exceeds the absolute one
         */
        public Authenticator build() {
            if (crm == null) {
                throw new IllegalStateException("crm is required");
            }
            if (!store.capabilities().has(StoreFeature.SECURITY)) {
                throw new IllegalStateException("store must declare StoreFeature.SECURITY");
            }
            if (idleTimeout.compareTo(absoluteTimeout) > 0) {
                throw new IllegalStateException("idleTimeout was " + idleTimeout
                        + " but it must not exceed absoluteTimeout " + absoluteTimeout);
            }
            return new Authenticator(this);
        }
    }
}
