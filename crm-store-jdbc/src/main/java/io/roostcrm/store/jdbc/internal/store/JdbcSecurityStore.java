package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.UtcTimes;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CIDR;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CODE_DIGEST;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONFIRMED;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CREATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DIGEST;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DIGITS;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ENCRYPTED_SECRET;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.EXPIRES_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.FAILURES;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.FAILURE_KEY;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.KEY_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.KIND;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LABEL;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LAST_SEEN_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LAST_USED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LAST_USED_STEP;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LOCKED_UNTIL;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.PASSWORD_HASH;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.PERIOD_SECONDS;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.RULE_SCOPE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SECOND_FACTOR_PENDING;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SET_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.TOKEN_DIGEST;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.TOTP_ALGORITHM;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.USER_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.WINDOW_START;

/**
 * Account-security state in the {@code roost_login_credential}, {@code roost_api_password},
 * {@code roost_login_session}, {@code roost_failure_counter}, {@code roost_totp}, {@code roost_recovery_code} and
 * {@code roost_ip_rule} tables ({@code V7__security.sql}). Digests and the encrypted TOTP secret are stored as
 * lower-case hex.
 *
 * <p>What must be atomic across nodes is one statement on the current row: a failure is counted by PostgreSQL's
 * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, MariaDB's {@code INSERT ... ON DUPLICATE KEY UPDATE} (which
 * takes the row's exclusive lock at once, so racers queue instead of deadlocking on shared locks) and, on H2, an
 * {@code UPDATE ... SET failures = failures + 1} that inserts when there is no row and updates again when a racer
 * inserted it first; TOTP steps, conditional touches and rehashes are {@code UPDATE ... WHERE} on the old value,
 * which each database re-checks on the latest row once it holds its lock; a recovery code is used by deleting it.
 */
public final class JdbcSecurityStore extends SubStore implements SecurityStore {

    private static final HexFormat HEX = HexFormat.of();
    private static final LocalDateTime NEVER = UtcTimes.toDb(Instant.EPOCH);

    public JdbcSecurityStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static LocalDateTime db(Instant time) {
        return UtcTimes.toDb(time);
    }

    private static Instant instant(LocalDateTime value) {
        return UtcTimes.fromDb(value);
    }

    /**
     * An upsert on H2, which has no single-statement one that holds under races: the update, else the insert, else
     * (a racer inserted the row first and committed) the update again.
     */
    private static void updateElseInsert(IntSupplier update, Runnable insert) {
        if (update.getAsInt() > 0) {
            return;
        }
        try {
            insert.run();
        } catch (DataAccessException e) {
            if (!"23505".equals(e.sqlState())) {
                throw e;
            }
            // H2 rolled back the failed statement only; the row is there now, committed.
            if (update.getAsInt() == 0) {
                throw e;
            }
        }
    }

    /** A column qualified by its table, for the upserts' SET expressions, where a bare name could be ambiguous. */
    private <T> Field<T> qualified(Table<Record> table, Field<T> column) {
        return DSL.field(table.getQualifiedName().append(column.getUnqualifiedName()), column.getDataType());
    }

    // ---- login credentials -------------------------------------------------------------------------------------------

    @Override
    public Optional<LoginCredential> loginCredential(long userId) {
        return run("read a login credential", () -> dsl().select(PASSWORD_HASH, SET_AT)
                .from(tables().loginCredential()).where(USER_ID.eq(userId))
                .fetchOptional(r -> new LoginCredential(userId, r.get(PASSWORD_HASH), instant(r.get(SET_AT)))));
    }

    @Override
    public void setLoginCredential(long userId, String passwordHash, Instant setAt) {
        run("write a login credential", () -> {
            Table<Record> t = tables().loginCredential();
            var insert = dsl().insertInto(t, USER_ID, PASSWORD_HASH, SET_AT).values(userId, passwordHash, db(setAt));
            switch (tx.kind()) {
                case POSTGRESQL -> insert.onConflict(USER_ID).doUpdate().set(PASSWORD_HASH, passwordHash)
                        .set(SET_AT, db(setAt)).execute();
                case MARIADB, MYSQL -> insert.onDuplicateKeyUpdate().set(PASSWORD_HASH, passwordHash)
                        .set(SET_AT, db(setAt)).execute();
                case H2 -> updateElseInsert(() -> dsl().update(t).set(PASSWORD_HASH, passwordHash)
                        .set(SET_AT, db(setAt)).where(USER_ID.eq(userId)).execute(), insert::execute);
            }
            return null;
        });
    }

