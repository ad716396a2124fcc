package io.roostcrm.core.spi;

/**
 * The security epoch: what a node's caches of field definitions, roles and users are valid for. Every change to
 * field definitions (including their read-only, active and sensitive flags), roles, users and stages moves the
 * matching component, in the same transaction as the change, so a node that reads an epoch equal to the one its
 * caches were built at knows they are current, and one that reads another knows exactly which to reload.
 *
 * <p>Compare components for equality only. A store that keeps a counter row (the JDBC store) gives increasing
 * numbers; a store that also watches definitions it does not own (the FluentCRM store folds in a digest of
 * FluentCRM's own field definitions) gives a fingerprint that changes whenever they do.
 *
 * @param fields custom field definitions
 * @param roles  role definitions
 * @param users  users, their roles, teams and active flags
 * @param stages stages
 */
public record Epoch(long fields, long roles, long users, long stages) {
}
