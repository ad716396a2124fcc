/**
 * How Roost's model maps onto FluentCRM's tables: names, columns, allowed values, value encodings. Not API.
 */
package io.roostcrm.store.fluentcrm.internal.mapping;
