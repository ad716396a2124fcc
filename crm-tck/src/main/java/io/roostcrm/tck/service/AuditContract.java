package io.roostcrm.tck.service;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.audit.AuditEntry;
import io.roostcrm.core.audit.AuditPage;
import io.roostcrm.core.audit.AuditQuery;
import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.audit.AuditVerification.BreakKind;
import io.roostcrm.core.audit.FieldHistory;
import io.roostcrm.core.audit.LoginActivity;
import io.roostcrm.core.audit.PurgeReport;
import io.roostcrm.core.audit.SecurityEvent;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Scope;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.tck.service.SeedRoles.CONTRACT_VALUE;
import static io.roostcrm.tck.service.SeedRoles.CUSTOM_FIELDS;
import static io.roostcrm.tck.service.SeedRoles.LEAD_SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit trail through {@code Crm} (issue 12): what a reader sees is filtered by its read rights now, in the audit
 * view, field history, exports and error messages alike, while a super admin sees everything; {@code verify()} names
 * the first bad entry for each kind of tampering; retention purges behind a checkpoint that verification trusts only
 * when it is intact; security events are recorded and tracked per user. ASVS 4.0.3 7.1.3, 7.2.1, 7.2.2.
 */
abstract class AuditContract {

    private static final BigDecimal[] CONTRACT_VALUES = {new BigDecimal("1111.11"), new BigDecimal("2222.22"),
            new BigDecimal("3333.33")};
    private static final String AUDITOR = "Auditor";
    private static final String OWNED_AUDITOR = "Owned Auditor";

    private final CrmServiceCompatibilityKit kit;

    AuditContract(CrmServiceCompatibilityKit kit) {
        this.kit = kit;
    }

