package io.roostcrm.core.memory;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.spi.SecurityStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Account-security state in memory, part of {@link MemoryState}: copied with it at the start of each unit of work
 * (values are immutable, so copies are shallow) and kept only when the work returns. Units of work are serialised,
 * so every read-then-write here is as atomic as the SPI asks a database's single statement to be.
 */
final class MemorySecurity {

    record CounterKey(SecurityStore.FailureKind kind, String key) {
    }

    long nextId = 1;
    final TreeMap<Long, SecurityStore.LoginCredential> credentials;
    final TreeMap<Long, SecurityStore.ApiPassword> apiPasswords;
    /** Digest (hex) to API password id. */
    final HashMap<String, Long> apiPasswordDigests;
    /** Token digest (hex) to session. */
    final HashMap<String, SecurityStore.LoginSession> sessions;
    final HashMap<CounterKey, SecurityStore.FailureCounter> counters;
    final TreeMap<Long, SecurityStore.TotpEnrolment> totp;
    /** User to the digests (hex) of unused recovery codes; the sets are immutable. */
    final TreeMap<Long, Set<String>> recoveryCodes;
    final TreeMap<Long, SecurityStore.IpRule> ipRules;

    MemorySecurity() {
        credentials = new TreeMap<>();
        apiPasswords = new TreeMap<>();
        apiPasswordDigests = new HashMap<>();
        sessions = new HashMap<>();
        counters = new HashMap<>();
        totp = new TreeMap<>();
        recoveryCodes = new TreeMap<>();
        ipRules = new TreeMap<>();
    }

    private MemorySecurity(MemorySecurity other) {
        nextId = other.nextId;
        credentials = new TreeMap<>(other.credentials);
        apiPasswords = new TreeMap<>(other.apiPasswords);
        apiPasswordDigests = new HashMap<>(other.apiPasswordDigests);
        sessions = new HashMap<>(other.sessions);
        counters = new HashMap<>(other.counters);
        totp = new TreeMap<>(other.totp);
        recoveryCodes = new TreeMap<>(other.recoveryCodes);
        ipRules = new TreeMap<>(other.ipRules);
    }

    MemorySecurity copy() {
        return new MemorySecurity(this);
    }

