/**
 * The technology compatibility kit (TCK) for Roost stores: {@link io.roostcrm.tck.CrmStoreCompatibilityKit}, an
 * abstract JUnit 5 class that checks every promise of the storage SPI ({@code io.roostcrm.core.spi}) against a store,
 * and {@link io.roostcrm.tck.ContactRowAssert}, AssertJ assertions for the rows a store returns. A store module adds
 * {@code crm-tck} as a test dependency and extends the kit once per database; a store that passes it works with
 * everything above the SPI. The kit's tests sit in package-private contract classes, one per promise, which the kit
 * mounts as {@code @Nested} groups; they, and the helpers they share, are not API.
 */
package io.roostcrm.tck;