    @BeforeEach
    void requireAuditChain() {
        assumeTrue(kit.store.capabilities().has(StoreFeature.AUDIT_CHAIN), "the store keeps no audit chain");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private CrmSession admin() {
        return kit.as(kit.users.admin());
    }

    /** A role that reads every seed field but the contract value, in the given scope, and holds the audit right. */
    private static Role auditorRole(String name, Scope scope) {
        List<String> fields = new ArrayList<>(StandardFields.keys());
        CUSTOM_FIELDS.stream().filter(k -> !k.equals(CONTRACT_VALUE)).forEach(fields::add);
        return Role.builder(name).viewScope(scope).updateScope(Scope.NONE).fields(FieldRights.READ_ONLY, fields)
                .field(CONTRACT_VALUE, FieldRights.NONE)
                .entity(EntityType.NOTE, EntityAction.READ).entity(EntityType.AUDIT, EntityAction.READ).build();
    }

    private long newUser(String login, String role) {
        admin().admin().saveRole(role.equals(AUDITOR) ? auditorRole(AUDITOR, Scope.ALL)
                : auditorRole(OWNED_AUDITOR, Scope.OWNED));
        return admin().admin().createUser(new User(0, login, login, List.of(role), Set.of(), true)).id();
    }

    /** A contact whose contract value went through three values, the last update touching it alone. */
    private Contact contactWithContractHistory(long owner) {
        Contact contact = SeedRoles.contactOwnedBy(kit.crm, kit.users, owner, Map.of(StandardFields.EMAIL,
                "history@example.com", LEAD_SCORE, new BigDecimal("1"), CONTRACT_VALUE, CONTRACT_VALUES[0]));
        CrmSession manager = kit.as(kit.users.manager());
        contact = manager.contacts().update(ContactPatch.of(contact).set(CONTRACT_VALUE, CONTRACT_VALUES[1])
                .set(LEAD_SCORE, new BigDecimal("2")).build());
        return manager.contacts().update(ContactPatch.of(contact).set(CONTRACT_VALUE, CONTRACT_VALUES[2]).build());
    }

    private static List<AuditEntry> everything(CrmSession reader, AuditQuery query) {
        List<AuditEntry> out = new ArrayList<>();
        AuditQuery page = query.page(0, 50);
        while (true) {
            AuditPage result = reader.audit().view(page);
            out.addAll(result.entries());
            if (!result.more()) {
                return out;
            }
            page = page.page(result.nextAfter(), 50);
        }
    }

    private static Stream<Object> values(List<AuditEntry> entries) {
        return entries.stream().flatMap(e -> e.fields().stream())
                .flatMap(f -> Stream.of(f.before().orElse(""), f.after().orElse("")));
    }

    private static boolean mentions(Object value, BigDecimal number) {
        return value instanceof BigDecimal n ? n.compareTo(number) == 0 : value.toString().contains(number.toPlainString());
    }

    // ---- the done-when proof: an unreadable field is absent everywhere ---------------------------------------

    @Test
    @DisplayName("a reader without read on a field sees neither its value nor any past one: history, view, export,"
            + " errors; a super admin sees them all")
    void anUnreadableFieldIsAbsentEverywhere() {
        Contact contact = contactWithContractHistory(kit.users.manager());
        CrmSession auditor = kit.as(newUser("viewer", AUDITOR));

        FieldHistory history = auditor.audit().fieldHistory(contact.id());
        assertThat(history.fields()).containsKey(LEAD_SCORE).doesNotContainKey(CONTRACT_VALUE);
        assertThat(history.fields().get(LEAD_SCORE)).extracting(v -> v.value().orElseThrow())
                .usingElementComparator((a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b))
                .containsExactly(new BigDecimal("1"), new BigDecimal("2"));

        List<AuditEntry> seen = everything(auditor, AuditQuery.all().withContact(contact.id()));
        assertThat(seen).as("the create, the owner's assignment and the update that touched the lead score")
                .hasSize(3);
        assertThat(seen).flatExtracting(AuditEntry::fields).extracting(FieldChange::key).doesNotContain(CONTRACT_VALUE);
        for (BigDecimal secret : CONTRACT_VALUES) {
            assertThat(values(seen)).noneMatch(v -> mentions(v, secret));
        }

        StringWriter csv = new StringWriter();
        auditor.export(Filter.all(), ExportFormat.CSV, csv);
        assertThat(csv.toString()).doesNotContain(CONTRACT_VALUE);
        for (BigDecimal secret : CONTRACT_VALUES) {
            assertThat(csv.toString()).doesNotContain(secret.toPlainString());
        }

        // A query naming the field is refused exactly as one naming a field that does not exist (no oracle).
        CrmServiceCompatibilityKit.assertUnknownField(() -> auditor.audit().view(AuditQuery.all()
                .withFields(Set.of(CONTRACT_VALUE))), CONTRACT_VALUE);
        CrmServiceCompatibilityKit.assertUnknownField(() -> auditor.audit().view(AuditQuery.all()
                .withFields(Set.of("no_such_field"))), "no_such_field");

        CrmSession root = admin();
        FieldHistory all = root.audit().fieldHistory(contact.id());
        assertThat(all.fields().get(CONTRACT_VALUE)).extracting(v -> v.value().orElseThrow())
                .usingElementComparator((a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b))
                .containsExactly((Object[]) CONTRACT_VALUES);
        List<AuditEntry> everything = everything(root, AuditQuery.all().withContact(contact.id()));
        assertThat(everything).as("also the update of the contract value alone").hasSize(4);
        assertThat(everything(root, AuditQuery.all().withContact(contact.id()).withFields(Set.of(CONTRACT_VALUE))))
                .hasSize(3);
    }

    @Test
    @DisplayName("a right revoked now hides the field's whole past at the next read")
    void readRightsAreThoseOfNow() {
        Contact contact = contactWithContractHistory(kit.users.manager());
        long auditorId = newUser("viewer", AUDITOR);
        admin().admin().saveRole(Role.builder(AUDITOR).viewScope(Scope.ALL).updateScope(Scope.NONE)
                .fields(FieldRights.READ_ONLY, StandardFields.keys()).field(CONTRACT_VALUE, FieldRights.READ_ONLY)
                .entity(EntityType.AUDIT, EntityAction.READ).build());
        CrmSession auditor = kit.as(auditorId);
        assertThat(auditor.audit().fieldHistory(contact.id()).fields()).containsKey(CONTRACT_VALUE)
                .doesNotContainKey(LEAD_SCORE);

        admin().admin().saveRole(auditorRole(AUDITOR, Scope.ALL));

        assertThat(auditor.audit().fieldHistory(contact.id()).fields()).doesNotContainKey(CONTRACT_VALUE)
                .containsKey(LEAD_SCORE);
    }

    @Test
    @DisplayName("entries about contacts outside the reader's view scope do not appear; their history is not found")
    void viewScopeLimitsTheTrail() {
        Contact others = contactWithContractHistory(kit.users.manager());
        long mine = newUser("rita", OWNED_AUDITOR);
        Contact own = SeedRoles.contactOwnedBy(kit.crm, kit.users, mine, Map.of(StandardFields.EMAIL,
                "own@example.com"));
        CrmSession reader = kit.as(mine);

        List<AuditEntry> seen = everything(reader, AuditQuery.all());

        assertThat(seen).extracting(AuditEntry::contactId).contains(own.id()).doesNotContain(others.id());
        assertThat(seen).extracting(AuditEntry::entity).doesNotContain(ChangeEntity.ROLE, ChangeEntity.USER,
                ChangeEntity.SECURITY);
        assertThatThrownBy(() -> reader.audit().fieldHistory(others.id())).isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("without the audit right the trail is refused; verification, logins and retention need a super admin")
    void rightsToTheTrail() {
        CrmSession rep = kit.as(kit.users.rep());
        assertThatThrownBy(() -> rep.audit().view(AuditQuery.all())).isInstanceOfSatisfying(
                CrmPermissionDeniedException.class, e -> assertThat(e.rule()).isEqualTo(Rule.MISSING_ENTITY_RIGHT));
        assertThatThrownBy(() -> rep.audit().fieldHistory(1)).isInstanceOf(CrmPermissionDeniedException.class);
        CrmSession auditor = kit.as(newUser("viewer", AUDITOR));
        assertThatThrownBy(() -> auditor.audit().verify()).isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.SUPER_ADMIN_ONLY));
        assertThatThrownBy(() -> auditor.audit().loginActivity(1)).isInstanceOf(CrmPermissionDeniedException.class);
        assertThatThrownBy(() -> auditor.audit().purgeOlderThan(30)).isInstanceOf(CrmPermissionDeniedException.class);
    }

