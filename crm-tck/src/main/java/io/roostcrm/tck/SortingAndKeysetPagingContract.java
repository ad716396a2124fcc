package io.roostcrm.tck;

import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.ScopePredicate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.DATE_OF_BIRTH;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static io.roostcrm.core.field.StandardFields.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Lists are read page by page with a keyset, whose cost must not depend on the page number (DESIGN.md §6), and
 * that only works if every store orders rows the same way: by the sort keys in turn, absent values greatest, then by
 * id ascending. This contract checks that order against a reference comparator, and checks that paging visits every
 * row exactly once, also when rows are inserted, deleted or changed between pages.
 */
abstract class SortingAndKeysetPagingContract extends KitSupport {

    SortingAndKeysetPagingContract(CrmStoreCompatibilityKit kit) {
        super(kit);
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
