/**
 * A Roost store over an existing FluentCRM installation's own MySQL/MariaDB tables, so FluentCRM keeps working on
 * the same rows: {@link io.roostcrm.store.fluentcrm.FluentCrmStore} (built with its builder) and its ServiceLoader
 * entry {@link io.roostcrm.store.fluentcrm.FluentCrmStoreProvider}.
 *
 * <p>Contacts are {@code fc_subscribers} rows, custom field definitions the {@code contact_custom_fields} row of
 * {@code fc_meta}, values {@code fc_subscriber_meta} rows, lists, tags and memberships {@code fc_lists},
 * {@code fc_tags} and {@code fc_subscriber_pivot}, notes {@code fc_subscriber_notes}. What FluentCRM has no place for
 * (stages, reminders, users, teams, roles, versions, field flags) lives in Roost's own {@code <prefix>roost_*} tables
 * beside FluentCRM's, which {@link io.roostcrm.store.fluentcrm.FluentCrmStore#dropRoostTables()} removes again.
 */
package io.roostcrm.store.fluentcrm;
