/**
 * The SQL the FluentCRM store runs, one class per sub-store, plus the compiler of contact selections into one
 * statement. Not API.
 */
package io.roostcrm.store.fluentcrm.internal.sql;
