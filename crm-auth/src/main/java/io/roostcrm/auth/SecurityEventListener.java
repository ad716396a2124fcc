package io.roostcrm.auth;

/**
 * Receives every {@link SecurityEvent}, synchronously, after the unit of work it reports on (a failed login's event
 * comes after its failure count was committed). Must be thread-safe and quick; an exception it throws is logged at
 * WARN and never changes the outcome of the call that raised the event.
 */
@FunctionalInterface
public interface SecurityEventListener {

    /** Does nothing. */
    SecurityEventListener NONE = event -> {
    };

    /** Receives one event. */
    void onEvent(SecurityEvent event);
}
