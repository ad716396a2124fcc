package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Account-security state in Roost's side tables ({@code V7__roost_security.sql}); WordPress's {@code wp_users} and
 * FluentCRM's tables are never read or written here. Digests, the encrypted TOTP secret and failure-counter keys are
 * stored as lower-case hex (the keys as the hex of their SHA-256), which the site's case-insensitive collation
 * compares exactly; the PHC string of a rehash is compared with {@code BINARY}. Times are microseconds since the
 * epoch.
 *
 * <p>Atomic steps are single statements on the current row: a failure is counted by {@code INSERT ... ON DUPLICATE
 * KEY UPDATE} (MySQL and MariaDB take the row's exclusive lock at once, so racers queue) and, on H2, by an update
 * that inserts when there is no row and updates again when a racer inserted it first; TOTP steps, conditional touches
 * and rehashes are {@code UPDATE ... WHERE} on the old value; a recovery code is used by deleting it.
 */
final class SqlSecurityStore implements SecurityStore {

    private static final HexFormat HEX = HexFormat.of();
    private static final String API_COLUMNS = "id, user_id, label, created_micros, last_used_micros";
    private static final String RULE_COLUMNS = "id, rule_scope, user_id, cidr, label";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final String credentials;
    private final String apiPasswords;
    private final String sessions;
    private final String counters;
    private final String totp;
    private final String recoveryCodes;
    private final String ipRules;

    SqlSecurityStore(UnitOfWork work) {
        this.jdbc = work.jdbc();
        this.dialect = work.context().dialect();
        Tables t = work.tables();
        this.credentials = t.roostSecurity("roost_login_credentials");
        this.apiPasswords = t.roostSecurity("roost_api_passwords");
        this.sessions = t.roostSecurity("roost_login_sessions");
        this.counters = t.roostSecurity("roost_failure_counters");
        this.totp = t.roostSecurity("roost_totp");
        this.recoveryCodes = t.roostSecurity("roost_recovery_codes");
        this.ipRules = t.roostSecurity("roost_ip_rules");
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The digest a failure-counter key is stored under: exact whatever the collation, and of fixed length. */
    private static String keyDigest(String key) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * An upsert on H2 (MySQL's {@code ON DUPLICATE KEY UPDATE} is used on MySQL and MariaDB): the update, else the
     * insert, else, when a racer inserted the row first and committed, the update again. H2 rolls back only the
     * failed statement.
     */
    private static void updateElseInsert(IntSupplier update, Runnable insert) {
        if (update.getAsInt() > 0) {
            return;
        }
        try {
            insert.run();
        } catch (CrmValidationException | CrmStoreException e) {
            if (!isDuplicate(e) || update.getAsInt() == 0) {
                throw e;
            }
        }
    }

    private static boolean isDuplicate(RuntimeException e) {
        if (e instanceof CrmValidationException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && Jdbc.isDuplicateKey(s)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Inserts a row whose digest must be unique; a duplicate is refused naming the digest, never showing it. */
    private long insertUnique(String field, boolean generatedKey, String sql, Object... params) {
        try {
            return generatedKey ? jdbc.insert(sql, params) : jdbc.update(sql, params);
        } catch (CrmValidationException | CrmStoreException e) {
            if (isDuplicate(e)) {
                throw new CrmValidationException(Violation.of(field, "unique", "must be unique"));
            }
            throw e;
        }
    }

    // ---- login credentials -------------------------------------------------------------------------------------------

    @Override
    public Optional<LoginCredential> loginCredential(long userId) {
        return jdbc.first("SELECT password_hash, set_micros FROM " + credentials + " WHERE user_id = ?",
                rs -> new LoginCredential(userId, rs.getString(1), instant(rs.getLong(2))), userId);
    }

    @Override
    public void setLoginCredential(long userId, String passwordHash, Instant setAt) {
        String insert = "INSERT INTO " + credentials + " (user_id, password_hash, set_micros) VALUES (?, ?, ?)";
        if (dialect == Dialect.MYSQL) {
            jdbc.update(insert + " ON DUPLICATE KEY UPDATE password_hash = ?, set_micros = ?", userId, passwordHash,
                    micros(setAt), passwordHash, micros(setAt));
        } else {
            updateElseInsert(() -> jdbc.update("UPDATE " + credentials + " SET password_hash = ?, set_micros = ?"
                    + " WHERE user_id = ?", passwordHash, micros(setAt), userId),
                    () -> jdbc.update(insert, userId, passwordHash, micros(setAt)));
        }
    }

    @Override
    public boolean replacePasswordHash(long userId, String expectedHash, String newHash) {
        return jdbc.update("UPDATE " + credentials + " SET password_hash = ? WHERE user_id = ? AND "
                + dialect.sameText("password_hash", "?"), newHash, userId, expectedHash) == 1;
    }

    @Override
    public boolean removeLoginCredential(long userId) {
        return jdbc.update("DELETE FROM " + credentials + " WHERE user_id = ?", userId) > 0;
    }

    // ---- API passwords -----------------------------------------------------------------------------------------------

    @Override
    public ApiPassword addApiPassword(long userId, String label, byte[] digest, Instant createdAt) {
        long id = insertUnique("digest", true, "INSERT INTO " + apiPasswords
                + " (user_id, label, digest, created_micros, last_used_micros) VALUES (?, ?, ?, ?, ?)", userId, label,
                hex(digest), micros(createdAt), micros(createdAt));
        return new ApiPassword(id, userId, label, createdAt, createdAt);
    }

    @Override
    public Optional<ApiPassword> findApiPassword(byte[] digest) {
        return jdbc.first("SELECT " + API_COLUMNS + " FROM " + apiPasswords + " WHERE digest = ?",
                SqlSecurityStore::apiPassword, hex(digest));
    }

    /**
     * One statement for what an API request needs (it runs on every request): the password by its digest,
     * left-joined to the rules that apply to it, every global rule and its user's allow rules.
     */
    @Override
    public Optional<ApiRequest> apiRequest(byte[] digest) {
        record Row(ApiPassword password, IpRule rule) {
        }
        List<Row> rows = jdbc.query("SELECT p.id, p.user_id, p.label, p.created_micros, p.last_used_micros, r.id,"
                + " r.rule_scope, r.user_id, r.cidr, r.label FROM " + apiPasswords + " p LEFT JOIN " + ipRules
                + " r ON r.rule_scope <> ? OR r.user_id = p.user_id WHERE p.digest = ? ORDER BY r.id", rs -> {
                    ApiPassword password = apiPassword(rs);
                    long ruleId = rs.getLong(6);
                    return new Row(password, rs.wasNull() ? null : new IpRule(ruleId,
                            IpRuleScope.valueOf(rs.getString(7)), rs.getLong(8), rs.getString(9), rs.getString(10)));
                }, IpRuleScope.USER_ALLOW.name(), hex(digest));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<IpRule> global = new ArrayList<>();
        List<IpRule> own = new ArrayList<>();
        for (Row row : rows) {
            if (row.rule() != null) {
                (row.rule().scope() == IpRuleScope.USER_ALLOW ? own : global).add(row.rule());
            }
        }
        return Optional.of(new ApiRequest(rows.get(0).password(), global, own));
    }

    @Override
    public List<ApiPassword> apiPasswords(long userId) {
        return jdbc.query("SELECT " + API_COLUMNS + " FROM " + apiPasswords + " WHERE user_id = ? ORDER BY id",
                SqlSecurityStore::apiPassword, userId);
    }

    private static ApiPassword apiPassword(ResultSet rs) throws SQLException {
        return new ApiPassword(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs.getLong(4)),
                instant(rs.getLong(5)));
    }

    @Override
    public boolean touchApiPassword(long id, Instant usedAt, Instant ifUsedBefore) {
        return jdbc.update("UPDATE " + apiPasswords + " SET last_used_micros = ? WHERE id = ? AND last_used_micros < ?",
                micros(usedAt), id, micros(ifUsedBefore)) == 1;
    }

    @Override
    public boolean revokeApiPassword(long userId, long id) {
        return jdbc.update("DELETE FROM " + apiPasswords + " WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    @Override
    public int revokeApiPasswords(long userId) {
        return jdbc.update("DELETE FROM " + apiPasswords + " WHERE user_id = ?", userId);
    }

    // ---- login sessions ----------------------------------------------------------------------------------------------

    @Override
    public void addSession(byte[] tokenDigest, LoginSession session) {
        insertUnique("tokenDigest", false, "INSERT INTO " + sessions + " (token_digest, user_id, created_micros,"
                + " last_seen_micros, expires_micros, second_factor_pending) VALUES (?, ?, ?, ?, ?, ?)",
                hex(tokenDigest), session.userId(), micros(session.createdAt()), micros(session.lastSeenAt()),
                micros(session.expiresAt()), session.secondFactorPending());
    }

    @Override
    public Optional<LoginSession> findSession(byte[] tokenDigest) {
        return jdbc.first("SELECT user_id, created_micros, last_seen_micros, expires_micros, second_factor_pending"
                + " FROM " + sessions + " WHERE token_digest = ?", rs -> new LoginSession(rs.getLong(1),
                instant(rs.getLong(2)), instant(rs.getLong(3)), instant(rs.getLong(4)), rs.getBoolean(5)),
                hex(tokenDigest));
    }

    @Override
    public boolean touchSession(byte[] tokenDigest, Instant seenAt, Instant ifSeenBefore) {
        return jdbc.update("UPDATE " + sessions + " SET last_seen_micros = ? WHERE token_digest = ?"
                + " AND last_seen_micros < ? AND created_micros <= ?", micros(seenAt), hex(tokenDigest),
                micros(ifSeenBefore), micros(seenAt)) == 1;
    }

    @Override
    public boolean revokeSession(byte[] tokenDigest) {
        return jdbc.update("DELETE FROM " + sessions + " WHERE token_digest = ?", hex(tokenDigest)) == 1;
    }

    @Override
    public int revokeSessions(long userId) {
        return jdbc.update("DELETE FROM " + sessions + " WHERE user_id = ?", userId);
    }

    @Override
    public int purgeSessions(Instant now, Instant idleSince) {
        return jdbc.update("DELETE FROM " + sessions + " WHERE expires_micros <= ? OR last_seen_micros < ?",
                micros(now), micros(idleSince));
    }

    // ---- failure counters and lockouts -------------------------------------------------------------------------------

    @Override
    public int recordFailure(FailureKind kind, String key, Instant now, Instant windowStart) {
        String digest = keyDigest(key);
        long start = micros(windowStart);
        long at = micros(now);
        // failures first: MySQL assigns left to right, and its CASE must see the window as it was.
        String next = "failures = CASE WHEN window_start_micros < ? THEN 1 ELSE failures + 1 END,"
                + " window_start_micros = CASE WHEN window_start_micros < ? THEN ? ELSE window_start_micros END";
        String insert = "INSERT INTO " + counters + " (kind, key_digest, failure_key, failures, window_start_micros,"
                + " locked_until_micros) VALUES (?, ?, ?, 1, ?, 0)";
        if (dialect == Dialect.MYSQL) {
            jdbc.update(insert + " ON DUPLICATE KEY UPDATE " + next, kind.name(), digest, key, at, start, start, at);
        } else {
            updateElseInsert(() -> jdbc.update("UPDATE " + counters + " SET " + next
                    + " WHERE kind = ? AND key_digest = ?", start, start, at, kind.name(), digest),
                    () -> jdbc.update(insert, kind.name(), digest, key, at));
        }
        // This unit of work holds the row's lock since its write, so this reads its own value.
        return (int) jdbc.number("SELECT failures FROM " + counters + " WHERE kind = ? AND key_digest = ?",
                kind.name(), digest);
    }

    @Override
    public boolean lockUntil(FailureKind kind, String key, Instant until) {
        return jdbc.update("UPDATE " + counters + " SET locked_until_micros = ? WHERE kind = ? AND key_digest = ?",
                micros(until), kind.name(), keyDigest(key)) == 1;
    }

    @Override
    public Optional<FailureCounter> failureCounter(FailureKind kind, String key) {
        return jdbc.first("SELECT failures, window_start_micros, locked_until_micros FROM " + counters
                + " WHERE kind = ? AND key_digest = ?", rs -> new FailureCounter(rs.getInt(1), instant(rs.getLong(2)),
                instant(rs.getLong(3))), kind.name(), keyDigest(key));
    }

    @Override
    public boolean resetFailures(FailureKind kind, String key) {
        return jdbc.update("DELETE FROM " + counters + " WHERE kind = ? AND key_digest = ?", kind.name(),
                keyDigest(key)) == 1;
    }

    @Override
    public int purgeFailureCounters(Instant now, Instant windowStartedBefore) {
        return jdbc.update("DELETE FROM " + counters + " WHERE window_start_micros < ? AND locked_until_micros <= ?",
                micros(windowStartedBefore), micros(now));
    }

    // ---- TOTP and recovery codes -------------------------------------------------------------------------------------

    @Override
    public void saveTotp(TotpEnrolment e) {
        String set = "encrypted_secret = ?, key_id = ?, totp_algorithm = ?, digits = ?, period_seconds = ?,"
                + " confirmed = ?, last_used_step = ?, created_micros = ?";
        Object[] values = {hex(e.encryptedSecret()), e.keyId(), e.algorithm().name(), e.digits(), e.periodSeconds(),
                e.confirmed(), e.lastUsedStep(), micros(e.createdAt())};
        String insert = "INSERT INTO " + totp + " (user_id, encrypted_secret, key_id, totp_algorithm, digits,"
                + " period_seconds, confirmed, last_used_step, created_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Object[] row = new Object[values.length + 1];
        row[0] = e.userId();
        System.arraycopy(values, 0, row, 1, values.length);
        if (dialect == Dialect.MYSQL) {
            Object[] both = new Object[row.length + values.length];
            System.arraycopy(row, 0, both, 0, row.length);
            System.arraycopy(values, 0, both, row.length, values.length);
            jdbc.update(insert + " ON DUPLICATE KEY UPDATE " + set, both);
        } else {
            Object[] update = new Object[values.length + 1];
            System.arraycopy(values, 0, update, 0, values.length);
            update[values.length] = e.userId();
            updateElseInsert(() -> jdbc.update("UPDATE " + totp + " SET " + set + " WHERE user_id = ?", update),
                    () -> jdbc.update(insert, row));
        }
    }

    @Override
    public Optional<TotpEnrolment> totp(long userId) {
        return jdbc.first("SELECT encrypted_secret, key_id, totp_algorithm, digits, period_seconds, confirmed,"
                + " last_used_step, created_micros FROM " + totp + " WHERE user_id = ?", rs -> new TotpEnrolment(userId,
                HEX.parseHex(rs.getString(1)), rs.getString(2), TotpAlgorithm.valueOf(rs.getString(3)), rs.getInt(4),
                rs.getInt(5), rs.getBoolean(6), rs.getLong(7), instant(rs.getLong(8))), userId);
    }

    @Override
    public boolean confirmTotp(long userId) {
        return jdbc.update("UPDATE " + totp + " SET confirmed = ? WHERE user_id = ? AND confirmed = ?", true, userId,
                false) == 1;
    }

    @Override
    public boolean useTotpStep(long userId, long step) {
        return jdbc.update("UPDATE " + totp + " SET last_used_step = ? WHERE user_id = ? AND last_used_step < ?", step,
                userId, step) == 1;
    }

    @Override
    public boolean removeTotp(long userId) {
        jdbc.update("DELETE FROM " + recoveryCodes + " WHERE user_id = ?", userId);
        return jdbc.update("DELETE FROM " + totp + " WHERE user_id = ?", userId) == 1;
    }

    @Override
    public void replaceRecoveryCodes(long userId, List<byte[]> digests) {
        jdbc.update("DELETE FROM " + recoveryCodes + " WHERE user_id = ?", userId);
        for (byte[] digest : digests) {
            jdbc.update("INSERT INTO " + recoveryCodes + " (user_id, code_digest) VALUES (?, ?)", userId, hex(digest));
        }
    }

    @Override
    public boolean consumeRecoveryCode(long userId, byte[] digest) {
        return jdbc.update("DELETE FROM " + recoveryCodes + " WHERE user_id = ? AND code_digest = ?", userId,
                hex(digest)) == 1;
    }

    @Override
    public int recoveryCodesLeft(long userId) {
        return (int) jdbc.number("SELECT COUNT(*) FROM " + recoveryCodes + " WHERE user_id = ?", userId);
    }

    // ---- IP rules ----------------------------------------------------------------------------------------------------

    @Override
    public IpRule addIpRule(IpRuleScope scope, long userId, String cidr, String label) {
        long id = jdbc.insert("INSERT INTO " + ipRules + " (rule_scope, user_id, cidr, label) VALUES (?, ?, ?, ?)",
                scope.name(), userId, cidr, label);
        return new IpRule(id, scope, userId, cidr, label);
    }

    @Override
    public boolean removeIpRule(long id) {
        return jdbc.update("DELETE FROM " + ipRules + " WHERE id = ?", id) == 1;
    }

    @Override
    public List<IpRule> globalIpRules() {
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM " + ipRules + " WHERE rule_scope <> ? ORDER BY id",
                SqlSecurityStore::ipRule, IpRuleScope.USER_ALLOW.name());
    }

    @Override
    public List<IpRule> userIpRules(long userId) {
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM " + ipRules + " WHERE rule_scope = ? AND user_id = ?"
                + " ORDER BY id", SqlSecurityStore::ipRule, IpRuleScope.USER_ALLOW.name(), userId);
    }

    private static IpRule ipRule(ResultSet rs) throws SQLException {
        return new IpRule(rs.getLong(1), IpRuleScope.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4),
                rs.getString(5));
    }

    // ---- users -------------------------------------------------------------------------------------------------------

    @Override
    public void forgetUser(long userId) {
        for (String table : List.of(credentials, apiPasswords, sessions, totp, recoveryCodes)) {
            jdbc.update("DELETE FROM " + table + " WHERE user_id = ?", userId);
        }
        jdbc.update("DELETE FROM " + ipRules + " WHERE rule_scope = ? AND user_id = ?", IpRuleScope.USER_ALLOW.name(),
                userId);
    }
}
