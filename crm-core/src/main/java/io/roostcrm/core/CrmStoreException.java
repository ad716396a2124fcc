package io.roostcrm.core;

/**
 * A store failed (connection lost, SQL error). Stores translate their native exceptions into this at the SPI
 * boundary; the cause is kept {@link RedactedCause redacted}, with its SQLState and vendor code but without the
 * driver's text. Open for extension so that store implementations can add detail.
 */
public non-sealed class CrmStoreException extends CrmException {
    /** With a message that contains no field values, and the cause (kept redacted). */
    public CrmStoreException(String message, Throwable cause) {
        super(ErrorCode.STORE_FAILURE, message, cause);
    }
}
