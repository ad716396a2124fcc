package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactRow;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Lists and tags are two kinds of one {@code ContactGroup} API, so most tests run once for each kind: groups
 * round-trip, a slug is unique within its kind but may repeat across kinds, and adding a membership twice or
 * removing a missing one changes nothing.
 */
abstract class GroupsContract extends KitSupport {

    GroupsContract(CrmStoreCompatibilityKit kit) {
        super(kit);
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
