package io.roostcrm.tck;

import io.roostcrm.core.contact.User;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.ScopePredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The permission engine hands a store the caller's view scope as a {@code ScopePredicate} (all, none, owned, team);
 * the store pushes it into its query and returns exactly the rows it reaches, unassigned contacts included in an
 * owned scope, and no filter can widen it. A store that got this wrong would show contacts the caller may not see
 * (DESIGN.md §3 and §4).
 */
abstract class ScopePushdownContract extends KitSupport {

    private long ownedBy1;
    private long ownedBy2;
    private long ownedBy3;
    private long unassigned;

    ScopePushdownContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

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
