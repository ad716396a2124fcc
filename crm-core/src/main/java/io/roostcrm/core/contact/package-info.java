/**
 * The CRM's things as immutable values: contacts and the changes to them, notes, reminders, stages, lists and tags,
 * users.
 */
package io.roostcrm.core.contact;
