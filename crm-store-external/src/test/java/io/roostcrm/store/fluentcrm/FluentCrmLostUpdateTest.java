package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.NewContact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write from a version read before FluentCRM changed the contact is stale, whoever changed it (GH-9, item 1):
 * FluentCRM's own saves never touch Roost's version, so the version reads report follows what FluentCRM's rows hold.
 */
class FluentCrmLostUpdateTest extends FluentCrmTestSupport {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(BERLIN);
    private static final Instant ROOST_WROTE = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-01T12:05:00Z");

    // GH-9: Roost read (version 1), FluentCRM's profile screen changed last_name, Roost's update with version 1 was
    // accepted and FluentCRM's edit silently overwritten.
    @Test
    void fluentCrmProfileSaveAfterRoostsReadMakesRoostsWriteStaleAndWritesNothing() {
        FluentCrmStore store = open(BERLIN);
        ContactRow read = roostContact(store);
        assertThat(read.version()).isEqualTo(1);

        FluentCrmRows.profileSave(db, p, read.id(), "last_name", "Byron", wallClock(LATER));
        Map<String, String> fluentCrms = db.checksums(p);

        assertStale(store, read, Map.of("last_name", "King"));
        assertThat(db.checksums(p)).as("the rows are FluentCRM's, byte for byte").isEqualTo(fluentCrms);
        assertThat(get(store, read.id()).orElseThrow().values()).containsEntry("last_name", "Byron");
    }

    @Test
    void fluentCrmSaveWithinTheSecondOfRoostsWriteIsSeenToo() {
        FluentCrmStore store = open(BERLIN);
        ContactRow read = roostContact(store);

        // FluentCRM's updated_at holds whole seconds: this save leaves it exactly as Roost's write set it.
        FluentCrmRows.profileSave(db, p, read.id(), "last_name", "Byron", wallClock(ROOST_WROTE));
        assertThat(db.value("SELECT updated_at FROM " + p + "fc_subscribers WHERE id = ?", read.id()).toString())
                .startsWith(wallClock(ROOST_WROTE));
        Map<String, String> fluentCrms = db.checksums(p);

        assertStale(store, read, Map.of("last_name", "King"));
        assertThat(db.checksums(p)).isEqualTo(fluentCrms);
    }

