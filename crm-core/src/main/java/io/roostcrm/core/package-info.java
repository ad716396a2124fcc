/**
 * Roost's entry point: {@link io.roostcrm.core.Crm}, built over a store, and the {@link io.roostcrm.core.CrmSession}
 * it gives for a user, where every call is checked by the permission engine before and after it touches the store.
 * The {@link io.roostcrm.core.CrmException} family is what callers catch.
 *
 * <p>Where things are decided: permissions in {@code io.roostcrm.permissions} (module crm-permissions); the secured
 * service in {@code io.roostcrm.core.internal}; the storage SPI in {@code io.roostcrm.core.spi}; SQL in the store
 * modules.
 */
package io.roostcrm.core;
