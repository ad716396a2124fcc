package io.roostcrm.tck;

import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.ScopePredicate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.roostcrm.core.field.StandardFields.ADDRESS_LINE_1;
import static io.roostcrm.core.field.StandardFields.ADDRESS_LINE_2;
import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.CONTACT_TYPE;
import static io.roostcrm.core.field.StandardFields.COUNTRY;
import static io.roostcrm.core.field.StandardFields.DATE_OF_BIRTH;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.JOB_TITLE;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static io.roostcrm.core.field.StandardFields.PHONE;
import static io.roostcrm.core.field.StandardFields.POSTAL_CODE;
import static io.roostcrm.core.field.StandardFields.SOURCE;
import static io.roostcrm.core.field.StandardFields.STATE;
import static io.roostcrm.core.field.StandardFields.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The technology compatibility kit for Roost stores: every promise of the storage SPI ({@code io.roostcrm.core.spi})
 * as a JUnit 5 test. A store that passes it works with everything above the SPI.
 *
 * <p><b>How to use it.</b> Add {@code io.roostcrm:crm-tck} as a test dependency, then extend this class once per
 * database and implement {@link #newStore()}:
 *
 * <pre>{@code
 * class H2StoreCompatibilityTest extends CrmStoreCompatibilityKit {
 *     @Override
 *     protected CrmStore newStore() {
 *         return JdbcStore.builder().url("jdbc:h2:mem:" + UUID.randomUUID()).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Every inherited {@code @Test} and {@code @Nested} group then runs against the store. The tests are
 * package-private, so a store cannot override or disable one: conformance is all or nothing. A test is skipped
 * (and reported as skipped) only when the store declares, in {@link CrmStore#capabilities()}, that it lacks the
 * feature or custom field type the test needs.
 *
 * <p>Assertions accept what the SPI leaves open: numbers compare by value (a store may return {@code 1.50} for
 * {@code 1.5}), multi-select values as sets of options, and violation lists may hold more than the violation
 * checked. They pin what it does not: absent values are absent (never {@code null}), rows come in sort order then
 * id, and a failed unit of work leaves nothing behind. See {@link ContactRowAssert} for assertions on rows.
 *
 * <p><b>Readings the kit takes</b> where the SPI's Javadoc could be read more than one way:
 * <ul>
 *   <li>ordering comparisons ({@code LT}, {@code GT}, ...) and sorts on text use lower-case ASCII data only, since
 *       the order of mixed case and punctuation depends on the database's collation; equality and the
 *       {@link io.roostcrm.core.query.Filter.Text} leaves, which the SPI declares case-insensitive, are checked
 *       with mixed case, including letters beyond ASCII ({@code É}/{@code é});</li>
 *   <li>check boxes are compared with {@code EQ} and {@code NE} only, and multi-select fields with {@code EQ}
 *       ("contains") and combinations of it; {@code In} and {@code NE} on a multi-select are left open;</li>
 *   <li>an empty {@link io.roostcrm.core.query.Filter.IdIn} matches nothing;</li>
 *   <li>"thread-safe" means that independent units of work on several threads all succeed (a deadlock surfacing
 *       as an exception is a failure), that concurrent updates from one version leave exactly one winner, and that
 *       concurrent inserts of one e-mail store exactly one contact;</li>
 *   <li>the test data for stage sorts orders stages the same by id and by position, so either reading passes.</li>
 * </ul>
 *
 * <p>Each test gets a fresh store from {@link #newStore()} and hands it to {@link #releaseStore(CrmStore)}
 * afterwards; tests never share state. Not thread-safe (JUnit runs each test instance on one thread).
 */
public abstract class CrmStoreCompatibilityKit {

    /**
     * The store under test: a fresh one from {@link #newStore()} for each test, set before the test runs.
     */
    protected CrmStore store;

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

    @BeforeEach
    void createStore() {
        // Created here rather than in a field initialiser so that newStore() may use the subclass's own fields,
        // which are not yet set while this class is being constructed (as Micrometer's kit does).
        store = newStore();
    }

    @AfterEach
    void releaseStoreAfterTest() {
        if (store != null) {
            CrmStore released = store;
            store = null;
            releaseStore(released);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Contacts
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Contacts: insert, select, update, clear, owner, count and delete")
    class ContactCrud extends KitSupport {

        ContactCrud() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("insert returns the row at version 1 with its id, owner, timestamps and every value")
        void insertReturnsVersionOneAndAllValues() {
            givenUsers(7);
            Map<String, Object> values = values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", LAST_NAME, "Lovelace",
                    COMPANY, "Analytical Engines", DATE_OF_BIRTH, LocalDate.of(1815, 12, 10));

            ContactRow row = insert(7, values);

            assertSoftly(softly -> {
                softly.assertThat(row.id()).as("id").isPositive();
                softlyThat(softly, row).hasVersion(1).hasOwner(7).hasExactlyValues(values);
                softly.assertThat(row.createdAt()).as("createdAt").isEqualTo(CREATED);
                softly.assertThat(row.updatedAt()).as("updatedAt (the creation time at first)").isEqualTo(CREATED);
            });
        }

        @Test
        @DisplayName("a selection of every field returns what was inserted, with version, owner and timestamps")
        void selectEverythingRoundTrips() {
            givenUsers(7);
            Map<String, Object> values = values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", LAST_NAME, "Hopper",
                    CITY, "Arlington", COUNTRY, "US");
            ContactRow inserted = insert(7, values);

            ContactRow selected = get(inserted.id());

            assertSoftly(softly -> {
                softlyThat(softly, selected).hasVersion(1).hasOwner(7).hasExactlyValues(values);
                softly.assertThat(selected.id()).as("id").isEqualTo(inserted.id());
                softly.assertThat(selected.createdAt()).as("createdAt").isEqualTo(CREATED);
                softly.assertThat(selected.updatedAt()).as("updatedAt").isEqualTo(CREATED);
            });
        }

        @Test
        @DisplayName("inserted contacts get distinct ids, and an empty selection order is by id ascending")
        void idsAreDistinctAndRowsComeInIdOrder() {
            List<Long> inserted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inserted.add(insert(values(EMAIL, "c" + i + "@example.com")).id());
            }

            List<Long> selected = ids(select(Filter.all()));

            assertThat(new HashSet<>(inserted)).hasSize(5);
            assertThat(selected).containsExactlyElementsOf(sorted(inserted));
        }

        @Test
        @DisplayName("update sets the named fields, bumps the version by 1, sets updatedAt and leaves the rest")
        void updateChangesOnlyNamedFieldsAndBumpsVersion() {
            ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", LAST_NAME, "Lovelace",
                    COMPANY, "Engines"));

            long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                    values(FIRST_NAME, "Augusta", CITY, "London"), Set.of(), CHANGED)));

            ContactRow updated = get(row.id());
            assertSoftly(softly -> {
                softly.assertThat(version).as("returned version").isEqualTo(2);
                softlyThat(softly, updated).hasVersion(2).hasExactlyValues(values(EMAIL, "ada@example.com",
                        FIRST_NAME, "Augusta", LAST_NAME, "Lovelace", COMPANY, "Engines", CITY, "London"));
                softly.assertThat(updated.createdAt()).as("createdAt").isEqualTo(CREATED);
                softly.assertThat(updated.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
            });
        }

        @Test
        @DisplayName("clear removes a value: the key is absent afterwards, not mapped to null")
        void clearRemovesValue() {
            ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Engines",
                    DATE_OF_BIRTH, LocalDate.of(1815, 12, 10)));

            long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                    values(FIRST_NAME, "Augusta"), Set.of(COMPANY, DATE_OF_BIRTH), CHANGED)));

            ContactRow cleared = get(row.id());
            assertSoftly(softly -> {
                softly.assertThat(version).as("returned version").isEqualTo(2);
                softlyThat(softly, cleared).hasVersion(2).hasNoKey(COMPANY).hasNoKey(DATE_OF_BIRTH)
                        .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Augusta"));
            });
        }

        @Test
        @DisplayName("clearing a field that has no value succeeds and still bumps the version")
        void clearingAnAbsentFieldIsHarmless() {
            ContactRow row = insert(values(EMAIL, "ada@example.com"));

            long version = inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, Map.of(),
                    Set.of(COMPANY), CHANGED)));

            assertThat(version).isEqualTo(2);
            ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasExactlyValues(values(EMAIL, "ada@example.com"));
        }

        @Test
        @DisplayName("setOwner changes the owner (0 unassigns), bumps the version and sets updatedAt")
        void setOwnerChangesOwnerAndVersion() {
            givenUsers(7, 8);
            ContactRow row = insert(7, values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));

            long second = inTransaction(tx -> tx.contacts().setOwner(row.id(), 1, 8, CHANGED));
            ContactRow reassigned = get(row.id());
            long third = inTransaction(tx -> tx.contacts().setOwner(row.id(), 2, 0, CHANGED.plusSeconds(1)));
            ContactRow unassigned = get(row.id());

            assertSoftly(softly -> {
                softly.assertThat(second).as("version after the first setOwner").isEqualTo(2);
                softlyThat(softly, reassigned).hasOwner(8).hasVersion(2)
                        .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
                softly.assertThat(reassigned.updatedAt()).as("updatedAt").isEqualTo(CHANGED);
                softly.assertThat(third).as("version after unassigning").isEqualTo(3);
                softlyThat(softly, unassigned).hasOwner(0).hasVersion(3);
                softly.assertThat(unassigned.updatedAt()).as("updatedAt").isEqualTo(CHANGED.plusSeconds(1));
            });
        }

        @Test
        @DisplayName("count counts every contact, and follows inserts and deletes")
        void countFollowsInsertsAndDeletes() {
            assertThat(count()).as("empty store").isZero();
            ContactRow first = insert(values(EMAIL, "a@example.com"));
            insert(values(EMAIL, "b@example.com"));
            inTransaction(tx -> tx.contacts().insertAll(List.of(
                    newContact(0, values(EMAIL, "c@example.com")), newContact(0, values(EMAIL, "d@example.com")))));
            assertThat(count()).as("after four inserts").isEqualTo(4);

            inTransaction(tx -> tx.contacts().delete(first.id()));

            assertThat(count()).as("after a delete").isEqualTo(3);
        }

        @Test
        @DisplayName("delete removes the contact and returns true; deleting a missing id returns false")
        void deleteRemovesContactAndIgnoresMissingId() {
            ContactRow row = insert(values(EMAIL, "ada@example.com"));
            ContactRow other = insert(values(EMAIL, "grace@example.com"));

            boolean deleted = inTransaction(tx -> tx.contacts().delete(row.id()));
            boolean deletedAgain = inTransaction(tx -> tx.contacts().delete(row.id()));
            boolean deletedNever = inTransaction(tx -> tx.contacts().delete(987_654_321L));

            assertSoftly(softly -> {
                softly.assertThat(deleted).as("first delete").isTrue();
                softly.assertThat(deletedAgain).as("second delete of the same id").isFalse();
                softly.assertThat(deletedNever).as("delete of an id never used").isFalse();
                softly.assertThat(find(row.id())).as("deleted contact").isEmpty();
                softly.assertThat(ids(select(Filter.all()))).as("remaining contacts").containsExactly(other.id());
            });
        }

        @Test
        @DisplayName("insertAll stores every contact at version 1 and returns the ids in input order")
        void insertAllReturnsIdsInInputOrder() {
            givenUsers(7);
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(newContact(i % 2 == 0 ? 7 : 0, values(EMAIL, "batch" + i + "@example.com",
                        FIRST_NAME, "n" + i)));
            }

            List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));

            assertThat(ids).hasSize(25).doesNotHaveDuplicates();
            assertSoftly(softly -> {
                for (int i = 0; i < ids.size(); i++) {
                    softlyThat(softly, get(ids.get(i))).hasVersion(1).hasOwner(batch.get(i).ownerId())
                            .hasExactlyValues(batch.get(i).values());
                }
            });
        }

        @Test
        @DisplayName("insertAll of an empty list stores nothing and returns no ids")
        void insertAllOfNothing() {
            List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(List.of()));

            assertThat(ids).isEmpty();
            assertThat(count()).isZero();
        }

        @Test
        @DisplayName("large batches work: insertAll of 2,500 contacts, IdIn of 3,000 ids, findIdsBy of 2,500 e-mails")
        void largeBatches() {
            List<NewContact> batch = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                String email = String.format(Locale.ROOT, "bulk%04d@example.com", i);
                emails.add(email);
                batch.add(newContact(0, values(EMAIL, email)));
            }

            List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));
            Set<Long> wanted = new HashSet<>(ids);
            for (long missing = 1; wanted.size() < 3_000; missing++) {
                wanted.add(987_654_321L + missing);
            }
            List<ContactRow> selected = select(new Filter.IdIn(wanted));
            Map<Object, Long> found = inTransaction(tx -> tx.contacts().findIdsBy(EMAIL, emails));

            assertThat(count()).isEqualTo(2_500);
            assertThat(ids(selected)).containsExactlyElementsOf(sorted(ids));
            assertThat(found).hasSize(2_500);
            for (int i = 0; i < emails.size(); i += 250) {
                assertThat(found.get(emails.get(i))).as(emails.get(i)).isEqualTo(ids.get(i));
            }
        }

        @Test
        @DisplayName("select honours the limit and a selection of an unknown id returns nothing")
        void selectHonoursLimit() {
            for (int i = 0; i < 7; i++) {
                insert(values(EMAIL, "c" + i + "@example.com"));
            }
            List<String> keys = fieldKeys();

            List<ContactRow> three = select(ContactSelection.everything(keys, Filter.all(), 3));
            List<ContactRow> none = select(new Filter.IdIn(Set.of(987_654_321L)));

            assertThat(three).hasSize(3);
            assertThat(none).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Field types
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Field types: every declared custom type and every standard field round-trips exactly")
    class FieldTypes extends KitSupport {

        FieldTypes() {
            super(CrmStoreCompatibilityKit.this);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = FieldType.class, mode = EnumSource.Mode.EXCLUDE, names = "STAGE")
        @DisplayName("edge values of a declared custom field type are stored and returned verbatim")
        void customFieldTypeRoundTrips(FieldType type) {
            assumeType(type);
            String key = "edge_" + type.name().toLowerCase(Locale.ROOT);
            FieldDefinition.Builder definition = FieldDefinition.custom(key, type).label("Edge " + type);
            if (type.hasOptions()) {
                definition.options(optionsFor(type));
            }
            define(definition.build());
            List<Object> edgeValues = edgeValues(type);

            List<ContactRow> inserted = new ArrayList<>();
            for (int i = 0; i < edgeValues.size(); i++) {
                inserted.add(insert(values(EMAIL, key.replace('_', '-') + "-" + i + "@example.com",
                        key, edgeValues.get(i))));
            }

            assertSoftly(softly -> {
                for (int i = 0; i < edgeValues.size(); i++) {
                    Object expected = edgeValues.get(i);
                    softlyThat(softly, inserted.get(i)).as("insert result for value %d", i).hasValue(key, expected);
                    softlyThat(softly, get(inserted.get(i).id())).as("selected value %d", i).hasValue(key, expected);
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = FieldType.class, mode = EnumSource.Mode.EXCLUDE, names = "STAGE")
        @DisplayName("a custom value can be replaced by update and removed by clear")
        void customValueCanBeUpdatedAndCleared(FieldType type) {
            assumeType(type);
            String key = "change_" + type.name().toLowerCase(Locale.ROOT);
            FieldDefinition.Builder definition = FieldDefinition.custom(key, type);
            if (type.hasOptions()) {
                definition.options(optionsFor(type));
            }
            define(definition.build());
            List<Object> edgeValues = edgeValues(type);
            Object first = edgeValues.get(0);
            Object second = edgeValues.get(edgeValues.size() - 1);
            ContactRow row = insert(values(EMAIL, "change@example.com", key, first));

            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(key, second), Set.of(),
                    CHANGED)));
            ContactRow updated = get(row.id());
            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 2, Map.of(), Set.of(key), CHANGED)));
            ContactRow cleared = get(row.id());
            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 3, values(key, first), Set.of(),
                    CHANGED)));
            ContactRow setAgain = get(row.id());

            assertSoftly(softly -> {
                softlyThat(softly, updated).as("after update").hasVersion(2).hasValue(key, second);
                softlyThat(softly, cleared).as("after clear").hasVersion(3).hasNoKey(key)
                        .hasExactlyValues(values(EMAIL, "change@example.com"));
                softlyThat(softly, setAgain).as("after setting it again").hasVersion(4).hasValue(key, first);
            });
        }

        @Test
        @DisplayName("every standard field round-trips, including stage (a Long) and date of birth")
        void everyStandardFieldRoundTrips() {
            Stage stage = givenStage("Contacted", 2);
            Map<String, Object> values = values(
                    EMAIL, "o'brien+crm@example.com",
                    FIRST_NAME, "Siobhán",
                    LAST_NAME, "O'Brien-" + UNICODE,
                    PHONE, "+353 (1) 555-0100 x12",
                    COMPANY, SQL_METACHARACTERS,
                    JOB_TITLE, LIKE_METACHARACTERS,
                    ADDRESS_LINE_1, "1 Main Street",
                    ADDRESS_LINE_2, "Flat 2/B",
                    CITY, "Dún Laoghaire",
                    STATE, "Co. Dublin",
                    POSTAL_CODE, "A96 X2Y3",
                    COUNTRY, "IE",
                    DATE_OF_BIRTH, LocalDate.of(1900, 1, 1),
                    STATUS, "subscribed",
                    SOURCE, "web form",
                    StandardFields.STAGE, stage.id(),
                    CONTACT_TYPE, "customer");
            assertThat(values.keySet()).as("the kit covers every standard field")
                    .containsExactlyInAnyOrderElementsOf(StandardFields.keys());

            ContactRow inserted = insert(values);
            ContactRow selected = get(inserted.id());

            assertSoftly(softly -> {
                softlyThat(softly, inserted).as("insert result").hasExactlyValues(values);
                softlyThat(softly, selected).as("selected").hasExactlyValues(values);
                softly.assertThat(selected.values().get(StandardFields.STAGE)).as("stage value type")
                        .isInstanceOf(Long.class);
            });
        }

        @Test
        @DisplayName("every standard text, e-mail and phone field holds values of its type's maximum length")
        void standardFieldsHoldMaximumLength() {
            List<String> keys = new ArrayList<>();
            List<ContactRow> rows = new ArrayList<>();
            List<Object> written = new ArrayList<>();
            for (FieldDefinition field : StandardFields.all()) {
                Object value = switch (field.type()) {
                    case TEXT -> "é" + "x".repeat(FieldType.TEXT.maxLength() - 1);
                    case PHONE -> "+" + "1".repeat(FieldType.PHONE.maxLength() - 1);
                    default -> null;
                };
                if (value != null) {
                    keys.add(field.key());
                    written.add(value);
                    rows.add(insert(values(EMAIL, "max-" + field.key().replace('_', '-') + "@example.com",
                            field.key(), value)));
                }
            }
            String longestEmail = "a".repeat(64) + "@" + "b".repeat(FieldType.EMAIL.maxLength() - 64 - 1 - 12)
                    + ".example.com";
            keys.add(EMAIL);
            written.add(longestEmail);
            rows.add(insert(values(EMAIL, longestEmail)));

            assertSoftly(softly -> {
                for (int i = 0; i < keys.size(); i++) {
                    softlyThat(softly, get(rows.get(i).id())).as(keys.get(i)).hasValue(keys.get(i), written.get(i));
                }
            });
        }

        @Test
        @DisplayName("every allowed value of the standard select fields round-trips")
        void standardSelectValuesRoundTrip() {
            List<ContactRow> rows = new ArrayList<>();
            List<Map<String, Object>> written = new ArrayList<>();
            int i = 0;
            for (String status : StandardFields.STATUSES) {
                for (String type : StandardFields.CONTACT_TYPES) {
                    Map<String, Object> values = values(EMAIL, "select" + i++ + "@example.com", STATUS, status,
                            CONTACT_TYPE, type);
                    written.add(values);
                    rows.add(insert(values));
                }
            }

            assertSoftly(softly -> {
                for (int j = 0; j < rows.size(); j++) {
                    softlyThat(softly, get(rows.get(j).id())).hasExactlyValues(written.get(j));
                }
            });
        }

        @Test
        @DisplayName("standard date of birth keeps its edge dates")
        void dateOfBirthEdgeDates() {
            List<LocalDate> dates = List.of(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31),
                    LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1));
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < dates.size(); i++) {
                rows.add(insert(values(EMAIL, "dob" + i + "@example.com", DATE_OF_BIRTH, dates.get(i))));
            }

            assertSoftly(softly -> {
                for (int i = 0; i < dates.size(); i++) {
                    softlyThat(softly, get(rows.get(i).id())).hasValue(DATE_OF_BIRTH, dates.get(i));
                }
            });
        }

        @Test
        @DisplayName("definitions round-trip through all() in definition order, with label, options and flags")
        void fieldDefinitionsRoundTrip() {
            List<FieldDefinition> definitions = new ArrayList<>();
            for (FieldType type : declaredCustomTypes()) {
                String key = "def_" + type.name().toLowerCase(Locale.ROOT);
                FieldDefinition.Builder builder = FieldDefinition.custom(key, type).label("Label of " + type + " – "
                        + UNICODE);
                if (type.hasOptions()) {
                    builder.options(optionsFor(type));
                }
                int flags = definitions.size();
                builder.required(flags % 2 == 1).active(flags % 3 != 1).readOnly(flags % 4 == 2)
                        .sensitive(flags % 5 == 3);
                definitions.add(builder.build());
            }
            assumeTrue(!definitions.isEmpty(), "the store declares no custom field type");
            definitions.forEach(this::define);
            FieldDefinition allFlags = FieldDefinition.custom("def_all_flags", firstDeclaredType())
                    .options(firstDeclaredType().hasOptions() ? optionsFor(firstDeclaredType()) : List.of())
                    .label("All flags").required(true).active(false).readOnly(true).sensitive(true).build();
            define(allFlags);
            definitions.add(allFlags);

            List<FieldDefinition> stored = fieldDefinitions();

            assertThat(stored).containsExactlyElementsOf(definitions);
        }

        @Test
        @DisplayName("update replaces a definition's label, options and flags")
        void fieldDefinitionUpdate() {
            FieldDefinition text = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("Nickname").build();
            define(text);
            FieldDefinition changedText = text.withLabel("Also known as").withFlags(true, false, true, true);
            List<FieldDefinition> expected = new ArrayList<>(List.of(changedText));

            runInTransaction(tx -> tx.fields().update(changedText));
            if (store().capabilities().supports(FieldType.SELECT)) {
                FieldDefinition select = FieldDefinition.custom("tier", FieldType.SELECT).options("gold", "silver")
                        .build();
                define(select);
                FieldDefinition changedSelect = select.withOptions(List.of("platinum", "gold", "silver", "bronze"));
                runInTransaction(tx -> tx.fields().update(changedSelect));
                expected.add(changedSelect);
            }

            assertThat(fieldDefinitions()).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("a field defined after contacts exist starts with no value on any of them")
        void newFieldStartsEmpty() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
            define(FieldDefinition.custom("nickname", anyDeclaredTextType()).build());

            ContactRowAssert.assertThat(get(ada.id())).hasExactlyValues(values(EMAIL, "ada@example.com",
                    FIRST_NAME, "Ada"));
            assertThat(ids(select(Filter.isEmpty("nickname")))).containsExactly(ada.id());
        }

        @Test
        @DisplayName("custom keys that are SQL keywords, hold '-' or have 64 characters work in values, filters, sorts")
        void awkwardCustomKeysWork() {
            FieldType type = anyDeclaredTextType();
            List<String> keys = List.of("order", "group", "select", "user", "my-field", "x" + "y".repeat(63));
            for (String key : keys) {
                define(FieldDefinition.custom(key, type).build());
            }
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> values = values(EMAIL, "awkward" + i + "@example.com");
                for (String key : keys) {
                    values.put(key, "v" + (2 - i) + "-" + key.charAt(0));
                }
                rows.add(insert(values));
            }

            List<Long> descendingValues = new ArrayList<>(ids(rows));
            Collections.reverse(descendingValues);
            assertSoftly(softly -> {
                for (String key : keys) {
                    softlyThat(softly, get(rows.get(0).id())).as("value of %s", key)
                            .hasValue(key, "v2-" + key.charAt(0));
                    softly.assertThat(ids(select(Filter.eq(key, "v1-" + key.charAt(0))))).as("filter on %s", key)
                            .containsExactly(rows.get(1).id());
                    softly.assertThat(ids(select(new ContactSelection(ScopePredicate.all(), everyField(fieldKeys()),
                                    Filter.all(), List.of(key(key, Direction.ASC)), Keyset.start(), ALL_ROWS))))
                            .as("sort on %s", key).containsExactlyElementsOf(descendingValues);
                }
            });
        }

        @Test
        @DisplayName("a removed key can be defined again with another type")
        void removedKeyCanChangeType() {
            assumeType(FieldType.NUMBER);
            FieldType text = anyDeclaredTextType();
            define(FieldDefinition.custom("reused", text).build());
            ContactRow ada = insert(values(EMAIL, "ada@example.com", "reused", "some text"));

            runInTransaction(tx -> tx.fields().remove("reused"));
            FieldDefinition number = FieldDefinition.custom("reused", FieldType.NUMBER).build();
            define(number);
            inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1, values("reused",
                    new BigDecimal("12.5")), Set.of(), CHANGED)));

            assertThat(fieldDefinitions()).containsExactly(number);
            ContactRowAssert.assertThat(get(ada.id())).hasValue("reused", new BigDecimal("12.5"));
            assertThat(ids(select(Filter.gt("reused", BigDecimal.TEN)))).containsExactly(ada.id());
        }

        @Test
        @DisplayName("updating a custom field that does not exist throws CrmNotFoundException")
        void updateOfMissingFieldIsNotFound() {
            FieldDefinition missing = FieldDefinition.custom("missing", anyDeclaredTextType()).build();

            assertThatThrownBy(() -> runInTransaction(tx -> tx.fields().update(missing)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("defining a key that is taken is refused with rule unique and changes nothing")
        void duplicateFieldKeyIsRefused() {
            FieldDefinition first = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("First").build();
            define(first);
            FieldDefinition second = FieldDefinition.custom("nickname", anyDeclaredTextType()).label("Second").build();

            assertRefused(() -> define(second), null, "unique");
            assertThat(fieldDefinitions()).containsExactly(first);
        }

        @Test
        @DisplayName("remove drops the definition and values; defined again the key is empty; missing keys are ignored")
        void removeDropsDefinitionAndValues() {
            FieldType type = anyDeclaredTextType();
            FieldDefinition nickname = FieldDefinition.custom("nickname", type).build();
            FieldDefinition other = FieldDefinition.custom("other", type).build();
            define(nickname);
            define(other);
            ContactRow row = insert(values(EMAIL, "ada@example.com", "nickname", "countess", "other", "kept"));

            runInTransaction(tx -> tx.fields().remove("nickname"));
            List<FieldDefinition> afterRemove = fieldDefinitions();
            ContactRow withoutField = get(row.id());
            runInTransaction(tx -> tx.fields().remove("never-defined"));
            define(nickname);
            ContactRow redefined = get(row.id());

            assertSoftly(softly -> {
                softly.assertThat(afterRemove).as("definitions after remove").containsExactly(other);
                softlyThat(softly, withoutField).as("contact after remove").hasNoKey("nickname")
                        .hasExactlyValues(values(EMAIL, "ada@example.com", "other", "kept"));
                softlyThat(softly, redefined).as("contact after redefining the key").hasNoKey("nickname")
                        .hasValue("other", "kept");
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Unique e-mail
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Unique e-mail: a duplicate is refused with field email, rule unique, and nothing is written")
    class UniqueEmail extends KitSupport {

        UniqueEmail() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("inserting a duplicate e-mail is refused and the count is unchanged")
        void duplicateInsertIsRefused() {
            ContactRow first = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));

            assertRefused(() -> insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Impostor")), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
            ContactRowAssert.assertThat(get(first.id())).hasVersion(1).hasValue(FIRST_NAME, "Ada");
        }

        @Test
        @DisplayName("an e-mail differing only in case is a duplicate")
        void duplicateIgnoringCaseIsRefused() {
            insert(values(EMAIL, "ada@example.com"));

            assertRefused(() -> insert(values(EMAIL, "Ada@Example.COM")), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
        }

        @Test
        @DisplayName("a stored mixed-case e-mail still blocks its lower-case form")
        void storedMixedCaseBlocksLowerCase() {
            insert(values(EMAIL, "Grace@Example.com"));

            assertRefused(() -> insert(values(EMAIL, "grace@example.com")), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
        }

        @Test
        @DisplayName("the violation message does not echo the e-mail address")
        void violationMessageDoesNotEchoValue() {
            insert(values(EMAIL, "secret.person@example.com"));

            assertThatThrownBy(() -> insert(values(EMAIL, "secret.person@example.com")))
                    .isInstanceOf(CrmValidationException.class)
                    .hasMessageNotContaining("secret.person");
        }

        @Test
        @DisplayName("an update to another contact's e-mail is refused and the row is unchanged")
        void duplicateViaUpdateIsRefused() {
            insert(values(EMAIL, "ada@example.com"));
            ContactRow grace = insert(values(EMAIL, "grace@example.com", FIRST_NAME, "Grace"));

            assertRefused(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(grace.id(), 1,
                    values(EMAIL, "ada@example.com", FIRST_NAME, "Changed"), Set.of(), CHANGED))), EMAIL, "unique");

            ContactRow after = get(grace.id());
            ContactRowAssert.assertThat(after).hasVersion(1)
                    .hasExactlyValues(values(EMAIL, "grace@example.com", FIRST_NAME, "Grace"));
            assertThat(after.updatedAt()).isEqualTo(CREATED);
        }

        @Test
        @DisplayName("an update keeping the contact's own e-mail is not a duplicate")
        void updateKeepingOwnEmailIsAllowed() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));

            long version = inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1,
                    values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"), Set.of(), CHANGED)));

            assertThat(version).isEqualTo(2);
        }

        @Test
        @DisplayName("a deleted contact's e-mail can be used again")
        void deletedEmailCanBeReused() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            inTransaction(tx -> tx.contacts().delete(ada.id()));

            ContactRow again = insert(values(EMAIL, "ada@example.com"));

            assertThat(again.id()).isNotEqualTo(ada.id());
            assertThat(count()).isEqualTo(1);
        }

        @Test
        @DisplayName("insertAll with a duplicate inside the batch is refused and stores nothing of the batch")
        void duplicateInsideBatchIsRefused() {
            insert(values(EMAIL, "existing@example.com"));
            List<NewContact> batch = List.of(newContact(0, values(EMAIL, "one@example.com")),
                    newContact(0, values(EMAIL, "two@example.com")),
                    newContact(0, values(EMAIL, "ONE@example.com")));

            assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(batch)), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
            assertThat(findIdsByEmail("one@example.com", "two@example.com")).isEmpty();
        }

        @Test
        @DisplayName("insertAll with the e-mail of a stored contact is refused and stores nothing of the batch")
        void duplicateOfStoredContactInBatchIsRefused() {
            insert(values(EMAIL, "existing@example.com"));
            List<NewContact> batch = List.of(newContact(0, values(EMAIL, "one@example.com")),
                    newContact(0, values(EMAIL, "existing@example.com")),
                    newContact(0, values(EMAIL, "three@example.com")));

            assertRefused(() -> inTransaction(tx -> tx.contacts().insertAll(batch)), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
        }

        @Test
        @DisplayName("findIdsBy email finds contacts ignoring case and keys the result by the value as given")
        void findIdsByEmailIgnoresCase() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            ContactRow grace = insert(values(EMAIL, "grace@example.com"));
            insert(values(EMAIL, "other@example.com"));

            Map<Object, Long> found = findIdsByEmail("ADA@Example.com", "grace@example.com", "nobody@example.com");

            assertThat(found).containsOnly(Map.entry("ADA@Example.com", ada.id()),
                    Map.entry("grace@example.com", grace.id()));
        }

        @Test
        @DisplayName("findIdsBy with no values finds nothing")
        void findIdsByNothing() {
            insert(values(EMAIL, "ada@example.com"));

            assertThat(findIdsByEmail()).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Optimistic locking
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Optimistic locking: a stale version throws StaleVersionException and writes nothing")
    class OptimisticLocking extends KitSupport {

        OptimisticLocking() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("update with a stale version fails and leaves values, version and updatedAt unchanged")
        void staleUpdateFails() {
            ContactRow row = insert(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada"));
            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Augusta"),
                    Set.of(), CHANGED)));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                    values(FIRST_NAME, "Stale", COMPANY, "Stale"), Set.of(EMAIL), CHANGED.plusSeconds(60)))))
                    .isInstanceOf(StaleVersionException.class);

            ContactRow after = get(row.id());
            ContactRowAssert.assertThat(after).hasVersion(2)
                    .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Augusta"));
            assertThat(after.updatedAt()).isEqualTo(CHANGED);
        }

        @Test
        @DisplayName("update with a version ahead of the stored one fails too")
        void futureVersionFails() {
            ContactRow row = insert(values(EMAIL, "ada@example.com"));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 2,
                    values(FIRST_NAME, "Future"), Set.of(), CHANGED)))).isInstanceOf(StaleVersionException.class);

            ContactRowAssert.assertThat(get(row.id())).hasVersion(1).hasNoKey(FIRST_NAME);
        }

        @Test
        @DisplayName("setOwner with a stale version fails and leaves owner and version unchanged")
        void staleSetOwnerFails() {
            givenUsers(7, 8);
            ContactRow row = insert(7, values(EMAIL, "ada@example.com"));
            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Ada"),
                    Set.of(), CHANGED)));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().setOwner(row.id(), 1, 8, CHANGED)))
                    .isInstanceOf(StaleVersionException.class);

            ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasOwner(7);
        }

        @Test
        @DisplayName("update or setOwner of a deleted or never-existing contact fails with StaleVersionException")
        void changeOfMissingContactFails() {
            ContactRow row = insert(values(EMAIL, "ada@example.com"));
            inTransaction(tx -> tx.contacts().delete(row.id()));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                    values(FIRST_NAME, "Ghost"), Set.of(), CHANGED)))).isInstanceOf(StaleVersionException.class);
            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().setOwner(987_654_321L, 1, 0, CHANGED)))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(count()).isZero();
        }

        @Test
        @DisplayName("two changes from the same read: the first wins, the second is stale")
        void secondWriterFromSameReadLoses() {
            ContactRow row = insert(values(EMAIL, "ada@example.com"));
            long readVersion = get(row.id()).version();

            inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), readVersion,
                    values(FIRST_NAME, "First"), Set.of(), CHANGED)));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().update(new ContactChange(row.id(),
                    readVersion, values(FIRST_NAME, "Second"), Set.of(), CHANGED))))
                    .isInstanceOf(StaleVersionException.class);
            ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasValue(FIRST_NAME, "First");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Transactions
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Transactions: a unit of work commits when it returns and leaves nothing when it throws")
    class Transactions extends KitSupport {

        Transactions() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("an exception thrown by the work rolls back every write and propagates as the same instance")
        void failureRollsBackEverything() {
            givenUsers(7);
            FieldType textType = anyDeclaredTextType();
            define(FieldDefinition.custom("nickname", textType).build());
            ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
            ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
            ContactRow existing = insert(values(EMAIL, "existing@example.com", FIRST_NAME, "Before"));
            boolean reminders = store().capabilities().has(StoreFeature.REMINDERS);
            AtomicLong newId = new AtomicLong();
            RuntimeException injected = new IllegalStateException("injected failure");

            assertThatThrownBy(() -> runInTransaction(tx -> {
                ContactRow row = tx.contacts().insert(newContact(7, values(EMAIL, "rolled-back@example.com",
                        "nickname", "gone")));
                newId.set(row.id());
                tx.notes().insert(note(row.id(), CREATED, "gone"));
                tx.notes().insert(note(existing.id(), CREATED, "gone too"));
                if (reminders) {
                    tx.reminders().insert(new Reminder(0, row.id(), 7, CHANGED, "gone", false, CREATED));
                }
                tx.groups(GroupKind.LIST).add(row.id(), list.id());
                tx.groups(GroupKind.TAG).add(existing.id(), tag.id());
                tx.contacts().update(new ContactChange(existing.id(), 1, values(FIRST_NAME, "After",
                        "nickname", "gone"), Set.of(), CHANGED));
                tx.groups(GroupKind.LIST).insert(new ContactGroup(0, GroupKind.LIST, "Gone", "gone", ""));
                tx.stages().insert(new Stage(0, "Gone", 9));
                tx.users().insert(new User(99, "gone", "Gone", List.of(), Set.of(), true));
                tx.roles().save(Role.builder("gone").build());
                throw injected;
            })).isSameAs(injected);

            long id = newId.get();
            assertSoftly(softly -> {
                softly.assertThat(count()).as("contacts").isEqualTo(1);
                softly.assertThat(find(id)).as("the new contact").isEmpty();
                softlyThat(softly, get(existing.id())).as("the updated contact").hasVersion(1)
                        .hasExactlyValues(values(EMAIL, "existing@example.com", FIRST_NAME, "Before"));
                softly.assertThat(notesOf(existing.id())).as("notes").isEmpty();
                softly.assertThat(notesOf(id)).as("notes of the new contact").isEmpty();
                if (reminders) {
                    softly.assertThat(openRemindersFor(7)).as("reminders").isEmpty();
                }
                softly.assertThat(select(new Filter.InGroup(GroupKind.LIST, list.id()))).as("list members").isEmpty();
                softly.assertThat(select(new Filter.InGroup(GroupKind.TAG, tag.id()))).as("tag members").isEmpty();
                softly.assertThat(allGroups(GroupKind.LIST)).as("lists")
                        .containsExactly(list);
                softly.assertThat(allStages()).as("stages").isEmpty();
                softly.assertThat(findUser(99)).as("user 99").isEmpty();
                softly.assertThat(findRole("gone")).as("role").isEmpty();
                softly.assertThat(select(Filter.eq("nickname", "gone"))).as("custom values").isEmpty();
            });
        }

        @Test
        @DisplayName("a CrmException thrown by the work propagates as the same instance")
        void crmExceptionPropagatesUnchanged() {
            CrmException thrown = new CrmNotFoundException("contact", 42);

            assertThatThrownBy(() -> runInTransaction(tx -> {
                tx.contacts().insert(newContact(0, values(EMAIL, "a@example.com")));
                throw thrown;
            })).isSameAs(thrown);
            assertThat(count()).isZero();
        }

        @Test
        @DisplayName("a store failure in the middle of the work (a duplicate e-mail) rolls back the earlier writes")
        void storeFailureRollsBackEarlierWrites() {
            insert(values(EMAIL, "taken@example.com"));

            assertRefused(() -> runInTransaction(tx -> {
                tx.contacts().insert(newContact(0, values(EMAIL, "first@example.com")));
                tx.stages().insert(new Stage(0, "Gone", 1));
                tx.contacts().insert(newContact(0, values(EMAIL, "taken@example.com")));
            }), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
            assertThat(allStages()).isEmpty();
        }

        @Test
        @DisplayName("transactionResult returns the work's value and commits what the work wrote")
        void transactionResultReturnsValueAndCommits() {
            ContactRow row = store().transactionResult(tx -> tx.contacts().insert(newContact(0,
                    values(EMAIL, "ada@example.com"))));
            String text = store().transactionResult(tx -> "result of the work");

            assertThat(text).isEqualTo("result of the work");
            ContactRowAssert.assertThat(get(row.id())).hasVersion(1).hasValue(EMAIL, "ada@example.com");
        }

        @Test
        @DisplayName("a unit of work sees its own writes before it commits")
        void workSeesItsOwnWrites() {
            List<String> keys = fieldKeys();

            List<ContactRow> seen = inTransaction(tx -> {
                ContactRow row = tx.contacts().insert(newContact(0, values(EMAIL, "ada@example.com")));
                tx.contacts().update(new ContactChange(row.id(), 1, values(FIRST_NAME, "Ada"), Set.of(), CHANGED));
                return tx.contacts().select(ContactSelection.everything(keys, Filter.all(), ALL_ROWS));
            });

            assertThat(seen).singleElement().satisfies(row -> ContactRowAssert.assertThat(row).hasVersion(2)
                    .hasExactlyValues(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada")));
        }

        @Test
        @DisplayName("insertAll is atomic: a refused batch leaves no row of it, and the work's other writes go too")
        void insertAllIsAtomic() {
            insert(values(EMAIL, "taken@example.com"));
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(newContact(0, values(EMAIL, "batch" + i + "@example.com")));
            }
            batch.add(newContact(0, values(EMAIL, "taken@example.com")));

            assertRefused(() -> runInTransaction(tx -> {
                tx.contacts().insert(newContact(0, values(EMAIL, "before-batch@example.com")));
                tx.contacts().insertAll(batch);
            }), EMAIL, "unique");

            assertThat(count()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Concurrency
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Concurrency: units of work from many threads at once keep every promise")
    class Concurrency extends KitSupport {

        Concurrency() {
            super(CrmStoreCompatibilityKit.this);
        }

        private static final int THREADS = 8;

        @Test
        @DisplayName("inserts from many threads at once are all stored, each with a distinct id")
        void concurrentInsertsAreAllStored() throws Exception {
            List<List<Long>> perThread = runConcurrently(thread -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String email = "t" + thread + "-" + i + "@example.com";
                    ids.add(inTransaction(tx -> tx.contacts().insert(newContact(0, values(EMAIL, email)))).id());
                }
                return ids;
            });

            List<Long> ids = perThread.stream().flatMap(List::stream).toList();
            assertThat(ids).hasSize(THREADS * 10).doesNotHaveDuplicates();
            assertThat(count()).isEqualTo(THREADS * 10L);
            assertThat(ids(select(Filter.all()))).containsExactlyElementsOf(sorted(ids));
        }

        @Test
        @DisplayName("updates of one contact from the same version at once: exactly one wins, the rest are stale")
        void concurrentUpdatesFromSameVersion() throws Exception {
            ContactRow row = insert(values(EMAIL, "contended@example.com"));

            List<Object> outcomes = runConcurrently(thread -> {
                try {
                    return inTransaction(tx -> tx.contacts().update(new ContactChange(row.id(), 1,
                            values(FIRST_NAME, "writer" + thread), Set.of(), CHANGED)));
                } catch (StaleVersionException e) {
                    return e;
                }
            });

            List<Object> winners = outcomes.stream().filter(o -> !(o instanceof StaleVersionException)).toList();
            assertThat(winners).as("successful updates").containsExactly(2L);
            int winner = outcomes.indexOf(2L);
            ContactRowAssert.assertThat(get(row.id())).hasVersion(2).hasValue(FIRST_NAME, "writer" + winner);
        }

        @Test
        @DisplayName("inserts of one e-mail from many threads at once: exactly one is stored, the rest are refused")
        void concurrentDuplicateInserts() throws Exception {
            List<Object> outcomes = runConcurrently(thread -> {
                try {
                    return insert(values(EMAIL, "race@example.com", FIRST_NAME, "racer" + thread));
                } catch (CrmValidationException e) {
                    return e;
                }
            });

            List<Object> stored = outcomes.stream().filter(ContactRow.class::isInstance).toList();
            assertThat(stored).as("stored contacts").hasSize(1);
            assertThat(outcomes).filteredOn(CrmValidationException.class::isInstance).hasSize(THREADS - 1)
                    .allSatisfy(e -> assertThat(((CrmValidationException) e).violations())
                            .anySatisfy(v -> {
                                assertThat(v.field()).isEqualTo(EMAIL);
                                assertThat(v.rule()).isEqualTo("unique");
                            }));
            assertThat(count()).isEqualTo(1);
        }

        /**
         * Runs the task on {@link #THREADS} threads released at the same moment, and returns each thread's result
         * in thread order. Any other exception fails the test; a thread that hangs fails it after a minute.
         */
        private <T> List<T> runConcurrently(ThreadTask<T> task) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch ready = new CountDownLatch(THREADS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<T>> futures = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    int number = thread;
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return task.run(number);
                    }));
                }
                assertThat(ready.await(1, TimeUnit.MINUTES)).as("threads started").isTrue();
                go.countDown();
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get(1, TimeUnit.MINUTES));
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A task run by one of several threads at once. */
    @FunctionalInterface
    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Scope pushdown
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Scope pushdown: a selection returns exactly the rows its scope predicate reaches")
    class ScopePushdown extends KitSupport {

        ScopePushdown() {
            super(CrmStoreCompatibilityKit.this);
        }

        private long ownedBy1;
        private long ownedBy2;
        private long ownedBy3;
        private long unassigned;

        @BeforeEach
        void givenOwnership() {
            // Users 1 and 2 share team 10; user 3 is in team 20; user 4 owns nothing and has no team.
            givenUser(1, 10L);
            givenUser(2, 10L);
            givenUser(3, 20L);
            givenUser(4);
            ownedBy1 = insert(1, values(EMAIL, "one@example.com", COMPANY, "Acme")).id();
            ownedBy2 = insert(2, values(EMAIL, "two@example.com", COMPANY, "Acme")).id();
            ownedBy3 = insert(3, values(EMAIL, "three@example.com", COMPANY, "Acme")).id();
            unassigned = insert(0, values(EMAIL, "nobody@example.com", COMPANY, "Acme")).id();
        }

        @Test
        @DisplayName("All reaches every contact and None reaches none")
        void allAndNone() {
            assertThat(idsInScope(ScopePredicate.all())).containsExactlyElementsOf(
                    sorted(List.of(ownedBy1, ownedBy2, ownedBy3, unassigned)));
            assertThat(idsInScope(ScopePredicate.none())).isEmpty();
        }

        @Test
        @DisplayName("Owned(u) reaches the contacts u owns and the unassigned ones")
        void owned() {
            assertSoftly(softly -> {
                softly.assertThat(idsInScope(new ScopePredicate.Owned(1))).as("Owned(1)")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Owned(3))).as("Owned(3)")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy3, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Owned(4))).as("Owned(4), who owns nothing")
                        .containsExactly(unassigned);
            });
        }

        @Test
        @DisplayName("Team(u, teams) adds the contacts whose owner is in one of the teams")
        void team() {
            assumeFeature(StoreFeature.TEAMS);
            assertSoftly(softly -> {
                softly.assertThat(idsInScope(new ScopePredicate.Team(1, Set.of(10L)))).as("Team(1, {10})")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, ownedBy2, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Team(3, Set.of(20L)))).as("Team(3, {20})")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy3, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Team(3, Set.of(10L)))).as("Team(3, {10})")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, ownedBy2, ownedBy3, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Team(4, Set.of(10L, 20L)))).as("Team(4, {10, 20})")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, ownedBy2, ownedBy3, unassigned)));
                softly.assertThat(idsInScope(new ScopePredicate.Team(1, Set.of(30L)))).as("Team(1, {30}), no members")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
            });
        }

        @Test
        @DisplayName("Team follows the owners' current teams as the user store holds them")
        void teamFollowsUserStore() {
            assumeFeature(StoreFeature.TEAMS);
            runInTransaction(tx -> tx.users().update(new User(2, "user2", "User 2", List.of(), Set.of(20L), true)));

            assertThat(idsInScope(new ScopePredicate.Team(1, Set.of(10L))))
                    .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
            assertThat(idsInScope(new ScopePredicate.Team(3, Set.of(20L))))
                    .containsExactlyElementsOf(sorted(List.of(ownedBy2, ownedBy3, unassigned)));
        }

        @Test
        @DisplayName("an InScope filter leaf selects the same rows as the selection's scope")
        void inScopeFilterMatchesScope() {
            List<ScopePredicate> predicates = new ArrayList<>(List.of(ScopePredicate.all(), ScopePredicate.none(),
                    new ScopePredicate.Owned(1), new ScopePredicate.Owned(4)));
            if (store().capabilities().has(StoreFeature.TEAMS)) {
                predicates.add(new ScopePredicate.Team(1, Set.of(10L)));
                predicates.add(new ScopePredicate.Team(3, Set.of(10L)));
            }
            assertSoftly(softly -> {
                for (ScopePredicate predicate : predicates) {
                    softly.assertThat(ids(select(new Filter.InScope(predicate)))).as("InScope(%s)", predicate)
                            .containsExactlyElementsOf(idsInScope(predicate));
                    softly.assertThat(ids(select(new Filter.Not(new Filter.InScope(predicate)))))
                            .as("Not(InScope(%s))", predicate)
                            .containsExactlyElementsOf(complement(idsInScope(predicate)));
                }
            });
        }

        @Test
        @DisplayName("scope and filter both apply: a filter cannot reach rows outside the scope")
        void filterCannotWidenScope() {
            ScopePredicate owned = new ScopePredicate.Owned(1);

            assertSoftly(softly -> {
                softly.assertThat(idsInScope(owned, Filter.ownedBy(2))).as("OwnerIs(2) in Owned(1)").isEmpty();
                softly.assertThat(idsInScope(owned, Filter.eq(COMPANY, "Acme"))).as("company = Acme in Owned(1)")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
                softly.assertThat(idsInScope(owned, Filter.or(Filter.all(), Filter.ownedBy(3))))
                        .as("an always-true filter in Owned(1)")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
                softly.assertThat(idsInScope(ScopePredicate.none(), Filter.all())).as("anything in None").isEmpty();
            });
        }

        private List<Long> idsInScope(ScopePredicate scope) {
            return idsInScope(scope, Filter.all());
        }

        private List<Long> idsInScope(ScopePredicate scope, Filter filter) {
            return ids(select(new ContactSelection(scope, everyField(fieldKeys()), filter, List.of(), Keyset.start(),
                    ALL_ROWS)));
        }

        private List<Long> complement(List<Long> ids) {
            List<Long> rest = new ArrayList<>(List.of(ownedBy1, ownedBy2, ownedBy3, unassigned));
            rest.removeAll(ids);
            return sorted(rest);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Projection pushdown
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Projection pushdown: only projected keys, and masked values only on rows inside their mask")
    class ProjectionPushdown extends KitSupport {

        ProjectionPushdown() {
            super(CrmStoreCompatibilityKit.this);
        }

        private long ownedBy1;
        private long ownedBy2;
        private long ownedBy3;
        private long unassigned;

        @BeforeEach
        void givenContacts() {
            givenUser(1, 10L);
            givenUser(2, 10L);
            givenUser(3, 20L);
            define(FieldDefinition.custom("contract", anyDeclaredTextType()).build());
            ownedBy1 = insert(1, values(EMAIL, "one@example.com", FIRST_NAME, "One", LAST_NAME, "Owner",
                    COMPANY, "delta", "contract", "c1")).id();
            ownedBy2 = insert(2, values(EMAIL, "two@example.com", FIRST_NAME, "Two", LAST_NAME, "Owner",
                    COMPANY, "alpha", "contract", "c2")).id();
            ownedBy3 = insert(3, values(EMAIL, "three@example.com", FIRST_NAME, "Three", LAST_NAME, "Owner",
                    COMPANY, "beta", "contract", "c3")).id();
            unassigned = insert(0, values(EMAIL, "nobody@example.com", FIRST_NAME, "Nobody", LAST_NAME, "Owner",
                    COMPANY, "gamma", "contract", "c0")).id();
        }

        @Test
        @DisplayName("a projection of email and first_name returns those keys and no other")
        void projectionReturnsOnlyProjectedKeys() {
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            projection.put(EMAIL, ScopePredicate.all());
            projection.put(FIRST_NAME, ScopePredicate.all());

            List<ContactRow> rows = select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(),
                    List.of(), Keyset.start(), ALL_ROWS));

            assertThat(rows).hasSize(4);
            assertSoftly(softly -> rows.forEach(row -> softlyThat(softly, row)
                    .hasOnlyKeysFrom(List.of(EMAIL, FIRST_NAME))));
            ContactRowAssert.assertThat(rows.get(0)).hasExactlyValues(values(EMAIL, "one@example.com",
                    FIRST_NAME, "One"));
        }

        @Test
        @DisplayName("an empty projection returns rows with no values at all")
        void emptyProjection() {
            List<ContactRow> rows = select(new ContactSelection(ScopePredicate.all(), Map.of(), Filter.all(),
                    List.of(), Keyset.start(), ALL_ROWS));

            assertThat(rows).extracting(ContactRow::id)
                    .containsExactlyElementsOf(sorted(List.of(ownedBy1, ownedBy2, ownedBy3, unassigned)));
            assertThat(rows).allSatisfy(row -> assertThat(row.values()).isEmpty());
        }

        @Test
        @DisplayName("a field masked with Owned(1) has its value only on rows owned by 1 or unassigned")
        void maskedFieldOnlyInsideMask() {
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            projection.put(EMAIL, ScopePredicate.all());
            projection.put(COMPANY, new ScopePredicate.Owned(1));
            projection.put("contract", new ScopePredicate.Owned(1));
            projection.put(LAST_NAME, ScopePredicate.none());

            Map<Long, ContactRow> rows = byId(select(new ContactSelection(ScopePredicate.all(), projection,
                    Filter.all(), List.of(), Keyset.start(), ALL_ROWS)));

            assertSoftly(softly -> {
                softly.assertThat(rows).hasSize(4);
                softlyThat(softly, rows.get(ownedBy1)).as("owned by 1")
                        .hasExactlyValues(values(EMAIL, "one@example.com", COMPANY, "delta", "contract", "c1"));
                softlyThat(softly, rows.get(unassigned)).as("unassigned")
                        .hasExactlyValues(values(EMAIL, "nobody@example.com", COMPANY, "gamma", "contract", "c0"));
                softlyThat(softly, rows.get(ownedBy2)).as("owned by 2")
                        .hasExactlyValues(values(EMAIL, "two@example.com"));
                softlyThat(softly, rows.get(ownedBy3)).as("owned by 3")
                        .hasExactlyValues(values(EMAIL, "three@example.com"));
            });
        }

        @Test
        @DisplayName("a field masked with Team(1, {10}) has its value on rows whose owner is in team 10")
        void teamMaskedField() {
            assumeFeature(StoreFeature.TEAMS);
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            projection.put(EMAIL, ScopePredicate.all());
            projection.put("contract", new ScopePredicate.Team(1, Set.of(10L)));

            Map<Long, ContactRow> rows = byId(select(new ContactSelection(ScopePredicate.all(), projection,
                    Filter.all(), List.of(), Keyset.start(), ALL_ROWS)));

            assertSoftly(softly -> {
                softlyThat(softly, rows.get(ownedBy1)).as("owned by 1").hasValue("contract", "c1");
                softlyThat(softly, rows.get(ownedBy2)).as("owned by 2, same team").hasValue("contract", "c2");
                softlyThat(softly, rows.get(unassigned)).as("unassigned").hasValue("contract", "c0");
                softlyThat(softly, rows.get(ownedBy3)).as("owned by 3, other team").hasNoKey("contract");
            });
        }

        @Test
        @DisplayName("a projection never returns rows outside the selection's scope")
        void projectionDoesNotWidenScope() {
            List<ContactRow> rows = select(new ContactSelection(new ScopePredicate.Owned(2), everyField(fieldKeys()),
                    Filter.all(), List.of(), Keyset.start(), ALL_ROWS));

            assertThat(ids(rows)).containsExactlyElementsOf(sorted(List.of(ownedBy2, unassigned)));
        }

        @Test
        @DisplayName("a masked filter leaf, And(InScope(mask), leaf), never matches rows outside the mask")
        void maskedFilterLeafNeverMatchesOutsideMask() {
            ScopePredicate mask = new ScopePredicate.Owned(1);
            Filter guardedCompany = Filter.and(new Filter.InScope(mask), Filter.contains(COMPANY, "a"));
            Filter guardedContract = Filter.and(new Filter.InScope(mask), Filter.startsWith("contract", "c"));

            assertSoftly(softly -> {
                softly.assertThat(ids(select(guardedCompany))).as("company contains a, masked")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
                softly.assertThat(ids(select(guardedContract))).as("contract starts with c, masked")
                        .containsExactlyElementsOf(sorted(List.of(ownedBy1, unassigned)));
                softly.assertThat(ids(select(Filter.and(new Filter.InScope(mask), Filter.eq(COMPANY, "alpha")))))
                        .as("company = alpha (a value only owner 2 has), masked").isEmpty();
                softly.assertThat(ids(select(Filter.or(Filter.and(new Filter.InScope(mask),
                                Filter.eq(COMPANY, "alpha")), Filter.eq(FIRST_NAME, "Three")))))
                        .as("masked leaf under Or").containsExactly(ownedBy3);
            });
        }

        @Test
        @DisplayName("sorting on a masked field treats masked values as absent: last ascending, first descending")
        void sortOnMaskedFieldTreatsMaskedAsAbsent() {
            ScopePredicate mask = new ScopePredicate.Owned(1);
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            projection.put(EMAIL, ScopePredicate.all());
            projection.put(COMPANY, mask);

            List<Long> ascending = ids(select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(),
                    List.of(new SortKey(COMPANY, Direction.ASC, mask)), Keyset.start(), ALL_ROWS)));
            List<Long> descending = ids(select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(),
                    List.of(new SortKey(COMPANY, Direction.DESC, mask)), Keyset.start(), ALL_ROWS)));

            // Visible: delta (owned by 1), gamma (unassigned). Masked, so absent and then by id: owned by 2 and 3.
            assertThat(ascending).as("ascending")
                    .containsExactly(ownedBy1, unassigned, Math.min(ownedBy2, ownedBy3), Math.max(ownedBy2, ownedBy3));
            assertThat(descending).as("descending")
                    .containsExactly(Math.min(ownedBy2, ownedBy3), Math.max(ownedBy2, ownedBy3), unassigned, ownedBy1);
        }

        @Test
        @DisplayName("keyset paging over a masked sort key visits every row once, with masked values as null")
        void keysetPagingOverMaskedKey() {
            ScopePredicate mask = new ScopePredicate.Owned(1);
            Map<String, ScopePredicate> projection = new LinkedHashMap<>();
            projection.put(EMAIL, ScopePredicate.all());
            projection.put(COMPANY, mask);
            List<SortKey> sort = List.of(new SortKey(COMPANY, Direction.ASC, mask));

            List<ContactRow> whole = select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(), sort,
                    Keyset.start(), ALL_ROWS));
            List<ContactRow> paged = pageThrough(ScopePredicate.all(), projection, Filter.all(), sort, 1);

            assertThat(ids(paged)).containsExactlyElementsOf(ids(whole)).hasSize(4);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Filters
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Filters: every filter case on standard and custom fields, with two-valued logic")
    class Filters extends KitSupport {

        Filters() {
            super(CrmStoreCompatibilityKit.this);
        }

        private final Map<String, Long> id = new LinkedHashMap<>();
        private ContactGroup list;
        private ContactGroup tag;
        private Stage stage;

        @BeforeEach
        void givenContacts() {
            givenUsers(1, 2, 3);
            defineIfDeclared(FieldDefinition.custom("score", FieldType.NUMBER).build());
            defineIfDeclared(FieldDefinition.custom("renewal", FieldType.DATE).build());
            defineIfDeclared(FieldDefinition.custom("last_call", FieldType.DATETIME).build());
            defineIfDeclared(FieldDefinition.custom("vip", FieldType.CHECKBOX).build());
            defineIfDeclared(FieldDefinition.custom("nickname", FieldType.TEXT).build());
            defineIfDeclared(FieldDefinition.custom("colours", FieldType.MULTI_SELECT)
                    .options("red", "green", "blue").build());
            defineIfDeclared(FieldDefinition.custom("tier", FieldType.SELECT).options("gold", "silver").build());
            Set<String> custom = fieldDefinitions().stream().map(FieldDefinition::key)
                    .collect(Collectors.toSet());
            stage = givenStage("Contacted", 1);

            id.put("A", insert(1, only(custom, values(EMAIL, "a@example.com", FIRST_NAME, "anna",
                    COMPANY, "Acme 100% Ltd", DATE_OF_BIRTH, LocalDate.of(1980, 5, 1), STATUS, "subscribed",
                    StandardFields.STAGE, stage.id(),
                    "score", new BigDecimal("10"), "renewal", LocalDate.of(2020, 1, 1),
                    "last_call", LocalDateTime.of(2020, 1, 1, 10, 0, 0), "vip", true, "nickname", "alpha",
                    "colours", List.of("red", "green"), "tier", "gold"))).id());
            id.put("B", insert(2, only(custom, values(EMAIL, "b@example.com", FIRST_NAME, "bob",
                    COMPANY, "ACME_Corp", DATE_OF_BIRTH, LocalDate.of(1990, 1, 1), STATUS, "pending",
                    "score", new BigDecimal("-5.5"), "renewal", LocalDate.of(2021, 6, 15),
                    "last_call", LocalDateTime.of(2021, 6, 15, 12, 30, 45), "vip", false, "nickname", "beta",
                    "colours", List.of("blue"), "tier", "silver"))).id());
            id.put("C", insert(0, only(custom, values(EMAIL, "c@example.com", FIRST_NAME, "carla",
                    COMPANY, "Globex", DATE_OF_BIRTH, LocalDate.of(2000, 12, 31), STATUS, "subscribed",
                    "score", new BigDecimal("0"), "renewal", LocalDate.of(2019, 12, 31),
                    "last_call", LocalDateTime.of(2019, 12, 31, 23, 59, 59), "vip", true, "nickname", "gamma",
                    "colours", List.of("green")))).id());
            id.put("D", insert(1, only(custom, values(EMAIL, "d@example.com", FIRST_NAME, "dave",
                    COMPANY, "acme\\backslash", "score", new BigDecimal("999999999999999.999999")))).id());
            id.put("E", insert(0, values(EMAIL, "e@example.com")).id());
            id.put("F", insert(3, only(custom, values(EMAIL, "f@example.com", FIRST_NAME, "eve",
                    COMPANY, "100 percent", "score", new BigDecimal("10.000"), "nickname", "ALPHA-two", "vip", false,
                    "last_call", LocalDateTime.of(2020, 1, 1, 10, 0, 1)))).id());

            // The tag is created first so that, where lists and tags are numbered separately, both may get id 1:
            // then only the kind tells the two memberships apart.
            tag = givenGroup(GroupKind.TAG, "Hot");
            list = givenGroup(GroupKind.LIST, "Newsletter");
            runInTransaction(tx -> {
                tx.groups(GroupKind.LIST).add(id.get("A"), list.id());
                tx.groups(GroupKind.LIST).add(id.get("B"), list.id());
                tx.groups(GroupKind.TAG).add(id.get("B"), tag.id());
                tx.groups(GroupKind.TAG).add(id.get("C"), tag.id());
            });
        }

        @Test
        @DisplayName("Compare on a standard text field: every operator; NE and LT never match a row without a value")
        void compareText() {
            assertFilters(
                    Filter.eq(FIRST_NAME, "bob"), "B",
                    Filter.ne(FIRST_NAME, "bob"), "ACDF",
                    Filter.lt(FIRST_NAME, "carla"), "AB",
                    Filter.le(FIRST_NAME, "carla"), "ABC",
                    Filter.gt(FIRST_NAME, "carla"), "DF",
                    Filter.ge(FIRST_NAME, "carla"), "CDF",
                    Filter.eq(EMAIL, "c@example.com"), "C",
                    Filter.eq(STATUS, "subscribed"), "AC",
                    Filter.eq(FIRST_NAME, "nobody"), "");
        }

        @Test
        @DisplayName("Compare on a custom number field: every operator, by numeric value, at the edges of the range")
        void compareNumber() {
            assumeType(FieldType.NUMBER);
            assertFilters(
                    Filter.eq("score", new BigDecimal("10")), "AF",
                    Filter.eq("score", new BigDecimal("10.00")), "AF",
                    Filter.ne("score", new BigDecimal("10")), "BCD",
                    Filter.lt("score", BigDecimal.ZERO), "B",
                    Filter.le("score", BigDecimal.ZERO), "BC",
                    Filter.gt("score", new BigDecimal("10")), "D",
                    Filter.ge("score", new BigDecimal("10")), "ADF",
                    Filter.lt("score", new BigDecimal("-5")), "B",
                    Filter.gt("score", new BigDecimal("2")), "ADF",
                    Filter.eq("score", new BigDecimal("999999999999999.999999")), "D",
                    Filter.lt("score", new BigDecimal("999999999999999.999999")), "ABCF");
        }

        @Test
        @DisplayName("Compare on standard and custom date fields: every operator")
        void compareDate() {
            assertFilters(
                    Filter.eq(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "B",
                    Filter.ne(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "AC",
                    Filter.lt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "A",
                    Filter.le(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "AB",
                    Filter.gt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "C",
                    Filter.ge(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "BC");
            assumeType(FieldType.DATE);
            assertFilters(
                    Filter.eq("renewal", LocalDate.of(2020, 1, 1)), "A",
                    Filter.ne("renewal", LocalDate.of(2020, 1, 1)), "BC",
                    Filter.lt("renewal", LocalDate.of(2020, 1, 1)), "C",
                    Filter.le("renewal", LocalDate.of(2020, 1, 1)), "AC",
                    Filter.gt("renewal", LocalDate.of(2020, 1, 1)), "B",
                    Filter.ge("renewal", LocalDate.of(2020, 1, 1)), "AB");
        }

        @Test
        @DisplayName("Compare on a custom date-time field: every operator, to the second")
        void compareDateTime() {
            assumeType(FieldType.DATETIME);
            LocalDateTime ten = LocalDateTime.of(2020, 1, 1, 10, 0, 0);
            assertFilters(
                    Filter.eq("last_call", ten), "A",
                    Filter.ne("last_call", ten), "BCF",
                    Filter.lt("last_call", ten), "C",
                    Filter.le("last_call", ten), "AC",
                    Filter.gt("last_call", ten), "BF",
                    Filter.ge("last_call", ten), "ABF",
                    Filter.eq("last_call", ten.plusSeconds(1)), "F");
        }

        @Test
        @DisplayName("Compare on a custom check box: EQ and NE; a row without a value is neither true nor false")
        void compareCheckbox() {
            assumeType(FieldType.CHECKBOX);
            assertFilters(
                    Filter.eq("vip", true), "AC",
                    Filter.eq("vip", false), "BF",
                    Filter.ne("vip", true), "BF",
                    Filter.ne("vip", false), "AC",
                    Filter.not(Filter.eq("vip", true)), "BDEF");
        }

        @Test
        @DisplayName("Compare on the stage field and a custom select field")
        void compareStageAndSelect() {
            assertFilters(
                    Filter.eq(StandardFields.STAGE, stage.id()), "A",
                    Filter.not(Filter.eq(StandardFields.STAGE, stage.id())), "BCDEF");
            assumeType(FieldType.SELECT);
            assertFilters(
                    Filter.eq("tier", "gold"), "A",
                    Filter.ne("tier", "gold"), "B",
                    Filter.in("tier", List.of("gold", "silver")), "AB");
        }

        @Test
        @DisplayName("In matches any of the values, on text, number and date fields")
        void in() {
            assertFilters(
                    Filter.in(FIRST_NAME, List.of("anna", "eve", "nobody")), "AF",
                    Filter.in(STATUS, List.of("subscribed", "pending")), "ABC",
                    Filter.in(DATE_OF_BIRTH, List.of(LocalDate.of(2000, 12, 31))), "C",
                    Filter.not(Filter.in(FIRST_NAME, List.of("anna", "bob"))), "CDEF");
            assumeType(FieldType.NUMBER);
            assertFilters(
                    Filter.in("score", List.of(BigDecimal.ZERO, new BigDecimal("-5.5"))), "BC",
                    Filter.in("score", List.of(new BigDecimal("10.0"))), "AF");
        }

        @Test
        @DisplayName("Text CONTAINS and STARTS_WITH ignore case and match %, _ and \\ literally")
        void textMatchesLiterallyIgnoringCase() {
            assertFilters(
                    Filter.contains(COMPANY, "acme"), "ABD",
                    Filter.contains(COMPANY, "ACME"), "ABD",
                    Filter.startsWith(COMPANY, "ACME"), "ABD",
                    Filter.startsWith(COMPANY, "glo"), "C",
                    Filter.contains(COMPANY, "100%"), "A",
                    Filter.contains(COMPANY, "%"), "A",
                    Filter.contains(COMPANY, "_"), "B",
                    Filter.startsWith(COMPANY, "acme_"), "B",
                    Filter.startsWith(COMPANY, "%"), "",
                    Filter.contains(COMPANY, "\\"), "D",
                    Filter.contains(COMPANY, "\\b"), "D",
                    Filter.startsWith(COMPANY, "100"), "F",
                    Filter.contains(EMAIL, "A@EXAMPLE"), "A",
                    Filter.not(Filter.contains(COMPANY, "acme")), "CEF");
            assumeType(FieldType.TEXT);
            assertFilters(
                    Filter.contains("nickname", "ALPHA"), "AF",
                    Filter.startsWith("nickname", "alpha-"), "F",
                    Filter.contains("nickname", "a_"), "");
        }

        @Test
        @DisplayName("Text matching ignores case beyond ASCII too (É and é, Ö and ö)")
        void textIgnoresCaseBeyondAscii() {
            long emile = insert(values(EMAIL, "emile@example.com", FIRST_NAME, "ÉMILE", CITY, "Örebro")).id();
            id.put("G", emile);

            assertFilters(
                    Filter.contains(FIRST_NAME, "émile"), "G",
                    Filter.startsWith(CITY, "öre"), "G",
                    Filter.contains(CITY, "REBRO"), "G");
        }

        @Test
        @DisplayName("IsEmpty matches exactly the rows without a value, on standard and custom fields")
        void isEmpty() {
            assertFilters(
                    Filter.isEmpty(FIRST_NAME), "E",
                    Filter.isEmpty(DATE_OF_BIRTH), "DEF",
                    Filter.isEmpty(StandardFields.STAGE), "BCDEF",
                    Filter.not(Filter.isEmpty(FIRST_NAME)), "ABCDF");
            // Each custom check runs where its type is declared, so a store without one type keeps the others.
            if (store().capabilities().supports(FieldType.NUMBER)) {
                assertFilters(Filter.isEmpty("score"), "E");
            }
            if (store().capabilities().supports(FieldType.MULTI_SELECT)) {
                assertFilters(Filter.isEmpty("colours"), "DEF");
            }
            assumeType(FieldType.CHECKBOX);
            assertFilters(Filter.isEmpty("vip"), "DE");
        }

        @Test
        @DisplayName("a cleared value counts as empty")
        void clearedValueIsEmpty() {
            long a = id.get("A");
            inTransaction(tx -> tx.contacts().update(new ContactChange(a, 1, Map.of(), Set.of(FIRST_NAME), CHANGED)));

            assertFilters(
                    Filter.isEmpty(FIRST_NAME), "AE",
                    Filter.not(Filter.eq(FIRST_NAME, "anna")), "ABCDEF",
                    Filter.eq(FIRST_NAME, "anna"), "");
        }

        @Test
        @DisplayName("MULTI_SELECT EQ means 'contains the option'")
        void multiSelectContains() {
            assumeType(FieldType.MULTI_SELECT);
            assertFilters(
                    Filter.eq("colours", "green"), "AC",
                    Filter.eq("colours", "blue"), "B",
                    Filter.eq("colours", "red"), "A",
                    Filter.not(Filter.eq("colours", "green")), "BDEF",
                    Filter.or(Filter.eq("colours", "red"), Filter.eq("colours", "blue")), "AB",
                    Filter.or(Filter.eq("colours", "red"), Filter.eq("colours", "green")), "AC",
                    Filter.and(Filter.eq("colours", "red"), Filter.eq("colours", "green")), "A");
        }

        @Test
        @DisplayName("InGroup matches the members of a list or of a tag, never of the other kind")
        void inGroup() {
            assertFilters(
                    new Filter.InGroup(GroupKind.LIST, list.id()), "AB",
                    new Filter.InGroup(GroupKind.TAG, tag.id()), "BC",
                    Filter.not(new Filter.InGroup(GroupKind.LIST, list.id())), "CDEF",
                    Filter.and(new Filter.InGroup(GroupKind.LIST, list.id()),
                            new Filter.InGroup(GroupKind.TAG, tag.id())), "B",
                    new Filter.InGroup(GroupKind.LIST, 987_654_321L), "");
        }

        @Test
        @DisplayName("OwnerIs matches the owner's contacts; OwnerIs(0) the unassigned ones")
        void ownerIs() {
            assertFilters(
                    Filter.ownedBy(1), "AD",
                    Filter.ownedBy(2), "B",
                    Filter.unassigned(), "CE",
                    Filter.not(Filter.unassigned()), "ABDF",
                    Filter.ownedBy(4), "");
        }

        @Test
        @DisplayName("IdIn matches exactly the listed ids; an empty set matches nothing")
        void idIn() {
            assertFilters(
                    new Filter.IdIn(Set.of(id.get("A"), id.get("C"))), "AC",
                    new Filter.IdIn(Set.of(id.get("B"), 987_654_321L)), "B",
                    new Filter.IdIn(Set.of()), "",
                    Filter.not(new Filter.IdIn(Set.of(id.get("A")))), "BCDEF");
        }

        @Test
        @DisplayName("And, Or and Not combine leaves with two-valued logic: Not(leaf) matches rows without a value")
        void booleanCombinations() {
            assertFilters(
                    Filter.all(), "ABCDEF",
                    Filter.not(Filter.eq(FIRST_NAME, "anna")), "BCDEF",
                    Filter.not(Filter.not(Filter.eq(FIRST_NAME, "anna"))), "A",
                    Filter.and(Filter.eq(STATUS, "subscribed"), Filter.contains(COMPANY, "acme")), "A",
                    Filter.or(Filter.eq(FIRST_NAME, "anna"), Filter.eq(COMPANY, "Globex")), "AC",
                    Filter.not(Filter.or(Filter.eq(FIRST_NAME, "anna"), Filter.eq(COMPANY, "Globex"))), "BDEF",
                    Filter.not(Filter.and(Filter.eq(STATUS, "subscribed"), Filter.eq(FIRST_NAME, "anna"))), "BCDEF",
                    Filter.not(Filter.ne(FIRST_NAME, "bob")), "BE",
                    Filter.not(Filter.lt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1))), "BCDEF",
                    Filter.or(Filter.isEmpty(FIRST_NAME), Filter.ownedBy(2)), "BE",
                    Filter.and(new Filter.InScope(new ScopePredicate.Owned(1)), Filter.contains(COMPANY, "acme")),
                    "AD",
                    Filter.and(Filter.all(), Filter.not(Filter.all())), "");
            assumeType(FieldType.NUMBER);
            assertFilters(Filter.not(Filter.gt("score", BigDecimal.ZERO)), "BCE");
            assumeType(FieldType.CHECKBOX);
            assertFilters(
                    Filter.not(Filter.and(Filter.eq("vip", true), Filter.gt("score", new BigDecimal("5")))), "BCDEF",
                    Filter.or(Filter.eq("vip", true), Filter.gt("score", new BigDecimal("100"))), "ACD");
        }

        private void assertFilters(Object... filtersAndLabels) {
            assertSoftly(softly -> {
                for (int i = 0; i < filtersAndLabels.length; i += 2) {
                    Filter filter = (Filter) filtersAndLabels[i];
                    String labels = (String) filtersAndLabels[i + 1];
                    List<Long> expected = new ArrayList<>();
                    for (char label : labels.toCharArray()) {
                        expected.add(id.get(String.valueOf(label)));
                    }
                    softly.assertThat(labelsOf(ids(select(filter)))).as("%s", filter)
                            .isEqualTo(labelsOf(sorted(expected)));
                }
            });
        }

        private String labelsOf(List<Long> ids) {
            StringBuilder labels = new StringBuilder();
            for (Long contactId : ids) {
                String label = id.entrySet().stream().filter(e -> e.getValue().equals(contactId))
                        .map(Map.Entry::getKey).findFirst().orElse("?" + contactId);
                labels.append(label);
            }
            return labels.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Sorting and keyset paging
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Sorting and keyset paging: sort keys then id; absent greatest; pages visit every row once")
    class SortingAndKeysetPaging extends KitSupport {

        SortingAndKeysetPaging() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("sort on a text field: ascending puts absent values last, descending first; ties by id ascending")
        void sortOnText() {
            List<ContactRow> rows = new ArrayList<>();
            String[] names = {"mike", "alice", null, "zoe", "alice", null, "bella"};
            for (int i = 0; i < names.length; i++) {
                Map<String, Object> values = values(EMAIL, "sort" + i + "@example.com");
                if (names[i] != null) {
                    values.put(FIRST_NAME, names[i]);
                }
                rows.add(insert(values));
            }

            assertSorted(rows, List.of(key(FIRST_NAME, Direction.ASC)));
            assertSorted(rows, List.of(key(FIRST_NAME, Direction.DESC)));
        }

        @Test
        @DisplayName("sort on a date field and on custom number, date and text fields, both directions")
        void sortOnOtherTypes() {
            List<FieldType> types = List.of(FieldType.NUMBER, FieldType.DATE, FieldType.TEXT);
            for (FieldType type : types) {
                defineIfDeclared(FieldDefinition.custom("sort_" + type.name().toLowerCase(Locale.ROOT),
                        type).build());
            }
            List<ContactRow> rows = new ArrayList<>();
            BigDecimal[] numbers = {new BigDecimal("5"), null, new BigDecimal("-1.25"), new BigDecimal("5"),
                    new BigDecimal("100.5"), null, new BigDecimal("0")};
            LocalDate[] dates = {LocalDate.of(2001, 1, 1), LocalDate.of(1950, 6, 1), null, LocalDate.of(2001, 1, 1),
                    null, LocalDate.of(9999, 12, 31), LocalDate.of(1900, 1, 1)};
            String[] texts = {"pear", null, "apple", "fig", "apple", "quince", null};
            for (int i = 0; i < numbers.length; i++) {
                Map<String, Object> values = values(EMAIL, "sort" + i + "@example.com");
                putIfPresent(values, DATE_OF_BIRTH, dates[i]);
                if (store().capabilities().supports(FieldType.NUMBER)) {
                    putIfPresent(values, "sort_number", numbers[i]);
                }
                if (store().capabilities().supports(FieldType.DATE)) {
                    putIfPresent(values, "sort_date", dates[(i + 3) % dates.length]);
                }
                if (store().capabilities().supports(FieldType.TEXT)) {
                    putIfPresent(values, "sort_text", texts[i]);
                }
                rows.add(insert(values));
            }

            for (Direction direction : Direction.values()) {
                assertSorted(rows, List.of(key(DATE_OF_BIRTH, direction)));
                for (FieldType type : types) {
                    if (store().capabilities().supports(type)) {
                        assertSorted(rows, List.of(key("sort_" + type.name().toLowerCase(Locale.ROOT),
                                direction)));
                    }
                }
            }
        }

        @Test
        @DisplayName("several sort keys apply in order, and equal keys fall back to id ascending")
        void multiKeySort() {
            List<ContactRow> rows = new ArrayList<>();
            String[] companies = {"globex", "acme", null, "acme", "globex", "acme", null, "globex"};
            String[] names = {"bob", "zed", "amy", null, "bob", "amy", "amy", null};
            for (int i = 0; i < companies.length; i++) {
                Map<String, Object> values = values(EMAIL, "multi" + i + "@example.com");
                putIfPresent(values, COMPANY, companies[i]);
                putIfPresent(values, FIRST_NAME, names[i]);
                rows.add(insert(values));
            }

            assertSorted(rows, List.of(key(COMPANY, Direction.ASC), key(FIRST_NAME, Direction.DESC)));
            assertSorted(rows, List.of(key(COMPANY, Direction.DESC), key(FIRST_NAME, Direction.ASC)));
            assertSorted(rows, List.of(key(FIRST_NAME, Direction.ASC), key(COMPANY, Direction.ASC)));
        }

        @Test
        @DisplayName("with no sort key, or all keys equal, rows come by id ascending")
        void idIsTheFinalTiebreak() {
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                rows.add(insert(values(EMAIL, "tie" + i + "@example.com", COMPANY, "same")));
            }
            List<Long> byId = sorted(ids(rows));

            assertThat(ids(selectSorted(List.of(key(COMPANY, Direction.ASC)), ALL_ROWS)))
                    .containsExactlyElementsOf(byId);
            assertThat(ids(selectSorted(List.of(key(COMPANY, Direction.DESC)), ALL_ROWS)))
                    .containsExactlyElementsOf(byId);
            assertThat(ids(selectSorted(List.of(), ALL_ROWS))).containsExactlyElementsOf(byId);
        }

        @Test
        @DisplayName("paging through 237 rows, 20 at a time, visits every row once in the order of one big select")
        void keysetPagingVisitsEveryRowOnce() {
            List<ContactRow> inserted = insertPagingRows(237);
            List<SortKey> sort = List.of(key(COMPANY, Direction.ASC), key(DATE_OF_BIRTH, Direction.DESC));
            Map<String, ScopePredicate> projection = everyField(fieldKeys());

            List<ContactRow> whole = select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(), sort,
                    Keyset.start(), ALL_ROWS));
            List<ContactRow> paged = pageThrough(ScopePredicate.all(), projection, Filter.all(), sort, 20);

            assertThat(ids(whole)).as("one big select")
                    .containsExactlyElementsOf(ids(sortedRows(inserted, sort)));
            assertThat(ids(paged)).as("pages").doesNotHaveDuplicates().containsExactlyElementsOf(ids(whole));
        }

        @Test
        @DisplayName("paging with absent values first (descending) or last (ascending) on a key visits every row once")
        void keysetPagingWithAbsentValuesOnEitherSide() {
            List<ContactRow> inserted = insertPagingRows(101);
            Map<String, ScopePredicate> projection = everyField(fieldKeys());
            List<List<SortKey>> sorts = List.of(
                    List.of(key(COMPANY, Direction.DESC), key(DATE_OF_BIRTH, Direction.ASC)),
                    List.of(key(DATE_OF_BIRTH, Direction.DESC), key(COMPANY, Direction.DESC)),
                    List.of(key(DATE_OF_BIRTH, Direction.ASC)));

            assertSoftly(softly -> {
                for (List<SortKey> sort : sorts) {
                    List<Long> expected = ids(sortedRows(inserted, sort));
                    for (int pageSize : new int[]{1, 7, 100}) {
                        softly.assertThat(ids(pageThrough(ScopePredicate.all(), projection, Filter.all(), sort,
                                pageSize))).as("sorted by %s, %d a page", describe(sort), pageSize)
                                .containsExactlyElementsOf(expected);
                    }
                }
            });
        }

        @Test
        @DisplayName("paging with a filter and a descending custom number key visits every matching row once")
        void keysetPagingWithFilterAndCustomKey() {
            assumeType(FieldType.NUMBER);
            define(FieldDefinition.custom("score", FieldType.NUMBER).build());
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Map<String, Object> values = values(EMAIL, "score" + i + "@example.com",
                        STATUS, i % 4 == 0 ? "pending" : "subscribed");
                if (i % 6 != 0) {
                    BigDecimal half = new BigDecimal(i % 2 == 0 ? "0.5" : "0");
                    values.put("score", new BigDecimal((i * 37) % 50 - 25).add(half));
                }
                batch.add(newContact(0, values));
            }
            inTransaction(tx -> tx.contacts().insertAll(batch));
            List<SortKey> sort = List.of(key("score", Direction.DESC));
            Filter filter = Filter.eq(STATUS, "subscribed");
            Map<String, ScopePredicate> projection = everyField(fieldKeys());

            List<ContactRow> whole = select(new ContactSelection(ScopePredicate.all(), projection, filter, sort,
                    Keyset.start(), ALL_ROWS));
            List<ContactRow> paged = pageThrough(ScopePredicate.all(), projection, filter, sort, 7);

            assertThat(whole).hasSize(90);
            assertThat(ids(whole)).containsExactlyElementsOf(ids(sortedRows(whole, sort)));
            assertThat(ids(paged)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(whole));
        }

        @Test
        @DisplayName("keyset paging is stable under inserts between pages: no duplicates, nothing before the cursor")
        void keysetPagingIsStableUnderConcurrentInserts() {
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                batch.add(newContact(0, values(EMAIL, "stable" + i + "@example.com",
                        LAST_NAME, String.format(Locale.ROOT, "n%03d", i))));
            }
            List<Long> preExisting = inTransaction(tx -> tx.contacts().insertAll(batch));
            List<SortKey> sort = List.of(key(LAST_NAME, Direction.ASC));
            Map<String, ScopePredicate> projection = everyField(fieldKeys());

            List<ContactRow> firstPage = select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(),
                    sort, Keyset.start(), 20));
            ContactRow cursor = firstPage.get(firstPage.size() - 1);
            // Another unit of work inserts rows on both sides of the cursor before the next page is read.
            List<Long> beforeCursor = inTransaction(tx -> tx.contacts().insertAll(List.of(
                    newContact(0, values(EMAIL, "new-a@example.com", LAST_NAME, "a000")),
                    newContact(0, values(EMAIL, "new-b@example.com", LAST_NAME, "n018a")))));
            List<Long> afterCursor = inTransaction(tx -> tx.contacts().insertAll(List.of(
                    newContact(0, values(EMAIL, "new-c@example.com", LAST_NAME, "n019a")),
                    newContact(0, values(EMAIL, "new-d@example.com", LAST_NAME, "z999")),
                    newContact(0, values(EMAIL, "new-e@example.com")))));
            List<ContactRow> rest = pageFrom(ScopePredicate.all(), projection, Filter.all(), sort, 20,
                    keysetAfter(cursor, sort));

            List<Long> restIds = ids(rest);
            List<Long> preExistingAfterCursor = preExisting.subList(20, preExisting.size());
            assertSoftly(softly -> {
                softly.assertThat(ids(firstPage)).as("first page")
                        .containsExactlyElementsOf(preExisting.subList(0, 20));
                softly.assertThat(restIds).as("later pages have no duplicates").doesNotHaveDuplicates();
                softly.assertThat(restIds).as("later pages repeat nothing of the first page")
                        .doesNotContainAnyElementsOf(ids(firstPage));
                softly.assertThat(restIds).as("later pages hold no row sorting before the cursor")
                        .doesNotContainAnyElementsOf(beforeCursor);
                softly.assertThat(restIds).as("later pages hold every pre-existing row after the cursor")
                        .containsAll(preExistingAfterCursor);
                softly.assertThat(restIds).as("later pages hold the new rows after the cursor")
                        .containsAll(afterCursor);
                softly.assertThat(rest).as("later pages are in sort order").isSortedAccordingTo(rowOrder(sort));
            });
        }

        @Test
        @DisplayName("the page after a cursor row deleted or changed meanwhile starts strictly after its old values")
        void keysetAfterDeletedOrChangedCursorRow() {
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batch.add(newContact(0, values(EMAIL, "cursor" + i + "@example.com",
                        LAST_NAME, String.format(Locale.ROOT, "n%03d", i))));
            }
            List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));
            List<SortKey> sort = List.of(key(LAST_NAME, Direction.ASC));
            Map<String, ScopePredicate> projection = everyField(fieldKeys());
            List<ContactRow> firstPage = select(new ContactSelection(ScopePredicate.all(), projection, Filter.all(),
                    sort, Keyset.start(), 10));
            ContactRow cursor = firstPage.get(9);
            ContactRow beforeCursor = firstPage.get(8);

            inTransaction(tx -> tx.contacts().delete(cursor.id()));
            inTransaction(tx -> tx.contacts().update(new ContactChange(beforeCursor.id(), 1,
                    values(LAST_NAME, "n0995"), Set.of(), CHANGED)));
            List<ContactRow> rest = pageFrom(ScopePredicate.all(), projection, Filter.all(), sort, 10,
                    keysetAfter(cursor, sort));

            List<Long> expected = new ArrayList<>(ids.subList(10, 30));
            expected.add(beforeCursor.id()); // now "n0995", after "n029"
            assertThat(ids(rest)).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("sort on e-mail, stage and custom date-time fields, both directions")
        void sortOnMoreTypes() {
            boolean dateTimes = store().capabilities().supports(FieldType.DATETIME);
            if (dateTimes) {
                define(FieldDefinition.custom("sort_datetime", FieldType.DATETIME).build());
            }
            Stage early = givenStage("Early", 1);
            Stage late = givenStage("Late", 2);
            Long[] stages = {late.id(), null, early.id(), late.id(), null, early.id()};
            LocalDateTime[] times = {LocalDateTime.of(2024, 1, 1, 0, 0, 1), null, LocalDateTime.of(2024, 1, 1, 0, 0, 0),
                    LocalDateTime.of(1999, 12, 31, 23, 59, 59), LocalDateTime.of(2024, 1, 1, 0, 0, 1), null};
            String[] emails = {"mia@example.com", "bob@example.com", "zed@example.com", "amy@example.com",
                    "kim@example.com", "bea@example.com"};
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < emails.length; i++) {
                Map<String, Object> values = values(EMAIL, emails[i]);
                putIfPresent(values, StandardFields.STAGE, stages[i]);
                if (dateTimes) {
                    putIfPresent(values, "sort_datetime", times[i]);
                }
                rows.add(insert(values));
            }

            for (Direction direction : Direction.values()) {
                assertSorted(rows, List.of(key(EMAIL, direction)));
                assertSorted(rows, List.of(key(StandardFields.STAGE, direction)));
                if (dateTimes) {
                    assertSorted(rows, List.of(key("sort_datetime", direction)));
                }
            }
        }

        private List<ContactRow> insertPagingRows(int count) {
            String[] companies = {"acme", "bluth", "cyberdyne", "dunder", "globex", "initech", "umbrella"};
            List<NewContact> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map<String, Object> values = values(EMAIL, String.format(Locale.ROOT, "page%03d@example.com", i));
                if (i % 8 != 7) {
                    values.put(COMPANY, companies[(i * 5) % companies.length]);
                }
                if (i % 5 != 0) {
                    values.put(DATE_OF_BIRTH, LocalDate.of(1950 + (i * 7) % 13, 1 + i % 3, 1));
                }
                batch.add(newContact(0, values));
            }
            List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(new ContactRow(ids.get(i), 1, 0, CREATED, CREATED, batch.get(i).values()));
            }
            return rows;
        }

        private void assertSorted(List<ContactRow> inserted, List<SortKey> sort) {
            assertThat(ids(selectSorted(sort, ALL_ROWS))).as("sorted by %s", describe(sort))
                    .containsExactlyElementsOf(ids(sortedRows(inserted, sort)));
        }

        private List<ContactRow> selectSorted(List<SortKey> sort, int limit) {
            return select(new ContactSelection(ScopePredicate.all(), everyField(fieldKeys()), Filter.all(), sort,
                    Keyset.start(), limit));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Cascading deletes
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Cascade delete: deleting a contact removes everything attached to it and nothing else")
    class CascadeDelete extends KitSupport {

        CascadeDelete() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("deleting a contact removes its notes, reminders, custom values and memberships, nobody else's")
        void deleteContactCascades() {
            givenUsers(7);
            boolean reminders = store().capabilities().has(StoreFeature.REMINDERS);
            define(FieldDefinition.custom("nickname", anyDeclaredTextType()).build());
            ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
            ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
            ContactRow doomed = insert(7, values(EMAIL, "doomed@example.com", "nickname", "shared"));
            ContactRow kept = insert(7, values(EMAIL, "kept@example.com", "nickname", "shared"));
            Note doomedNote = inTransaction(tx -> tx.notes().insert(note(doomed.id(), CREATED, "doomed")));
            Note keptNote = inTransaction(tx -> tx.notes().insert(note(kept.id(), CREATED, "kept")));
            Reminder doomedReminder = reminders ? inTransaction(tx -> tx.reminders().insert(
                    new Reminder(0, doomed.id(), 7, CHANGED, "doomed", false, CREATED))) : null;
            Reminder keptReminder = reminders ? inTransaction(tx -> tx.reminders().insert(
                    new Reminder(0, kept.id(), 7, CHANGED.plusSeconds(60), "kept", false, CREATED))) : null;
            runInTransaction(tx -> {
                for (ContactRow row : List.of(doomed, kept)) {
                    tx.groups(GroupKind.LIST).add(row.id(), list.id());
                    tx.groups(GroupKind.TAG).add(row.id(), tag.id());
                }
            });

            boolean deleted = inTransaction(tx -> tx.contacts().delete(doomed.id()));

            assertSoftly(softly -> {
                softly.assertThat(deleted).as("delete result").isTrue();
                softly.assertThat(find(doomed.id())).as("deleted contact").isEmpty();
                softly.assertThat(notesOf(doomed.id())).as("its notes").isEmpty();
                softly.assertThat(findNote(doomedNote.id())).as("its note by id").isEmpty();
                softly.assertThat(notesOf(kept.id())).as("the other contact's notes")
                        .containsExactly(keptNote);
                if (reminders) {
                    softly.assertThat(remindersOf(doomed.id())).as("its reminders")
                            .isEmpty();
                    softly.assertThat(findReminder(doomedReminder.id()))
                            .as("its reminder by id").isEmpty();
                    softly.assertThat(openRemindersFor(7)).as("open reminders of user 7")
                            .containsExactly(keptReminder);
                }
                softly.assertThat(ids(select(new Filter.InGroup(GroupKind.LIST, list.id())))).as("list members")
                        .containsExactly(kept.id());
                softly.assertThat(ids(select(new Filter.InGroup(GroupKind.TAG, tag.id())))).as("tag members")
                        .containsExactly(kept.id());
                softly.assertThat(groupsOf(GroupKind.LIST, List.of(doomed.id()))
                        .getOrDefault(doomed.id(), Set.of())).as("its list memberships").isEmpty();
                softly.assertThat(groupsOf(GroupKind.TAG, List.of(kept.id()))
                        .get(kept.id())).as("the other contact's tags").containsExactly(tag.id());
                softly.assertThat(ids(select(Filter.eq("nickname", "shared")))).as("custom values")
                        .containsExactly(kept.id());
                softlyThat(softly, get(kept.id())).as("the other contact").hasVersion(1)
                        .hasExactlyValues(values(EMAIL, "kept@example.com", "nickname", "shared"));
            });
        }

        @Test
        @DisplayName("deleting a group removes its memberships and leaves the contacts and other groups")
        void deleteGroupRemovesMemberships() {
            ContactGroup list = givenGroup(GroupKind.LIST, "Newsletter");
            ContactGroup otherList = givenGroup(GroupKind.LIST, "Customers");
            ContactGroup tag = givenGroup(GroupKind.TAG, "VIP");
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            runInTransaction(tx -> {
                tx.groups(GroupKind.LIST).add(ada.id(), list.id());
                tx.groups(GroupKind.LIST).add(ada.id(), otherList.id());
                tx.groups(GroupKind.TAG).add(ada.id(), tag.id());
            });

            boolean deleted = deleteGroup(GroupKind.LIST, list.id());
            boolean deletedAgain = deleteGroup(GroupKind.LIST, list.id());

            assertSoftly(softly -> {
                softly.assertThat(deleted).as("delete result").isTrue();
                softly.assertThat(deletedAgain).as("second delete").isFalse();
                softly.assertThat(findGroup(GroupKind.LIST, list.id())).as("the list")
                        .isEmpty();
                softly.assertThat(groupsOf(GroupKind.LIST, List.of(ada.id()))
                        .get(ada.id())).as("remaining lists").containsExactly(otherList.id());
                softly.assertThat(groupsOf(GroupKind.TAG, List.of(ada.id()))
                        .get(ada.id())).as("tags").containsExactly(tag.id());
                softly.assertThat(select(new Filter.InGroup(GroupKind.LIST, list.id()))).as("members of the list")
                        .isEmpty();
                softly.assertThat(count()).as("contacts").isEqualTo(1);
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lists and tags
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Groups: lists and tags round-trip; slugs are unique per kind; memberships are idempotent")
    class Groups extends KitSupport {

        Groups() {
            super(CrmStoreCompatibilityKit.this);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(GroupKind.class)
        @DisplayName("insert assigns an id; find, all and update round-trip the group")
        void groupRoundTrips(GroupKind kind) {
            ContactGroup inserted = inTransaction(tx -> tx.groups(kind).insert(new ContactGroup(12_345, kind,
                    "Zebra " + UNICODE, "zebra", "Striped " + SQL_METACHARACTERS)));
            ContactGroup second = inTransaction(tx -> tx.groups(kind).insert(new ContactGroup(0, kind, "Aardvark",
                    "aardvark", "")));

            ContactGroup changed = new ContactGroup(inserted.id(), kind, "Yak", "yak", "Hairy");
            ContactGroup updated = inTransaction(tx -> tx.groups(kind).update(changed));

            assertSoftly(softly -> {
                softly.assertThat(inserted.id()).as("id").isPositive();
                softly.assertThat(second.id()).as("second id").isPositive().isNotEqualTo(inserted.id());
                softly.assertThat(inserted).as("insert result")
                        .isEqualTo(new ContactGroup(inserted.id(), kind, "Zebra " + UNICODE, "zebra",
                                "Striped " + SQL_METACHARACTERS));
                softly.assertThat(updated).as("update result").isEqualTo(changed);
                softly.assertThat(findGroup(kind, inserted.id())).as("find")
                        .contains(changed);
                softly.assertThat(allGroups(kind)).as("all, by name")
                        .containsExactly(second, changed);
                softly.assertThat(findGroup(kind, 987_654_321L)).as("find missing")
                        .isEmpty();
            });
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(GroupKind.class)
        @DisplayName("a taken slug is refused with field slug, rule unique")
        void slugIsUniquePerKind(GroupKind kind) {
            inTransaction(tx -> tx.groups(kind).insert(new ContactGroup(0, kind, "Customers", "customers", "")));

            assertRefused(() -> inTransaction(tx -> tx.groups(kind).insert(new ContactGroup(0, kind, "Other name",
                    "customers", ""))), "slug", "unique");
            assertThat(allGroups(kind)).hasSize(1);
        }

        @Test
        @DisplayName("a list and a tag may share a slug")
        void slugMayRepeatAcrossKinds() {
            ContactGroup list = givenGroup(GroupKind.LIST, "Customers");
            ContactGroup tag = inTransaction(tx -> tx.groups(GroupKind.TAG).insert(new ContactGroup(0, GroupKind.TAG,
                    "Customers", list.slug(), "")));

            assertThat(allGroups(GroupKind.LIST)).containsExactly(list);
            assertThat(allGroups(GroupKind.TAG)).containsExactly(tag);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(GroupKind.class)
        @DisplayName("updating a missing group throws CrmNotFoundException")
        void updateOfMissingGroupIsNotFound(GroupKind kind) {
            assertThatThrownBy(() -> inTransaction(tx -> tx.groups(kind).update(new ContactGroup(987_654_321L, kind,
                    "Ghost", "ghost", "")))).isInstanceOf(CrmNotFoundException.class);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(GroupKind.class)
        @DisplayName("adding a membership twice or removing a missing one changes nothing; groupsOf reports them")
        void membershipsAreIdempotent(GroupKind kind) {
            ContactGroup first = givenGroup(kind, "First");
            ContactGroup second = givenGroup(kind, "Second");
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            ContactRow grace = insert(values(EMAIL, "grace@example.com"));
            ContactRow alone = insert(values(EMAIL, "alone@example.com"));

            runInTransaction(tx -> {
                tx.groups(kind).add(ada.id(), first.id());
                tx.groups(kind).add(ada.id(), first.id());
                tx.groups(kind).add(ada.id(), second.id());
                tx.groups(kind).add(grace.id(), second.id());
                tx.groups(kind).remove(grace.id(), first.id());
            });
            runInTransaction(tx -> tx.groups(kind).add(ada.id(), first.id()));
            Map<Long, Set<Long>> before = inTransaction(tx -> tx.groups(kind).groupsOf(List.of(ada.id(), grace.id(),
                    alone.id())));
            runInTransaction(tx -> tx.groups(kind).remove(ada.id(), second.id()));
            Map<Long, Set<Long>> after = groupsOf(kind, List.of(ada.id()));

            assertSoftly(softly -> {
                softly.assertThat(before.get(ada.id())).as("ada's groups").containsExactlyInAnyOrder(first.id(),
                        second.id());
                softly.assertThat(before.get(grace.id())).as("grace's groups").containsExactly(second.id());
                softly.assertThat(before.getOrDefault(alone.id(), Set.of())).as("a contact in no group").isEmpty();
                softly.assertThat(after.get(ada.id())).as("ada's groups after a removal").containsExactly(first.id());
                softly.assertThat(ids(select(new Filter.InGroup(kind, first.id())))).as("members of the first group")
                        .containsExactly(ada.id());
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Notes
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Notes: round-trip, newest first, update and delete")
    class Notes extends KitSupport {

        Notes() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("insert assigns an id and the note round-trips exactly, text verbatim")
        void noteRoundTrips() {
            givenUsers(7);
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            String body = "<b>bold</b> & 'quoted' \"double\"\n" + SQL_METACHARACTERS + "\n" + LIKE_METACHARACTERS
                    + "\n" + UNICODE + "\n" + "y".repeat(60_000);
            Note written = new Note(4_242, ada.id(), 7, NoteType.MEETING, "Title " + UNICODE, body,
                    Instant.parse("2019-03-04T05:06:07Z"), Instant.parse("2020-03-04T05:06:07Z"));

            Note inserted = inTransaction(tx -> tx.notes().insert(written));

            Note expected = new Note(inserted.id(), ada.id(), 7, NoteType.MEETING, "Title " + UNICODE, body,
                    written.createdAt(), written.updatedAt());
            assertThat(inserted.id()).isPositive();
            assertThat(inserted).isEqualTo(expected);
            assertThat(findNote(inserted.id())).contains(expected);
        }

        @Test
        @DisplayName("every note type and an empty title and system author (0) round-trip")
        void everyNoteTypeRoundTrips() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            List<Note> inserted = new ArrayList<>();
            for (NoteType type : NoteType.values()) {
                inserted.add(inTransaction(tx -> tx.notes().insert(new Note(0, ada.id(), 0, type, "", type.name(),
                        CREATED, CREATED))));
            }

            assertSoftly(softly -> inserted.forEach(note -> softly.assertThat(
                    findNote(note.id())).as("%s", note.type()).contains(note)));
        }

        @Test
        @DisplayName("of(contact) lists that contact's notes newest first, then by id descending")
        void notesAreNewestFirst() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            ContactRow grace = insert(values(EMAIL, "grace@example.com"));
            Instant t = Instant.parse("2024-05-01T12:00:00Z");
            Note middle = inTransaction(tx -> tx.notes().insert(note(ada.id(), t, "middle")));
            Note oldest = inTransaction(tx -> tx.notes().insert(note(ada.id(), t.minusSeconds(86_400), "oldest")));
            Note newest = inTransaction(tx -> tx.notes().insert(note(ada.id(), t.plusSeconds(1), "newest")));
            Note sameTimeLater = inTransaction(tx -> tx.notes().insert(note(ada.id(), t, "same time, later id")));
            inTransaction(tx -> tx.notes().insert(note(grace.id(), t, "other contact")));

            List<Note> notes = notesOf(ada.id());

            Note[] sameTime = sameTimeLater.id() > middle.id()
                    ? new Note[]{sameTimeLater, middle} : new Note[]{middle, sameTimeLater};
            assertThat(notes).containsExactly(newest, sameTime[0], sameTime[1], oldest);
        }

        @Test
        @DisplayName("update replaces type, title, body and timestamps; a missing note is not found")
        void updateReplacesNote() {
            givenUsers(7);
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            Note note = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "before")));
            Note changed = new Note(note.id(), ada.id(), note.authorId(), NoteType.CALL, "after", "new body",
                    Instant.parse("2018-01-01T00:00:00Z"), CHANGED);

            Note updated = inTransaction(tx -> tx.notes().update(changed));

            assertThat(updated).isEqualTo(changed);
            assertThat(findNote(note.id())).contains(changed);
            assertThatThrownBy(() -> inTransaction(tx -> tx.notes().update(new Note(987_654_321L, ada.id(), 0,
                    NoteType.NOTE, "", "", CREATED, CREATED)))).isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("delete removes a note and returns true; a missing id returns false")
        void deleteRemovesNote() {
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            Note note = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "doomed")));
            Note kept = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "kept")));

            assertThat(deleteNote(note.id())).isTrue();
            assertThat(deleteNote(note.id())).isFalse();
            assertThat(findNote(note.id())).isEmpty();
            assertThat(notesOf(ada.id())).containsExactly(kept);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reminders
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Reminders: round-trip, soonest first, open reminders per assignee")
    class Reminders extends KitSupport {

        Reminders() {
            super(CrmStoreCompatibilityKit.this);
        }

        @BeforeEach
        void requireReminders() {
            assumeFeature(StoreFeature.REMINDERS);
        }

        @Test
        @DisplayName("insert assigns an id; find, update and delete round-trip")
        void reminderRoundTrips() {
            givenUsers(7, 8);
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            Reminder inserted = inTransaction(tx -> tx.reminders().insert(new Reminder(555, ada.id(), 7, CHANGED,
                    "Call back " + UNICODE, false, CREATED)));
            Reminder changed = new Reminder(inserted.id(), ada.id(), 8, CHANGED.plusSeconds(3600), "Done " + "z"
                    .repeat(990), true, CREATED);

            Reminder updated = inTransaction(tx -> tx.reminders().update(changed));

            assertSoftly(softly -> {
                softly.assertThat(inserted.id()).as("id").isPositive();
                softly.assertThat(inserted).as("insert result").isEqualTo(new Reminder(inserted.id(), ada.id(), 7,
                        CHANGED, "Call back " + UNICODE, false, CREATED));
                softly.assertThat(updated).as("update result").isEqualTo(changed);
                softly.assertThat(findReminder(inserted.id())).as("find").contains(changed);
                softly.assertThat(deleteReminder(inserted.id())).as("delete").isTrue();
                softly.assertThat(deleteReminder(inserted.id())).as("delete again")
                        .isFalse();
                softly.assertThat(findReminder(inserted.id())).as("find after delete")
                        .isEmpty();
            });
            assertThatThrownBy(() -> inTransaction(tx -> tx.reminders().update(new Reminder(987_654_321L, ada.id(), 7,
                    CHANGED, "ghost", false, CREATED)))).isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("of(contact) lists reminders soonest first; openFor(user) that user's open ones, soonest first")
        void remindersAreSoonestFirst() {
            givenUsers(7, 8);
            ContactRow ada = insert(values(EMAIL, "ada@example.com"));
            ContactRow grace = insert(values(EMAIL, "grace@example.com"));
            Instant t = Instant.parse("2026-03-01T09:00:00Z");
            Reminder late = insertReminder(ada.id(), 7, t.plusSeconds(7200), false);
            Reminder early = insertReminder(ada.id(), 7, t, false);
            Reminder done = insertReminder(ada.id(), 7, t.plusSeconds(60), true);
            Reminder otherUser = insertReminder(ada.id(), 8, t.plusSeconds(30), false);
            Reminder sameTimeOtherUser = insertReminder(ada.id(), 8, t, false);
            Reminder otherContact = insertReminder(grace.id(), 7, t.plusSeconds(3600), false);
            Reminder[] sameTime = early.id() < sameTimeOtherUser.id()
                    ? new Reminder[]{early, sameTimeOtherUser} : new Reminder[]{sameTimeOtherUser, early};

            assertThat(remindersOf(ada.id())).as("of(ada), by due time then id")
                    .containsExactly(sameTime[0], sameTime[1], otherUser, done, late);
            assertThat(openRemindersFor(7)).as("open for user 7")
                    .containsExactly(early, otherContact, late);
            assertThat(openRemindersFor(8)).as("open for user 8")
                    .containsExactly(sameTimeOtherUser, otherUser);
            assertThat(openRemindersFor(9)).as("open for a user with none").isEmpty();
        }

        private Reminder insertReminder(long contactId, long assignee, Instant due, boolean done) {
            return inTransaction(tx -> tx.reminders().insert(new Reminder(0, contactId, assignee, due,
                    "due " + due, done, CREATED)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stages
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Stages: ordered, renamable, unique names, and a stage in use cannot be deleted")
    class Stages extends KitSupport {

        Stages() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("insert ignores the given id; all lists stages by position then id; find and update round-trip")
        void stagesRoundTrip() {
            Stage won = inTransaction(tx -> tx.stages().insert(new Stage(777, "Paid", 7)));
            Stage lead = inTransaction(tx -> tx.stages().insert(new Stage(0, "New", 1)));
            Stage tieA = inTransaction(tx -> tx.stages().insert(new Stage(0, "On Hold", 4)));
            Stage tieB = inTransaction(tx -> tx.stages().insert(new Stage(0, "At Risk", 4)));

            Stage renamed = inTransaction(tx -> tx.stages().update(new Stage(won.id(), "Won " + UNICODE, 0)));

            Stage[] ties = tieA.id() < tieB.id() ? new Stage[]{tieA, tieB} : new Stage[]{tieB, tieA};
            assertSoftly(softly -> {
                softly.assertThat(won.id()).as("id").isPositive();
                softly.assertThat(won).as("insert result").isEqualTo(new Stage(won.id(), "Paid", 7));
                softly.assertThat(renamed).as("update result").isEqualTo(new Stage(won.id(), "Won " + UNICODE, 0));
                softly.assertThat(findStage(won.id())).as("find").contains(renamed);
                softly.assertThat(allStages()).as("all")
                        .containsExactly(renamed, lead, ties[0], ties[1]);
            });
            assertThatThrownBy(() -> inTransaction(tx -> tx.stages().update(new Stage(987_654_321L, "Ghost", 1))))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("a taken name is refused with field name, rule unique")
        void stageNameIsUnique() {
            givenStage("New", 1);

            assertRefused(() -> inTransaction(tx -> tx.stages().insert(new Stage(0, "New", 2))), "name", "unique");
            assertThat(allStages()).hasSize(1);
        }

        @Test
        @DisplayName("a stage in use cannot be deleted (field stage, rule in_use); an unused one can")
        void stageInUseCannotBeDeleted() {
            Stage used = givenStage("Contacted", 1);
            Stage unused = givenStage("Lost", 2);
            ContactRow ada = insert(values(EMAIL, "ada@example.com", StandardFields.STAGE, used.id()));

            assertRefused(() -> inTransaction(tx -> tx.stages().delete(used.id())), "stage", "in_use");
            boolean deletedUnused = inTransaction(tx -> tx.stages().delete(unused.id()));
            boolean deletedMissing = inTransaction(tx -> tx.stages().delete(987_654_321L));
            inTransaction(tx -> tx.contacts().update(new ContactChange(ada.id(), 1, Map.of(),
                    Set.of(StandardFields.STAGE), CHANGED)));
            boolean deletedOnceFree = inTransaction(tx -> tx.stages().delete(used.id()));

            assertSoftly(softly -> {
                softly.assertThat(deletedUnused).as("delete of an unused stage").isTrue();
                softly.assertThat(deletedMissing).as("delete of a missing stage").isFalse();
                softly.assertThat(deletedOnceFree).as("delete once no contact is at the stage").isTrue();
                softly.assertThat(allStages()).as("stages left").isEmpty();
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Users
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Users: ids assigned or kept, unique logins, teams")
    class Users extends KitSupport {

        Users() {
            super(CrmStoreCompatibilityKit.this);
        }

        @BeforeEach
        void givenRoles() {
            runInTransaction(tx -> {
                tx.roles().save(Role.builder("sales").viewScope(Scope.OWNED).build());
                tx.roles().save(Role.builder("support").viewScope(Scope.ALL).build());
            });
        }

        @Test
        @DisplayName("insert with id 0 assigns a positive id; a positive id is kept; find and findByLogin round-trip")
        void insertAssignsOrKeepsId() {
            User assigned = inTransaction(tx -> tx.users().insert(new User(0, "ada", "Ada " + UNICODE,
                    List.of("sales"), Set.of(), true)));
            User kept = inTransaction(tx -> tx.users().insert(new User(4_711, "grace", "Grace",
                    List.of("sales", "support"), Set.of(), false)));

            assertSoftly(softly -> {
                softly.assertThat(assigned.id()).as("assigned id").isPositive();
                softly.assertThat(assigned).as("insert result")
                        .isEqualTo(new User(assigned.id(), "ada", "Ada " + UNICODE, List.of("sales"), Set.of(), true));
                softly.assertThat(kept).as("kept id").isEqualTo(new User(4_711, "grace", "Grace",
                        List.of("sales", "support"), Set.of(), false));
                softly.assertThat(findUser(4_711)).as("find").contains(kept);
                softly.assertThat(findUserByLogin("ada")).as("findByLogin")
                        .contains(assigned);
                softly.assertThat(findUser(987_654_321L)).as("find missing").isEmpty();
                softly.assertThat(findUserByLogin("nobody")).as("findByLogin missing")
                        .isEmpty();
                softly.assertThat(allUsers()).as("all, by id")
                        .containsExactlyElementsOf(assigned.id() < kept.id() ? List.of(assigned, kept)
                                : List.of(kept, assigned));
            });
        }

        @Test
        @DisplayName("a taken login is refused (field login, rule unique); a taken id (field id, rule unique)")
        void loginAndIdAreUnique() {
            givenUser(5);

            assertRefused(() -> inTransaction(tx -> tx.users().insert(new User(0, "user5", "Again", List.of(),
                    Set.of(), true))), "login", "unique");
            assertRefused(() -> inTransaction(tx -> tx.users().insert(new User(5, "someone-else", "Again", List.of(),
                    Set.of(), true))), "id", "unique");
            assertThat(allUsers()).hasSize(1);
        }

        @Test
        @DisplayName("update replaces login, display name, roles and active flag; a missing user is not found")
        void updateReplacesUser() {
            givenUser(5);
            User changed = new User(5, "renamed", "Renamed", List.of("support"), Set.of(), false);

            User updated = inTransaction(tx -> tx.users().update(changed));

            assertThat(updated).isEqualTo(changed);
            assertThat(findUser(5)).contains(changed);
            assertThat(findUserByLogin("user5")).isEmpty();
            assertThatThrownBy(() -> inTransaction(tx -> tx.users().update(new User(987_654_321L, "ghost", "Ghost",
                    List.of(), Set.of(), true)))).isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("teams round-trip and teamsOf reports each user's teams")
        void teamsOf() {
            assumeFeature(StoreFeature.TEAMS);
            givenUser(1, 10L, 11L);
            givenUser(2, 10L);
            givenUser(3);
            runInTransaction(tx -> tx.users().update(new User(2, "user2", "User 2", List.of(), Set.of(12L), true)));

            Map<Long, Set<Long>> teams = inTransaction(tx -> tx.users().teamsOf(List.of(1L, 2L, 3L, 987_654_321L)));

            assertSoftly(softly -> {
                softly.assertThat(teams.get(1L)).as("user 1").containsExactlyInAnyOrder(10L, 11L);
                softly.assertThat(teams.get(2L)).as("user 2, after update").containsExactly(12L);
                softly.assertThat(teams.getOrDefault(3L, Set.of())).as("user 3, in no team").isEmpty();
                softly.assertThat(teams.getOrDefault(987_654_321L, Set.of())).as("a missing user").isEmpty();
                softly.assertThat(findUser(1L).map(User::teamIds)).as("find")
                        .contains(Set.of(10L, 11L));
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Roles
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Roles: saved roles come back equal; save replaces; delete of a missing name is ignored")
    class Roles extends KitSupport {

        Roles() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("save, find and all round-trip equal roles, including field and entity rights and super admins")
        void rolesRoundTrip() {
            Role sales = salesRole("sales");
            Role admin = Role.superAdmin("admin");
            Role empty = Role.builder("nobody").build();
            runInTransaction(tx -> {
                tx.roles().save(sales);
                tx.roles().save(admin);
                tx.roles().save(empty);
            });

            assertSoftly(softly -> {
                softly.assertThat(findRole("sales")).as("sales").contains(sales);
                softly.assertThat(findRole("admin")).as("super admin").contains(admin);
                softly.assertThat(findRole("nobody")).as("no rights").contains(empty);
                softly.assertThat(findRole("missing")).as("missing").isEmpty();
                softly.assertThat(allRoles()).as("all, by name")
                        .containsExactly(admin, empty, sales);
            });
        }

        @Test
        @DisplayName("saving a role of an existing name replaces it")
        void saveReplaces() {
            runInTransaction(tx -> tx.roles().save(salesRole("sales")));
            Role narrower = Role.builder("sales").viewScope(Scope.OWNED).field(EMAIL, FieldRights.READ_ONLY).build();

            runInTransaction(tx -> tx.roles().save(narrower));

            assertThat(findRole("sales")).contains(narrower);
            assertThat(allRoles()).containsExactly(narrower);
        }

        @Test
        @DisplayName("delete removes a role and returns true; a missing name returns false")
        void deleteRemovesRole() {
            runInTransaction(tx -> tx.roles().save(salesRole("sales")));

            assertThat(deleteRole("sales")).isTrue();
            assertThat(deleteRole("sales")).isFalse();
            assertThat(findRole("sales")).isEmpty();
        }

        private Role salesRole(String name) {
            return Role.builder(name)
                    .viewScope(Scope.TEAM)
                    .updateScope(Scope.OWNED)
                    .canDelete(true)
                    .canCreateContacts(true)
                    .field(EMAIL, FieldRights.FULL)
                    .field(FIRST_NAME, FieldRights.READ_ONLY)
                    .field("contract_value", FieldRights.CREATE_ONCE)
                    .field("notes-internal", new FieldRights(false, true, true))
                    .entity(EntityType.NOTE, EntityAction.CREATE, EntityAction.READ, EntityAction.UPDATE)
                    .entity(EntityType.LIST, EntityAction.READ)
                    .entity(EntityType.TAG, EntityAction.READ, EntityAction.DELETE)
                    .build();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Capabilities
    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Capabilities: declared honestly, and undeclared things refused")
    class Capabilities extends KitSupport {

        Capabilities() {
            super(CrmStoreCompatibilityKit.this);
        }

        @Test
        @DisplayName("declared custom field types never include STAGE")
        void declaredTypesExcludeStage() {
            assertThat(store().capabilities().customFieldTypes()).doesNotContain(FieldType.STAGE);
        }

        @Test
        @DisplayName("defining a custom field of an undeclared type is refused with rule unsupported_type")
        void undeclaredTypeIsRefused() {
            EnumSet<FieldType> undeclared = EnumSet.allOf(FieldType.class);
            undeclared.remove(FieldType.STAGE);
            undeclared.removeAll(store().capabilities().customFieldTypes());
            assumeFalse(undeclared.isEmpty(), "the store declares every custom field type");

            assertSoftly(softly -> {
                for (FieldType type : undeclared) {
                    FieldDefinition.Builder definition = FieldDefinition.custom("unsupported", type);
                    if (type.hasOptions()) {
                        definition.options(optionsFor(type));
                    }
                    softly.assertThatThrownBy(() -> define(definition.build())).as("%s", type)
                            .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                                    .anySatisfy(v -> assertThat(v.rule()).isEqualTo("unsupported_type")));
                }
            });
            assertThat(fieldDefinitions()).isEmpty();
        }

        @Test
        @DisplayName("a store without REMINDERS throws UnsupportedOperationException from reminders()")
        void remindersWithoutFeature() {
            assumeFalse(store().capabilities().has(StoreFeature.REMINDERS), "the store declares REMINDERS");

            assertThatThrownBy(() -> runInTransaction(StoreTransaction::reminders))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("capabilities are stable: two calls return equal values")
        void capabilitiesAreStable() {
            assertThat(store().capabilities()).isEqualTo(store().capabilities());
        }
    }
}
