/**
 * Implementation of the FluentCRM store. Not API: no compatibility promise; anything here may change in any release.
 *
 * <p>{@code mapping} holds how Roost's model maps onto FluentCRM's tables and encodings (table names, columns, field
 * types, PHP-serialized values, note HTML, wall-clock timestamps); {@code sql} holds the statements that read and
 * write them; {@code php} holds the PHP serialization codec.
 */
package io.roostcrm.store.fluentcrm.internal;
