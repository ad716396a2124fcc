package io.roostcrm.tck;

import io.roostcrm.core.CrmValidationException;
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
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.ScopePredicate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every contract of the kit shares: the fixtures' constants and the helpers that insert, select, define and
 * assert through the store under test. It exists so that the contracts, one class per promise, stay free of
 * copies of these helpers, and so that each of them reaches the store the {@link CrmStoreCompatibilityKit} holds for
 * the current test rather than one of its own. Package-private, like the contracts: it is no API, and a store in
 * another package can neither see nor override any of it.
 */
abstract class KitSupport {

    /** Creation time of the contacts the kit inserts: whole seconds, so that every database keeps it exactly. */
    static final Instant CREATED = Instant.parse("2026-01-05T09:30:00Z");
    /** Time of the kit's changes. */
    static final Instant CHANGED = Instant.parse("2026-02-06T17:45:30Z");
    /** A limit high enough to return every row the kit inserts. */
    static final int ALL_ROWS = 10_000;

    /** Text with characters beyond Latin-1 and outside the Basic Multilingual Plane (needs utf8mb4 in MySQL). */
    static final String UNICODE = "Zoë Łódź 東京 Ελληνικά עברית 🦆🎉";
    /** SQL metacharacters that must be stored verbatim (bound, never concatenated). */
    static final String SQL_METACHARACTERS = "'; DROP TABLE x; --";
    /** LIKE metacharacters and the usual escape character, to be stored and matched literally. */
    static final String LIKE_METACHARACTERS = "%_\\";
    /** A multi-select option with the characters stores commonly use to delimit or escape options in one column. */
    static final String MULTI_SELECT_METACHARACTERS = "a|b\\p,c;\"d\"";

    private final CrmStoreCompatibilityKit kit;

    KitSupport(CrmStoreCompatibilityKit kit) {
        this.kit = kit;
    }

    /**
     * The kit's store under test, read anew on each call: the kit creates it in its {@code @BeforeEach}, after this
     * contract instance is constructed, and replaces it for every test.
     */
    CrmStore store() {
        return kit.store;
    }

    /**
     * The second store over the same database ({@link CrmStoreCompatibilityKit#newStoreOnSameDatabase()}), opened on
     * the first call in a test and closed by the kit after it; the test is skipped when the store's test offers none.
     */
    CrmStore secondStore() {
        Optional<CrmStore> second = kit.secondStore();
        assumeTrue(second.isPresent(), "this store's test does not open a second store on the same database"
                + " (override newStoreOnSameDatabase())");
        return second.get();
    }

    /** The second store when the store's test offers one, else empty (for tests that use it only when there). */
    Optional<CrmStore> secondStoreIfAny() {
        return kit.secondStore();
    }

    <T> T inTransaction(Function<StoreTransaction, T> work) {
        return store().transactionResult(work);
    }

    void runInTransaction(Consumer<StoreTransaction> work) {
        store().transaction(work);
    }

