package io.roostcrm.tck;

import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Role;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The security epoch ({@code StoreFeature.SECURITY_EPOCH}) is what lets several nodes over one database keep caches
 * of field definitions, roles, users and stages (DESIGN.md §1): every write to one of them moves the matching
 * component in the write's own transaction, and no other component, so that a node reloads exactly what changed; a
 * write that rolls back moves nothing; a unit of work reads the epoch once, so that everything it decides rests on
 * one value even while other units of work commit; and what one store instance commits, a second instance over the
 * same database sees on its next unit of work. Components are compared for equality only: a store may count, or
 * fingerprint what it watches.
 *
 * <p>Field definitions and removals are left out of the rollback check: on databases whose DDL commits implicitly
 * they cannot roll back with the unit of work, which is why the service runs them in units of work of their own
 * ({@code FieldStore}'s Javadoc).
 */
abstract class EpochContract extends KitSupport {

    /**
     * How long a unit of work holding its epoch waits for another unit of work to commit. A store whose units of
     * work run at once commits the other within milliseconds; a store that runs them one after the other (the
     * in-memory store) cannot let it commit before the first ends, and there the wait runs out and the check that
     * needs it has nothing to check.
     */
    private static final long MEANWHILE_SECONDS = 2;

    EpochContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    /** The four components, each by name. */
    private enum Component {
        FIELDS(Epoch::fields), ROLES(Epoch::roles), USERS(Epoch::users), STAGES(Epoch::stages);

        private final ToLongFunction<Epoch> value;

        Component(ToLongFunction<Epoch> value) {
            this.value = value;
        }

        long of(Epoch epoch) {
            return value.applyAsLong(epoch);
        }
    }

    @Test
    @DisplayName("defining, updating and removing a custom field each move the fields component, and only it")
    void fieldWritesMoveTheFieldsComponentOnly() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        FieldDefinition nickname = FieldDefinition.custom("nickname", anyDeclaredTextType()).build();

        assertSoftly(softly -> {
            assertMovesOnly(softly, Component.FIELDS, "a field defined", tx -> tx.fields().define(nickname));
            assertMovesOnly(softly, Component.FIELDS, "a field relabelled",
                    tx -> tx.fields().update(nickname.withLabel("Nick")));
            assertMovesOnly(softly, Component.FIELDS, "a field made read-only and sensitive",
                    tx -> tx.fields().update(nickname.withFlags(false, true, true, true)));
            assertMovesOnly(softly, Component.FIELDS, "a field removed", tx -> tx.fields().remove("nickname"));
        });
    }

    @Test
    @DisplayName("saving a new role, replacing it and deleting it each move the roles component, and only it")
    void roleWritesMoveTheRolesComponentOnly() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);

        assertSoftly(softly -> {
            assertMovesOnly(softly, Component.ROLES, "a role saved",
                    tx -> tx.roles().save(Role.builder("sales").build()));
            assertMovesOnly(softly, Component.ROLES, "a role replaced",
                    tx -> tx.roles().save(Role.builder("sales").canDelete(true).build()));
            assertMovesOnly(softly, Component.ROLES, "a role deleted", tx -> tx.roles().delete("sales"));
        });
    }

    @Test
    @DisplayName("inserting and updating a user each move the users component, and only it")
    void userWritesMoveTheUsersComponentOnly() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        runInTransaction(tx -> tx.roles().save(Role.builder("sales").build()));

        assertSoftly(softly -> {
            assertMovesOnly(softly, Component.USERS, "a user inserted",
                    tx -> tx.users().insert(new User(7, "user7", "Ada", List.of(), Set.of(), true)));
            assertMovesOnly(softly, Component.USERS, "a user given a role",
                    tx -> tx.users().update(new User(7, "user7", "Ada", List.of("sales"), Set.of(), true)));
            assertMovesOnly(softly, Component.USERS, "a user deactivated",
                    tx -> tx.users().update(new User(7, "user7", "Ada", List.of("sales"), Set.of(), false)));
        });
    }

    @Test
    @DisplayName("inserting, updating and deleting a stage each move the stages component, and only it")
    void stageWritesMoveTheStagesComponentOnly() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        long[] id = new long[1];

        assertSoftly(softly -> {
            assertMovesOnly(softly, Component.STAGES, "a stage inserted",
                    tx -> id[0] = tx.stages().insert(new Stage(0, "Lead", 1)).id());
            assertMovesOnly(softly, Component.STAGES, "a stage renamed and moved",
                    tx -> tx.stages().update(new Stage(id[0], "Prospect", 2)));
            assertMovesOnly(softly, Component.STAGES, "a stage deleted", tx -> tx.stages().delete(id[0]));
        });
    }

    @Test
    @DisplayName("writes to roles, users, stages and a field's definition that roll back move no component")
    void rolledBackWritesMoveNothing() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        FieldDefinition nickname = FieldDefinition.custom("nickname", anyDeclaredTextType()).build();
        define(nickname);
        runInTransaction(tx -> tx.roles().save(Role.builder("kept").build()));
        givenUser(7);
        Stage kept = givenStage("Kept", 1);
        Epoch before = epoch();
        RuntimeException injected = new IllegalStateException("injected failure");

        assertThatThrownBy(() -> runInTransaction(tx -> {
            tx.roles().save(Role.builder("gone").build());
            tx.roles().delete("kept");
            tx.users().insert(new User(99, "gone", "Gone", List.of(), Set.of(), true));
            tx.users().update(new User(7, "user7", "Renamed", List.of(), Set.of(), false));
            tx.stages().insert(new Stage(0, "Gone", 2));
            tx.stages().update(new Stage(kept.id(), "Renamed", 3));
            tx.fields().update(nickname.withLabel("Gone"));
            throw injected;
        })).isSameAs(injected);

        assertThat(epoch()).as("the epoch after the rolled-back writes").isEqualTo(before);
    }

    @Test
    @DisplayName("a unit of work reads the epoch once: a second read returns the first, even after its own writes")
    void readOncePerUnitOfWork() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);

        Epoch[] reads = inTransaction(tx -> {
            Epoch first = tx.epoch().orElseThrow();
            tx.roles().save(Role.builder("sales").build());
            tx.stages().insert(new Stage(0, "Lead", 1));
            return new Epoch[] {first, tx.epoch().orElseThrow(), tx.epoch().orElseThrow()};
        });

        assertThat(reads[1]).as("the second read").isEqualTo(reads[0]);
        assertThat(reads[2]).as("the third read").isEqualTo(reads[0]);
        Epoch next = epoch();
        assertThat(next.roles()).as("roles component in the next unit of work").isNotEqualTo(reads[0].roles());
        assertThat(next.stages()).as("stages component in the next unit of work").isNotEqualTo(reads[0].stages());
    }

    @Test
    @DisplayName("the epoch a unit of work read stays its epoch while another unit of work commits a role")
    void stableWhileAnotherUnitOfWorkCommits() throws Exception {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        // On a second instance when there is one: that is how another node commits.
        CrmStore writer = secondStoreIfAny().orElse(store());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch committed = new CountDownLatch(1);
            Future<?> other = thread.submit(() -> {
                read.await();
                writer.transaction(tx -> tx.roles().save(Role.builder("sales").build()));
                committed.countDown();
                return null;
            });

            Epoch[] reads = inTransaction(tx -> {
                Epoch first = tx.epoch().orElseThrow();
                read.countDown();
                awaitMeanwhile(committed);
                return new Epoch[] {first, tx.epoch().orElseThrow()};
            });
            other.get(1, TimeUnit.MINUTES);

            assertThat(reads[1]).as("the epoch read again after the other unit of work committed")
                    .isEqualTo(reads[0]);
            assertThat(epoch().roles()).as("roles component in the next unit of work")
                    .isNotEqualTo(reads[0].roles());
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    @DisplayName("a write committed through one store instance moves the epoch a second instance reads next")
    void writeThroughOneInstanceIsSeenByAnother() {
        assumeFeature(StoreFeature.SECURITY_EPOCH);
        CrmStore other = secondStore();
        FieldDefinition nickname = FieldDefinition.custom("nickname", anyDeclaredTextType()).build();
        // A contact, so that a select returns a row: a store may read the epoch along with a unit of work's first
        // contact select, and that path must see the other instance's write as well.
        insert(values(EMAIL, "ada@example.com"));
        List<String> keys = fieldKeys();
        Function<StoreTransaction, Epoch> afterSelect = tx -> {
            tx.contacts().select(ContactSelection.everything(keys, Filter.all(), ALL_ROWS));
            return tx.epoch().orElseThrow();
        };
        Role role = Role.builder("sales").build();

        List<Function<StoreTransaction, Epoch>> reads = List.of(tx -> tx.epoch().orElseThrow(), afterSelect);

        assertSoftly(softly -> {
            for (int i = 0; i < reads.size(); i++) {
                Function<StoreTransaction, Epoch> read = reads.get(i);
                String path = i == 0 ? "read first" : "read after a contact select";
                String login = "user" + (11 + i);
                String stage = "Stage " + i;
                assertSeenByOther(softly, other, read, Component.ROLES, "a role saved (" + path + ")",
                        tx -> tx.roles().save(role));
                assertSeenByOther(softly, other, read, Component.USERS, "a user inserted (" + path + ")",
                        tx -> tx.users().insert(new User(0, login, "User", List.of(), Set.of(), true)));
                assertSeenByOther(softly, other, read, Component.STAGES, "a stage inserted (" + path + ")",
                        tx -> tx.stages().insert(new Stage(0, stage, 1)));
            }
            assertSeenByOther(softly, other, tx -> tx.epoch().orElseThrow(), Component.FIELDS, "a field defined",
                    tx -> tx.fields().define(nickname));
            assertSeenByOther(softly, other, afterSelect, Component.FIELDS, "a field updated",
                    tx -> tx.fields().update(nickname.withLabel("Nick")));
        });
    }

    /** Runs a write in a unit of work of its own and checks that it moved this component and no other. */
    private void assertMovesOnly(SoftAssertions softly, Component moved, String write,
                                 Consumer<StoreTransaction> work) {
        Epoch before = epoch();
        runInTransaction(work);
        Epoch after = epoch();
        for (Component component : Component.values()) {
            if (component == moved) {
                softly.assertThat(component.of(after)).as("%s component after %s", component, write)
                        .isNotEqualTo(component.of(before));
            } else {
                softly.assertThat(component.of(after)).as("%s component after %s, which is no %s write", component,
                        write, component).isEqualTo(component.of(before));
            }
        }
    }

    /** Commits a write through the store under test and checks the component the other instance reads next. */
    private void assertSeenByOther(SoftAssertions softly, CrmStore other, Function<StoreTransaction, Epoch> read,
                                   Component moved, String write, Consumer<StoreTransaction> work) {
        // Read on the other instance first, so that whatever it caches is the epoch before the write.
        Epoch before = other.transactionResult(read);
        runInTransaction(work);
        Epoch after = other.transactionResult(read);
        softly.assertThat(moved.of(after)).as("%s component on the second instance after %s on the first", moved,
                write).isNotEqualTo(moved.of(before));
    }

    /** Waits a bounded time for another unit of work to commit (see {@link #MEANWHILE_SECONDS}). */
    private static void awaitMeanwhile(CountDownLatch committed) {
        try {
            committed.await(MEANWHILE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other unit of work", e);
        }
    }
}
