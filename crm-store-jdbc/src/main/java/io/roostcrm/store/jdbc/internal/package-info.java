/**
 * The JDBC store's implementation: not API, no compatibility promise; use {@link io.roostcrm.store.jdbc.JdbcStore}.
 *
 * <p>Folders: {@code schema} knows the tables and columns (including custom field columns) and runs migrations;
 * {@code sql} builds the contact query (scope, projection masks, filter, sort, keyset) as one jOOQ statement;
 * {@code store} implements the SPI's sub-stores on top of them.
 */
package io.roostcrm.store.jdbc.internal;
