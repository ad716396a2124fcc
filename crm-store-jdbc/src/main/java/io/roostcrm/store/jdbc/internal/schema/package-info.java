/**
 * Tables, columns, column types per database, custom field columns and Flyway migrations. Not API.
 */
package io.roostcrm.store.jdbc.internal.schema;
