package io.roostcrm.core.audit;

import java.util.List;

/**
 * A page of the audit view.
 *
 * @param entries   the entries the reader may see, ascending by sequence
 * @param nextAfter the sequence number to read the next page after ({@link AuditQuery#page}); entries the reader may
 *                  not see were passed over too
 * @param more      whether the trail may hold further matching entries
 */
public record AuditPage(List<AuditEntry> entries, long nextAfter, boolean more) {
    /** Copies. */
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
