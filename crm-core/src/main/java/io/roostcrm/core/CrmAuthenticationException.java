package io.roostcrm.core;

/** The caller could not be authenticated. The message is deliberately generic (no account enumeration). */
public final class CrmAuthenticationException extends CrmException {
    /** With a generic message. */
    public CrmAuthenticationException() {
        super(ErrorCode.AUTHENTICATION, "authentication failed", null);
    }
}
