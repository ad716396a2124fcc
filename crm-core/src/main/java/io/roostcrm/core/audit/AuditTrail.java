package io.roostcrm.core.audit;

/**
 * The audit trail as one session may use it ({@link io.roostcrm.core.CrmSession#audit()}). Reading needs the audit
 * right ({@code EntityType.AUDIT}, {@code READ}) and is always filtered by the reader's rights <em>now</em>: a field
 * the reader cannot read is absent from every entry, old and new values alike; an entry only about such fields, and
 * every entry about a contact outside the reader's view scope, does not appear. Verification, login tracking and
 * retention are for super admins. Thread-safe.
 *
 * @see io.roostcrm.core.audit package documentation for what the trail is and how it is chained
 */
public interface AuditTrail {

    /**
     * Walks the whole chain in constant memory and reports the first broken link. Super admin only.
     *
     * @throws io.roostcrm.core.CrmPermissionDeniedException unless the caller is a super admin
     * @throws io.roostcrm.core.CrmConfigurationException    if the store keeps no audit chain
     */
    AuditVerification verify();

    /**
     * A page of the audit view.
     *
     * @throws io.roostcrm.core.CrmPermissionDeniedException unless the caller holds the audit right
     * @throws io.roostcrm.core.CrmValidationException       if the query names a field the caller cannot read (exactly as
     *                                                       for a field that does not exist)
     */
    AuditPage view(AuditQuery query);

    /**
     * The history of one contact's readable fields.
     *
     * @throws io.roostcrm.core.CrmPermissionDeniedException unless the caller holds the audit right
     * @throws io.roostcrm.core.CrmNotFoundException         if the contact is not in the caller's view scope (or does
     *                                                       not exist)
     */
    FieldHistory fieldHistory(long contactId);

    /**
     * One user's login activity. Super admin only.
     *
     * @throws io.roostcrm.core.CrmPermissionDeniedException unless the caller is a super admin
     */
    LoginActivity loginActivity(long userId);

    /**
     * Purges the entries older than this many days (the longest prefix of the trail that is older) and writes, in the
     * same unit of work, a checkpoint entry carrying the last purged entry's number and hash, so that
     * {@link #verify()} still passes over what remains. Super admin only.
     *
     * @param days at least 1
     * @throws io.roostcrm.core.CrmValidationException       if {@code days} is less than 1, on field
     *                                                       {@code retentionDays}, rule {@code min}
     * @throws io.roostcrm.core.CrmPermissionDeniedException unless the caller is a super admin
     */
    PurgeReport purgeOlderThan(int days);
}
