/**
 * The audit trail: every change and every security event, who did it, when, from where, with field-level values
 * before and after; tamper-evident; readable only through the reader's rights.
 *
 * <p><b>The trail is the change log, hash-chained.</b> Roost already writes one change-log entry per change, in the
 * same transaction as the change and under the lock that orders the log ({@link io.roostcrm.core.spi.ChangeLogStore}).
 * A separate audit table would have to repeat all of that, double the writes of every change and could drift from the
 * log; instead each change-log entry carries the hash of the entry before it and its own hash
 * ({@link io.roostcrm.core.spi.AuditChain}: SHA-256, or HMAC-SHA256 with a host secret given with
 * {@code Crm.Builder.auditKey}), computed while the store holds the change log's head lock, so two {@code Crm}
 * instances over one database append one after the other and can never fork the chain. The head row also keeps the
 * last hash, so a trail cut short or extended by hand is found. What readers see is a view over that log
 * ({@link io.roostcrm.core.audit.AuditTrail}), filtered by their rights at the time they read.
 *
 * <p><b>Retention</b> deletes the oldest entries and appends a checkpoint entry (entity {@code AUDIT}) carrying the
 * number and hash of the last one purged; the checkpoint is itself chained (and keyed), so forging one breaks the
 * chain. Verification starts from the latest checkpoint.
 *
 * <p><b>Limits.</b> Unkeyed, the chain shows tampering by anyone who does not recompute every later hash; only the
 * key makes it evident against a database administrator. A key must be given from the first entry on (or from a
 * checkpoint): entries linked without it do not verify with it.
 */
package io.roostcrm.core.audit;
