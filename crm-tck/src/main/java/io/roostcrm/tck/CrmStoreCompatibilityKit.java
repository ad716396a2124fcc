package io.roostcrm.tck;

import io.roostcrm.core.spi.CrmStore;

import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The technology compatibility kit for Roost stores: every promise of the storage SPI ({@code io.roostcrm.core.spi})
 * as a JUnit 5 test. A store that passes it works with everything above the SPI.
 *
 * <p><b>How to use it.</b> Add {@code io.roostcrm:crm-tck} as a test dependency, then extend this class once per
 * database and implement {@link #newStore()}:
 *
 * <pre>{@code
 * public class H2StoreCompatibilityTest extends CrmStoreCompatibilityKit {
 *     @Override
 *     protected CrmStore newStore() {
 *         return JdbcStore.builder().url("jdbc:h2:mem:" + UUID.randomUUID()).build();
 *     }
 * }
 * }</pre>
 *
 * <p><b>It runs on the JUnit Platform only</b>: with Maven, Surefire or Failsafe 3.0.0 or later, declared in the
 * build, since Maven 3.8 binds Surefire 2.12.4 by default, which runs no JUnit 5 test and reports success. So that
 * such a runner cannot pass the kit silently, the kit carries a tripwire it does run, which fails saying this (see
 * {@link KitRunners}); make the test class {@code public}, as above, so that the plain-object runner finds it too.
 *
 * <p>A store that several application nodes can share also implements {@link #newStoreOnSameDatabase()}, a second
 * store over the same database opened as a second node opens it; without it the tests that need two instances are
 * reported as skipped. {@link #releaseStore(CrmStore)} may be overridden to drop what {@code newStore()} created.
 *
 * <p>Every inherited {@code @Nested} group then runs against the store. <b>How the kit is built.</b> Each promise of
 * the SPI is one package-private contract class in this package ({@code ContactCrudContract},
 * {@code OptimisticLockingContract}, {@code FiltersContract}, ...), and this class mounts every contract as a
 * {@code @Nested} group under the promise's {@code @DisplayName}, so that the contract's tests run against the
 * store this class creates. The contracts, the mounted groups and the test methods are all package-private, so a
 * store, in its own package, can neither subclass a contract nor override one of its tests to opt out of it. A
 * test is skipped (and reported as skipped) only when the store declares, in {@link CrmStore#capabilities()}, that
 * it lacks the feature or custom field type the test needs, or, for the tests that need two instances, when the
 * store's test offers no second one.
 *
 * <p><b>What several nodes rely on.</b> Eight groups check the promises that keep nodes over one database coherent
 * and the change log exact:
 * <ul>
 *   <li><em>Security epoch</em> ({@code SECURITY_EPOCH}): each field-definition, role, user and stage write moves
 *       its component and no other; a rolled-back write moves nothing; a unit of work reads the epoch once, even
 *       while another unit of work commits; a write through one instance moves the epoch the second instance reads
 *       next, read first or after a contact select;</li>
 *   <li><em>Context</em>: {@code context()} is the {@code WorkContext} the unit of work was opened with, the plain
 *       {@code transactionResult(work)} runs as the system, and change-log entries carry exactly their unit of
 *       work's context;</li>
 *   <li><em>Replaced values</em>: {@code updateReturning}, {@code setOwnerReturning} and {@code deleteReturning}
 *       return exactly what they replaced (set, cleared, custom, absent when there was no value), write and return
 *       nothing on a stale version, and a returning delete still cascades;</li>
 *   <li><em>Batched updates</em>: {@code updateAllReturning} gives each change exactly what it replaced, in the
 *       order of the changes, for batches of one to several hundred with differing fields and a contact changed
 *       twice; one stale change or duplicate e-mail fails the call, naming the stale contact by id, and the unit of
 *       work it ends leaves nothing changed;</li>
 *   <li><em>Change log</em> ({@code CHANGE_LOG}): entries are readable only once committed, never after a
 *       rollback, in order, paged, about one contact or one entity, with every value type intact; and a follower
 *       reading after the last number it saw, while eight writers per instance (on both instances when there are
 *       two) commit and roll back, sees every committed entry exactly once, numbers strictly increasing;</li>
 *   <li><em>Settings</em> ({@code SETTINGS}): a setting is set once; a second set, from this instance, the second
 *       one or one of several racing threads, keeps the first value; a rolled-back set leaves nothing;</li>
 *   <li><em>Given ids</em> ({@code GIVEN_IDS}): for every insert that takes an {@code IdAssignment}, a given id is
 *       kept, later store ids never collide with it, a taken one is refused (field {@code id}, rule
 *       {@code unique}); without the feature {@code GIVEN} throws {@code UnsupportedOperationException};</li>
 *   <li><em>Security</em> ({@code SECURITY}), one nested group per promise: login hashes, API passwords and
 *       sessions round-trip and are found by digest only (one bit off finds nothing); conditional touches write
 *       only when the last write is old enough; revoking one or all is seen at once by the second instance; expired
 *       and idle sessions are purged; eight threads failing at once, on one instance and on both, count every
 *       failure exactly; a TOTP time step and a recovery code are used exactly once by racing threads; IP rules
 *       round-trip; a rolled-back unit of work leaves nothing; forgetting a user removes only that user's state.</li>
 * </ul>
 *
 * <p>Assertions accept what the SPI leaves open: numbers compare by value (a store may return {@code 1.50} for
 * {@code 1.5}), multi-select values as sets of options, and violation lists may hold more than the violation
 * checked. They pin what it does not: absent values are absent (never {@code null}), rows come in sort order then
 * id, and a failed unit of work leaves nothing behind. See {@link ContactRowAssert} for assertions on rows.
 *
 * <p><b>Readings the kit takes</b> where the SPI's Javadoc could be read more than one way:
 * <ul>
 *   <li>ordering comparisons ({@code LT}, {@code GT}, ...) and sorts on text use lower-case ASCII data only, since
 *       the order of mixed case and punctuation depends on the database's collation; equality ({@code EQ},
 *       {@code NE}, {@code In}) on text, which the SPI declares exact, and the
 *       {@link io.roostcrm.core.query.Filter.Text} leaves, which it declares case-insensitive, are both checked
 *       with mixed case, including letters beyond ASCII ({@code É}/{@code é}): a store on a case-insensitive
 *       collation (MySQL's and MariaDB's defaults) fails the first check until it compares text exactly;</li>
 *   <li>check boxes are compared with {@code EQ} and {@code NE} only, and multi-select fields with {@code EQ}
 *       ("contains") and combinations of it; {@code In} and {@code NE} on a multi-select are left open;</li>
 *   <li>an empty {@link io.roostcrm.core.query.Filter.IdIn} matches nothing;</li>
 *   <li>"thread-safe" means that independent units of work on several threads all succeed (a deadlock surfacing
 *       as an exception is a failure), that concurrent updates from one version leave exactly one winner, and that
 *       concurrent inserts of one e-mail store exactly one contact;</li>
 *   <li>the test data for stage sorts orders stages the same by id and by position, so either reading passes;</li>
 *   <li>"the epoch stays stable while another unit of work commits" is checked where the other unit of work can
 *       commit meanwhile: the first waits a bounded two seconds for it, and a store that runs units of work one after
 *       the other (the in-memory store) cannot let it, so there the check has nothing to check; a rolled-back
 *       write is a role, user, stage or field-update write, never a field definition or removal, whose DDL may
 *       commit implicitly;</li>
 *   <li>contexts carry times in whole milliseconds, which every database's timestamp keeps; change-log values
 *       round-trip exactly, nanoseconds included, as {@link io.roostcrm.core.spi.ChangeCodec} keeps them;</li>
 *   <li>a unit of work's entries come back in the order it appended them, not necessarily with consecutive
 *       numbers.</li>
 * </ul>
 *
 * <p><b>The kit's users.</b> It creates users with ids 1 to 20 and logins {@code user<id>}, user 99 {@code gone},
 * user 4,711 {@code grace}, and {@code ada} with an id the store assigns. A store whose users must exist elsewhere
 * first (the FluentCRM store's are WordPress users) provides exactly these in {@link #newStore()}.
 *
 * <p>Each test gets a fresh store from {@link #newStore()} and hands it to {@link #releaseStore(CrmStore)}
 * afterwards, after closing the second store if the test opened one; tests never share state. Not thread-safe
 * (JUnit runs each test instance on one thread).
 */
public abstract class CrmStoreCompatibilityKit {

    /**
     * Not a test on the JUnit Platform: a tripwire for runners that predate it and would otherwise run none of the
     * kit's tests and report success (Maven 3.8's default Surefire 2.12.4, for one). Such a runner calls it, and it
     * fails, saying how to run the kit; see {@link KitRunners}. Needs the test class to be {@code public} for Surefire's
     * plain-object runner; JUnit 4's runner finds it either way.
     */
    @org.junit.Test
    public final void testThatTheKitRunsOnTheJUnitPlatform() {
        KitRunners.refuseRunnersWithoutTheJUnitPlatform();
    }

    /**
     * The store under test: a fresh one from {@link #newStore()} for each test, set before the test runs.
     */
    protected CrmStore store;

    /** Whether the current test asked for the second store, and the one it got ({@code null}: none). */
    private boolean secondRequested;
    private CrmStore second;

    /**
     * Creates the store under test: one with no contacts, custom fields, lists, tags, notes, reminders, stages,
     * users or roles. Called before each test; the kit releases it with {@link #releaseStore(CrmStore)}.
     *
     * @return a new, empty store
     */
    protected abstract CrmStore newStore();

    /**
     * Releases a store after a test. The default closes it; override to also drop a schema or database.
     *
     * @param store the store {@link #newStore()} returned
     */
    protected void releaseStore(CrmStore store) {
        store.close();
    }

    /**
     * A second store over the database of the store {@link #newStore()} returned last, opened the way a second
     * application node would open it (its own pool, its own caches), and not emptied. The kit asks for it at most
     * once per test, only in tests that need it, and closes it after the test, before it releases the store under
     * test; a store that can only be shared as one instance (the in-memory store) returns that very instance, which
     * the kit then does not close twice.
     *
     * <p>Override it for every store that several nodes can share: without it the kit cannot check that what one
     * node commits (a moved security epoch, change-log entries) is seen by another, and reports those tests as
     * skipped.
     *
     * @return the second store, or empty when this store cannot be opened twice
     */
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.empty();
    }

    /** The second store over the database of the store under test, opened on the test's first request. */
    final Optional<CrmStore> secondStore() {
        if (!secondRequested) {
            secondRequested = true;
            second = Objects.requireNonNull(newStoreOnSameDatabase(), "newStoreOnSameDatabase()").orElse(null);
        }
        return Optional.ofNullable(second);
    }

    @BeforeEach
    void createStore() {
        // Created here rather than in a field initialiser so that newStore() may use the subclass's own fields,
        // which are not yet set while this class is being constructed (as Micrometer's kit does).
        store = newStore();
    }

    @AfterEach
    void releaseStoreAfterTest() {
        CrmStore opened = second;
        second = null;
        secondRequested = false;
        try {
            // First: the second store may share the first one's data source or in-memory database.
            if (opened != null && opened != store) {
                opened.close();
            }
        } finally {
            if (store != null) {
                CrmStore released = store;
                store = null;
                releaseStore(released);
            }
        }
    }

    // One group per promise. Each is an inner class so that its contract reaches this kit's store, and it adds
    // nothing to the contract: a new promise is a new XxxContract extending KitSupport, mounted here the same way.

    @Nested
    @DisplayName("Contacts: insert, select, update, clear, owner, count and delete")
    class ContactCrud extends ContactCrudContract {
        ContactCrud() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Field types: every declared custom type and every standard field round-trips exactly")
    class FieldTypes extends FieldTypesContract {
        FieldTypes() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Unique e-mail: a duplicate is refused with field email, rule unique, and nothing is written")
    class UniqueEmail extends UniqueEmailContract {
        UniqueEmail() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Optimistic locking: a stale version throws StaleVersionException and writes nothing")
    class OptimisticLocking extends OptimisticLockingContract {
        OptimisticLocking() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Transactions: a unit of work commits when it returns and leaves nothing when it throws")
    class Transactions extends TransactionsContract {
        Transactions() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Concurrency: units of work from many threads at once keep every promise")
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Scope pushdown: a selection returns exactly the rows its scope predicate reaches")
    class ScopePushdown extends ScopePushdownContract {
        ScopePushdown() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Projection pushdown: only projected keys, and masked values only on rows inside their mask")
    class ProjectionPushdown extends ProjectionPushdownContract {
        ProjectionPushdown() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Filters: every filter case on standard and custom fields, with two-valued logic")
    class Filters extends FiltersContract {
        Filters() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Sorting and keyset paging: sort keys then id; absent greatest; pages visit every row once")
    class SortingAndKeysetPaging extends SortingAndKeysetPagingContract {
        SortingAndKeysetPaging() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Cascade delete: deleting a contact removes everything attached to it and nothing else")
    class CascadeDelete extends CascadeDeleteContract {
        CascadeDelete() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Groups: lists and tags round-trip; slugs are unique per kind; memberships are idempotent")
    class Groups extends GroupsContract {
        Groups() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Notes: round-trip, newest first, update and delete")
    class Notes extends NotesContract {
        Notes() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Reminders: round-trip, soonest first, open reminders per assignee")
    class Reminders extends RemindersContract {
        Reminders() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Stages: ordered, renamable, unique names, and a stage in use cannot be deleted")
    class Stages extends StagesContract {
        Stages() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Users: ids assigned or kept, unique logins, teams")
    class Users extends UsersContract {
        Users() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Roles: saved roles come back equal; save replaces; delete of a missing name is ignored")
    class Roles extends RolesContract {
        Roles() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Security epoch: each definition write moves its component only, in its transaction, read once")
    class SecurityEpoch extends EpochContract {
        SecurityEpoch() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Context: a unit of work knows who acts, when, from where, and its change-log entries say so")
    class Context extends ContextContract {
        Context() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Replaced values: returning writes give exactly what they replaced, and nothing on a stale version")
    class ReplacedValues extends ReplacedValuesContract {
        ReplacedValues() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Batched updates: each change's replaced values in order; one stale change fails all, nothing remains")
    class BatchedUpdates extends BatchedUpdateContract {
        BatchedUpdates() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Change log: entries commit with their unit of work, in sequence order a reader can follow")
    class ChangeLog extends ChangeLogContract {
        ChangeLog() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Given ids: kept, never collided with, refused when taken, and refused without the feature")
    class GivenIds extends GivenIdsContract {
        GivenIds() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Settings: set once, first writer wins, across instances and racing threads, never by a rollback")
    class Settings extends SettingsContract {
        Settings() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Security: found by digest only, counted atomically, used once, expired, revoked, never by a rollback")
    class Security extends SecurityContract {
        Security() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Referential integrity: nothing belongs to a contact, list or stage that is gone, even under races")
    class ReferentialIntegrity extends ReferentialIntegrityContract {
        ReferentialIntegrity() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Capabilities: declared honestly, and undeclared things refused")
    class Capabilities extends CapabilitiesContract {
        Capabilities() {
            super(CrmStoreCompatibilityKit.this);
        }
    }

    @Nested
    @DisplayName("Audit chain: linked atomically, in one total order, queryable, purged transactionally, never forked")
    class Audit extends AuditContract {
        Audit() {
            super(CrmStoreCompatibilityKit.this);
        }
    }
}
