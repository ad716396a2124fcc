/**
 * A strict reader and writer of PHP's {@code serialize} format, as WordPress and FluentCRM store it in
 * {@code wp_fc_subscriber_meta.value}, {@code wp_fc_meta.value} and {@code wp_fc_companies.meta}. Only the value
 * kinds FluentCRM writes for Roost's data are supported (null, booleans, integers, floats, strings, arrays); objects,
 * references and enums are refused. Not API: no compatibility promise.
 */
package io.roostcrm.store.fluentcrm.internal.php;
