package io.roostcrm.core.spi;

import java.util.Objects;
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
     * Runs work in one transaction and returns its result, as the system acting now
     * ({@link WorkContext#system(java.time.Instant)}).
     *
     * @throws io.roostcrm.core.CrmException as thrown by the work or the store; nothing is written then
     */
    <T> T transactionResult(Function<StoreTransaction, T> work);

    /**
     * Runs work in one transaction for a call with this context, which the work's {@link StoreTransaction#context()}
     * returns. Roost opens every unit of work this way.
     *
     * <p>The default, for stores written before units of work had a context, runs {@link #transactionResult(Function)}
     * and hands the work a transaction that forwards to the store's and answers {@code context()} with this one.
     *
     * @throws io.roostcrm.core.CrmException as thrown by the work or the store; nothing is written then
     */
    default <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(work, "work");
        return transactionResult(tx -> work.apply(new ContextualTransaction(tx, context)));
    }

    /** Runs work in one transaction for a call with this context. */
    default void transaction(WorkContext context, Consumer<StoreTransaction> work) {
        transactionResult(context, tx -> {
            work.accept(tx);
            return null;
        });
    }

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
