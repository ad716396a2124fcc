package io.roostcrm.core;

/**
 * A store failed (connection lost, SQL error). Stores translate their native exceptions into this at the SPI
 * boundary and keep the cause. Open for extension so that store implementations can add detail.
 */
public non-sealed class CrmStoreException extends CrmException {
    /** With a message that contains no field values, and the cause. */
    public CrmStoreException(String message, Throwable cause) {
        super(ErrorCode.STORE_FAILURE, message, cause);
    }
}
