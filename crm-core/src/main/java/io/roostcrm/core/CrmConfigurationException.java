package io.roostcrm.core;

/** Roost or a store is misconfigured (no store for a URL, a bad setting found at start-up, a corrupt definition). */
public final class CrmConfigurationException extends CrmException {
    /** With a message naming the setting. */
    public CrmConfigurationException(String message) {
        super(ErrorCode.CONFIGURATION, message, null);
    }

    /** With a message naming the setting and the cause. */
    public CrmConfigurationException(String message, Throwable cause) {
        super(ErrorCode.CONFIGURATION, message, cause);
    }
}