    @Override
    public boolean replacePasswordHash(long userId, String expectedHash, String newHash) {
        return run("rehash a login credential", () -> dsl().update(tables().loginCredential())
                .set(PASSWORD_HASH, newHash).where(USER_ID.eq(userId)).and(PASSWORD_HASH.eq(expectedHash))
                .execute() == 1);
    }

    @Override
    public boolean removeLoginCredential(long userId) {
        return run("remove a login credential", () -> dsl().deleteFrom(tables().loginCredential())
                .where(USER_ID.eq(userId)).execute() > 0);
    }

    // ---- API passwords -----------------------------------------------------------------------------------------------

    @Override
    public ApiPassword addApiPassword(long userId, String label, byte[] digest, Instant createdAt) {
        return run("add an API password", Optional.of("digest"), () -> {
            long id = dsl().insertInto(tables().apiPassword(), USER_ID, LABEL, DIGEST, CREATED_AT, LAST_USED_AT)
                    .values(userId, label, hex(digest), db(createdAt), db(createdAt)).returningResult(ID).fetchOne()
                    .value1();
            return new ApiPassword(id, userId, label, createdAt, createdAt);
        });
    }

    @Override
    public Optional<ApiPassword> findApiPassword(byte[] digest) {
        return run("find an API password", () -> dsl().select(ID, USER_ID, LABEL, CREATED_AT, LAST_USED_AT)
                .from(tables().apiPassword()).where(DIGEST.eq(hex(digest))).fetchOptional(JdbcSecurityStore::apiPassword));
    }

