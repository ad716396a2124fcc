package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes starting at the same moment on an empty database: both migrations and both stage seedings run
 * at once, and both nodes must start, with the schema migrated once, the default stages seeded once (issue 8) and
 * one cursor key that both use (issue 10 item 9).
 */
abstract class ConcurrentStartTest {

    private static final int ROUNDS = 4;

    @TempDir
    Path directory;

    abstract TestDatabase database();

    @Test
    void twoNodesStartingAtOnceOnAnEmptyDatabaseBothStartAndSeedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String schema = "roost_start_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                Path file = directory.resolve(schema);
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Crm> node = () -> {
                    together.await(30, TimeUnit.SECONDS);
                    CrmStore store = database().builderForSchema(schema, file).build();
                    return Crm.builder().store(store).build();
                };
                List<Future<Crm>> started = List.of(pool.submit(node), pool.submit(node));
                List<Crm> nodes = new ArrayList<>();
                try {
                    for (Future<Crm> f : started) {
                        nodes.add(f.get(120, TimeUnit.SECONDS));
                    }
                    Subject root = new Subject(1, Set.of(), List.of(Role.superAdmin("root")));
                    for (Crm crm : nodes) {
                        List<Stage> stages = crm.as(root).stages().all();
                        assertThat(stages).as("round %d", round).extracting(Stage::name)
                                .containsExactlyElementsOf(Stage.DEFAULT_NAMES);
                    }
                    // Both nodes created the cursor key at once, and agree on the one the store kept (issue 10
                    // item 9): a cursor from either node pages on the other.
                    for (int i = 1; i <= 3; i++) {
                        nodes.get(0).as(root).contacts().create(ContactDraft.builder()
                                .set("email", "start" + i + "@example.com").build());
                    }
                    for (int from = 0; from < 2; from++) {
                        String cursor = nodes.get(from).as(root).contacts().list(ContactQuery.builder().pageSize(1)
                                .build()).nextCursor().orElseThrow();
                        assertThat(nodes.get(1 - from).as(root).contacts().list(ContactQuery.builder().pageSize(1)
                                .after(cursor).build()).items()).as("round %d, a cursor from node %d", round, from)
                                .hasSize(1);
                    }
                } finally {
                    for (Future<Crm> f : started) {
                        if (f.isDone() && !f.isCancelled()) {
                            try {
                                f.get().close();
                            } catch (Exception ignored) {
                                // reported by the assertions above
                            }
                        }
                    }
                    if (database().kind() != TestDatabase.Kind.H2) {
                        database().dropSchema(schema);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
