package io.roostcrm.tck;

import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SecurityStore.FailureCounter;
import io.roostcrm.core.spi.SecurityStore.FailureKind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The security-store breakages of {@link BrokenStore}: a delegate's {@link SecurityStore} with one promise broken,
 * every other method forwarded.
 */
final class BrokenSecurity {

    private BrokenSecurity() {
    }

    /**
     * A TOTP step is accepted when it is the last one accepted, too ({@code >=} instead of {@code >}), so a code can
     * be used twice: the check a store makes when it reads the last step in Java and compares it loosely.
     */
    static SecurityStore reusingTotpSteps(SecurityStore delegate) {
        return forwarding(delegate, (method, args) -> {
            if (method.equals("useTotpStep")) {
                long userId = (Long) args[0];
                long step = (Long) args[1];
                return delegate.useTotpStep(userId, step)
                        || delegate.totp(userId).map(e -> e.lastUsedStep() == step).orElse(false);
            }
            return NOT_HANDLED;
        });
    }

    /**
     * Failure counts read in the unit of work and written back, {@code n + 1}, as an absolute value when it commits,
     * as a store does that reads the counter in Java and writes the sum instead of {@code SET n = n + 1}. Its
     * counts live here, shared by the store's units of work. To make the lost update it allows happen, not just
     * possible, a unit of work that counted publishes its count only once another one has read a counter after it,
     * or every running one is waiting so, or after two seconds (which only a lone unit of work waits): racing threads
     * then always overlap, however the scheduler runs them.
     */
    static final class ReadModifyWriteCounters {
        private final Map<String, Integer> committed = new ConcurrentHashMap<>();
        private long reads;
        private int running;
        private int waiting;

        /** A unit of work's view: its pending writes, and the read count after its last read. */
        final class Work {
            private final Map<String, Integer> pending = new HashMap<>();
            private long readMark = -1;

            SecurityStore wrap(SecurityStore delegate) {
                return forwarding(delegate, (method, args) -> switch (method) {
                    case "recordFailure" -> {
                        String key = key((FailureKind) args[0], (String) args[1]);
                        int next = pending.getOrDefault(key, committed.getOrDefault(key, 0)) + 1;
                        pending.put(key, next);
                        synchronized (ReadModifyWriteCounters.this) {
                            readMark = ++reads;
                            ReadModifyWriteCounters.this.notifyAll();
                        }
                        yield next;
                    }
                    case "failureCounter" -> {
                        String key = key((FailureKind) args[0], (String) args[1]);
                        Integer count = pending.getOrDefault(key, committed.get(key));
                        yield count == null ? Optional.empty()
                                : Optional.of(new FailureCounter(count, Instant.EPOCH, Instant.EPOCH));
                    }
                    default -> NOT_HANDLED;
                });
            }

            /** After the delegate committed: publishes the counts, once a racer has read the old ones. */
            void committed() {
                if (pending.isEmpty()) {
                    return;
                }
                synchronized (ReadModifyWriteCounters.this) {
                    waiting++;
                    ReadModifyWriteCounters.this.notifyAll();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    long left;
                    while (reads == readMark && !(running > 1 && waiting == running)
                            && (left = deadline - System.nanoTime()) > 0) {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(ReadModifyWriteCounters.this, left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    waiting--;
                }
                committed.putAll(pending);
            }
        }

        synchronized Work begin() {
            running++;
            return new Work();
        }

        synchronized void end() {
            running--;
            notifyAll();
        }
    }

    /** What a handler returns for a method it leaves to the delegate. */
    private static final Object NOT_HANDLED = new Object();

    @FunctionalInterface
    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static SecurityStore forwarding(SecurityStore delegate, Handler handler) {
        return (SecurityStore) Proxy.newProxyInstance(SecurityStore.class.getClassLoader(),
                new Class<?>[] {SecurityStore.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(delegate, args);
                    }
                    Object handled = handler.handle(method.getName(), args == null ? new Object[0] : args);
                    if (handled != NOT_HANDLED) {
                        return handled;
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The key a counter is kept under here. */
    private static String key(FailureKind kind, String key) {
        return kind + ":" + key;
    }
}
