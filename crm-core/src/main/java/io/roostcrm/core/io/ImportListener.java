package io.roostcrm.core.io;

/** Told of an import's progress, after each batch. Called on the importing thread. */
@FunctionalInterface
public interface ImportListener {

    /** A listener that ignores progress. */
    ImportListener NONE = (rowsRead, imported, failed) -> { };

    /**
     * A batch finished.
     *
     * @param rowsRead rows read so far
     * @param imported rows imported so far
     * @param failed   rows that failed so far (including good rows rolled back with a bad one)
     */
    void progress(long rowsRead, long imported, long failed);
}
