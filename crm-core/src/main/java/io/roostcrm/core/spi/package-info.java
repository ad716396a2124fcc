/**
 * The storage SPI: what a store implements so that {@link io.roostcrm.core.Crm} can run on it. This package is where
 * Roost ends and a store begins.
 *
 * <p>A store is a {@link io.roostcrm.core.spi.CrmStore}; all work happens inside a unit of work
 * ({@link io.roostcrm.core.spi.CrmStore#transactionResult}) through the sub-stores of a
 * {@link io.roostcrm.core.spi.StoreTransaction}. Queries arrive as data ({@link io.roostcrm.core.spi.ContactSelection}):
 * the scope predicate, a per-field masked projection, a filter tree, sort keys and a keyset; a store pushes all of it
 * into one statement and returns exactly the rows and values asked for. Stores never call the permission engine:
 * the secured service has already decided, and hands down its decisions as predicates.
 *
 * <p>Every sentence of this package's Javadoc is checked by the TCK ({@code io.roostcrm.tck}); a store that passes it
 * works with everything above the SPI. Stores are discovered with {@link io.roostcrm.core.spi.CrmStores} through
 * {@link io.roostcrm.core.spi.CrmStoreProvider} entries in {@code META-INF/services}.
 */
package io.roostcrm.core.spi;
