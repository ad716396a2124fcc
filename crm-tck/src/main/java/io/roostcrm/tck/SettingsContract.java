package io.roostcrm.tck;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings the nodes share ({@code StoreTransaction.settings()}, {@code StoreFeature.SETTINGS}): a setting is set
 * once and then keeps its value; a second set leaves it and says so, whether it comes from the same instance, from a
 * second instance over the same database or from one of several threads racing to set it first (a racer may instead
 * fail its unit of work, as the SPI allows, and then finds the winner's value in a new one); a set in a unit of work
 * that rolls back leaves nothing behind. The value a unit of work set is what it reads back before it commits.
 */
abstract class SettingsContract extends KitSupport {

    private static final String NAME = "tck.shared-key";

    SettingsContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void requireSettings() {
        assumeFeature(StoreFeature.SETTINGS);
    }

    @Test
    @DisplayName("an unset setting reads as empty; once set, it reads back, in its unit of work and in the next")
    void setAndRead() {
        assertThat(read(store(), NAME)).isEmpty();

        boolean set = inTransaction(tx -> {
            boolean done = settings(tx).setIfAbsent(NAME, "first value");
            assertThat(settings(tx).get(NAME)).as("read back before the commit").contains("first value");
            return done;
        });

        assertThat(set).isTrue();
        assertThat(read(store(), NAME)).contains("first value");
        assertThat(read(store(), "tck.other")).as("another name").isEmpty();
    }

    @Test
    @DisplayName("a second set keeps the first value and returns false")
    void firstWriterWins() {
        inTransaction(tx -> settings(tx).setIfAbsent(NAME, "first"));

        boolean again = inTransaction(tx -> settings(tx).setIfAbsent(NAME, "second"));

        assertThat(again).isFalse();
        assertThat(read(store(), NAME)).contains("first");
    }

    @Test
    @DisplayName("a set in a unit of work that rolls back leaves nothing behind")
    void rolledBackSetLeavesNothing() {
        assertThatThrownBy(() -> runInTransaction(tx -> {
            settings(tx).setIfAbsent(NAME, "rolled back");
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(read(store(), NAME)).isEmpty();
        boolean kept = inTransaction(tx -> settings(tx).setIfAbsent(NAME, "kept"));
        assertThat(kept).isTrue();
        assertThat(read(store(), NAME)).contains("kept");
    }

    @Test
    @DisplayName("the longest name and value, and every printable ASCII character, round-trip")
    void limitsRoundTrip() {
        String name = "a.b_c-9".repeat(10).substring(0, SettingStore.MAX_NAME_LENGTH);
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            printable.append(c);
        }
        String value = (printable.toString().repeat(11)).substring(0, SettingStore.MAX_VALUE_LENGTH);

        inTransaction(tx -> settings(tx).setIfAbsent(name, value));

        assertThat(read(store(), name)).contains(value);
    }

    @Test
    @DisplayName("a setting one instance set is what a second instance over the same database reads and keeps")
    void sharedWithASecondInstance() {
        CrmStore second = secondStore();
        inTransaction(tx -> settings(tx).setIfAbsent(NAME, "from the first"));

        boolean setBySecond = second.transactionResult(tx -> settings(tx).setIfAbsent(NAME, "from the second"));

        assertThat(setBySecond).isFalse();
        assertThat(read(second, NAME)).contains("from the first");
    }

    @Test
    @DisplayName("eight threads racing to set one setting, on one or two instances: exactly one wins, all read its value")
    void racingSettersAgreeOnOneWinner() throws Exception {
        List<CrmStore> stores = new ArrayList<>();
        stores.add(store());
        secondStoreIfAny().ifPresent(stores::add);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<String>>> wins = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CrmStore on = stores.get(i % stores.size());
                String mine = "value of racer " + i;
                wins.add(pool.submit(() -> {
                    start.await();
                    try {
                        return on.transactionResult(tx -> settings(tx).setIfAbsent(NAME, mine))
                                ? Optional.of(mine) : Optional.<String>empty();
                    } catch (RuntimeException lostTheRace) {
                        return Optional.<String>empty(); // allowed: the loser's unit of work failed on the key
                    }
                }));
            }
            start.countDown();
            Set<String> winners = new HashSet<>();
            for (Future<Optional<String>> win : wins) {
                win.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }

            assertThat(winners).as("racers that report having set it").hasSize(1);
            String winner = winners.iterator().next();
            for (CrmStore on : stores) {
                assertThat(read(on, NAME)).as("what every instance reads").contains(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SettingStore settings(StoreTransaction tx) {
        return tx.settings().orElseThrow(() -> new AssertionError("SETTINGS is declared but settings() is empty"));
    }

    private static Optional<String> read(CrmStore on, String name) {
        return on.transactionResult(tx -> settings(tx).get(name));
    }
}
