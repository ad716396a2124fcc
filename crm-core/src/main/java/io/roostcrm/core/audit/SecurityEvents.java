package io.roostcrm.core.audit;

/**
 * Where account security records its events ({@link io.roostcrm.core.Crm#audit()}): each event is committed to the
 * audit trail in a unit of work of its own, so that it is kept even when the call that caused it then fails (a failed
 * login throws after its event is recorded). Thread-safe.
 */
public interface SecurityEvents {

    /**
     * Records an event, committed before this method returns. The entry is a {@code SECURITY} change-log entry
     * with operation {@code EVENT}, entity id the event's kind, the event's time and client address as its context,
     * the user as its actor when the event is about one, and fields {@code user}, {@code outcome} and, when given,
     * {@code reason}. Nothing is recorded on a store without a change log.
     *
     * @throws io.roostcrm.core.CrmStoreException if the store fails; nothing is recorded then
     */
    void record(SecurityEvent event);
}
