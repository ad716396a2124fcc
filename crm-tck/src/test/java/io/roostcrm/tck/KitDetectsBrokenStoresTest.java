package io.roostcrm.tck;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.tck.BrokenStore.Breakage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kit's own check: for each way a store can break a promise, the kit test guarding that promise passes on the
 * reference store behind the same wrapper and fails on the broken one. (The kit's tests are package-private, so this
 * class, in the kit's package, can run single ones directly.)
 */
class KitDetectsBrokenStoresTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Breakage.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
    void kitTestGuardingThePromiseFailsOnlyOnTheBrokenStore(Breakage breakage) {
        Probe probe = probeFor(breakage);

        assertThatCode(() -> run(Breakage.NONE, probe)).as("the same test on a correct store")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> run(breakage, probe)).as("the test on a store with %s", breakage)
                .isInstanceOf(AssertionError.class);
    }

    private static Probe probeFor(Breakage breakage) {
        return switch (breakage) {
            case THREE_VALUED_NOT -> kit -> {
                CrmStoreCompatibilityKit.Filters filters = kit.new Filters();
                filters.givenContacts();
                filters.booleanCombinations();
            };
            case NO_ROLLBACK -> kit -> kit.new Transactions().failureRollsBackEverything();
            case WRAPS_EXCEPTIONS -> kit -> kit.new Transactions().crmExceptionPropagatesUnchanged();
            case NO_VERSION_CHECK -> kit -> kit.new OptimisticLocking().staleUpdateFails();
            case IGNORES_MASKS -> kit -> {
                CrmStoreCompatibilityKit.ProjectionPushdown projection = kit.new ProjectionPushdown();
                projection.givenContacts();
                projection.maskedFieldOnlyInsideMask();
            };
            case IGNORES_SCOPE -> kit -> {
                CrmStoreCompatibilityKit.ScopePushdown scope = kit.new ScopePushdown();
                scope.givenOwnership();
                scope.owned();
            };
            case ABSENT_FIRST -> kit -> kit.new SortingAndKeysetPaging().sortOnText();
            case INCLUSIVE_KEYSET -> kit -> kit.new SortingAndKeysetPaging().keysetPagingVisitsEveryRowOnce();
            case UPDATE_RETURNS_CURRENT -> kit -> {
                CrmStoreCompatibilityKit.ReplacedValues replaced = kit.new ReplacedValues();
                replaced.givenContacts();
                replaced.updateReturningGivesPreviousValuesOfTheChangedFields();
            };
            case EPOCH_IGNORES_ROLES -> kit -> kit.new SecurityEpoch().roleWritesMoveTheRolesComponentOnly();
            case LOG_NUMBERED_AT_APPEND -> kit -> kit.new ChangeLog().followerSeesEveryCommittedEntryOnceInOrder();
            case IGNORES_CONTEXT -> kit -> kit.new Context().changeLogEntriesCarryTheirUnitOfWorksContext();
            case TOTP_STEP_REUSED -> kit -> kit.new Security().new Totp().racingUsesOfOneStepAcceptOne();
            case COUNTER_READ_MODIFY_WRITE -> kit -> kit.new Security().new FailureCounters()
                    .concurrentFailuresAllCount(SecurityStore.FailureKind.ACCOUNT);
            case AUDIT_FORKS -> kit -> kit.new Audit().entriesAreChained();
            case BATCH_SKIPS_STALE -> kit -> {
                CrmStoreCompatibilityKit.BatchedUpdates batched = kit.new BatchedUpdates();
                batched.givenContacts();
                batched.oneStaleChangeFailsTheCallAndNothingRemains();
            };
            case BATCH_RESULTS_IN_ID_ORDER -> kit -> {
                CrmStoreCompatibilityKit.BatchedUpdates batched = kit.new BatchedUpdates();
                batched.givenContacts();
                batched.eachResultHoldsWhatItsChangeReplacedInChangeOrder();
            };
            case NONE -> throw new IllegalArgumentException("NONE breaks nothing");
        };
    }

    /** Runs one kit test as JUnit would: a fresh store before, released after. */
    private static void run(Breakage breakage, Probe probe) throws Exception {
        Kit kit = new Kit(breakage);
        kit.createStore();
        try {
            probe.run(kit);
        } finally {
            kit.releaseStoreAfterTest();
        }
    }

    @FunctionalInterface
    private interface Probe {
        void run(Kit kit) throws Exception;
    }

    /** The kit on a reference store behind a {@link BrokenStore}; not run by JUnit itself (not a test class name). */
    private static final class Kit extends CrmStoreCompatibilityKit {
        private final Breakage breakage;

        Kit(Breakage breakage) {
            this.breakage = breakage;
        }

        @Override
        protected CrmStore newStore() {
            return new BrokenStore(new InMemoryCrmStore(), breakage);
        }
    }
}