    /** A mutable, ordered map of alternating keys and values. */
    static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    /** The entries whose key is standard or one of the defined custom keys (fixtures skip undeclared types). */
    static Map<String, Object> only(Set<String> customKeys, Map<String, Object> values) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (StandardFields.isStandard(key) || customKeys.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    static void putIfPresent(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    static NewContact newContact(long ownerId, Map<String, Object> values) {
        return new NewContact(ownerId, CREATED, values);
    }

    ContactRow insert(Map<String, Object> values) {
        return insert(0, values);
    }

    ContactRow insert(long ownerId, Map<String, Object> values) {
        return inTransaction(tx -> tx.contacts().insert(newContact(ownerId, values)));
    }

    long count() {
        return inTransaction(tx -> tx.contacts().count());
    }

    /** The standard keys and the keys of every defined custom field. */
    List<String> fieldKeys() {
        return inTransaction(tx -> {
            List<String> keys = new ArrayList<>(StandardFields.keys());
            tx.fields().all().forEach(field -> keys.add(field.key()));
            return keys;
        });
    }

    static Map<String, ScopePredicate> everyField(List<String> keys) {
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        keys.forEach(key -> projection.put(key, ScopePredicate.all()));
        return projection;
    }

    List<ContactRow> select(Filter filter) {
        return select(ContactSelection.everything(fieldKeys(), filter, ALL_ROWS));
    }

    List<ContactRow> select(ContactSelection selection) {
        return inTransaction(tx -> tx.contacts().select(selection));
    }

    Optional<ContactRow> find(long contactId) {
        List<ContactRow> rows = select(new Filter.IdIn(Set.of(contactId)));
        assertThat(rows).as("rows with id %s", contactId).hasSizeLessThanOrEqualTo(1);
        return rows.stream().findFirst();
    }

    ContactRow get(long contactId) {
        return find(contactId).orElseThrow(() -> new AssertionError("contact " + contactId + " was not found"));
    }

    static List<Long> ids(List<ContactRow> rows) {
        return rows.stream().map(ContactRow::id).toList();
    }

    static Map<Long, ContactRow> byId(List<ContactRow> rows) {
        Map<Long, ContactRow> map = new LinkedHashMap<>();
        rows.forEach(row -> map.put(row.id(), row));
        return map;
    }

    static List<Long> sorted(Collection<Long> ids) {
        return ids.stream().sorted().toList();
    }

    static ContactRowAssert softlyThat(SoftAssertions softly, ContactRow row) {
        return softly.proxy(ContactRowAssert.class, ContactRow.class, row);
    }

    // Typed reads, each in a unit of work of its own (and readable inside assertThat(...), where a generic
    // inTransaction(...) call would make AssertJ's overloads ambiguous).

    Map<Object, Long> findIdsByEmail(String... emails) {
        return inTransaction(tx -> tx.contacts().findIdsBy(EMAIL, List.of(emails)));
    }

    List<FieldDefinition> fieldDefinitions() {
        return inTransaction(tx -> tx.fields().all());
    }

    List<Note> notesOf(long contactId) {
        return inTransaction(tx -> tx.notes().of(contactId));
    }

    Optional<Note> findNote(long noteId) {
        return inTransaction(tx -> tx.notes().find(noteId));
    }

    boolean deleteNote(long noteId) {
        return inTransaction(tx -> tx.notes().delete(noteId));
    }

    List<Reminder> remindersOf(long contactId) {
        return inTransaction(tx -> tx.reminders().orElseThrow().of(contactId));
    }

    Optional<Reminder> findReminder(long reminderId) {
        return inTransaction(tx -> tx.reminders().orElseThrow().find(reminderId));
    }

    List<Reminder> openRemindersFor(long assigneeId) {
        return inTransaction(tx -> tx.reminders().orElseThrow().openFor(assigneeId));
    }

    boolean deleteReminder(long reminderId) {
        return inTransaction(tx -> tx.reminders().orElseThrow().delete(reminderId));
    }

    Optional<ContactGroup> findGroup(GroupKind kind, long groupId) {
        return inTransaction(tx -> tx.groups(kind).find(groupId));
    }

    List<ContactGroup> allGroups(GroupKind kind) {
        return inTransaction(tx -> tx.groups(kind).all());
    }

    Map<Long, Set<Long>> groupsOf(GroupKind kind, Collection<Long> contactIds) {
        return inTransaction(tx -> tx.groups(kind).groupsOf(contactIds));
    }

    boolean deleteGroup(GroupKind kind, long groupId) {
        return inTransaction(tx -> tx.groups(kind).delete(groupId));
    }

    List<Stage> allStages() {
        return inTransaction(tx -> tx.stages().all());
    }

    Optional<Stage> findStage(long stageId) {
        return inTransaction(tx -> tx.stages().find(stageId));
    }

    Optional<User> findUser(long userId) {
        return inTransaction(tx -> tx.users().find(userId));
    }

    Optional<User> findUserByLogin(String login) {
        return inTransaction(tx -> tx.users().findByLogin(login));
    }

    List<User> allUsers() {
        return inTransaction(tx -> tx.users().all());
    }

    Optional<Role> findRole(String name) {
        return inTransaction(tx -> tx.roles().find(name));
    }

    List<Role> allRoles() {
        return inTransaction(tx -> tx.roles().all());
    }

    boolean deleteRole(String name) {
        return inTransaction(tx -> tx.roles().delete(name));
    }

    /** The security epoch, read in a unit of work of its own on this store. */
    static Epoch epochOf(CrmStore store) {
        return store.transactionResult(tx -> tx.epoch()
                .orElseThrow(() -> new AssertionError("the store declares SECURITY_EPOCH but epoch() is empty")));
    }

    /** The security epoch, read in a unit of work of its own. */
    Epoch epoch() {
        return epochOf(store());
    }

    /** Committed change-log entries, read in a unit of work of their own. */
    List<ChangeEntry> readChangeLog(ChangeQuery query) {
        return inTransaction(tx -> tx.changeLog()
                .orElseThrow(() -> new AssertionError("the store declares CHANGE_LOG but changeLog() is empty"))
                .read(query));
    }

    /** Every committed change-log entry, read page by page, each page in a unit of work of its own. */
    List<ChangeEntry> wholeChangeLog() {
        List<ChangeEntry> all = new ArrayList<>();
        long after = 0;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("change-log pages read (the store seems to repeat pages)").isLessThan(10_000);
            List<ChangeEntry> page = readChangeLog(ChangeQuery.after(after, 500));
            all.addAll(page);
            if (page.size() < 500) {
                return all;
            }
            after = page.get(page.size() - 1).sequence();
        }
    }

    void define(FieldDefinition field) {
        runInTransaction(tx -> tx.fields().define(field));
    }

    void defineIfDeclared(FieldDefinition field) {
        if (store().capabilities().supports(field.type())) {
            define(field);
        }
    }

    List<FieldType> declaredCustomTypes() {
        List<FieldType> types = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            if (type.allowedForCustomFields() && store().capabilities().supports(type)) {
                types.add(type);
            }
        }
        return types;
    }