    // ---- what is recorded -------------------------------------------------------------------------------------

    @Test
    @DisplayName("exports (who, filter, rows, format) and role changes (old and new role as data) are in the trail")
    void exportsAndRoleChangesAreRecorded() {
        CrmSession manager = kit.as(kit.users.manager());
        long rows = manager.export(Filter.gt(CONTRACT_VALUE, 0), ExportFormat.JSON,
                new StringWriter());
        admin().admin().saveRole(auditorRole(AUDITOR, Scope.ALL));

        List<AuditEntry> trail = everything(admin(), AuditQuery.all());
        AuditEntry export = trail.stream().filter(e -> e.entity() == ChangeEntity.EXPORT).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(export.actorId()).isEqualTo(kit.users.manager());
        assertThat(export.entityId()).isEqualTo("JSON");
        assertThat(export.fields()).extracting(FieldChange::key).contains("rows", "filter");
        assertThat(export.fields().get(0).after()).contains(rows);
        assertThat(trail).filteredOn(e -> e.entity() == ChangeEntity.ROLE && e.entityId().equals(AUDITOR))
                .singleElement().satisfies(e -> assertThat(e.fields()).extracting(FieldChange::key)
                        .containsExactly("definition"));

        List<AuditEntry> auditorsView = everything(kit.as(newUser("viewer", AUDITOR)), AuditQuery.all()
                .withAction(Set.of(ChangeEntity.EXPORT), Set.of()));
        assertThat(auditorsView).singleElement().satisfies(e -> assertThat(e.fields())
                .extracting(FieldChange::key).containsExactly("rows"));
    }

    @Test
    @DisplayName("security events are recorded in units of work of their own and tracked per user for admins")
    void loginTracking() {
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        long rep = kit.users.rep();
        kit.crm.audit().record(new SecurityEvent("login", rep, at, "192.0.2.1", SecurityEvent.Outcome.SUCCESS, ""));
        kit.crm.audit().record(new SecurityEvent("login", rep, at.plusSeconds(60), "198.51.100.7",
                SecurityEvent.Outcome.FAILURE, "bad_credentials"));
        kit.crm.audit().record(new SecurityEvent("lockout", rep, at.plusSeconds(120), "198.51.100.7",
                SecurityEvent.Outcome.SUCCESS, "too_many_failures"));
        kit.crm.audit().record(new SecurityEvent("logout", rep, at.plusSeconds(180), "", SecurityEvent.Outcome.SUCCESS,
                ""));
        kit.crm.audit().record(new SecurityEvent("login", kit.users.manager(), at, "", SecurityEvent.Outcome.SUCCESS,
                ""));

        LoginActivity activity = admin().audit().loginActivity(rep);

        assertThat(activity.recentLogins()).containsExactly(at);
        assertThat(activity.failures()).isEqualTo(1);
        assertThat(activity.lastFailure()).isEqualTo(at.plusSeconds(60));
        assertThat(activity.addresses()).containsExactlyInAnyOrder("192.0.2.1", "198.51.100.7");
        assertThat(activity.lockouts()).containsExactly(at.plusSeconds(120));
        assertThat(activity.logouts()).isEqualTo(1);
        assertThat(everything(admin(), AuditQuery.all().withAction(Set.of(ChangeEntity.SECURITY), Set.of())
                .withActor(rep))).hasSize(4).allSatisfy(e -> assertThat(e.operation()).isEqualTo(ChangeOperation.EVENT));
        assertThatThrownBy(() -> new SecurityEvent("login\nforged", rep, at, "", SecurityEvent.Outcome.SUCCESS, ""))
                .isInstanceOf(IllegalArgumentException.class); // ASVS 4.0.3 7.3.1: no log injection
    }

