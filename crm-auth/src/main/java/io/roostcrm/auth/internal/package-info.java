/**
 * The implementation of account security: hashing, parsing, TOTP, encryption, IP matching and rate limiting.
 * Not API: no compatibility promise; use {@link io.roostcrm.auth.Authenticator}.
 */
package io.roostcrm.auth.internal;
