package io.roostcrm.core.audit;

/**
 * What {@link AuditTrail#purgeOlderThan(int)} did.
 *
 * @param purged             how many entries it deleted
 * @param purgedThrough      the last deleted sequence number ({@code 0}: none)
 * @param checkpointSequence the checkpoint entry it wrote ({@code 0}: none, nothing was old enough)
 */
public record PurgeReport(long purged, long purgedThrough, long checkpointSequence) {
}