    FieldType firstDeclaredType() {
        List<FieldType> types = declaredCustomTypes();
        assumeTrue(!types.isEmpty(), "the store declares no custom field type");
        return types.get(0);
    }

    /** TEXT if declared, else another free-text type, for tests that need some custom text field. */
    FieldType anyDeclaredTextType() {
        for (FieldType type : List.of(FieldType.TEXT, FieldType.TEXTAREA)) {
            if (store().capabilities().supports(type)) {
                return type;
            }
        }
        assumeTrue(false, "the store declares neither TEXT nor TEXTAREA custom fields");
        throw new IllegalStateException("unreachable");
    }

    void givenUsers(long... userIds) {
        for (long userId : userIds) {
            givenUser(userId);
        }
    }

    void givenUser(long userId, Long... teamIds) {
        runInTransaction(tx -> tx.users().insert(new User(userId, "user" + userId, "User " + userId, List.of(),
                new LinkedHashSet<>(Arrays.asList(teamIds)), true)));
    }

    Stage givenStage(String name, int position) {
        return inTransaction(tx -> tx.stages().insert(new Stage(0, name, position)));
    }

    ContactGroup givenGroup(GroupKind kind, String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return inTransaction(tx -> tx.groups(kind).insert(new ContactGroup(0, kind, name, slug, "")));
    }

    static Note note(long contactId, Instant createdAt, String title) {
        return new Note(0, contactId, 0, NoteType.NOTE, title, "Body of " + title, createdAt, createdAt);
    }

    void assumeFeature(StoreFeature feature) {
        assumeTrue(store().capabilities().has(feature), "the store does not declare " + feature);
    }

    void assumeType(FieldType type) {
        assumeTrue(store().capabilities().supports(type), "the store does not declare custom fields of type " + type);
    }

