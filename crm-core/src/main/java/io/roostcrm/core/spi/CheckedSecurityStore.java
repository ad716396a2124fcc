package io.roostcrm.core.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks {@link AbstractStoreTransaction} puts in front of a store's {@link SecurityStore}: the unit of work is
 * still open, arguments are within the bounds the SPI states (messages name the parameter and the rule, never the
 * value, which may be a secret's digest), times are truncated to the microsecond, and the store's answers are
 * well-formed.
 */
final class CheckedSecurityStore implements SecurityStore {

    private final SecurityStore store;
    private final Runnable requireOpen;

    CheckedSecurityStore(SecurityStore store, Runnable requireOpen) {
        this.store = store;
        this.requireOpen = requireOpen;
    }

    // ---- login credentials -------------------------------------------------------------------------------------------

    @Override
    public Optional<LoginCredential> loginCredential(long userId) {
        open();
        return present(store.loginCredential(user(userId)), "loginCredential");
    }

    @Override
    public void setLoginCredential(long userId, String passwordHash, Instant setAt) {
        open();
        store.setLoginCredential(user(userId), text(passwordHash, HASH_RULE, "passwordHash"), time(setAt, "setAt"));
    }

    @Override
    public boolean replacePasswordHash(long userId, String expectedHash, String newHash) {
        open();
        return store.replacePasswordHash(user(userId), text(expectedHash, HASH_RULE, "expectedHash"),
                text(newHash, HASH_RULE, "newHash"));
    }

    @Override
    public boolean removeLoginCredential(long userId) {
        open();
        return store.removeLoginCredential(user(userId));
    }

    // ---- API passwords -----------------------------------------------------------------------------------------------

    @Override
    public ApiPassword addApiPassword(long userId, String label, byte[] digest, Instant createdAt) {
        open();
        ApiPassword added = store.addApiPassword(user(userId), text(label, LABEL_RULE, "label"),
                digest(digest, "digest"), time(createdAt, "createdAt"));
        if (added == null || added.id() <= 0 || added.userId() != userId) {
            throw broken("addApiPassword must return the stored API password with a positive id");
        }
        return added;
    }

    @Override
    public Optional<ApiPassword> findApiPassword(byte[] digest) {
        open();
        return present(store.findApiPassword(digest(digest, "digest")), "findApiPassword");
    }

    @Override
    public Optional<ApiRequest> apiRequest(byte[] digest) {
        open();
        Optional<ApiRequest> answer = present(store.apiRequest(digest(digest, "digest")), "apiRequest");
        answer.ifPresent(request -> {
            if (request.globalIpRules().stream().anyMatch(rule -> rule.scope() == IpRuleScope.USER_ALLOW)) {
                throw broken("apiRequest must list only global rules as global");
            }
            long userId = request.apiPassword().userId();
            if (request.userIpRules().stream().anyMatch(rule -> rule.scope() != IpRuleScope.USER_ALLOW
                    || rule.userId() != userId)) {
                throw broken("apiRequest must list only the password's user's allow rules as the user's");
            }
        });
        return answer;
    }

    @Override
    public List<ApiPassword> apiPasswords(long userId) {
        open();
        return list(store.apiPasswords(user(userId)), "apiPasswords");
    }

    @Override
    public boolean touchApiPassword(long id, Instant usedAt, Instant ifUsedBefore) {
        open();
        return store.touchApiPassword(id(id, "id"), time(usedAt, "usedAt"), time(ifUsedBefore, "ifUsedBefore"));
    }

    @Override
    public boolean revokeApiPassword(long userId, long id) {
        open();
        return store.revokeApiPassword(user(userId), id(id, "id"));
    }

    @Override
    public int revokeApiPasswords(long userId) {
        open();
        return count(store.revokeApiPasswords(user(userId)), "revokeApiPasswords");
    }

    // ---- login sessions ----------------------------------------------------------------------------------------------

    @Override
    public void addSession(byte[] tokenDigest, LoginSession session) {
        open();
        Objects.requireNonNull(session, "session");
        user(session.userId());
        store.addSession(digest(tokenDigest, "tokenDigest"), new LoginSession(session.userId(),
                time(session.createdAt(), "createdAt"), time(session.lastSeenAt(), "lastSeenAt"),
                time(session.expiresAt(), "expiresAt"), session.secondFactorPending()));
    }

    @Override
    public Optional<LoginSession> findSession(byte[] tokenDigest) {
        open();
        return present(store.findSession(digest(tokenDigest, "tokenDigest")), "findSession");
    }

    @Override
    public boolean touchSession(byte[] tokenDigest, Instant seenAt, Instant ifSeenBefore) {
        open();
        return store.touchSession(digest(tokenDigest, "tokenDigest"), time(seenAt, "seenAt"),
                time(ifSeenBefore, "ifSeenBefore"));
    }

    @Override
    public boolean revokeSession(byte[] tokenDigest) {
        open();
        return store.revokeSession(digest(tokenDigest, "tokenDigest"));
    }

    @Override
    public int revokeSessions(long userId) {
        open();
        return count(store.revokeSessions(user(userId)), "revokeSessions");
    }

    @Override
    public int purgeSessions(Instant now, Instant idleSince) {
        open();
        return count(store.purgeSessions(time(now, "now"), time(idleSince, "idleSince")), "purgeSessions");
    }

    // ---- failure counters and lockouts -------------------------------------------------------------------------------

    @Override
    public int recordFailure(FailureKind kind, String key, Instant now, Instant windowStart) {
        open();
        int failures = store.recordFailure(Objects.requireNonNull(kind, "kind"), text(key, FAILURE_KEY_RULE, "key"),
                time(now, "now"), time(windowStart, "windowStart"));
        if (failures < 1) {
            throw broken("recordFailure must return the count after the failure, at least 1, but gave " + failures);
        }
        return failures;
    }

    @Override
    public boolean lockUntil(FailureKind kind, String key, Instant until) {
        open();
        return store.lockUntil(Objects.requireNonNull(kind, "kind"), text(key, FAILURE_KEY_RULE, "key"),
                time(until, "until"));
    }

    @Override
    public Optional<FailureCounter> failureCounter(FailureKind kind, String key) {
        open();
        return present(store.failureCounter(Objects.requireNonNull(kind, "kind"), text(key, FAILURE_KEY_RULE, "key")),
                "failureCounter");
    }

    @Override
    public boolean resetFailures(FailureKind kind, String key) {
        open();
        return store.resetFailures(Objects.requireNonNull(kind, "kind"), text(key, FAILURE_KEY_RULE, "key"));
    }

    @Override
    public int purgeFailureCounters(Instant now, Instant windowStartedBefore) {
        open();
        return count(store.purgeFailureCounters(time(now, "now"), time(windowStartedBefore, "windowStartedBefore")),
                "purgeFailureCounters");
    }

    // ---- TOTP and recovery codes -------------------------------------------------------------------------------------

    @Override
    public void saveTotp(TotpEnrolment enrolment) {
        open();
        Objects.requireNonNull(enrolment, "enrolment");
        user(enrolment.userId());
        text(enrolment.keyId(), KEY_ID_RULE, "keyId");
        store.saveTotp(new TotpEnrolment(enrolment.userId(), enrolment.encryptedSecret(), enrolment.keyId(),
                enrolment.algorithm(), enrolment.digits(), enrolment.periodSeconds(), enrolment.confirmed(),
                enrolment.lastUsedStep(), time(enrolment.createdAt(), "createdAt")));
    }

    @Override
    public Optional<TotpEnrolment> totp(long userId) {
        open();
        return present(store.totp(user(userId)), "totp");
    }

    @Override
    public boolean confirmTotp(long userId) {
        open();
        return store.confirmTotp(user(userId));
    }

    @Override
    public boolean useTotpStep(long userId, long step) {
        open();
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1");
        }
        return store.useTotpStep(user(userId), step);
    }

    @Override
    public boolean removeTotp(long userId) {
        open();
        return store.removeTotp(user(userId));
    }

    @Override
    public void replaceRecoveryCodes(long userId, List<byte[]> digests) {
        open();
        Objects.requireNonNull(digests, "digests");
        if (digests.size() > MAX_RECOVERY_CODES) {
            throw new IllegalArgumentException("digests must hold at most " + MAX_RECOVERY_CODES + " recovery codes");
        }
        List<byte[]> copies = new ArrayList<>(digests.size());
        Set<String> seen = new HashSet<>();
        for (byte[] digest : digests) {
            byte[] copy = digest(digest, "digests").clone();
            if (!seen.add(java.util.HexFormat.of().formatHex(copy))) {
                throw new IllegalArgumentException("digests must be distinct");
            }
            copies.add(copy);
        }
        store.replaceRecoveryCodes(user(userId), List.copyOf(copies));
    }

    @Override
    public boolean consumeRecoveryCode(long userId, byte[] digest) {
        open();
        return store.consumeRecoveryCode(user(userId), digest(digest, "digest"));
    }

    @Override
    public int recoveryCodesLeft(long userId) {
        open();
        return count(store.recoveryCodesLeft(user(userId)), "recoveryCodesLeft");
    }

    // ---- IP rules ----------------------------------------------------------------------------------------------------

    @Override
    public IpRule addIpRule(IpRuleScope scope, long userId, String cidr, String label) {
        open();
        Objects.requireNonNull(scope, "scope");
        if (scope == IpRuleScope.USER_ALLOW) {
            user(userId);
        } else if (userId != 0) {
            throw new IllegalArgumentException("userId must be 0 for a global IP rule");
        }
        IpRule added = store.addIpRule(scope, userId, text(cidr, CIDR_RULE, "cidr"), text(label, LABEL_RULE,
                "label"));
        if (added == null || added.id() <= 0 || added.scope() != scope || added.userId() != userId) {
            throw broken("addIpRule must return the stored rule with a positive id");
        }
        return added;
    }

    @Override
    public boolean removeIpRule(long id) {
        open();
        return store.removeIpRule(id(id, "id"));
    }

    @Override
    public List<IpRule> globalIpRules() {
        open();
        return list(store.globalIpRules(), "globalIpRules");
    }

    @Override
    public List<IpRule> userIpRules(long userId) {
        open();
        return list(store.userIpRules(user(userId)), "userIpRules");
    }

    // ---- users -------------------------------------------------------------------------------------------------------

    @Override
    public void forgetUser(long userId) {
        open();
        store.forgetUser(user(userId));
    }

    // ---- the checks --------------------------------------------------------------------------------------------------

    private void open() {
        requireOpen.run();
    }

    private static IllegalStateException broken(String promise) {
        return new IllegalStateException("the store broke the SPI: " + promise);
    }

    private static long user(long userId) {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive");
        }
        return userId;
    }

    private static long id(long id, String what) {
        if (id <= 0) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return id;
    }

    private static String text(String text, Pattern rule, String what) {
        Objects.requireNonNull(text, what);
        if (!rule.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " must match " + rule.pattern());
        }
        return text;
    }

    private static byte[] digest(byte[] digest, String what) {
        Objects.requireNonNull(digest, what);
        if (digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + DIGEST_LENGTH + " bytes (SHA-256)");
        }
        return digest;
    }

    private static Instant time(Instant time, String what) {
        return Objects.requireNonNull(time, what).truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> Optional<T> present(Optional<T> answer, String operation) {
        if (answer == null) {
            throw broken(operation + " must return an Optional, never null");
        }
        return answer;
    }

    private static <T> List<T> list(List<T> answer, String operation) {
        if (answer == null) {
            throw broken(operation + " must return a list, never null");
        }
        return List.copyOf(answer);
    }

    private static int count(int count, String operation) {
        if (count < 0) {
            throw broken(operation + " must return a count, never negative");
        }
        return count;
    }
}
