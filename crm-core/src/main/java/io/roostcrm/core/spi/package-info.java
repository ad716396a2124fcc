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
 * <p><b>What every unit of work carries.</b> A {@link io.roostcrm.core.spi.WorkContext} (who acts, when, from where,
 * the call's correlation id). A store that keeps a security {@link io.roostcrm.core.spi.Epoch} moves it with every
 * change to field definitions, roles, users and stages, so that several nodes over one database decide with the
 * same definitions; one that keeps a {@link io.roostcrm.core.spi.ChangeLogStore} records every change in the same
 * transaction, numbered in commit order. Contact writes return what they replaced
 * ({@link io.roostcrm.core.spi.ContactReplaced}). Optional abilities are {@link java.util.Optional} sub-stores,
 * present exactly when declared ({@link io.roostcrm.core.spi.StoreFeature}); methods added to the SPI since its first
 * release are {@code default} methods. A store is easiest written on {@link io.roostcrm.core.spi.AbstractStoreTransaction},
 * which enforces what every store must.
 *
 * <p>Every sentence of this package's Javadoc is checked by the TCK ({@code io.roostcrm.tck}); a store that passes it
 * works with everything above the SPI. Stores are discovered with {@link io.roostcrm.core.spi.CrmStores} through
 * {@link io.roostcrm.core.spi.CrmStoreProvider} entries in {@code META-INF/services}.
 */
package io.roostcrm.core.spi;
