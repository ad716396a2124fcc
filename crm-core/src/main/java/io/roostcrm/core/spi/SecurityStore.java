package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state account security keeps, shared by every node over one database: login password hashes, API passwords,
 * login sessions, failure counters and lockouts, TOTP enrolments and recovery codes, and IP rules. Present on a store
 * that declares {@link StoreFeature#SECURITY}.
 *
 * <p><b>The store stores; it decides nothing.</b> Hashing, policies, timeouts, thresholds and CIDR matching are
 * the caller's. What the store must get right is atomicity across nodes: the operations documented as atomic
 * ({@link #recordFailure}, {@link #useTotpStep}, {@link #consumeRecoveryCode}, the conditional touches and
 * {@link #replacePasswordHash}) are single statements on the database's current row (an {@code UPDATE ... SET n =
 * n + 1}, an upsert, an {@code UPDATE ... WHERE} or a {@code DELETE}), never a read followed by a write in Java, so
 * that two nodes doing them at once both count, or exactly one wins. Everything else is ordinary transactional
 * writing: a unit of work that rolls back leaves nothing.
 *
 * <p><b>Secrets.</b> No secret reaches the store: API passwords, session tokens and recovery codes arrive as their
 * SHA-256 digests ({@value #DIGEST_LENGTH} bytes; the caller makes them from generated secrets of at least 112 bits,
 * for which a fast hash suffices), login passwords as PHC strings, TOTP secrets encrypted. Digests are compared by
 * the database's index, exactly. The values here print no hash, digest or ciphertext in {@code toString()}, and
 * arrays are copied in and out.
 *
 * <p><b>Inputs</b> are checked before they reach the store (a store built on {@link AbstractStoreTransaction} gets
 * the checks there; a store may rely on them): user ids are positive; digests are {@value #DIGEST_LENGTH} bytes;
 * labels match {@link #LABEL_RULE}, failure keys {@link #FAILURE_KEY_RULE}, password hashes {@link #HASH_RULE},
 * key ids {@link #KEY_ID_RULE}, CIDR text {@link #CIDR_RULE}; no argument is {@code null}. Times are the caller's
 * (the unit of work's clock, {@link WorkContext#time()}), truncated to the microsecond before they reach the store,
 * so every store returns what it was given. Text is compared exactly (case and trailing spaces count), whatever the
 * database's collation.
 *
 * <p><b>Users.</b> Rows are keyed by user id; the store does not check that the user exists. {@link #forgetUser}
 * removes everything of a user when the user is removed.
 */
public interface SecurityStore {

    /** The length of every digest: SHA-256. */
    int DIGEST_LENGTH = 32;
    /** The longest label of an API password or an IP rule. */
    int MAX_LABEL_LENGTH = 100;
    /** The longest failure-counter key. */
    int MAX_FAILURE_KEY_LENGTH = 255;
    /** The longest password hash (a PHC string). */
    int MAX_HASH_LENGTH = 512;
    /** The longest encrypted TOTP secret. */
    int MAX_ENCRYPTED_SECRET_LENGTH = 512;
    /** The most recovery codes a user holds at once. */
    int MAX_RECOVERY_CODES = 64;

    /** A label: 1 to {@value #MAX_LABEL_LENGTH} characters, no control characters. */
    Pattern LABEL_RULE = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_LABEL_LENGTH + "}");
    /**
     * A failure-counter key (a login, an address): 1 to {@value #MAX_FAILURE_KEY_LENGTH} characters, no control
     * characters, no white space at either end.
     */
    Pattern FAILURE_KEY_RULE = Pattern.compile("(?=\\S)[^\\p{Cntrl}]{1," + MAX_FAILURE_KEY_LENGTH + "}(?<=\\S)");
    /** A password hash: a PHC string, 1 to {@value #MAX_HASH_LENGTH} printable ASCII characters without spaces. */
    Pattern HASH_RULE = Pattern.compile("[\\x21-\\x7e]{1," + MAX_HASH_LENGTH + "}");
    /** The id of the key a TOTP secret is encrypted under: 1 to 64 letters, digits and {@code . _ : -}. */
    Pattern KEY_ID_RULE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /**
     * CIDR text as the caller wrote it down (the caller parses and canonicalises it first): 1 to 49 hexadecimal
     * digits, {@code :}, {@code .} and {@code /}.
     */
    Pattern CIDR_RULE = Pattern.compile("[0-9A-Fa-f:./]{1,49}");

    // ---- values ------------------------------------------------------------------------------------------------------

    /**
     * A user's login password hash.
     *
     * @param userId       the user
     * @param passwordHash the PHC string, with its algorithm and parameters ({@link #HASH_RULE})
     * @param setAt        when the password was set (a rehash keeps it)
     */
    record LoginCredential(long userId, String passwordHash, Instant setAt) {
        /** Checks for nulls. */
        public LoginCredential {
            Objects.requireNonNull(passwordHash, "passwordHash");
            Objects.requireNonNull(setAt, "setAt");
        }

        /** Names the user and the time, never the hash. */
        @Override
        public String toString() {
            return "LoginCredential[userId=" + userId + ", setAt=" + setAt + "]";
        }
    }

    /**
     * An API password, as listed: never its digest.
     *
     * @param id         the store's id for it
     * @param userId     whose it is
     * @param label      the owner's name for it ({@link #LABEL_RULE})
     * @param createdAt  when it was created
     * @param lastUsedAt when it was last used, as far as {@link #touchApiPassword} wrote it down; its creation time
     *                   until the first such write
     */
    record ApiPassword(long id, long userId, String label, Instant createdAt, Instant lastUsedAt) {
        /** Checks for nulls. */
        public ApiPassword {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        }
    }

    /**
     * A login session, found by the digest of its token (which it does not hold).
     *
     * @param userId              whose it is
     * @param createdAt           when it began
     * @param lastSeenAt          when it was last seen, as far as {@link #touchSession} wrote it down; not before
     *                            {@code createdAt}
     * @param expiresAt           its absolute end, after {@code createdAt}
     * @param secondFactorPending whether it only waits for a second factor (the password was right, the TOTP code
     *                            is still to come); such a session authorises nothing but that
     */
    record LoginSession(long userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                        boolean secondFactorPending) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the times are out of order
         */
        public LoginSession {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (lastSeenAt.isBefore(createdAt)) {
                throw new IllegalArgumentException("lastSeenAt must not be before createdAt");
            }
            if (!expiresAt.isAfter(createdAt)) {
                throw new IllegalArgumentException("expiresAt must be after createdAt");
            }
        }
    }

    /** What a failure counter counts. */
    enum FailureKind {
        /** Failures against one account (the key is the login as the caller normalised it). */
        ACCOUNT,
        /** Failures from one client address (the key is the address, or its network, as the caller chose). */
        ADDRESS
    }

    /**
     * A failure counter.
     *
     * @param failures    the failures counted since {@code windowStart}, at least 1
     * @param windowStart when the first failure of the current window was counted
     * @param lockedUntil the end of the last lockout set on it; {@link Instant#EPOCH} when none was set
     */
    record FailureCounter(int failures, Instant windowStart, Instant lockedUntil) {
        /** Checks for nulls. */
        public FailureCounter {
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        /** Whether the key is locked out at this time. */
        public boolean lockedAt(Instant time) {
            return time.isBefore(lockedUntil);
        }
    }

    /** A TOTP hash algorithm (RFC 6238). */
    enum TotpAlgorithm {
        /** HMAC-SHA-1, what most authenticator apps use. */
        SHA1,
        /** HMAC-SHA-256. */
        SHA256,
        /** HMAC-SHA-512. */
        SHA512
    }

    /**
     * A user's TOTP enrolment (one per user).
     *
     * @param userId          whose it is
     * @param encryptedSecret the shared secret, encrypted by the caller (for instance AES-256-GCM, nonce included),
     *                        1 to {@value #MAX_ENCRYPTED_SECRET_LENGTH} bytes; copied
     * @param keyId           the id of the key it is encrypted under ({@link #KEY_ID_RULE})
     * @param algorithm       the HMAC
     * @param digits          the code length, 6 to 8
     * @param periodSeconds   the time step, 10 to 300 seconds
     * @param confirmed       whether a first valid code confirmed it
     * @param lastUsedStep    the last time step a code was accepted for, {@code 0} when none was
     * @param createdAt       when it was made
     */
    record TotpEnrolment(long userId, byte[] encryptedSecret, String keyId, TotpAlgorithm algorithm, int digits,
                         int periodSeconds, boolean confirmed, long lastUsedStep, Instant createdAt) {
        /**
         * Checks the components and copies the secret.
         *
         * @throws IllegalArgumentException if a number or the secret's length is out of range
         */
        public TotpEnrolment {
            Objects.requireNonNull(encryptedSecret, "encryptedSecret");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(createdAt, "createdAt");
            if (encryptedSecret.length < 1 || encryptedSecret.length > MAX_ENCRYPTED_SECRET_LENGTH) {
                throw new IllegalArgumentException("encryptedSecret must be 1 to " + MAX_ENCRYPTED_SECRET_LENGTH
                        + " bytes");
            }
            if (digits < 6 || digits > 8) {
                throw new IllegalArgumentException("digits must be 6 to 8");
            }
            if (periodSeconds < 10 || periodSeconds > 300) {
                throw new IllegalArgumentException("periodSeconds must be 10 to 300");
            }
            if (lastUsedStep < 0) {
                throw new IllegalArgumentException("lastUsedStep must not be negative");
            }
            encryptedSecret = encryptedSecret.clone();
        }

        /** A copy of the encrypted secret. */
        @Override
        public byte[] encryptedSecret() {
            return encryptedSecret.clone();
        }

        /** The same when every component is, the secret compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof TotpEnrolment e && userId == e.userId && Arrays.equals(encryptedSecret,
                    e.encryptedSecret) && keyId.equals(e.keyId) && algorithm == e.algorithm && digits == e.digits
                    && periodSeconds == e.periodSeconds && confirmed == e.confirmed
                    && lastUsedStep == e.lastUsedStep && createdAt.equals(e.createdAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, Arrays.hashCode(encryptedSecret), keyId, algorithm, digits, periodSeconds,
                    confirmed, lastUsedStep, createdAt);
        }

        /** Everything but the secret. */
        @Override
        public String toString() {
            return "TotpEnrolment[userId=" + userId + ", keyId=" + keyId + ", algorithm=" + algorithm + ", digits="
                    + digits + ", periodSeconds=" + periodSeconds + ", confirmed=" + confirmed + ", lastUsedStep="
                    + lastUsedStep + ", createdAt=" + createdAt + "]";
        }
    }

    /** Whom an IP rule applies to, and how. Deny wins over allow; the caller decides that. */
    enum IpRuleScope {
        /** An address every call must come from (when there is at least one such rule). */
        GLOBAL_ALLOW,
        /** An address no call may come from. */
        GLOBAL_DENY,
        /** An address one user's calls must come from (when the user has at least one such rule). */
        USER_ALLOW
    }

    /**
     * An IP rule.
     *
     * @param id     the store's id for it
     * @param scope  whom it applies to
     * @param userId the user, for {@link IpRuleScope#USER_ALLOW}; {@code 0} for the global scopes
     * @param cidr   the network ({@link #CIDR_RULE}), as the caller canonicalised it
     * @param label  why it is there ({@link #LABEL_RULE})
     */
    record IpRule(long id, IpRuleScope scope, long userId, String cidr, String label) {
        /** Checks for nulls. */
        public IpRule {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(cidr, "cidr");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * What one API request needs from this store, as of one unit of work: the API password its HTTP Basic password
     * digests to, and the IP rules that apply to the password's user.
     *
     * @param apiPassword   the API password
     * @param globalIpRules every global rule, as {@link #globalIpRules()} lists them (by id); copied
     * @param userIpRules   the password's user's allow rules, as {@link #userIpRules} lists them (by id); copied
     */
    record ApiRequest(ApiPassword apiPassword, List<IpRule> globalIpRules, List<IpRule> userIpRules) {
        /** Checks for nulls and copies. */
        public ApiRequest {
            Objects.requireNonNull(apiPassword, "apiPassword");
            globalIpRules = List.copyOf(globalIpRules);
            userIpRules = List.copyOf(userIpRules);
        }
    }

    // ---- login credentials -------------------------------------------------------------------------------------------

    /** A user's login password hash, or empty when the user has none. */
    Optional<LoginCredential> loginCredential(long userId);

    /** Sets a user's login password hash, replacing any. */
    void setLoginCredential(long userId, String passwordHash, Instant setAt);

    /**
     * Replaces a hash only if it is still the one the caller verified (a rehash at login with stronger parameters),
     * atomically: a password changed meanwhile on another node stays. Keeps the time the password was set.
     *
     * @return whether it was replaced
     */
    boolean replacePasswordHash(long userId, String expectedHash, String newHash);

    /** Removes a user's login password hash; the user can then no longer log in with a password. */
    boolean removeLoginCredential(long userId);

    // ---- API passwords -----------------------------------------------------------------------------------------------

    /**
     * Adds an API password. Digests are unique: a digest already stored fails the unit of work (the caller's
     * random secrets never collide).
     *
     * @return the stored API password, its last use being its creation
     */
    ApiPassword addApiPassword(long userId, String label, byte[] digest, Instant createdAt);

    /** The API password with this digest; a digest no stored one has finds nothing. */
    Optional<ApiPassword> findApiPassword(byte[] digest);

    /** A user's API passwords, by id. */
    List<ApiPassword> apiPasswords(long userId);

    /**
     * What an API request needs, by its password's digest, in one call: the API password with this digest and the IP
     * rules that apply to its user ({@link #globalIpRules()} and {@link #userIpRules} of the password's user), all as
     * this unit of work sees them; empty when no stored API password has this digest (as {@link #findApiPassword}).
     * Account security calls it on every API request, so nothing here may come from a cache: a revoked password or a
     * changed IP rule must show in the very next unit of work, on every node.
     *
     * <p>The default composes {@link #findApiPassword}, {@link #globalIpRules()} and {@link #userIpRules}: three
     * statements on a SQL store. A store may answer it in one (the JDBC store joins the password to the rules, and
     * carries the security epoch's version in the same statement); the answer must equal the default's. A default
     * method, so that stores written before it keep working.
     */
    default Optional<ApiRequest> apiRequest(byte[] digest) {
        return findApiPassword(digest).map(found -> new ApiRequest(found, globalIpRules(),
                userIpRules(found.userId())));
    }

    /**
     * Writes down a use, only when the last one written is before {@code ifUsedBefore}, atomically, so that reads
     * do not each become a write.
     *
     * @return whether it was written (false also when there is no such API password)
     */
    boolean touchApiPassword(long id, Instant usedAt, Instant ifUsedBefore);

    /**
     * Revokes one of a user's API passwords.
     *
     * @return whether the user had it
     */
    boolean revokeApiPassword(long userId, long id);

    /**
     * Revokes every API password of a user.
     *
     * @return how many there were
     */
    int revokeApiPasswords(long userId);

    // ---- login sessions ----------------------------------------------------------------------------------------------

    /** Adds a session. Token digests are unique, as for {@link #addApiPassword}. */
    void addSession(byte[] tokenDigest, LoginSession session);

    /**
     * The session with this token digest, whatever its times (the caller checks them); a digest no stored one has
     * finds nothing.
     */
    Optional<LoginSession> findSession(byte[] tokenDigest);

    /**
     * Writes down that the session was seen, only when the last time written is before {@code ifSeenBefore} (and
     * {@code seenAt} is not before the session began), atomically.
     *
     * @return whether it was written
     */
    boolean touchSession(byte[] tokenDigest, Instant seenAt, Instant ifSeenBefore);

    /**
     * Revokes a session.
     *
     * @return whether it existed
     */
    boolean revokeSession(byte[] tokenDigest);

    /**
     * Revokes every session of a user.
     *
     * @return how many there were
     */
    int revokeSessions(long userId);

    /**
     * Removes sessions that are over: those whose absolute end is at or before {@code now}, and those last seen
     * before {@code idleSince}.
     *
     * @return how many were removed
     */
    int purgeSessions(Instant now, Instant idleSince);

    // ---- failure counters and lockouts -------------------------------------------------------------------------------

    /**
     * Counts a failure, atomically: a counter that does not exist, or whose window began before
     * {@code windowStart}, starts again at 1 with its window beginning {@code now} (a lockout set on it stays);
     * otherwise it grows by one. Two units of work counting at once, on any nodes, count two.
     *
     * @return the count after this failure
     */
    int recordFailure(FailureKind kind, String key, Instant now, Instant windowStart);

    /**
     * Sets when the lockout of an existing counter ends (replacing any).
     *
     * @return whether the counter exists
     */
    boolean lockUntil(FailureKind kind, String key, Instant until);

    /** A counter, or empty when there is none (never counted, reset or purged). */
    Optional<FailureCounter> failureCounter(FailureKind kind, String key);

    /**
     * Removes a counter and its lockout (a success, an administrator's unlock).
     *
     * @return whether it existed
     */
    boolean resetFailures(FailureKind kind, String key);

    /**
     * Removes counters whose window began before {@code windowStartedBefore} and that are not locked at {@code now}.
     *
     * @return how many were removed
     */
    int purgeFailureCounters(Instant now, Instant windowStartedBefore);

    // ---- TOTP and recovery codes -------------------------------------------------------------------------------------

    /** Saves a user's enrolment, replacing any (its recovery codes stay until replaced). */
    void saveTotp(TotpEnrolment enrolment);

    /** A user's enrolment, or empty when the user has none. */
    Optional<TotpEnrolment> totp(long userId);

    /**
     * Marks a user's enrolment confirmed.
     *
     * @return whether it was unconfirmed before (false also when there is none)
     */
    boolean confirmTotp(long userId);

    /**
     * Accepts a code's time step only if it is after the last accepted one, atomically: of several units of work
     * using one step (or steps out of order) at once, on any nodes, those that get {@code true} used strictly
     * increasing steps, so a code is used at most once.
     *
     * @param step the time step, at least 1
     * @return whether the step was accepted (false also when there is no enrolment)
     */
    boolean useTotpStep(long userId, long step);

    /**
     * Removes a user's enrolment and recovery codes.
     *
     * @return whether there was an enrolment
     */
    boolean removeTotp(long userId);

    /**
     * Replaces a user's recovery codes with these digests (none removes them).
     *
     * @param digests at most {@value #MAX_RECOVERY_CODES} distinct digests; copied
     */
    void replaceRecoveryCodes(long userId, List<byte[]> digests);

    /**
     * Uses up a recovery code, atomically: of several units of work using one code at once, on any nodes, exactly one
     * gets {@code true}.
     *
     * @return whether the user held it
     */
    boolean consumeRecoveryCode(long userId, byte[] digest);

    /** How many unused recovery codes a user has. */
    int recoveryCodesLeft(long userId);

    // ---- IP rules ----------------------------------------------------------------------------------------------------

    /**
     * Adds a rule.
     *
     * @param userId the user, for {@link IpRuleScope#USER_ALLOW}; {@code 0} for the global scopes
     * @return the stored rule
     */
    IpRule addIpRule(IpRuleScope scope, long userId, String cidr, String label);

    /**
     * Removes a rule.
     *
     * @return whether it existed
     */
    boolean removeIpRule(long id);

    /** The global rules (allow and deny), by id. */
    List<IpRule> globalIpRules();

    /** A user's allow rules, by id. */
    List<IpRule> userIpRules(long userId);

    // ---- users -------------------------------------------------------------------------------------------------------

    /**
     * Removes everything of a user: login hash, API passwords, sessions, TOTP enrolment, recovery codes and the
     * user's IP rules (failure counters are keyed by login, not user, and stay until reset or purged).
     */
    void forgetUser(long userId);
}
