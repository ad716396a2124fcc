/**
 * The SPI sub-stores (contacts, fields, groups, notes, reminders, stages, users, roles) over jOOQ. Not API.
 */
package io.roostcrm.store.jdbc.internal.store;
