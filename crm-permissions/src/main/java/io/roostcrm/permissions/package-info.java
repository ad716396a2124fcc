/**
 * Roost's permission engine: the one place where every access decision is made.
 *
 * <p>The engine is pure: it performs no I/O, touches no storage and does no logging. Callers describe
 * the fields ({@link io.roostcrm.permissions.FieldRegistry}), the roles ({@link io.roostcrm.permissions.Role})
 * and who is asking ({@link io.roostcrm.permissions.Subject}); a {@link io.roostcrm.permissions.PermissionEngine}
 * compiles a subject's roles once into a dense {@link io.roostcrm.permissions.Policy} that answers field,
 * contact and entity questions in nanoseconds, produces the {@link io.roostcrm.permissions.ScopePredicate}
 * a store pushes into its query, and {@linkplain io.roostcrm.permissions.Policy#explain explains} any decision.
 *
 * <p>Semantics, in short: deny by default; a right holds when one single role grants it within that role's own
 * scope (the union of whole grants, never one role's scope combined with another role's field right); update
 * implies read, update scope and a field that is not read-only; a super admin may do everything.
 */
package io.roostcrm.permissions;
