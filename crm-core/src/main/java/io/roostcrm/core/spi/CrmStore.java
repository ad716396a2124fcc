package io.roostcrm.core.spi;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A storage backend. Thread-safe: any number of units of work may run at once.
 *
 * <p><b>Units of work.</b> {@link #transactionResult} runs the work in one database transaction: if the work returns,
 * everything it wrote is committed; if it throws, nothing it wrote remains and the exception propagates unchanged
 * (store failures are translated into {@link io.roostcrm.core.CrmStoreException} or a more specific
 * {@link io.roostcrm.core.CrmException}). Sub-stores obtained from the {@link StoreTransaction} must not be used after
 * the work returns.
 */
public interface CrmStore extends AutoCloseable {

    /** What this store can and cannot do. */
    StoreCapabilities capabilities();

    /**
     * Runs work in one transaction and returns its result.
     *
     * @throws io.roostcrm.core.CrmException as thrown by the work or the store; nothing is written then
     */
    <T> T transactionResult(Function<StoreTransaction, T> work);

    /** Runs work in one transaction. */
    default void transaction(Consumer<StoreTransaction> work) {
        transactionResult(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Releases the store's resources (pools it created; never a {@link javax.sql.DataSource} the host passed in). */
    @Override
    void close();
}
