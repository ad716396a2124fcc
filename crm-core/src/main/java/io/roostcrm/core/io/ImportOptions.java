package io.roostcrm.core.io;

import java.util.Map;
import java.util.Objects;

/**
 * How to import a CSV file. Start from {@link #defaults()} and change what you need with the {@code with...}
 * methods:
 *
 * <pre>{@code
 * ImportOptions options = ImportOptions.defaults().withOwner(ImportOptions.Owner.importingUser())
 *         .withBadRows(ImportOptions.BadRows.SKIP_ROW);
 * }</pre>
 *
 * @param columnMapping header name to field key; headers not mapped are taken as field keys themselves
 * @param batchSize     rows per unit of work, 1 to 10,000
 * @param upsert        when a row's unique value (e-mail) matches a contact, update it instead of failing
 * @param owner         who owns the contacts the import creates (contacts it updates keep their owner)
 * @param badRows       what a bad row does to the good rows of its batch
 */
public record ImportOptions(Map<String, String> columnMapping, int batchSize, boolean upsert, Owner owner,
                            BadRows badRows) {

    /** Checks and copies. */
    public ImportOptions {
        columnMapping = Map.copyOf(Objects.requireNonNull(columnMapping, "columnMapping"));
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize was " + batchSize + " but it must be 1 to 10000");
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(badRows, "badRows");
    }

    /** Created contacts unassigned, and a bad row rolling back its batch. */
    public ImportOptions(Map<String, String> columnMapping, int batchSize, boolean upsert) {
        this(columnMapping, batchSize, upsert, Owner.unassigned(), BadRows.ROLL_BACK_BATCH);
    }

    /** Headers are field keys, batches of 500, no upsert, created contacts unassigned, a bad row rolls back its batch. */
    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), 500, false);
    }

    /** These options with another column mapping. */
    public ImportOptions withColumnMapping(Map<String, String> columnMapping) {
        return new ImportOptions(columnMapping, batchSize, upsert, owner, badRows);
    }

    /** These options with another batch size. */
    public ImportOptions withBatchSize(int batchSize) {
        return new ImportOptions(columnMapping, batchSize, upsert, owner, badRows);
    }

    /** These options with upsert on or off. */
    public ImportOptions withUpsert(boolean upsert) {
        return new ImportOptions(columnMapping, batchSize, upsert, owner, badRows);
    }

    /** These options with another owner for created contacts. */
    public ImportOptions withOwner(Owner owner) {
        return new ImportOptions(columnMapping, batchSize, upsert, owner, badRows);
    }

    /** These options with another treatment of bad rows. */
    public ImportOptions withBadRows(BadRows badRows) {
        return new ImportOptions(columnMapping, batchSize, upsert, owner, badRows);
    }

    /** What a bad row does to its batch. Either way every bad row is reported in the {@link ImportReport}. */
    public enum BadRows {
        /**
         * The batch lands whole or not at all: one bad row rolls back the good rows of its batch, which the report
         * counts as {@link ImportReport#rolledBack()}. The default; re-importing the failed batches is then simple.
         */
        ROLL_BACK_BATCH,
        /** The good rows of a batch land; each bad row is left out and reported. */
        SKIP_ROW
    }

    /** Who owns the contacts an import creates. */
    public sealed interface Owner {

        /** No owner: the contacts are unassigned, visible to every role that sees owned contacts, and claimable. */
        static Owner unassigned() {
            return Unassigned.INSTANCE;
        }

        /** The user whose session imports. */
        static Owner importingUser() {
            return ImportingUser.INSTANCE;
        }

        /**
         * A given user, who must exist ({@link io.roostcrm.core.CrmValidationException}, field {@code owner}, rule
         * {@code unknown_user}, before any row is read otherwise).
         */
        static Owner user(long userId) {
            return new GivenUser(userId);
        }

        /** See {@link Owner#unassigned()}. */
        record Unassigned() implements Owner {
            private static final Unassigned INSTANCE = new Unassigned();
        }

        /** See {@link Owner#importingUser()}. */
        record ImportingUser() implements Owner {
            private static final ImportingUser INSTANCE = new ImportingUser();
        }

        /**
         * See {@link Owner#user(long)}.
         *
         * @param userId the owner, a positive user id
         */
        record GivenUser(long userId) implements Owner {
            /** Checks the id. */
            public GivenUser {
                if (userId <= 0) {
                    throw new IllegalArgumentException("userId was " + userId + " but it must be positive");
                }
            }
        }
    }
}
