package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Stages are an ordered, renamable set (DESIGN.md §2): they list by position then id, their names are unique, and a
 * stage a contact is at cannot be deleted (field {@code stage}, rule {@code in_use}), so that no contact points at a
 * missing stage.
 */
abstract class StagesContract extends KitSupport {

    StagesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
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