    /**
     * One statement for what an API request needs, on every request: the password by its digest, left-joined to the
     * rules that apply to it (every global rule, and its user's allow rules), with the security epoch's version as one
     * more column, so that the unit of work knows its epoch without a statement of its own (as a contact select does).
     * Rendered once per store and run as plain JDBC: rendering it with jOOQ on each request cost more than H2 spends
     * executing it. The rule table is written by administrators and small, so the join's {@code OR} costs little.
     */
    @Override
    public Optional<ApiRequest> apiRequest(byte[] digest) {
        String sql = tables().rendered("security.apiRequest", () -> "select p.id, p.user_id, p.label, p.created_at,"
                + " p.last_used_at, " + tables().epochVersionSelect(dsl()) + ", r.id, r.rule_scope, r.user_id, r.cidr,"
                + " r.label from " + dsl().render(tables().apiPassword()) + " p left join "
                + dsl().render(tables().ipRule()) + " r on r.rule_scope <> '" + IpRuleScope.USER_ALLOW.name()
                + "' or r.user_id = p.user_id where p.digest = ? order by r.id");
        String presented = hex(digest);
        return run("find an API request's password and IP rules", () -> dsl().connectionResult(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, presented);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ApiRequest>empty();
                    }
                    ApiPassword found = new ApiPassword(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            instant(rs.getObject(4, LocalDateTime.class)), instant(rs.getObject(5, LocalDateTime.class)));
                    long epochVersion = rs.getLong(6);
                    List<IpRule> global = new ArrayList<>();
                    List<IpRule> own = new ArrayList<>();
                    do {
                        long ruleId = rs.getLong(7);
                        if (!rs.wasNull()) {
                            IpRule rule = new IpRule(ruleId, IpRuleScope.valueOf(rs.getString(8)), rs.getLong(9),
                                    rs.getString(10), rs.getString(11));
                            (rule.scope() == IpRuleScope.USER_ALLOW ? own : global).add(rule);
                        }
                    } while (rs.next());
                    tx.epochVersionSeen(epochVersion);
                    return Optional.of(new ApiRequest(found, global, own));
                }
            }
        }));
    }

    @Override
    public List<ApiPassword> apiPasswords(long userId) {
        return run("list API passwords", () -> dsl().select(ID, USER_ID, LABEL, CREATED_AT, LAST_USED_AT)
                .from(tables().apiPassword()).where(USER_ID.eq(userId)).orderBy(ID)
                .fetch(JdbcSecurityStore::apiPassword));
    }

    private static ApiPassword apiPassword(Record r) {
        return new ApiPassword(r.get(ID), r.get(USER_ID), r.get(LABEL), instant(r.get(CREATED_AT)),
                instant(r.get(LAST_USED_AT)));
    }

    @Override
    public boolean touchApiPassword(long id, Instant usedAt, Instant ifUsedBefore) {
        return run("touch an API password", () -> dsl().update(tables().apiPassword()).set(LAST_USED_AT, db(usedAt))
                .where(ID.eq(id)).and(LAST_USED_AT.lt(db(ifUsedBefore))).execute() == 1);
    }

    @Override
    public boolean revokeApiPassword(long userId, long id) {
        return run("revoke an API password", () -> dsl().deleteFrom(tables().apiPassword())
                .where(ID.eq(id)).and(USER_ID.eq(userId)).execute() == 1);
    }

    @Override
    public int revokeApiPasswords(long userId) {
        return run("revoke API passwords", () -> dsl().deleteFrom(tables().apiPassword())
                .where(USER_ID.eq(userId)).execute());
    }

    // ---- login sessions ----------------------------------------------------------------------------------------------

    @Override
    public void addSession(byte[] tokenDigest, LoginSession session) {
        run("add a login session", Optional.of("tokenDigest"), () -> dsl().insertInto(tables().loginSession(),
                        TOKEN_DIGEST, USER_ID, CREATED_AT, LAST_SEEN_AT, EXPIRES_AT, SECOND_FACTOR_PENDING)
                .values(hex(tokenDigest), session.userId(), db(session.createdAt()), db(session.lastSeenAt()),
                        db(session.expiresAt()), session.secondFactorPending()).execute());
    }

    @Override
    public Optional<LoginSession> findSession(byte[] tokenDigest) {
        return run("find a login session", () -> dsl().select(USER_ID, CREATED_AT, LAST_SEEN_AT, EXPIRES_AT,
                        SECOND_FACTOR_PENDING).from(tables().loginSession()).where(TOKEN_DIGEST.eq(hex(tokenDigest)))
                .fetchOptional(r -> new LoginSession(r.get(USER_ID), instant(r.get(CREATED_AT)),
                        instant(r.get(LAST_SEEN_AT)), instant(r.get(EXPIRES_AT)), r.get(SECOND_FACTOR_PENDING))));
    }

    @Override
    public boolean touchSession(byte[] tokenDigest, Instant seenAt, Instant ifSeenBefore) {
        return run("touch a login session", () -> dsl().update(tables().loginSession())
                .set(LAST_SEEN_AT, db(seenAt)).where(TOKEN_DIGEST.eq(hex(tokenDigest)))
                .and(LAST_SEEN_AT.lt(db(ifSeenBefore))).and(CREATED_AT.le(db(seenAt))).execute() == 1);
    }

    @Override
    public boolean revokeSession(byte[] tokenDigest) {
        return run("revoke a login session", () -> dsl().deleteFrom(tables().loginSession())
                .where(TOKEN_DIGEST.eq(hex(tokenDigest))).execute() == 1);
    }

    @Override
    public int revokeSessions(long userId) {
        return run("revoke login sessions", () -> dsl().deleteFrom(tables().loginSession())
                .where(USER_ID.eq(userId)).execute());
    }

    @Override
    public int purgeSessions(Instant now, Instant idleSince) {
        return run("purge login sessions", () -> dsl().deleteFrom(tables().loginSession())
                .where(EXPIRES_AT.le(db(now)).or(LAST_SEEN_AT.lt(db(idleSince)))).execute());
    }

    // ---- failure counters and lockouts -------------------------------------------------------------------------------

    @Override
    public int recordFailure(FailureKind kind, String key, Instant now, Instant windowStart) {
        return run("count a failure", () -> {
            Table<Record> t = tables().failureCounter();
            Field<Integer> failures = qualified(t, FAILURES);
            Field<LocalDateTime> start = qualified(t, WINDOW_START);
            var expired = start.lt(db(windowStart));
            var nextFailures = DSL.when(expired, DSL.inline(1)).otherwise(failures.plus(DSL.inline(1)));
            var nextStart = DSL.when(expired, DSL.val(db(now), WINDOW_START.getDataType())).otherwise(start);
            var insert = dsl().insertInto(t, KIND, FAILURE_KEY, FAILURES, WINDOW_START, LOCKED_UNTIL)
                    .values(kind.name(), key, 1, db(now), NEVER);
            var where = KIND.eq(kind.name()).and(FAILURE_KEY.eq(key));
            switch (tx.kind()) {
                case POSTGRESQL -> {
                    return insert.onConflict(KIND, FAILURE_KEY).doUpdate().set(FAILURES, nextFailures)
                            .set(WINDOW_START, nextStart).returningResult(FAILURES).fetchOne().value1();
                }
                // MariaDB assigns left to right: failures first, while window_start still holds the old value.
                case MARIADB, MYSQL -> insert.onDuplicateKeyUpdate().set(FAILURES, nextFailures)
                        .set(WINDOW_START, nextStart).execute();
                case H2 -> updateElseInsert(() -> dsl().update(t).set(FAILURES, nextFailures)
                        .set(WINDOW_START, nextStart).where(where).execute(), insert::execute);
            }
            // This unit of work holds the row's lock since its write, so this reads its own value.
            return dsl().select(FAILURES).from(t).where(where).fetchOne().value1();
        });
    }

    @Override
    public boolean lockUntil(FailureKind kind, String key, Instant until) {
        return run("lock out", () -> dsl().update(tables().failureCounter()).set(LOCKED_UNTIL, db(until))
                .where(KIND.eq(kind.name())).and(FAILURE_KEY.eq(key)).execute() == 1);
    }

    @Override
    public Optional<FailureCounter> failureCounter(FailureKind kind, String key) {
        return run("read a failure counter", () -> dsl().select(FAILURES, WINDOW_START, LOCKED_UNTIL)
                .from(tables().failureCounter()).where(KIND.eq(kind.name())).and(FAILURE_KEY.eq(key))
                .fetchOptional(r -> new FailureCounter(r.get(FAILURES), instant(r.get(WINDOW_START)),
                        instant(r.get(LOCKED_UNTIL)))));
    }

    @Override
    public boolean resetFailures(FailureKind kind, String key) {
        return run("reset a failure counter", () -> dsl().deleteFrom(tables().failureCounter())
                .where(KIND.eq(kind.name())).and(FAILURE_KEY.eq(key)).execute() == 1);
    }

    @Override
    public int purgeFailureCounters(Instant now, Instant windowStartedBefore) {
        return run("purge failure counters", () -> dsl().deleteFrom(tables().failureCounter())
                .where(WINDOW_START.lt(db(windowStartedBefore))).and(LOCKED_UNTIL.le(db(now))).execute());
    }

    // ---- TOTP and recovery codes -------------------------------------------------------------------------------------

    @Override
    public void saveTotp(TotpEnrolment e) {
        run("save a TOTP enrolment", () -> {
            Table<Record> t = tables().totp();
            String secret = hex(e.encryptedSecret());
            var insert = dsl().insertInto(t, USER_ID, ENCRYPTED_SECRET, KEY_ID, TOTP_ALGORITHM, DIGITS, PERIOD_SECONDS,
                    CONFIRMED, LAST_USED_STEP, CREATED_AT).values(e.userId(), secret, e.keyId(), e.algorithm().name(),
                    e.digits(), e.periodSeconds(), e.confirmed(), e.lastUsedStep(), db(e.createdAt()));
            switch (tx.kind()) {
                case POSTGRESQL -> insert.onConflict(USER_ID).doUpdate().set(ENCRYPTED_SECRET, secret)
                        .set(KEY_ID, e.keyId()).set(TOTP_ALGORITHM, e.algorithm().name()).set(DIGITS, e.digits())
                        .set(PERIOD_SECONDS, e.periodSeconds()).set(CONFIRMED, e.confirmed())
                        .set(LAST_USED_STEP, e.lastUsedStep()).set(CREATED_AT, db(e.createdAt())).execute();
                case MARIADB, MYSQL -> insert.onDuplicateKeyUpdate().set(ENCRYPTED_SECRET, secret)
                        .set(KEY_ID, e.keyId()).set(TOTP_ALGORITHM, e.algorithm().name()).set(DIGITS, e.digits())
                        .set(PERIOD_SECONDS, e.periodSeconds()).set(CONFIRMED, e.confirmed())
                        .set(LAST_USED_STEP, e.lastUsedStep()).set(CREATED_AT, db(e.createdAt())).execute();
                case H2 -> updateElseInsert(() -> dsl().update(t).set(ENCRYPTED_SECRET, secret)
                        .set(KEY_ID, e.keyId()).set(TOTP_ALGORITHM, e.algorithm().name()).set(DIGITS, e.digits())
                        .set(PERIOD_SECONDS, e.periodSeconds()).set(CONFIRMED, e.confirmed())
                        .set(LAST_USED_STEP, e.lastUsedStep()).set(CREATED_AT, db(e.createdAt()))
                        .where(USER_ID.eq(e.userId())).execute(), insert::execute);
            }
            return null;
        });
    }

    @Override
    public Optional<TotpEnrolment> totp(long userId) {
        return run("read a TOTP enrolment", () -> dsl().select(ENCRYPTED_SECRET, KEY_ID, TOTP_ALGORITHM, DIGITS,
                        PERIOD_SECONDS, CONFIRMED, LAST_USED_STEP, CREATED_AT).from(tables().totp())
                .where(USER_ID.eq(userId)).fetchOptional(r -> new TotpEnrolment(userId,
                        HEX.parseHex(r.get(ENCRYPTED_SECRET)), r.get(KEY_ID),
                        TotpAlgorithm.valueOf(r.get(TOTP_ALGORITHM)), r.get(DIGITS), r.get(PERIOD_SECONDS),
                        r.get(CONFIRMED), r.get(LAST_USED_STEP), instant(r.get(CREATED_AT)))));
    }

    @Override
    public boolean confirmTotp(long userId) {
        return run("confirm a TOTP enrolment", () -> dsl().update(tables().totp()).set(CONFIRMED, true)
                .where(USER_ID.eq(userId)).and(CONFIRMED.eq(false)).execute() == 1);
    }

    @Override
    public boolean useTotpStep(long userId, long step) {
        return run("use a TOTP step", () -> dsl().update(tables().totp()).set(LAST_USED_STEP, step)
                .where(USER_ID.eq(userId)).and(LAST_USED_STEP.lt(step)).execute() == 1);
    }

    @Override
    public boolean removeTotp(long userId) {
        return run("remove a TOTP enrolment", () -> {
            dsl().deleteFrom(tables().recoveryCode()).where(USER_ID.eq(userId)).execute();
            return dsl().deleteFrom(tables().totp()).where(USER_ID.eq(userId)).execute() == 1;
        });
    }

    @Override
    public void replaceRecoveryCodes(long userId, List<byte[]> digests) {
        run("replace recovery codes", () -> {
            dsl().deleteFrom(tables().recoveryCode()).where(USER_ID.eq(userId)).execute();
            if (!digests.isEmpty()) {
                var insert = dsl().insertInto(tables().recoveryCode(), USER_ID, CODE_DIGEST);
                for (byte[] digest : digests) {
                    insert = insert.values(userId, hex(digest));
                }
                insert.execute();
            }
            return null;
        });
    }

    @Override
    public boolean consumeRecoveryCode(long userId, byte[] digest) {
        return run("use a recovery code", () -> dsl().deleteFrom(tables().recoveryCode())
                .where(USER_ID.eq(userId)).and(CODE_DIGEST.eq(hex(digest))).execute() == 1);
    }

    @Override
    public int recoveryCodesLeft(long userId) {
        return run("count recovery codes", () -> dsl().fetchCount(tables().recoveryCode(), USER_ID.eq(userId)));
    }

    // ---- IP rules ----------------------------------------------------------------------------------------------------

    @Override
    public IpRule addIpRule(IpRuleScope scope, long userId, String cidr, String label) {
        return run("add an IP rule", () -> {
            long id = dsl().insertInto(tables().ipRule(), RULE_SCOPE, USER_ID, CIDR, LABEL)
                    .values(scope.name(), userId, cidr, label).returningResult(ID).fetchOne().value1();
            return new IpRule(id, scope, userId, cidr, label);
        });
    }

    @Override
    public boolean removeIpRule(long id) {
        return run("remove an IP rule", () -> dsl().deleteFrom(tables().ipRule()).where(ID.eq(id)).execute() == 1);
    }

    @Override
    public List<IpRule> globalIpRules() {
        return run("list IP rules", () -> dsl().select(ID, RULE_SCOPE, USER_ID, CIDR, LABEL).from(tables().ipRule())
                .where(RULE_SCOPE.ne(IpRuleScope.USER_ALLOW.name())).orderBy(ID).fetch(JdbcSecurityStore::ipRule));
    }

    @Override
    public List<IpRule> userIpRules(long userId) {
        return run("list IP rules", () -> dsl().select(ID, RULE_SCOPE, USER_ID, CIDR, LABEL).from(tables().ipRule())
                .where(RULE_SCOPE.eq(IpRuleScope.USER_ALLOW.name())).and(USER_ID.eq(userId)).orderBy(ID)
                .fetch(JdbcSecurityStore::ipRule));
    }

    private static IpRule ipRule(Record r) {
        return new IpRule(r.get(ID), IpRuleScope.valueOf(r.get(RULE_SCOPE)), r.get(USER_ID), r.get(CIDR),
                r.get(LABEL));
    }

    // ---- users -------------------------------------------------------------------------------------------------------

    @Override
    public void forgetUser(long userId) {
        run("forget a user's security state", () -> {
            for (Table<Record> t : List.of(tables().loginCredential(), tables().apiPassword(),
                    tables().loginSession(), tables().totp(), tables().recoveryCode())) {
                dsl().deleteFrom(t).where(USER_ID.eq(userId)).execute();
            }
            dsl().deleteFrom(tables().ipRule()).where(RULE_SCOPE.eq(IpRuleScope.USER_ALLOW.name()))
                    .and(USER_ID.eq(userId)).execute();
            return null;
        });
    }
}
