package io.roostcrm.tck;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.ScopePredicate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A selection names the keys the caller may read, each with a mask scope: a store returns only those keys, and a
 * masked value only on rows inside its mask, the per-row masked projection of DESIGN.md §3, never the union of
 * columns unmasked. Filters and sorts on a masked key treat values outside the mask as absent, so that neither can
 * serve as an oracle for a hidden value.
 */
abstract class ProjectionPushdownContract extends KitSupport {

    private long ownedBy1;
    private long ownedBy2;
    private long ownedBy3;
    private long unassigned;

    ProjectionPushdownContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

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
