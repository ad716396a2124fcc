package io.roostcrm.store.fluentcrm.internal.php;

import io.roostcrm.core.CrmStoreException;

/**
 * A value could not be written in, or read from, PHP's {@code serialize} format: the stored text is malformed, uses a
 * construct Roost refuses (objects, references, enums), exceeds a safety limit, or a Java value has no PHP
 * equivalent. The message says where and what was expected; it never contains the data itself.
 */
public final class PhpFormatException extends CrmStoreException {

    private final long offset;

    /** A failure not tied to a position in serialized text (for example while serializing). */
    public PhpFormatException(String message) {
        this(message, -1);
    }

    /**
     * A failure at a byte offset of the UTF-8 encoded input.
     *
     * @param message what was expected, without any of the input's data
     * @param offset  byte offset into the UTF-8 encoding of the input, or {@code -1} when there is none
     */
    public PhpFormatException(String message, long offset) {
        super(message, null);
        this.offset = offset;
    }

    /** The byte offset into the UTF-8 encoded input where reading failed, or {@code -1} when not applicable. */
    public long offset() {
        return offset;
    }
}
