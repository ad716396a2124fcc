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

    /**
     * A store failure of a particular kind, with a message that contains no field values, and the cause (kept
     * redacted).
     *
     * @param code {@link ErrorCode#STORE_FAILURE}, {@link ErrorCode#STORE_BUSY} or
     *             {@link ErrorCode#COMMIT_OUTCOME_UNKNOWN}
     * @throws IllegalArgumentException for any other code
     */
    public CrmStoreException(ErrorCode code, String message, Throwable cause) {
        super(requireStoreCode(code), message, cause);
    }

    private static ErrorCode requireStoreCode(ErrorCode code) {
        if (code != ErrorCode.STORE_FAILURE && code != ErrorCode.STORE_BUSY && code != ErrorCode.COMMIT_OUTCOME_UNKNOWN) {
            throw new IllegalArgumentException("code was " + code + " but a store failure is STORE_FAILURE, STORE_BUSY"
                    + " or COMMIT_OUTCOME_UNKNOWN");
        }
        return code;
    }
}
