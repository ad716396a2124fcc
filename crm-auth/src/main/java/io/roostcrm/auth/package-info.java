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
 * <p>Implementation is in {@code io.roostcrm.auth.internal}, which is not API.
 */
package io.roostcrm.auth;
