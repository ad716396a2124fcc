package io.roostcrm.tck.service;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.StoreFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instants and wall-clock date-times are stored exactly whatever the JVM's time zone (issue 10 item 1): contact,
 * note and reminder times are the {@code Crm} clock's instants, and a {@code DATETIME} value keeps its wall time on
 * create, update and import, and is found by {@code eq} whichever way it was written. The times used are the ones a
 * value bound through {@link java.sql.Timestamp} and the JVM's default calendar gets wrong: wall times in the spring
 * gaps and autumn overlaps of Europe/Berlin and America/New_York, and the first and last gap and overlap of the zone
 * this JVM runs in (for instants, those between 1971 and 2037).
 *
 * <p>The group is tagged {@code time-zones} in the kit, so that a build can run it once per JVM time zone (with
 * {@code -Duser.timezone=...}); the stores of this project run it under Europe/Berlin, America/New_York,
 * Asia/Kolkata and UTC.
 */
abstract class TimeZonesContract {

    private static final String WHEN = "tz_when";

    private final CrmServiceCompatibilityKit kit;
    private final List<Crm> clocked = new ArrayList<>();

    TimeZonesContract(CrmServiceCompatibilityKit kit) {
        this.kit = kit;
    }

    @BeforeEach
    void defineDateTimeField() {
        kit.as(kit.users.admin()).admin().defineField(FieldDefinition.custom(WHEN, FieldType.DATETIME).build());
    }

    @AfterEach
    void closeClockedCrms() {
        clocked.forEach(Crm::close);
    }

    /** The administrator on a second {@code Crm} over the kit's store whose clock stands at {@code now}. */
    private CrmSession adminAt(Instant now) {
        Crm crm = Crm.builder().store(kit.store).clock(Clock.fixed(now, ZoneOffset.UTC)).closeStoreOnClose(false)
                .build();
        clocked.add(crm);
        return crm.as(kit.users.admin());
    }

    /** Wall times the JVM's default calendar shifts or finds ambiguous, for {@code DATETIME} values (any year). */
    static List<LocalDateTime> awkwardWallTimes() {
        Set<LocalDateTime> times = new LinkedHashSet<>(awkwardInstantsAsWallTimes());
        addFirstAndLastGapAndOverlap(ZoneId.systemDefault().getRules().getTransitions(), times);
        return List.copyOf(times);
    }

    /**
     * The same kind of wall times, read as UTC instants, for the times a {@code Crm} clock gives: only from 1971 to
     * 2037, since a store may keep them in a 32-bit timestamp (the FluentCRM store does, as FluentCRM does).
     */
    static List<LocalDateTime> awkwardInstantsAsWallTimes() {
        Set<LocalDateTime> times = new LinkedHashSet<>(List.of(
                LocalDateTime.parse("2024-03-31T02:30:00"), // Europe/Berlin: does not exist
                LocalDateTime.parse("2024-03-10T02:30:00"), // America/New_York: does not exist
                LocalDateTime.parse("2024-10-27T02:30:00"))); // Europe/Berlin: exists twice
        java.time.zone.ZoneRules rules = ZoneId.systemDefault().getRules();
        List<ZoneOffsetTransition> inRange = new ArrayList<>();
        Instant end = Instant.parse("2037-12-31T00:00:00Z");
        for (ZoneOffsetTransition t = rules.nextTransition(Instant.parse("1971-01-01T00:00:00Z"));
                t != null && t.getInstant().isBefore(end); t = rules.nextTransition(t.getInstant())) {
            inRange.add(t);
        }
        addFirstAndLastGapAndOverlap(inRange, times);
        return List.copyOf(times);
    }

    /** Adds a wall time inside the first and the last gap, and the first and the last overlap, of these. */
    private static void addFirstAndLastGapAndOverlap(List<ZoneOffsetTransition> transitions, Set<LocalDateTime> to) {
        for (boolean gaps : new boolean[] {true, false}) {
            List<ZoneOffsetTransition> kind = transitions.stream().filter(t -> t.isGap() == gaps).toList();
            if (!kind.isEmpty()) {
                to.add(inside(kind.get(0)));
                to.add(inside(kind.get(kind.size() - 1)));
            }
        }
    }

    /** A whole-second wall time inside the transition's gap or overlap. */
    private static LocalDateTime inside(ZoneOffsetTransition transition) {
        LocalDateTime start = transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
        return start.plusSeconds(Math.max(1, transition.getDuration().abs().getSeconds() / 2));
    }

    // One test per write path, each over every awkward time: the kit installs its seed before each test, and the
    // group runs once per JVM zone on every store, so one test per time would cost the build minutes.

