/**
 * Account security: who may act as which user. {@link io.roostcrm.auth.Authenticator}, built over a
 * {@link io.roostcrm.core.Crm} and its store, logs users in with a password (Argon2id) and a second factor (TOTP,
 * RFC 6238), authenticates API calls by HTTP Basic with generated API passwords, keeps login sessions, counts
 * failures into lockouts, applies IP allow and deny lists and rate limits, and reports every security-relevant
 * action as a {@link io.roostcrm.auth.SecurityEvent}. All of its state lives in the store
 * ({@link io.roostcrm.core.spi.StoreFeature#SECURITY}), so several nodes over one database share it.
 *
 * <p><b>Why a module of its own</b> (artifact {@code io.roostcrm:crm-auth}, depending on crm-core): Argon2id comes
 * from argon2-jvm, which runs the reference C implementation through JNA, native code that crm-core's users who
 * authenticate elsewhere should not have to carry. crm-core stays pure Java.
 *
 * <p><b>Login flow.</b> {@link io.roostcrm.auth.Authenticator#login} ends in a
 * {@link io.roostcrm.auth.LoginResult}: {@code LoggedIn} (a session token), {@code SecondFactorRequired} (the user has
 * a confirmed TOTP enrolment: pass a code or a recovery code with the pending token to
 * {@link io.roostcrm.auth.Authenticator#verifyTotp}), {@code EnrolmentRequired} ({@link io.roostcrm.auth.MfaEnforcement}
 * covers the user, who has no confirmed enrolment: enrol with {@link io.roostcrm.auth.Authenticator#enrolTotp}, then
 * the first code at {@code verifyTotp} confirms it and logs in), or {@code Refused}. A pending token lasts five
 * minutes and is never a session; refused codes count toward the lockout as wrong passwords do.
 *
 * <p><b>TOTP.</b> RFC 6238 with HMAC-SHA-1, -256 or -512, 6 digits, a 30-second step, one step either side accepted,
 * each step used at most once per user across every node. Secrets are encrypted with AES-256-GCM under the host's
 * {@link io.roostcrm.core.KeyProvider} (set {@code Authenticator.Builder.keyProvider}; needed only when TOTP is
 * used), the key id stored beside each; a key the provider lacks, or a wrong one, is a
 * {@link io.roostcrm.core.CrmConfigurationException} naming the key id. Ten recovery codes of about 119 bits each,
 * stored as SHA-256 digests, each usable once. MFA enforcement (nobody, everyone, or the holders of some roles) is
 * kept in the store's shared settings, so every node applies the same.
 *
 * <p><b>Rate limits.</b> {@link io.roostcrm.auth.RateLimiter#inProcess} per node, or
 * {@link io.roostcrm.auth.RateLimiter#postgreSql} shared by every node through a PostgreSQL table (its DDL is in that
 * method's documentation).
 *
 * <p><b>Sessions</b> end at logout, at their idle or absolute timeout, at a password change, and when an administrator
 * deactivates the user or takes a role away ({@code CrmSession.Admin.updateUser}, in the same transaction).
 *
 * <p><b>API passwords</b> end when revoked or reset, optionally at a password change, and when an administrator
 * deactivates the user ({@code CrmSession.Admin.updateUser} revokes them in the same transaction, so a reactivation
 * does not bring them back: least privilege; the administrator issues new ones). A role taken away leaves them,
 * since every API request builds its session from the roles stored at that moment. Each API request is one unit of
 * work on the store ({@link io.roostcrm.auth.Authenticator#authenticateBasic}): the password and the IP rules that
 * apply are read there (one statement on the JDBC store), and the user and roles too, or this node's copy when the
 * security epoch read in that unit of work shows no user or role changed since; a request writes nothing unless the
 * password's recorded last use is over a minute old.
 *
 * <p>Implementation is in {@code io.roostcrm.auth.internal}, which is not API.
 */
package io.roostcrm.auth;
