package io.roostcrm.core.audit;

/** What {@link AuditTrail#verify()} found: the whole chain intact, or its first broken link. */
public sealed interface AuditVerification permits AuditVerification.Intact, AuditVerification.Broken {

    /** Whether every link held. */
    boolean intact();

    /** How a link is broken. */
    enum BreakKind {
        /** An entry's content (or its hash) was changed. */
        ALTERED,
        /** Entries are missing: the one named and possibly more after it. */
        REMOVED,
        /** An intact entry stands at another place than the one it was written at. */
        REORDERED,
        /** An entry that Roost did not write: beyond the chain's head, or where purged entries were. */
        INSERTED
    }

    /**
     * The chain holds.
     *
     * @param entries      how many chained entries were checked
     * @param lastSequence the last sequence number checked ({@code 0} for an empty trail)
     */
    record Intact(long entries, long lastSequence) implements AuditVerification {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * The first broken link.
     *
     * @param sequence the first bad sequence number
     * @param kind     what is wrong there
     * @param entries  how many entries checked out before it
     */
    record Broken(long sequence, BreakKind kind, long entries) implements AuditVerification {
        /** Checks. */
        public Broken {
            java.util.Objects.requireNonNull(kind, "kind");
        }

        @Override
        public boolean intact() {
            return false;
        }
    }
}