    /** The sub-store over this state. */
    SecurityStore store() {
        return new Store();
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private final class Store implements SecurityStore {

        @Override
        public Optional<LoginCredential> loginCredential(long userId) {
            return Optional.ofNullable(credentials.get(userId));
        }

        @Override
        public void setLoginCredential(long userId, String passwordHash, Instant setAt) {
            credentials.put(userId, new LoginCredential(userId, passwordHash, setAt));
        }

        @Override
        public boolean replacePasswordHash(long userId, String expectedHash, String newHash) {
            LoginCredential current = credentials.get(userId);
            if (current == null || !current.passwordHash().equals(expectedHash)) {
                return false;
            }
            credentials.put(userId, new LoginCredential(userId, newHash, current.setAt()));
            return true;
        }

        @Override
        public boolean removeLoginCredential(long userId) {
            return credentials.remove(userId) != null;
        }

        @Override
        public ApiPassword addApiPassword(long userId, String label, byte[] digest, Instant createdAt) {
            String key = hex(digest);
            if (apiPasswordDigests.containsKey(key)) {
                throw new CrmValidationException(Violation.of("digest", "unique", "must be unique"));
            }
            ApiPassword added = new ApiPassword(nextId++, userId, label, createdAt, createdAt);
            apiPasswords.put(added.id(), added);
            apiPasswordDigests.put(key, added.id());
            return added;
        }

        @Override
        public Optional<ApiPassword> findApiPassword(byte[] digest) {
            Long id = apiPasswordDigests.get(hex(digest));
            return id == null ? Optional.empty() : Optional.of(apiPasswords.get(id));
        }

        @Override
        public List<ApiPassword> apiPasswords(long userId) {
            return apiPasswords.values().stream().filter(p -> p.userId() == userId).toList();
        }

        @Override
        public boolean touchApiPassword(long id, Instant usedAt, Instant ifUsedBefore) {
            ApiPassword current = apiPasswords.get(id);
            if (current == null || !current.lastUsedAt().isBefore(ifUsedBefore)) {
                return false;
            }
            apiPasswords.put(id, new ApiPassword(id, current.userId(), current.label(), current.createdAt(), usedAt));
            return true;
        }

        @Override
        public boolean revokeApiPassword(long userId, long id) {
            ApiPassword current = apiPasswords.get(id);
            if (current == null || current.userId() != userId) {
                return false;
            }
            apiPasswords.remove(id);
            apiPasswordDigests.values().remove(id);
            return true;
        }

        @Override
        public int revokeApiPasswords(long userId) {
            List<Long> ids = apiPasswords(userId).stream().map(ApiPassword::id).toList();
            for (long id : ids) {
                revokeApiPassword(userId, id);
            }
            return ids.size();
        }

        @Override
        public void addSession(byte[] tokenDigest, LoginSession session) {
            if (sessions.putIfAbsent(hex(tokenDigest), session) != null) {
                throw new CrmValidationException(Violation.of("tokenDigest", "unique", "must be unique"));
            }
        }

        @Override
        public Optional<LoginSession> findSession(byte[] tokenDigest) {
            return Optional.ofNullable(sessions.get(hex(tokenDigest)));
        }

        @Override
        public boolean touchSession(byte[] tokenDigest, Instant seenAt, Instant ifSeenBefore) {
            String key = hex(tokenDigest);
            LoginSession current = sessions.get(key);
            if (current == null || !current.lastSeenAt().isBefore(ifSeenBefore)
                    || seenAt.isBefore(current.createdAt())) {
                return false;
            }
            sessions.put(key, new LoginSession(current.userId(), current.createdAt(), seenAt, current.expiresAt(),
                    current.secondFactorPending()));
            return true;
        }

        @Override
        public boolean revokeSession(byte[] tokenDigest) {
            return sessions.remove(hex(tokenDigest)) != null;
        }

        @Override
        public int revokeSessions(long userId) {
            int before = sessions.size();
            sessions.values().removeIf(s -> s.userId() == userId);
            return before - sessions.size();
        }

        @Override
        public int purgeSessions(Instant now, Instant idleSince) {
            int before = sessions.size();
            sessions.values().removeIf(s -> !s.expiresAt().isAfter(now) || s.lastSeenAt().isBefore(idleSince));
            return before - sessions.size();
        }

        @Override
        public int recordFailure(FailureKind kind, String key, Instant now, Instant windowStart) {
            CounterKey counterKey = new CounterKey(kind, key);
            FailureCounter current = counters.get(counterKey);
            FailureCounter next;
            if (current == null) {
                next = new FailureCounter(1, now, Instant.EPOCH);
            } else if (current.windowStart().isBefore(windowStart)) {
                next = new FailureCounter(1, now, current.lockedUntil());
            } else {
                next = new FailureCounter(current.failures() + 1, current.windowStart(), current.lockedUntil());
            }
            counters.put(counterKey, next);
            return next.failures();
        }

        @Override
        public boolean lockUntil(FailureKind kind, String key, Instant until) {
            CounterKey counterKey = new CounterKey(kind, key);
            FailureCounter current = counters.get(counterKey);
            if (current == null) {
                return false;
            }
            counters.put(counterKey, new FailureCounter(current.failures(), current.windowStart(), until));
            return true;
        }

        @Override
        public Optional<FailureCounter> failureCounter(FailureKind kind, String key) {
            return Optional.ofNullable(counters.get(new CounterKey(kind, key)));
        }

        @Override
        public boolean resetFailures(FailureKind kind, String key) {
            return counters.remove(new CounterKey(kind, key)) != null;
        }

        @Override
        public int purgeFailureCounters(Instant now, Instant windowStartedBefore) {
            int before = counters.size();
            counters.values().removeIf(c -> c.windowStart().isBefore(windowStartedBefore) && !c.lockedAt(now));
            return before - counters.size();
        }

        @Override
        public void saveTotp(TotpEnrolment enrolment) {
            totp.put(enrolment.userId(), enrolment);
        }

        @Override
        public Optional<TotpEnrolment> totp(long userId) {
            return Optional.ofNullable(totp.get(userId));
        }

        @Override
        public boolean confirmTotp(long userId) {
            TotpEnrolment e = totp.get(userId);
            if (e == null || e.confirmed()) {
                return false;
            }
            totp.put(userId, new TotpEnrolment(userId, e.encryptedSecret(), e.keyId(), e.algorithm(), e.digits(),
                    e.periodSeconds(), true, e.lastUsedStep(), e.createdAt()));
            return true;
        }

        @Override
        public boolean useTotpStep(long userId, long step) {
            TotpEnrolment e = totp.get(userId);
            if (e == null || step <= e.lastUsedStep()) {
                return false;
            }
            totp.put(userId, new TotpEnrolment(userId, e.encryptedSecret(), e.keyId(), e.algorithm(), e.digits(),
                    e.periodSeconds(), e.confirmed(), step, e.createdAt()));
            return true;
        }

        @Override
        public boolean removeTotp(long userId) {
            recoveryCodes.remove(userId);
            return totp.remove(userId) != null;
        }

        @Override
        public void replaceRecoveryCodes(long userId, List<byte[]> digests) {
            Set<String> codes = new HashSet<>();
            for (byte[] digest : digests) {
                codes.add(hex(digest));
            }
            if (codes.isEmpty()) {
                recoveryCodes.remove(userId);
            } else {
                recoveryCodes.put(userId, Set.copyOf(codes));
            }
        }

        @Override
        public boolean consumeRecoveryCode(long userId, byte[] digest) {
            Set<String> codes = recoveryCodes.get(userId);
            String code = hex(digest);
            if (codes == null || !codes.contains(code)) {
                return false;
            }
            Set<String> left = new HashSet<>(codes);
            left.remove(code);
            if (left.isEmpty()) {
                recoveryCodes.remove(userId);
            } else {
                recoveryCodes.put(userId, Set.copyOf(left));
            }
            return true;
        }

        @Override
        public int recoveryCodesLeft(long userId) {
            return recoveryCodes.getOrDefault(userId, Set.of()).size();
        }

        @Override
        public IpRule addIpRule(IpRuleScope scope, long userId, String cidr, String label) {
            IpRule rule = new IpRule(nextId++, scope, userId, cidr, label);
            ipRules.put(rule.id(), rule);
            return rule;
        }

        @Override
        public boolean removeIpRule(long id) {
            return ipRules.remove(id) != null;
        }

        @Override
        public List<IpRule> globalIpRules() {
            return ipRules.values().stream().filter(r -> r.scope() != IpRuleScope.USER_ALLOW).toList();
        }

        @Override
        public List<IpRule> userIpRules(long userId) {
            return ipRules.values().stream()
                    .filter(r -> r.scope() == IpRuleScope.USER_ALLOW && r.userId() == userId).toList();
        }

        @Override
        public void forgetUser(long userId) {
            removeLoginCredential(userId);
            revokeApiPasswords(userId);
            revokeSessions(userId);
            removeTotp(userId);
            ipRules.values().removeIf(r -> r.scope() == IpRuleScope.USER_ALLOW && r.userId() == userId);
        }
    }
}
