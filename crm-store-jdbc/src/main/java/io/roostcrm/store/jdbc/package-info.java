/**
 * Roost's native store on H2, PostgreSQL and MariaDB: {@link io.roostcrm.store.jdbc.JdbcStore}, built with
 * {@link io.roostcrm.store.jdbc.JdbcStore#builder()} or found by URL through
 * {@link io.roostcrm.store.jdbc.JdbcStoreProvider} ({@code io.roostcrm.core.spi.CrmStores}).
 *
 * <p>The store keeps its own tables (prefix {@code roost_}), migrated with Flyway at start-up. Each custom field is a
 * column of the contact table with an index, so a permission-filtered, sorted, keyset-paged contact query is one SQL
 * statement that runs on indexes. Everything else lives in {@code io.roostcrm.store.jdbc.internal} (not API).
 */
package io.roostcrm.store.jdbc;
