package io.roostcrm.core.io;

import java.util.Map;
import java.util.Objects;

/**
 * How to import a CSV file.
 *
 * @param columnMapping header name to field key; headers not mapped are taken as field keys themselves
 * @param batchSize     rows per unit of work, 1 to 10,000
 * @param upsert        when a row's unique value (e-mail) matches a contact, update it instead of failing
 */
public record ImportOptions(Map<String, String> columnMapping, int batchSize, boolean upsert) {

    /** Checks and copies. */
    public ImportOptions {
        columnMapping = Map.copyOf(Objects.requireNonNull(columnMapping, "columnMapping"));
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize was " + batchSize + " but it must be 1 to 10000");
        }
    }

    /** Headers are field keys, batches of 500, no upsert. */
    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), 500, false);
    }
}
