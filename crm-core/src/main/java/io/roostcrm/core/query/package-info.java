/**
 * Queries as data: {@link io.roostcrm.core.query.Filter} trees, {@link io.roostcrm.core.query.Sort} orders and
 * keyset {@link io.roostcrm.core.query.Page pages}. The same filter tree travels from the caller through the secured
 * service (which refuses hidden fields and guards every leaf with the field's read scope) down to the store.
 */
package io.roostcrm.core.query;