    @Test
    void contactTimestampsAreTheClockInstant() {
        int n = 0;
        for (LocalDateTime wall : awkwardInstantsAsWallTimes()) {
            Instant created = wall.toInstant(ZoneOffset.UTC);
            Instant updated = created.plusSeconds(3600);
            Contact contact = adminAt(created).contacts().create(ContactDraft.builder()
                    .set("email", "a" + n++ + "@example.com").build());
            assertThat(contact.createdAt()).as("%s", wall).isEqualTo(created);
            assertThat(contact.updatedAt()).as("%s", wall).isEqualTo(created);

            Contact changed = adminAt(updated).contacts().update(ContactPatch.of(contact).set("first_name", "Ada")
                    .build());
            assertThat(changed.updatedAt()).as("%s", wall).isEqualTo(updated);
            Contact read = adminAt(updated).contacts().get(contact.id());
            assertThat(read.createdAt()).as("%s", wall).isEqualTo(created);
            assertThat(read.updatedAt()).as("%s", wall).isEqualTo(updated);
        }
    }

    @Test
    void noteAndReminderTimesAreTheGivenInstants() {
        boolean reminders = kit.store.capabilities().has(StoreFeature.REMINDERS);
        int n = 0;
        for (LocalDateTime wall : awkwardInstantsAsWallTimes()) {
            Instant instant = wall.toInstant(ZoneOffset.UTC);
            Instant later = instant.plusSeconds(7200);
            long contactId = adminAt(instant).contacts().create(ContactDraft.builder()
                    .set("email", "n" + n++ + "@example.com").build()).id();

            Note note = adminAt(later).notes().add(contactId, NoteType.CALL, "called", "", instant);
            assertThat(note.createdAt()).as("%s", wall).isEqualTo(instant);
            assertThat(note.updatedAt()).as("%s", wall).isEqualTo(later);
            Note changed = adminAt(instant).notes().update(note.id(), NoteType.CALL, "called back", "");
            assertThat(changed.updatedAt()).as("%s", wall).isEqualTo(instant);
            assertThat(adminAt(later).notes().of(contactId)).as("%s", wall).singleElement().satisfies(x -> {
                assertThat(x.createdAt()).isEqualTo(instant);
                assertThat(x.updatedAt()).isEqualTo(instant);
            });
            if (!reminders) {
                continue;
            }
            Reminder reminder = adminAt(later).reminders().add(contactId, kit.users.admin(), instant, "call again");
            assertThat(reminder.dueAt()).as("%s", wall).isEqualTo(instant);
            assertThat(reminder.createdAt()).as("%s", wall).isEqualTo(later);
            assertThat(adminAt(later).reminders().of(contactId)).as("%s", wall).singleElement().satisfies(r -> {
                assertThat(r.dueAt()).isEqualTo(instant);
                assertThat(r.createdAt()).isEqualTo(later);
            });
        }
    }

    @Test
    void dateTimeValuesKeepTheirWallTimeOnEveryWritePath() {
        CrmSession admin = adminAt(Instant.parse("2024-06-01T12:00:00Z"));
        int n = 0;
        for (LocalDateTime wall : awkwardWallTimes()) {
            String c = "c" + n + "@example.com";
            String u = "u" + n + "@example.com";
            String i = "i" + n++ + "@example.com";
            long created = admin.contacts().create(ContactDraft.builder().set("email", c).set(WHEN, wall).build())
                    .id();
            Contact other = admin.contacts().create(ContactDraft.builder().set("email", u).build());
            long updated = admin.contacts().update(ContactPatch.of(other).set(WHEN, wall).build()).id();
            ImportReport report = admin.importCsv(new StringReader("email," + WHEN + "\n" + i + "," + wall + "\n"),
                    ImportOptions.defaults(), ImportListener.NONE);
            assertThat(report.errors()).as("%s", wall).isEmpty();

            List<Contact> written = admin.contacts().list(ContactQuery.builder()
                    .filter(Filter.in("email", List.of(c, u, i))).build()).items();
            assertThat(written).as("%s", wall).hasSize(3)
                    .allSatisfy(x -> assertThat(x.values().get(WHEN)).isEqualTo(wall));
            long imported = written.stream().filter(x -> x.values().get("email").equals(i)).findFirst()
                    .orElseThrow().id();
            assertThat(admin.contacts().list(ContactQuery.builder().filter(Filter.eq(WHEN, wall)).build()).items())
                    .as("%s", wall).extracting(Contact::id).containsExactlyInAnyOrder(created, updated, imported);
            assertThat(admin.contacts().list(ContactQuery.builder().filter(Filter.and(
                    Filter.gt(WHEN, wall.minusSeconds(1)), Filter.lt(WHEN, wall.plusSeconds(1)))).build()).items())
                    .as("%s", wall).hasSize(3);
        }
    }
}