    // ---- verification ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("an untouched trail verifies, on this node and on a second one")
    void anUntouchedTrailVerifies() {
        contactWithContractHistory(kit.users.manager());

        AuditVerification result = admin().audit().verify();

        assertThat(result).isInstanceOf(AuditVerification.Intact.class);
        assertThat(((AuditVerification.Intact) result).entries()).isGreaterThan(3);
        kit.newStoreOnSameDatabase().ifPresent(second -> {
            try (Crm other = Crm.builder().store(second).build()) {
                assertThat(other.as(kit.users.admin()).audit().verify().intact()).isTrue();
            }
        });
    }

    private AuditTables tables() {
        return kit.auditTables().orElseGet(() -> {
            assumeTrue(false, "this store's test gives no direct access to its audit table (override auditTables())");
            return null;
        });
    }

    private long middleOfTheTrail() {
        contactWithContractHistory(kit.users.manager());
        long last = tables().lastSequence();
        assertThat(last).isGreaterThan(6);
        return last - 3;
    }

    private void assertBroken(long sequence, BreakKind kind) {
        AuditVerification result = admin().audit().verify();
        assertThat(result).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.sequence()).as("first bad sequence number").isEqualTo(sequence);
            assertThat(b.kind()).isEqualTo(kind);
        });
    }

    @Test
    @DisplayName("a row altered by hand is named, as altered")
    void alteredRow() {
        long target = middleOfTheTrail();
        tables().update("UPDATE " + tables().logTable() + " SET changes = ? WHERE sequence_no = ?", "[]", target);

        assertBroken(target, BreakKind.ALTERED);
    }

    @Test
    @DisplayName("a row deleted by hand is named, as removed; so is the last row")
    void deletedRow() {
        long target = middleOfTheTrail();
        tables().update("DELETE FROM " + tables().logTable() + " WHERE sequence_no = ?", target);
        assertBroken(target, BreakKind.REMOVED);
    }

    @Test
    @DisplayName("the last row deleted by hand is named, as removed")
    void deletedLastRow() {
        middleOfTheTrail();
        long last = tables().lastSequence();
        tables().update("DELETE FROM " + tables().logTable() + " WHERE sequence_no = ?", last);
        assertBroken(last, BreakKind.REMOVED);
    }

    @Test
    @DisplayName("two rows swapped by hand are named at the first of them, as reordered")
    void swappedRows() {
        long target = middleOfTheTrail();
        Map<String, Object> a = tables().row(target);
        Map<String, Object> b = tables().row(target + 2);
        tables().overwrite(target, b);
        tables().overwrite(target + 2, a);

        assertBroken(target, BreakKind.REORDERED);
    }

    @Test
    @DisplayName("a row inserted by hand after the last one is named, as inserted")
    void insertedRow() {
        middleOfTheTrail();
        long last = tables().lastSequence();
        Map<String, Object> copy = new java.util.LinkedHashMap<>(tables().row(last - 1));
        copy.put("sequence_no", last + 1);
        tables().insert(tables().logTable(), copy);

        assertBroken(last + 1, BreakKind.INSERTED);
    }

    @Test
    @DisplayName("an entry that cannot be written rolls its change back: the head row removed by hand")
    void aFailureWritingTheEntryRollsTheChangeBack() {
        Contact contact = contactWithContractHistory(kit.users.manager());
        Map<String, Object> head = tables().rows("SELECT * FROM " + tables().headTable()).get(0);
        tables().update("DELETE FROM " + tables().headTable());
        try {
            CrmSession manager = kit.as(kit.users.manager());
            assertThatThrownBy(() -> manager.contacts().update(ContactPatch.of(contact).set(LEAD_SCORE, 77).build()))
                    .isInstanceOfAny(CrmConfigurationException.class, CrmStoreException.class);
        } finally {
            tables().insert(tables().headTable(), head);
        }
        assertThat(kit.as(kit.users.manager()).contacts().get(contact.id()).values().get(LEAD_SCORE))
                .isEqualTo(contact.values().get(LEAD_SCORE));
        assertThat(admin().audit().verify().intact()).isTrue();
    }

    // ---- retention --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a retention period of zero or less is refused, naming it")
    void retentionMustBePositive() {
        for (int days : new int[]{0, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> admin().audit().purgeOlderThan(days))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.first().field()).isEqualTo("retentionDays");
                        assertThat(e.first().rule()).isEqualTo("min");
                    });
        }
    }

    /** A second {@code Crm} over the kit's store whose clock runs {@code days} ahead. */
    private Crm later(int days, byte[] key) {
        Crm.Builder builder = Crm.builder().store(kit.store).closeStoreOnClose(false)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(days)));
        if (key != null) {
            builder.auditKey(key);
        }
        return builder.build();
    }

    @Test
    @DisplayName("a purge leaves a checkpoint: what remains verifies, and later entries chain on")
    void purgeKeepsTheChainVerifiable() {
        contactWithContractHistory(kit.users.manager());
        try (Crm later = later(400, null)) {
            PurgeReport report = later.as(kit.users.admin()).audit().purgeOlderThan(30);

            assertThat(report.purged()).isGreaterThan(5);
            assertThat(report.checkpointSequence()).isGreaterThan(report.purgedThrough());
            assertThat(later.as(kit.users.admin()).audit().verify().intact()).isTrue();
            Contact fresh = SeedRoles.contactOwnedBy(later, kit.users, kit.users.manager(),
                    Map.of(StandardFields.EMAIL, "after-purge@example.com"));
            assertThat(fresh.id()).isPositive();
            assertThat(later.as(kit.users.admin()).audit().verify().intact()).isTrue();
            assertThat(later.as(kit.users.admin()).audit().purgeOlderThan(30).purged()).as("nothing old enough")
                    .isZero();
        }
    }

    @Test
    @DisplayName("a forged checkpoint is detected: verification names it, as altered")
    void forgedCheckpoint() {
        contactWithContractHistory(kit.users.manager());
        PurgeReport report;
        try (Crm later = later(400, null)) {
            report = later.as(kit.users.admin()).audit().purgeOlderThan(30);
        }
        Map<String, Object> checkpoint = tables().row(report.checkpointSequence());
        String forged = ((String) checkpoint.get("changes")).replace("\"" + report.purgedThrough() + "\"",
                "\"" + (report.purgedThrough() - 1) + "\"");
        assertThat(forged).isNotEqualTo(checkpoint.get("changes"));
        tables().update("UPDATE " + tables().logTable() + " SET changes = ? WHERE sequence_no = ?", forged,
                report.checkpointSequence());

        assertBroken(report.checkpointSequence(), BreakKind.ALTERED);
    }

    @Test
    @DisplayName("with a host key, an entry rewritten with a recomputed plain SHA-256 hash is still caught")
    void keyedChainResistsRecomputedHashes() {
        byte[] key = "a host secret of 32 bytes or more!".getBytes(StandardCharsets.UTF_8);
        try (Crm keyed = later(400, key)) {
            CrmSession root = keyed.as(kit.users.admin());
            root.audit().purgeOlderThan(30); // the keyed chain starts at this checkpoint
            SeedRoles.contactOwnedBy(keyed, kit.users, kit.users.manager(), Map.of(StandardFields.EMAIL,
                    "keyed@example.com"));
            assertThat(root.audit().verify().intact()).isTrue();
            assertThat(admin().audit().verify().intact()).as("verified without the key").isFalse();

            long last = tables().lastSequence();
            Map<String, Object> row = tables().row(last);
            io.roostcrm.core.spi.AuditLink link = new io.roostcrm.core.spi.AuditLink(last,
                    Instant.parse("2026-01-01T00:00:00Z"), 0, "", "forged", "CONTACT", "1", 1, "UPDATE", "[]",
                    (String) row.get("previous_hash"), "");
            String recomputed = io.roostcrm.core.spi.AuditChain.sha256().hash(link);
            tables().update("UPDATE " + tables().logTable() + " SET changes = ?, entry_hash = ? WHERE sequence_no = ?",
                    "[]", recomputed, last);

            assertThat(root.audit().verify()).isInstanceOfSatisfying(AuditVerification.Broken.class,
                    b -> assertThat(b.sequence()).isEqualTo(last));
        }
    }

    @Test
    @DisplayName("an audit key shorter than 32 bytes is refused, naming the setting")
    void shortAuditKeyIsRefused() {
        assertThatThrownBy(() -> Crm.builder().auditKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auditKey was 31 bytes long but it must be 32 to 1,024 bytes");
    }
}
