package io.roostcrm.tck;

import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.JOB_TITLE;
import static io.roostcrm.core.field.StandardFields.LAST_NAME;
import static io.roostcrm.core.field.StandardFields.STAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * {@code updateAllReturning} (issue 13: an import's matched rows in one call) keeps every promise of
 * {@code updateReturning} for each of its changes: result {@code i} holds the previous values of exactly the fields
 * change {@code i} set or cleared, unmasked, absent where there was none, the previous owner and the bumped version,
 * in the order of the changes, whatever the order of their ids; changes with different fields, a batch of one and one
 * of several hundred; a contact changed twice, the second change seeing the first. One stale change (an old, a
 * future version, a missing contact) fails the call with {@code StaleVersionException} naming that contact, and the
 * unit of work it ends leaves every contact as it was; so does a duplicate e-mail or a stage that does not exist.
 */
abstract class BatchedUpdateContract extends KitSupport {

    private static final String NICKNAME = "nickname";
    private static final String SCORE = "score";

    /** Ada, Grace and Edsger, owned by users 7, 8 and 0 (none), with standard and custom values. */
    private ContactRow ada;
    private ContactRow grace;
    private ContactRow edsger;
    /** Whether the store declares NUMBER custom fields (then {@code score} is defined and used). */
    private boolean numbers;

    BatchedUpdateContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void givenContacts() {
        givenUsers(7, 8);
        define(FieldDefinition.custom(NICKNAME, anyDeclaredTextType()).build());
        numbers = store().capabilities().supports(FieldType.NUMBER);
        if (numbers) {
            define(FieldDefinition.custom(SCORE, FieldType.NUMBER).build());
        }
        ada = insert(7, withScore(values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Acme",
                NICKNAME, "Countess"), "1.5"));
        grace = insert(8, withScore(values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", CITY, "Arlington",
                NICKNAME, "Amazing"), null));
        edsger = insert(0, withScore(values(EMAIL, "edsger@example.com", LAST_NAME, "Dijkstra", COMPANY, "THE"),
                "42"));
    }

    private Map<String, Object> withScore(Map<String, Object> values, String score) {
        if (numbers && score != null) {
            values.put(SCORE, new BigDecimal(score));
        }
        return values;
    }

    @Test
    @DisplayName("each result holds exactly what its change replaced, in the order of the changes, not of the ids")
    void eachResultHoldsWhatItsChangeReplacedInChangeOrder() {
        // Highest id first, so that results in id order (a store that reads the rows ordered by id and returns them
        // so) are caught.
        List<ContactChange> changes = List.of(
                new ContactChange(edsger.id(), 1, withScore(values(FIRST_NAME, "Edsger"), "43"), Set.of(COMPANY),
                        CHANGED),
                new ContactChange(grace.id(), 1, values(FIRST_NAME, "Amazing Grace", NICKNAME, "Admiral"),
                        Set.of(CITY), CHANGED),
                new ContactChange(ada.id(), 1, withScore(values(LAST_NAME, "King", NICKNAME, "Enchantress"), "2"),
                        Set.of(COMPANY, JOB_TITLE), CHANGED));

        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(changes));

        assertThat(replaced).as("results").hasSize(3);
        assertSoftly(softly -> {
            assertReplaced(softly, "Edsger's change", replaced.get(0), 2, 0,
                    withScore(values(COMPANY, "THE"), "42"));
            assertReplaced(softly, "Grace's change", replaced.get(1), 2, 8,
                    values(FIRST_NAME, "Grace", NICKNAME, "Amazing", CITY, "Arlington"));
            assertReplaced(softly, "Ada's change", replaced.get(2), 2, 7,
                    withScore(values(NICKNAME, "Countess", COMPANY, "Acme"), "1.5"));
            ContactRow adaAfter = get(ada.id());
            softlyThat(softly, adaAfter).as("Ada afterwards").hasVersion(2).hasOwner(7).hasExactlyValues(withScore(
                    values(EMAIL, "ada@example.com", FIRST_NAME, "Ada", LAST_NAME, "King", NICKNAME, "Enchantress"),
                    "2"));
            softly.assertThat(adaAfter.updatedAt()).as("Ada's updatedAt").isEqualTo(CHANGED);
            softlyThat(softly, get(grace.id())).as("Grace afterwards").hasVersion(2).hasExactlyValues(values(
                    EMAIL, "grace@example.com", FIRST_NAME, "Amazing Grace", NICKNAME, "Admiral"));
            softlyThat(softly, get(edsger.id())).as("Edsger afterwards").hasVersion(2).hasOwner(0)
                    .hasExactlyValues(withScore(values(EMAIL, "edsger@example.com", FIRST_NAME, "Edsger",
                            LAST_NAME, "Dijkstra"), "43"));
        });
    }

    @Test
    @DisplayName("changes with different fields, set and cleared, standard and custom, in one call")
    void changesWithDifferentFieldsInOneCall() {
        List<ContactChange> changes = List.of(
                new ContactChange(ada.id(), 1, values(CITY, "London"), Set.of(), CHANGED),
                new ContactChange(grace.id(), 1, values(), Set.of(NICKNAME, CITY, COMPANY), CHANGED),
                new ContactChange(edsger.id(), 1, values(NICKNAME, "EWD", JOB_TITLE, "Professor"), Set.of(LAST_NAME),
                        CHANGED));

        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(changes));

        assertSoftly(softly -> {
            assertReplaced(softly, "Ada's change", replaced.get(0), 2, 7, values());
            assertReplaced(softly, "Grace's change", replaced.get(1), 2, 8,
                    values(NICKNAME, "Amazing", CITY, "Arlington"));
            assertReplaced(softly, "Edsger's change", replaced.get(2), 2, 0, values(LAST_NAME, "Dijkstra"));
            softlyThat(softly, get(ada.id())).as("Ada afterwards").hasVersion(2).hasExactlyValues(withScore(values(
                    EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Acme", NICKNAME, "Countess",
                    CITY, "London"), "1.5"));
            softlyThat(softly, get(grace.id())).as("Grace afterwards").hasVersion(2).hasExactlyValues(values(
                    EMAIL, "grace@example.com", FIRST_NAME, "Grace"));
            softlyThat(softly, get(edsger.id())).as("Edsger afterwards").hasVersion(2).hasExactlyValues(withScore(
                    values(EMAIL, "edsger@example.com", COMPANY, "THE", NICKNAME, "EWD", JOB_TITLE, "Professor"),
                    "42"));
        });
    }

    @Test
    @DisplayName("a batch of one is an updateReturning")
    void batchOfOne() {
        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(List.of(
                new ContactChange(grace.id(), 1, values(FIRST_NAME, "Admiral"), Set.of(CITY), CHANGED))));

        assertSoftly(softly -> {
            softly.assertThat(replaced).as("results").hasSize(1);
            if (replaced.size() == 1) {
                assertReplaced(softly, "the change", replaced.get(0), 2, 8,
                        values(FIRST_NAME, "Grace", CITY, "Arlington"));
            }
            softlyThat(softly, get(grace.id())).as("Grace afterwards").hasVersion(2).hasExactlyValues(values(
                    EMAIL, "grace@example.com", FIRST_NAME, "Admiral", NICKNAME, "Amazing"));
        });
    }

    @Test
    @DisplayName("an empty batch returns nothing and writes nothing")
    void emptyBatch() {
        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(List.of()));

        assertThat(replaced).isEmpty();
        ContactRowAssert.assertThat(get(ada.id())).hasVersion(1);
    }

    @Test
    @DisplayName("a batch of several hundred contacts: every row's previous values, version and new values")
    void batchOfSeveralHundred() {
        int size = 350;
        List<NewContact> batch = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            Map<String, Object> values = values(EMAIL, "c" + n + "@example.com", FIRST_NAME, "First " + n,
                    NICKNAME, "nick " + n);
            if (n % 2 == 0) {
                values.put(COMPANY, "Company " + n);
            }
            batch.add(newContact(n % 3 == 0 ? 7 : 0, values));
        }
        List<Long> ids = inTransaction(tx -> tx.contacts().insertAll(batch));
        List<ContactChange> changes = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            // Every row sets a name and clears the company (half of them had one): one set of fields for all.
            changes.add(new ContactChange(ids.get(n), 1, values(FIRST_NAME, "Changed " + n, NICKNAME, "new " + n),
                    Set.of(COMPANY), CHANGED));
        }

        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(changes));

        assertThat(replaced).as("results").hasSize(size);
        Map<Long, ContactRow> after = byId(select(new Filter.IdIn(Set.copyOf(ids))));
        assertSoftly(softly -> {
            for (int n = 0; n < size; n++) {
                Map<String, Object> previous = values(FIRST_NAME, "First " + n, NICKNAME, "nick " + n);
                if (n % 2 == 0) {
                    previous.put(COMPANY, "Company " + n);
                }
                assertReplaced(softly, "change " + n, replaced.get(n), 2, n % 3 == 0 ? 7 : 0, previous);
                softlyThat(softly, after.get(ids.get(n))).as("contact %d afterwards", n).hasVersion(2)
                        .hasExactlyValues(values(EMAIL, "c" + n + "@example.com", FIRST_NAME, "Changed " + n,
                                NICKNAME, "new " + n));
            }
        });
    }

    @Test
    @DisplayName("a contact changed twice: the second change expects the first's version and is given its values")
    void contactChangedTwiceInOneCall() {
        List<ContactChange> changes = List.of(
                new ContactChange(ada.id(), 1, values(FIRST_NAME, "Augusta"), Set.of(NICKNAME), CHANGED),
                new ContactChange(grace.id(), 1, values(FIRST_NAME, "Admiral"), Set.of(), CHANGED),
                new ContactChange(ada.id(), 2, values(FIRST_NAME, "Ada", NICKNAME, "Back"), Set.of(COMPANY),
                        CHANGED.plusSeconds(1)));

        List<ContactReplaced> replaced = inTransaction(tx -> tx.contacts().updateAllReturning(changes));

        assertSoftly(softly -> {
            assertReplaced(softly, "Ada's first change", replaced.get(0), 2, 7,
                    values(FIRST_NAME, "Ada", NICKNAME, "Countess"));
            assertReplaced(softly, "Grace's change", replaced.get(1), 2, 8, values(FIRST_NAME, "Grace"));
            assertReplaced(softly, "Ada's second change", replaced.get(2), 3, 7,
                    values(FIRST_NAME, "Augusta", COMPANY, "Acme"));
            ContactRow adaAfter = get(ada.id());
            softlyThat(softly, adaAfter).as("Ada afterwards").hasVersion(3).hasExactlyValues(withScore(values(
                    EMAIL, "ada@example.com", FIRST_NAME, "Ada", NICKNAME, "Back"), "1.5"));
            softly.assertThat(adaAfter.updatedAt()).as("Ada's updatedAt").isEqualTo(CHANGED.plusSeconds(1));
        });
    }

    @Test
    @DisplayName("one stale change (old or future version, or a missing contact) fails the call; nothing remains")
    void oneStaleChangeFailsTheCallAndNothingRemains() {
        runInTransaction(tx -> tx.contacts().update(new ContactChange(grace.id(), 1, values(JOB_TITLE, "Admiral"),
                Set.of(), CHANGED)));
        long missing = Math.max(ada.id(), Math.max(grace.id(), edsger.id())) + 1_000;
        for (long[] idAndVersion : new long[][] {{grace.id(), 1}, {grace.id(), 3}, {missing, 1}}) {
            long staleId = idAndVersion[0];
            long staleVersion = idAndVersion[1];
            // The stale change in the middle: the ones before it may have been applied when it is found.
            List<ContactChange> changes = List.of(
                    new ContactChange(ada.id(), 1, values(FIRST_NAME, "Augusta"), Set.of(COMPANY), CHANGED),
                    new ContactChange(staleId, staleVersion, values(FIRST_NAME, "Stale"), Set.of(CITY), CHANGED),
                    new ContactChange(edsger.id(), 1, values(FIRST_NAME, "Edsger"), Set.of(LAST_NAME), CHANGED));

            assertThatThrownBy(() -> runInTransaction(tx -> tx.contacts().updateAllReturning(changes)))
                    .as("a batch with contact %d at version %d", staleId, staleVersion)
                    .isInstanceOfSatisfying(StaleVersionException.class, e -> assertSoftly(softly -> {
                        softly.assertThat(e.entity()).as("entity").isEqualTo("contact");
                        softly.assertThat(e.id()).as("the stale contact's id").isEqualTo(staleId);
                        softly.assertThat(e.expectedVersion()).as("the version it expected").isEqualTo(staleVersion);
                    }));
        }

        assertUnchanged(2, values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", CITY, "Arlington", NICKNAME,
                "Amazing", JOB_TITLE, "Admiral"));
    }

    @Test
    @DisplayName("a change giving a contact another's e-mail is refused (email, unique); nothing remains")
    void duplicateEmailFailsTheCallAndNothingRemains() {
        List<ContactChange> changes = List.of(
                new ContactChange(ada.id(), 1, values(FIRST_NAME, "Augusta"), Set.of(), CHANGED),
                new ContactChange(edsger.id(), 1, values(EMAIL, "grace@example.com"), Set.of(), CHANGED));

        assertRefused(() -> runInTransaction(tx -> tx.contacts().updateAllReturning(changes)), EMAIL, "unique");

        assertUnchanged(1, values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", CITY, "Arlington", NICKNAME,
                "Amazing"));
    }

    @Test
    @DisplayName("a change moving a contact to a stage that does not exist is refused (stage, unknown_stage)")
    void missingStageFailsTheCallAndNothingRemains() {
        long stage = givenStage("Contacted", 1).id();
        List<ContactChange> changes = List.of(
                new ContactChange(ada.id(), 1, values(STAGE, stage), Set.of(), CHANGED),
                new ContactChange(grace.id(), 1, values(STAGE, 987_654_321L), Set.of(), CHANGED));

        assertRefused(() -> runInTransaction(tx -> tx.contacts().updateAllReturning(changes)), STAGE,
                "unknown_stage");

        assertUnchanged(1, values(EMAIL, "grace@example.com", FIRST_NAME, "Grace", CITY, "Arlington", NICKNAME,
                "Amazing"));
    }

    /** Ada and Edsger as they were inserted, Grace at this version with these values. */
    private void assertUnchanged(long graceVersion, Map<String, Object> graceValues) {
        assertSoftly(softly -> {
            softlyThat(softly, get(ada.id())).as("Ada").hasVersion(1).hasExactlyValues(withScore(values(
                    EMAIL, "ada@example.com", FIRST_NAME, "Ada", COMPANY, "Acme", NICKNAME, "Countess"), "1.5"));
            softlyThat(softly, get(grace.id())).as("Grace").hasVersion(graceVersion).hasExactlyValues(graceValues);
            softlyThat(softly, get(edsger.id())).as("Edsger").hasVersion(1).hasExactlyValues(withScore(values(
                    EMAIL, "edsger@example.com", LAST_NAME, "Dijkstra", COMPANY, "THE"), "42"));
            softly.assertThat(count()).as("contacts").isEqualTo(3);
        });
    }

    private static void assertReplaced(SoftAssertions softly, String what, ContactReplaced actual, long newVersion,
                                       long previousOwner, Map<String, Object> previousValues) {
        softly.assertThat(actual.newVersion()).as("%s: new version", what).isEqualTo(newVersion);
        softly.assertThat(actual.previousOwnerId()).as("%s: previous owner", what).isEqualTo(previousOwner);
        Map<String, Object> previous = new LinkedHashMap<>(actual.previousValues());
        softly.assertThat(previous.keySet()).as("%s: keys of the previous values", what)
                .containsExactlyInAnyOrderElementsOf(previousValues.keySet());
        previousValues.forEach((key, value) -> {
            if (previous.containsKey(key)) {
                softly.assertThat(ContactRowAssert.sameValue(value, previous.get(key)))
                        .as("%s: <%s> was <%s> but <%s> was expected", what, key, previous.get(key), value).isTrue();
            }
        });
    }
}
