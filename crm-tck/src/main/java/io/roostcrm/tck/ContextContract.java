package io.roostcrm.tck;

import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.WorkContext;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A unit of work serves one call, and knows it: {@code StoreTransaction.context()} is the {@code WorkContext} the
 * unit of work was opened with (who acts, the time from the {@code Crm}'s clock, the client's address, the call's
 * correlation id), and a unit of work opened without one runs as the system. The change log records that context
 * with every entry, exactly, so that the audit trail can say who changed what, when, from where and in which call.
 *
 * <p>The contexts here carry times in whole milliseconds, which every database's timestamp keeps; the system's own
 * "now" is compared by actor, address and correlation id only.
 */
abstract class ContextContract extends KitSupport {

    /** A user acting from an IPv4 address, with a request id. */
    private static final WorkContext ADA = WorkContext.of(Actor.user(42), Instant.parse("2026-03-07T08:15:42.123Z"))
            .withClientAddress("203.0.113.7").withCorrelationId("req-42:trace.7_a");
    /** Another user, from an IPv6 address with a zone, with a generated correlation id. */
    private static final WorkContext GRACE = WorkContext.of(Actor.user(7), Instant.parse("2026-03-07T08:15:43Z"))
            .withClientAddress("fe80::1%eth0");
    /** The system, at a given time, with no address. */
    private static final WorkContext SYSTEM = WorkContext.system(Instant.parse("2026-03-07T08:15:44.5Z"))
            .withCorrelationId("nightly-import");

    ContextContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("context() is the context the unit of work was opened with: actor, time, address, correlation id")
    void contextIsTheOnePassedIn() {
        assertSoftly(softly -> {
            for (WorkContext context : List.of(ADA, GRACE, SYSTEM)) {
                WorkContext seen = store().transactionResult(context, tx -> tx.context());
                softly.assertThat(seen).as("context of a unit of work opened with %s", context).isEqualTo(context);
                softly.assertThat(seen.actor()).as("actor").isEqualTo(context.actor());
                softly.assertThat(seen.time()).as("time").isEqualTo(context.time());
                softly.assertThat(seen.clientAddress()).as("client address").isEqualTo(context.clientAddress());
                softly.assertThat(seen.correlationId()).as("correlation id").isEqualTo(context.correlationId());
            }
        });
    }

    @Test
    @DisplayName("context() is the same all through the unit of work, before and after its writes")
    void contextIsStableThroughTheUnitOfWork() {
        List<WorkContext> seen = store().transactionResult(ADA, tx -> {
            WorkContext first = tx.context();
            tx.stages().insert(new Stage(0, "Lead", 1));
            return List.of(first, tx.context());
        });

        assertThat(seen).containsExactly(ADA, ADA);
    }

    @Test
    @DisplayName("a unit of work opened without a context runs as the system, with no client address")
    void plainUnitOfWorkRunsAsTheSystem() {
        WorkContext seen = store().transactionResult(tx -> tx.context());

        assertSoftly(softly -> {
            softly.assertThat(seen.actor()).as("actor").isEqualTo(Actor.system());
            softly.assertThat(seen.actor().userId()).as("actor's user id").isZero();
            softly.assertThat(seen.clientAddress()).as("client address").isEmpty();
            softly.assertThat(seen.correlationId()).as("correlation id").isNotEmpty();
        });
    }

    @Test
    @DisplayName("change-log entries carry exactly the context of the unit of work that appended them")
    void changeLogEntriesCarryTheirUnitOfWorksContext() {
        assumeFeature(StoreFeature.CHANGE_LOG);
        for (WorkContext context : List.of(ADA, GRACE, SYSTEM)) {
            store().transaction(context, tx -> {
                tx.changeLog().orElseThrow().append(change(context, 1));
                tx.changeLog().orElseThrow().append(change(context, 2));
            });
        }
        WorkContext plain = store().transactionResult(tx -> {
            tx.changeLog().orElseThrow().append(new Change(ChangeEntity.ACCESS, "plain", 0, ChangeOperation.REFUSE,
                    List.of()));
            return tx.context();
        });

        List<ChangeEntry> entries = wholeChangeLog();

        assertThat(entries).as("entries").hasSize(7);
        assertSoftly(softly -> {
            int i = 0;
            for (WorkContext context : List.of(ADA, GRACE, SYSTEM)) {
                for (int n = 1; n <= 2; n++, i++) {
                    softly.assertThat(entries.get(i).change()).as("entry %d", i).isEqualTo(change(context, n));
                    softly.assertThat(entries.get(i).context()).as("context of entry %d", i).isEqualTo(context);
                }
            }
            WorkContext logged = entries.get(6).context();
            softly.assertThat(logged.actor()).as("actor of the plain unit of work's entry").isEqualTo(Actor.system());
            softly.assertThat(logged.clientAddress()).as("its client address").isEmpty();
            softly.assertThat(logged.correlationId()).as("its correlation id").isEqualTo(plain.correlationId());
        });
    }

    /** A change that names the context's correlation id, so that entries of different units of work differ. */
    private static Change change(WorkContext context, int n) {
        return Change.of(ChangeEntity.CONTACT, n, n, ChangeOperation.UPDATE,
                List.of(FieldChange.set("first_name", context.correlationId() + " " + n)));
    }
}
