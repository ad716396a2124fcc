/**
 * The service-level compatibility kit: the seed's example roles and the bad-input rules, run through
 * {@link io.roostcrm.core.Crm} on a store ({@link io.roostcrm.tck.service.CrmServiceCompatibilityKit},
 * {@link io.roostcrm.tck.service.SeedRoles}).
 */
package io.roostcrm.tck.service;
