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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardInstantsAsWallTimes")
    void contactTimestampsAreTheClockInstant(LocalDateTime wall) {
        Instant created = wall.toInstant(ZoneOffset.UTC);
        Instant updated = created.plusSeconds(3600);
        Contact contact = adminAt(created).contacts().create(ContactDraft.builder().set("email", "a@example.com")
                .build());
        assertThat(contact.createdAt()).isEqualTo(created);
        assertThat(contact.updatedAt()).isEqualTo(created);

        Contact changed = adminAt(updated).contacts().update(ContactPatch.of(contact).set("first_name", "Ada").build());
        assertThat(changed.updatedAt()).isEqualTo(updated);
        Contact read = adminAt(updated).contacts().get(contact.id());
        assertThat(read.createdAt()).isEqualTo(created);
        assertThat(read.updatedAt()).isEqualTo(updated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardInstantsAsWallTimes")
    void noteAndReminderTimesAreTheGivenInstants(LocalDateTime wall) {
        Instant instant = wall.toInstant(ZoneOffset.UTC);
        Instant later = instant.plusSeconds(7200);
        long contactId = adminAt(instant).contacts().create(ContactDraft.builder().set("email", "n@example.com")
                .build()).id();

        Note note = adminAt(later).notes().add(contactId, NoteType.CALL, "called", "", instant);
        assertThat(note.createdAt()).isEqualTo(instant);
        assertThat(note.updatedAt()).isEqualTo(later);
        Note changed = adminAt(instant).notes().update(note.id(), NoteType.CALL, "called back", "");
        assertThat(changed.updatedAt()).isEqualTo(instant);
        assertThat(adminAt(later).notes().of(contactId)).singleElement().satisfies(n -> {
            assertThat(n.createdAt()).isEqualTo(instant);
            assertThat(n.updatedAt()).isEqualTo(instant);
        });

        assumeTrue(kit.store.capabilities().has(StoreFeature.REMINDERS), "the store keeps no reminders");
        Reminder reminder = adminAt(later).reminders().add(contactId, kit.users.admin(), instant, "call again");
        assertThat(reminder.dueAt()).isEqualTo(instant);
        assertThat(reminder.createdAt()).isEqualTo(later);
        assertThat(adminAt(later).reminders().of(contactId)).singleElement().satisfies(r -> {
            assertThat(r.dueAt()).isEqualTo(instant);
            assertThat(r.createdAt()).isEqualTo(later);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardWallTimes")
    void dateTimeValuesKeepTheirWallTimeOnEveryWritePath(LocalDateTime wall) {
        CrmSession admin = adminAt(Instant.parse("2024-06-01T12:00:00Z"));
        long created = admin.contacts().create(ContactDraft.builder().set("email", "c@example.com").set(WHEN, wall)
                .build()).id();
        Contact other = admin.contacts().create(ContactDraft.builder().set("email", "u@example.com").build());
        long updated = admin.contacts().update(ContactPatch.of(other).set(WHEN, wall).build()).id();
        ImportReport report = admin.importCsv(new StringReader("email," + WHEN + "\ni@example.com," + wall + "\n"),
                ImportOptions.defaults(), ImportListener.NONE);
        assertThat(report.errors()).isEmpty();

        List<Contact> written = admin.contacts().list(ContactQuery.builder().filter(Filter.in("email",
                List.of("c@example.com", "u@example.com", "i@example.com"))).build()).items();
        assertThat(written).hasSize(3).allSatisfy(c -> assertThat(c.values().get(WHEN)).isEqualTo(wall));
        long imported = written.stream().filter(c -> c.values().get("email").equals("i@example.com")).findFirst()
                .orElseThrow().id();
        assertThat(admin.contacts().list(ContactQuery.builder().filter(Filter.eq(WHEN, wall)).build()).items())
                .extracting(Contact::id).containsExactlyInAnyOrder(created, updated, imported);
        assertThat(admin.contacts().list(ContactQuery.builder().filter(Filter.and(
                Filter.gt(WHEN, wall.minusSeconds(1)), Filter.lt(WHEN, wall.plusSeconds(1)))).build()).items())
                .hasSize(3);
    }
}
