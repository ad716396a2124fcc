/**
 * Where SQL for contact queries is built: scope predicates, masked projections, two-valued filters, sorts with absent
 * values as greatest, and keyset conditions, all in one statement. Not API.
 */
package io.roostcrm.store.jdbc.internal.sql;
