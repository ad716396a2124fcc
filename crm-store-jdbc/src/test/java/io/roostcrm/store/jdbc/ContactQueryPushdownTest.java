package io.roostcrm.store.jdbc;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.contact.User;
import io.roostcrm.permissions.ScopePredicate;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** What the contact query pushes into SQL, checked on H2 through a data source that records every statement. */
class ContactQueryPushdownTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private RecordingDataSource recording;
    private JdbcStore store;

    @BeforeEach
    void openStore() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pushdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        recording = new RecordingDataSource(h2);
        store = JdbcStore.builder().dataSource(recording).build();
        store.transaction(tx -> {
            tx.fields().define(FieldDefinition.custom("score", FieldType.NUMBER).build());
            tx.fields().define(FieldDefinition.custom("plan", FieldType.MULTI_SELECT).options("gold", "a|b", "50%").build());
        });
    }

    @AfterEach
    void closeStore() {
        store.transaction(tx -> recording.clear());
        store.close();
    }

    private List<Long> insert(List<Map<String, Object>> values, long owner) {
        List<NewContact> contacts = new ArrayList<>();
        values.forEach(v -> contacts.add(new NewContact(owner, NOW, v)));
        return store.transactionResult(tx -> tx.contacts().insertAll(contacts));
    }

    @Test
    void aMaskedFilteredSortedKeysetPageIsOneStatement() {
        for (int i = 0; i < 30; i++) {
            insert(List.of(Map.of(EMAIL, "c" + i + "@example.com", "score", BigDecimal.valueOf(i % 7))), i % 3);
        }
        store.transaction(tx -> tx.users().insert(new User(5, "lead", "Lead", List.of(), Set.of(9L), true)));
        ScopePredicate team = new ScopePredicate.Team(1, Set.of(9L));
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        projection.put(EMAIL, ScopePredicate.all());
        projection.put("score", new ScopePredicate.Owned(1));
        ContactSelection selection = new ContactSelection(team, projection,
                Filter.and(Filter.not(Filter.eq("score", new BigDecimal("3"))), Filter.contains(EMAIL, "example")),
                List.of(new SortKey("score", Direction.DESC, new ScopePredicate.Owned(1))),
                new Keyset(java.util.Arrays.asList((Object) null), 0), 5);
        recording.clear();
        List<ContactRow> page = store.transactionResult(tx -> tx.contacts().select(selection));
        assertThat(page).hasSize(5);
        assertThat(recording.statements()).hasSize(1);
    }

    @Test
    void sqlAndLikeMetacharactersAreStoredVerbatimAndMatchedLiterally() {
        String sql = "O'Brien'; DROP TABLE roost_contact; --";
        insert(List.of(
                Map.of(EMAIL, "a@example.com", LAST_NAME, sql),
                Map.of(EMAIL, "b@example.com", LAST_NAME, "100% off_sale!"),
                Map.of(EMAIL, "c@example.com", LAST_NAME, "1000 offXsale")), 0);
        assertThat(lastNames(Filter.all())).containsExactlyInAnyOrder(sql, "100% off_sale!", "1000 offXsale");
        assertThat(lastNames(Filter.contains(LAST_NAME, "0% OFF_"))).containsExactly("100% off_sale!");
        assertThat(lastNames(Filter.contains(LAST_NAME, "sale!"))).containsExactly("100% off_sale!");
        assertThat(lastNames(Filter.startsWith(LAST_NAME, "o'brien';"))).containsExactly(sql);
    }

    @Test
    void multiSelectOptionsWithDelimitersRoundTripAndMatchAsWholeOptions() {
        insert(List.of(
                Map.of(EMAIL, "a@example.com", "plan", List.of("a|b", "50%")),
                Map.of(EMAIL, "b@example.com", "plan", List.of("gold"))), 0);
        List<ContactRow> rows = select(Filter.eq("plan", "a|b"), List.of(), Keyset.start(), 10);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.values()).containsEntry("plan", List.of("a|b", "50%")));
        assertThat(select(Filter.eq("plan", "a"), List.of(), Keyset.start(), 10)).isEmpty();
        assertThat(select(Filter.not(Filter.eq("plan", "gold")), List.of(), Keyset.start(), 10)).hasSize(1);
    }

    @Test
    void keysetPagesVisitEveryRowOnceInSortOrderWithAbsentValuesGreatest() {
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Map<String, Object> v = new HashMap<>(Map.of(EMAIL, "k" + i + "@example.com"));
            if (i % 4 != 0) {
                v.put("score", BigDecimal.valueOf(i % 5));
            }
            values.add(v);
        }
        insert(values, 0);
        for (Direction direction : Direction.values()) {
            List<SortKey> sort = List.of(new SortKey("score", direction, ScopePredicate.all()));
            List<ContactRow> all = select(Filter.all(), sort, Keyset.start(), 100);
            Comparator<ContactRow> byScore = Comparator.comparing(r -> (BigDecimal) r.values().get("score"),
                    Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()));
            if (direction == Direction.DESC) {
                byScore = Comparator.comparing(r -> (BigDecimal) r.values().get("score"),
                        Comparator.nullsFirst(Comparator.<BigDecimal>reverseOrder()));
            }
            assertThat(all).isSortedAccordingTo(byScore.thenComparingLong(ContactRow::id));
            List<ContactRow> paged = new ArrayList<>();
            Keyset after = Keyset.start();
            while (true) {
                List<ContactRow> page = select(Filter.all(), sort, after, 4);
                if (page.isEmpty()) {
                    break;
                }
                paged.addAll(page);
                ContactRow last = page.get(page.size() - 1);
                after = new Keyset(java.util.Arrays.asList(last.values().get("score")), last.id());
            }
            assertThat(paged).extracting(ContactRow::id).containsExactlyElementsOf(all.stream().map(ContactRow::id).toList());
        }
    }

    private List<String> lastNames(Filter filter) {
        return select(filter, List.of(), Keyset.start(), 100).stream()
                .map(r -> (String) r.values().get(LAST_NAME)).toList();
    }

    private List<ContactRow> select(Filter filter, List<SortKey> sort, Keyset after, int limit) {
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        for (String key : List.of(EMAIL, LAST_NAME, "score", "plan")) {
            projection.put(key, ScopePredicate.all());
        }
        return store.transactionResult(tx -> tx.contacts().select(
                new ContactSelection(ScopePredicate.all(), projection, filter, sort, after, limit)));
    }
}
