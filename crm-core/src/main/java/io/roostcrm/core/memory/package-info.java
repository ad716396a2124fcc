/**
 * An in-memory reference store: the SPI's semantics in executable form. It backs tests and demos, and the TCK checks
 * itself against it (as Micrometer's {@code SimpleMeterRegistry} backs {@code micrometer-test}). Not for production
 * data: nothing is persisted and every unit of work is serialised.
 */
package io.roostcrm.core.memory;
