package io.roostcrm.core.memory;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;

import java.time.Instant;
import java.util.Objects;

import java.util.EnumSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A store that keeps everything in memory. Units of work are serialised and isolated: each works on a copy of the
 * state that replaces the shared state only when the work returns, so a failure leaves nothing behind.
 * Thread-safe.
 *
 * <p>It is the SPI's reference implementation, written to be obviously right rather than fast: every unit of work
 * copies the contacts, and a unique e-mail is checked by scanning them. Use it for tests and examples with up to a
 * few thousand contacts; a bulk import into it grows with the square of its size.
 */
public final class InMemoryCrmStore implements CrmStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final MemoryChangeLog log = new MemoryChangeLog();
    private MemoryState state = new MemoryState();

    /** An empty store. */
    public InMemoryCrmStore() {
    }

    @Override
    public StoreCapabilities capabilities() {
        StoreCapabilities full = StoreCapabilities.full();
        EnumSet<StoreFeature> features = EnumSet.copyOf(full.features());
        features.remove(StoreFeature.ENCRYPTION_AT_REST); // values are held in memory, unencrypted
        return new StoreCapabilities(full.customFieldTypes(), features);
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return transactionResult(WorkContext.system(Instant.now()), work);
    }

    @Override
    public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            MemoryTransaction tx = new MemoryTransaction(context, state.copy(), log);
            T result;
            try {
                result = work.apply(tx);
                tx.beforeCommit();
                tx.commitAudit();
            } finally {
                tx.end();
            }
            state = tx.state();
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
