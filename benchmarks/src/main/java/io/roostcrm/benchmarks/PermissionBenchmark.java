package io.roostcrm.benchmarks;

import io.roostcrm.permissions.FieldDescriptor;
import io.roostcrm.permissions.FieldRegistry;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.FieldSet;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.PermissionEngine;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.ScopeClass;
import io.roostcrm.permissions.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The permission engine's hot paths against a raw bit test and jCasbin, in one run.
 *
 * <p>Setting: a 50-field contact (5 standard fields, 45 custom fields) and a sales-representative role (view and
 * update OWNED) that reads 42 of them, including {@code contract_value}. The compiled {@link Policy} is held in
 * the benchmark state, as a request would hold it; every field question is by key.
 *
 * <p>jCasbin gets the equivalent RBAC policy, built in memory: request {@code (sub, obj, act)}, role definition
 * {@code g}, one line {@code p, sales_rep, field:<key>, <act>} per granted field right and {@code g, alice, sales_rep}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PermissionBenchmark {

    static final int FIELDS = 50;
    static final long USER = 42L;

    private static final String CASBIN_MODEL = String.join("\n",
            "[request_definition]",
            "r = sub, obj, act",
            "",
            "[policy_definition]",
            "p = sub, obj, act",
            "",
            "[role_definition]",
            "g = _, _",
            "",
            "[policy_effect]",
            "e = some(where (p.eft == allow))",
            "",
            "[matchers]",
            "m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act",
            "");

    // Non-final so the JIT cannot constant-fold the questions away.
    String fieldKey = "contract_value";
    ScopeClass scopeClass = ScopeClass.OWN;
    Ownership ownContact;
    Policy policy;
    Object[] row;
    Object[] masked;
    long[] words;
    int bitIndex;
    Enforcer enforcer;

    @Setup
    public void setUp() {
        List<FieldDescriptor> fields = new ArrayList<>(FIELDS);
        for (String key : List.of("email", "first_name", "last_name", "phone", "company")) {
            fields.add(FieldDescriptor.standard(key));
        }
        fields.add(FieldDescriptor.custom("contract_value"));
        while (fields.size() < FIELDS) {
            fields.add(FieldDescriptor.custom("custom_" + fields.size()));
        }
        FieldRegistry registry = FieldRegistry.of(fields);

        // Reads 42 of the 50 fields (all but every fifth custom one), updates all of those but contract_value.
        Role.Builder rep = Role.builder("sales_rep").viewScope(Scope.OWNED).updateScope(Scope.OWNED)
                .canCreateContacts(true);
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < FIELDS; i++) {
            String key = fields.get(i).key();
            if (i >= 5 && i % 5 == 0 && !key.equals("contract_value")) {
                continue;
            }
            granted.add(key);
            rep.field(key, key.equals("contract_value") ? FieldRights.READ_ONLY : FieldRights.FULL);
        }
        Subject alice = new Subject(USER, Set.of(7L), List.of(rep.build()));
        policy = PermissionEngine.over(registry).policy(alice);
        ownContact = Ownership.ownedBy(USER, Set.of(7L));

        row = new Object[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            row[i] = "value " + i;
        }
        masked = new Object[FIELDS];

        bitIndex = registry.indexOf("contract_value");
        words = new long[] {0x5555_5555_5555_5555L | (1L << bitIndex)};

        Model model = new Model();
        model.loadModelFromText(CASBIN_MODEL);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        for (String key : granted) {
            enforcer.addPolicy("sales_rep", "field:" + key, "read");
            if (!key.equals("contract_value")) {
                enforcer.addPolicy("sales_rep", "field:" + key, "update");
                enforcer.addPolicy("sales_rep", "field:" + key, "create");
            }
        }
        enforcer.addGroupingPolicy("alice", "sales_rep");

        if (!policy.canRead(fieldKey, scopeClass) || !policy.canRead(fieldKey, ownContact)
                || !enforcer.enforce("alice", "field:contract_value", "read") || !bitTest()
                || policy.readable(ownContact).size() != granted.size()) {
            throw new IllegalStateException("benchmark setting does not grant what it should");
        }
    }

    // ---- (i) one field decision -----------------------------------------------------------------------------

    /** One field decision by key on a contact whose scope class is known (one classify per row, then fields). */
    @Benchmark
    public boolean canReadByKeyAndScopeClass() {
        return policy.canRead(fieldKey, scopeClass);
    }

    /** One field decision by key on a contact given by its ownership (classifies it first). */
    @Benchmark
    public boolean canReadByKeyAndOwnership() {
        return policy.canRead(fieldKey, ownContact);
    }

    // ---- (ii) the readable set of a 50-field contact --------------------------------------------------------

    /** The readable set of a 50-field contact (the compiled set; no copy). */
    @Benchmark
    public FieldSet readableSet() {
        return policy.readable(ownContact);
    }

    /** The readable set, iterated by dense index. */
    @Benchmark
    public int readableSetIterated() {
        FieldSet readable = policy.readable(ownContact);
        int sum = 0;
        for (int i = readable.nextIndex(0); i >= 0; i = readable.nextIndex(i + 1)) {
            sum += i;
        }
        return sum;
    }

    /** The readable set's keys as a list (allocates). */
    @Benchmark
    public List<String> readableKeys() {
        return policy.readable(ownContact).keys();
    }

    /** Mask a 50-field row: copy the readable values into a reused output row, clearing the rest. */
    @Benchmark
    public Object[] maskRow() {
        FieldSet readable = policy.readable(ownContact);
        Object[] out = masked;
        Arrays.fill(out, null);
        for (int i = readable.nextIndex(0); i >= 0; i = readable.nextIndex(i + 1)) {
            out[i] = row[i];
        }
        return out;
    }

    /** Mask a 50-field row into a freshly allocated output row, as a store building a result would. */
    @Benchmark
    public Object[] maskRowIntoNewArray() {
        FieldSet readable = policy.readable(ownContact);
        Object[] out = new Object[FIELDS];
        for (int i = readable.nextIndex(0); i >= 0; i = readable.nextIndex(i + 1)) {
            out[i] = row[i];
        }
        return out;
    }

    // ---- (iii) baseline: a raw bit test ---------------------------------------------------------------------

    /** The floor: one bit test on a long[] with no lookup at all. */
    @Benchmark
    public boolean rawBitTest() {
        return bitTest();
    }

    private boolean bitTest() {
        int i = bitIndex;
        return (words[i >>> 6] & (1L << i)) != 0;
    }

    // ---- (iv) baseline: jCasbin -----------------------------------------------------------------------------

    /** The same field decision asked of jCasbin's RBAC enforcer. */
    @Benchmark
    public boolean casbinEnforce() {
        return enforcer.enforce("alice", "field:contract_value", "read");
    }
}
