/**
 * The secured service behind {@link io.roostcrm.core.Crm}: where each call is checked against the permission engine,
 * values are validated, and store queries are built from the caller's policy. Not API: no compatibility promise.
 */
package io.roostcrm.core.internal;