    @Test
    void contactFluentCrmCreatedAndThenSavedIsStaleForAReadBeforeTheSave() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);
        ContactRow read = get(store, 1).orElseThrow();
        assertThat(read.version()).isEqualTo(1);

        FluentCrmRows.profileSave(db, p, 1, "last_name", "Byron", wallClock(LATER));
        Map<String, String> fluentCrms = db.checksums(p);

        assertStale(store, read, Map.of("city", "Paris"));
        assertThat(db.checksums(p)).isEqualTo(fluentCrms);
    }

    @Test
    void customValueFluentCrmChangedMakesTheWriteStaleEvenWithinTheSameSecond() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);
        // Roost writes once, so that the contact has Roost's side row; then reads it.
        tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("favorite_color", "Green"), Set.of(),
                ROOST_WROTE)));
        ContactRow read = get(store, 1).orElseThrow();

        // Only the meta row changes, with the same second Roost's write gave it.
        FluentCrmRows.customValueSave(db, p, 1, "favorite_color", "Red", wallClock(ROOST_WROTE));
        Map<String, String> fluentCrms = db.checksums(p);

        assertStale(store, read, Map.of("favorite_color", "Blue"));
        assertThat(db.checksums(p)).isEqualTo(fluentCrms);
    }

    @Test
    void customValueFluentCrmAddedOrRemovedMakesTheWriteStale() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);
        tx(store, t -> {
            t.fields().define(FieldDefinition.custom("nickname", FieldType.TEXT).build());
            return t.contacts().update(new ContactChange(1, 1, Map.of("first_name", "Augusta"), Set.of(), ROOST_WROTE));
        });
        ContactRow beforeAdd = get(store, 1).orElseThrow();

        FluentCrmRows.customValueSave(db, p, 1, "nickname", "Countess", wallClock(ROOST_WROTE));
        assertStale(store, beforeAdd, Map.of("first_name", "Ada"));

        ContactRow beforeRemove = get(store, 1).orElseThrow();
        db.update("DELETE FROM " + p + "fc_subscriber_meta WHERE subscriber_id = 1 AND `key` = 'interests'");
        assertStale(store, beforeRemove, Map.of("first_name", "Ada"));
    }

    @Test
    void readAfterFluentCrmsChangeWritesAndKeepsFluentCrmsChange() {
        FluentCrmStore store = open(BERLIN);
        ContactRow first = roostContact(store);
        FluentCrmRows.profileSave(db, p, first.id(), "last_name", "Byron", wallClock(LATER));

        ContactRow reread = get(store, first.id()).orElseThrow();
        long written = tx(store, t -> t.contacts().update(new ContactChange(first.id(), reread.version(),
                Map.of("city", "London"), Set.of(), LATER)));

        ContactRow after = get(store, first.id()).orElseThrow();
        assertThat(reread.version()).isNotEqualTo(first.version());
        assertThat(written).isEqualTo(reread.version() + 1);
        assertThat(after.version()).isEqualTo(written);
        assertThat(after.values()).containsEntry("last_name", "Byron").containsEntry("city", "London");
        // Roost's own writes still count up by one.
        long next = tx(store, t -> t.contacts().update(new ContactChange(first.id(), written, Map.of("city", "Paris"),
                Set.of(), LATER)));
        assertThat(next).isEqualTo(written + 1);
    }

    @Test
    void everyFluentCrmChangeGivesAnotherVersion() {
        FluentCrmStore store = open(BERLIN);
        ContactRow row = roostContact(store);
        Set<Long> seen = new HashSet<>(List.of(row.version()));

        for (String name : List.of("Byron", "King", "Noel", "Milbanke")) {
            FluentCrmRows.profileSave(db, p, row.id(), "last_name", name, wallClock(ROOST_WROTE));
            assertThat(seen.add(get(store, row.id()).orElseThrow().version())).as("a new version after %s", name)
                    .isTrue();
        }
        // A read with nothing changed in between reports the same version.
        assertThat(get(store, row.id()).orElseThrow().version()).isEqualTo(get(store, row.id()).orElseThrow().version());
        // FluentCRM putting back, within the second, exactly the row Roost wrote is no change: nothing a write from
        // Roost's version would overwrite.
        FluentCrmRows.profileSave(db, p, row.id(), "last_name", "Lovelace", wallClock(ROOST_WROTE));
        assertThat(get(store, row.id()).orElseThrow().version()).isEqualTo(row.version());
    }

    @Test
    void ownerChangeFromAStaleVersionIsRefusedToo() {
        FluentCrmStore store = open(BERLIN);
        ContactRow read = roostContact(store);
        FluentCrmRows.profileSave(db, p, read.id(), "last_name", "Byron", wallClock(LATER));
        Map<String, String> fluentCrms = db.checksums(p);

        assertThatThrownBy(() -> tx(store, t -> t.contacts().setOwner(read.id(), read.version(), 7, LATER)))
                .isInstanceOf(StaleVersionException.class);
        assertThat(db.checksums(p)).isEqualTo(fluentCrms);
    }

    @Test
    void removingAFieldInRoostIsNoFluentCrmChangeButDoesNotHideOne() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open(BERLIN);
        tx(store, t -> t.contacts().update(new ContactChange(1, 1, Map.of("first_name", "Augusta"), Set.of(),
                ROOST_WROTE)));
        ContactRow ada = get(store, 1).orElseThrow();
        ContactRow grace = roostContactWithColor(store);
        FluentCrmRows.profileSave(db, p, grace.id(), "last_name", "Byron", wallClock(LATER));

        tx(store, t -> {
            t.fields().remove("favorite_color");
            return null;
        });

        assertThat(get(store, 1).orElseThrow().version()).as("Ada, unchanged by FluentCRM").isEqualTo(ada.version());
        assertThat(get(store, grace.id()).orElseThrow().version()).as("Grace, changed by FluentCRM")
                .isNotEqualTo(grace.version());
        assertStale(store, grace, Map.of("city", "Paris"));
    }

    private ContactRow roostContactWithColor(FluentCrmStore store) {
        return tx(store, t -> t.contacts().insert(new NewContact(0, ROOST_WROTE, Map.of("email", "grace@example.com",
                "favorite_color", "Navy"))));
    }

    private ContactRow roostContact(FluentCrmStore store) {
        return tx(store, t -> t.contacts().insert(new NewContact(0, ROOST_WROTE, Map.of("email", "ada@example.com",
                "first_name", "Ada", "last_name", "Lovelace"))));
    }

    private void assertStale(FluentCrmStore store, ContactRow read, Map<String, Object> set) {
        List<String> side = db.query("SELECT * FROM " + p + "roost_contacts ORDER BY subscriber_id").stream()
                .map(Object::toString).toList();
        assertThatThrownBy(() -> tx(store, t -> t.contacts().update(new ContactChange(read.id(), read.version(), set,
                Set.of(), LATER)))).isInstanceOf(StaleVersionException.class);
        assertThat(db.query("SELECT * FROM " + p + "roost_contacts ORDER BY subscriber_id").stream()
                .map(Object::toString).toList()).as("Roost's side rows").isEqualTo(side);
    }

    private static String wallClock(Instant instant) {
        return WALL_CLOCK.format(instant);
    }
}