    /**
     * Asserts that the call throws a {@link CrmValidationException} with a violation of this rule (and field, unless
     * {@code null}). Other violations may accompany it.
     */
    static void assertRefused(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CrmValidationException.class,
                e -> assertThat(e.violations()).as("violations").anySatisfy(violation -> {
                    if (field != null) {
                        assertThat(violation.field()).as("field").isEqualTo(field);
                    }
                    assertThat(violation.rule()).as("rule").isEqualTo(rule);
                }));
    }

    static SortKey key(String field, Direction direction) {
        return new SortKey(field, direction, ScopePredicate.all());
    }

    static String describe(List<SortKey> sort) {
        return sort.stream().map(k -> k.field() + " " + k.direction()).collect(Collectors.joining(", "));
    }

    /** The reference order of the SPI: each key with absent values greatest, then id ascending. */
    static Comparator<ContactRow> rowOrder(List<SortKey> sort) {
        Comparator<ContactRow> order = (a, b) -> 0;
        for (SortKey key : sort) {
            Comparator<ContactRow> byKey = (a, b) -> compareAbsentGreatest(a.values().get(key.field()),
                    b.values().get(key.field()));
            order = order.thenComparing(key.direction() == Direction.DESC ? byKey.reversed() : byKey);
        }
        return order.thenComparingLong(ContactRow::id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareAbsentGreatest(Object a, Object b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        if (b == null) {
            return -1;
        }
        return ((Comparable) a).compareTo(b);
    }

    static List<ContactRow> sortedRows(List<ContactRow> rows, List<SortKey> sort) {
        return rows.stream().sorted(rowOrder(sort)).toList();
    }

    /** The keyset after a row: its values for the sort keys as returned ({@code null} where absent), and its id. */
    static Keyset keysetAfter(ContactRow row, List<SortKey> sort) {
        List<Object> values = new ArrayList<>();
        for (SortKey key : sort) {
            values.add(row.values().get(key.field()));
        }
        return new Keyset(values, row.id());
    }

    List<ContactRow> pageThrough(ScopePredicate scope, Map<String, ScopePredicate> projection, Filter filter,
                                         List<SortKey> sort, int pageSize) {
        return pageFrom(scope, projection, filter, sort, pageSize, Keyset.start());
    }

    /** Reads pages, each in its own unit of work, from a keyset until a page comes back short. */
    List<ContactRow> pageFrom(ScopePredicate scope, Map<String, ScopePredicate> projection, Filter filter,
                                      List<SortKey> sort, int pageSize, Keyset start) {
        List<ContactRow> all = new ArrayList<>();
        Keyset after = start;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages read (the store seems to repeat pages)").isLessThan(10_000);
            List<ContactRow> page = select(new ContactSelection(scope, projection, filter, sort, after, pageSize));
            assertThat(page).as("page %d", pages).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = keysetAfter(page.get(page.size() - 1), sort);
        }
    }

    static List<String> optionsFor(FieldType type) {
        return type == FieldType.MULTI_SELECT ? List.of("red", "green", "blue", MULTI_SELECT_METACHARACTERS)
                : List.of("alpha", "O'Brien %_", "Ünïcødé 🦆");
    }

    /** Values at the edges of each type, as the service hands them down (already normalised). */
    static List<Object> edgeValues(FieldType type) {
        return switch (type) {
            case TEXT -> List.of("x".repeat(255), UNICODE, SQL_METACHARACTERS, LIKE_METACHARACTERS,
                    " padded on both sides ", "é".repeat(255));
            case TEXTAREA -> List.of(longText(65_535), "first line\nsecond line\r\nthird\tline\n", UNICODE + "\n"
                    + SQL_METACHARACTERS + "\n" + LIKE_METACHARACTERS);
            case NUMBER -> List.of(new BigDecimal("999999999999999.999999"), new BigDecimal("-999999999999999.999999"),
                    new BigDecimal("-0.000001"), new BigDecimal("0.000001"), BigDecimal.ZERO, new BigDecimal("42"),
                    new BigDecimal("-1.5"));
            case DATE -> List.of(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                    LocalDate.of(1970, 1, 1));
            case DATETIME -> List.of(LocalDateTime.of(2024, 2, 29, 23, 59, 59), LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                    // Wall-clock times that fall in a daylight-saving gap or overlap in many zones: a store must not
                    // shift them through the JVM's or the database's time zone.
                    LocalDateTime.of(2024, 3, 31, 2, 30, 0), LocalDateTime.of(2024, 3, 10, 2, 30, 0),
                    LocalDateTime.of(2024, 10, 27, 2, 30, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59),
                    LocalDateTime.of(1900, 1, 1, 0, 0, 0));
            case SELECT -> List.copyOf(optionsFor(FieldType.SELECT));
            case MULTI_SELECT -> List.of(List.of("red", "green", "blue"), List.of("blue"), List.of("green", "red"),
                    List.of(MULTI_SELECT_METACHARACTERS), List.of("red", MULTI_SELECT_METACHARACTERS, "blue"));
            case CHECKBOX -> List.of(true, false);
            case EMAIL -> List.of("first.last+tag@sub.example.com", "o'brien@example.com",
                    "a".repeat(64) + "@" + "b".repeat(100) + ".example.com");
            case URL -> List.of("https://example.com/a/b?q=1&r=%20x#frag", "http://example.org/" + "p".repeat(2_000),
                    "https://example.com/" + LIKE_METACHARACTERS.replace("\\", "%5C"));
            case PHONE -> List.of("+1 (555) 010-9999 x12", "0049 30/123.456", "1".repeat(50));
            case STAGE -> throw new IllegalArgumentException("STAGE is not a custom field type");
        };
    }

    /** Exactly {@code length} characters of numbered lines. */
    static String longText(int length) {
        StringBuilder text = new StringBuilder(length + 16);
        for (int line = 0; text.length() < length; line++) {
            text.append("line ").append(line).append(" of a long text area\n");
        }
        text.setLength(length);
        return text.toString();
    }
}
