package io.roostcrm.benchmarks.store;

import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Page;
import io.roostcrm.permissions.Subject;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A permission-filtered page of 50 contacts out of 1,000,000, through Roost, against the same query hand-written in
 * jOOQ on the same pool; and a page deep in the user's visible set against page 1.
 *
 * <p>The user has one role, view and update OWNED, reading 20 of the 40 fields (11 standard, 9 custom). Owners are
 * spread over 200 users and 2 % of the contacts are unassigned, so the user sees about 2.5 % of the rows (own
 * contacts and unassigned ones), scattered over the whole id range. Pages are sorted by id (the default) and walked
 * by keyset cursor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ContactPageBenchmark {

    /** Roughly how deep into the user's visible set the deep page starts (bounded by the set's size, see setup). */
    static final int DEEP_ROWS = 40_000;

    /** The database: {@code h2} or {@code postgresql}. */
    @Param({BenchDatabase.H2, BenchDatabase.POSTGRESQL})
    public String database;

    private BenchDatabase db;
    private CrmSession user;
    private ContactQuery page1;
    private ContactQuery deepPage;
    private List<String> keys;
    private List<Field<Object>> selected;

    /** Opens (loading if needed) the database, finds the deep cursor and checks Roost against the baseline. */
    @Setup(Level.Trial)
    public void setup() {
        db = BenchDatabase.openLoaded(database, 0);
        user = db.crm.as(new Subject(BenchData.USER, Set.of(), List.of(BenchData.salesRole())));
        page1 = ContactQuery.builder().pageSize(50).build();

        keys = new ArrayList<>();
        selected = new ArrayList<>();
        for (String meta : List.of("id", "version", "owner_id", "created_at", "updated_at")) {
            keys.add(meta);
            selected.add(DSL.field(DSL.name(meta), metaType(meta)));
        }
        for (String key : BenchData.READABLE) {
            FieldDefinition field = db.fields.get(key);
            keys.add(key);
            selected.add(DSL.field(DSL.name(db.columns.get(key)), columnType(field)));
        }

        long visible = db.jooq.fetchCount(DSL.table(DSL.name("roost_contact")), owned());
        // The visible set is about 25,000 rows: start the deep page 40,000 rows in, or 80 % of the way when the set is
        // smaller than that.
        long depth = Math.min(DEEP_ROWS, visible * 8 / 10) / 1_000 * 1_000;
        ContactQuery walk = ContactQuery.builder().pageSize(1_000).build();
        String cursor = null;
        for (long walked = 0; walked < depth; walked += 1_000) {
            Page<Contact> page = user.contacts().list(cursor == null ? walk : walk.after(cursor));
            cursor = page.nextCursor().orElseThrow(() -> new IllegalStateException("the visible set ended early"));
        }
        deepPage = ContactQuery.builder().pageSize(50).after(cursor).build();

        Page<Contact> first = roostPage1();
        Page<Contact> deep = roostDeepPage();
        List<Map<String, Object>> hand = handWrittenJooqPage1();
        List<Long> firstIds = first.items().stream().map(Contact::id).toList();
        List<Long> handIds = hand.subList(0, 50).stream().map(m -> (Long) m.get("id")).toList();
        if (first.items().size() != 50 || deep.items().size() != 50 || hand.size() != 51 || !firstIds.equals(handIds)
                || !first.hasNext() || first.items().get(0).values().keySet().stream().anyMatch(k -> !keys.contains(k))) {
            throw new IllegalStateException("Roost and the hand-written query disagree: " + firstIds + " vs " + handIds);
        }
        BenchDatabase.log(String.format("%s: user %d sees %,d of %,d contacts; deep page starts %,d rows in, at id %d",
                database, BenchData.USER, visible, BenchData.CONTACTS, depth, deep.items().get(0).id()));
    }

    BenchDatabase database() {
        return db;
    }

    List<Field<Object>> selected() {
        return selected;
    }

    /** Closes the CRM and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    /** Roost: the first page of 50, filtered by the user's scope and fields, mapped to contacts. */
    @Benchmark
    public Page<Contact> roostPage1() {
        return user.contacts().list(page1);
    }

    /** Roost: a page of 50 continuing after a cursor deep in the user's visible set. */
    @Benchmark
    public Page<Contact> roostDeepPage() {
        return user.contacts().list(deepPage);
    }

    /**
     * The same page by hand: the 5 row columns and the 20 readable columns (plain: the fields' read scope is the view
     * scope), {@code WHERE owner_id = ? OR owner_id IS NULL ORDER BY id LIMIT 51}, each row mapped to a map of its
     * non-null values.
     */
    @Benchmark
    public List<Map<String, Object>> handWrittenJooqPage1() {
        List<Map<String, Object>> rows = new ArrayList<>(51);
        for (Record r : db.jooq.select(selected).from(DSL.table(DSL.name("roost_contact"))).where(owned())
                .orderBy(DSL.field(DSL.name("id"))).limit(51).fetch()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Object value = r.get(i);
                if (value != null) {
                    row.put(keys.get(i), value);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static org.jooq.Condition owned() {
        Field<Long> owner = DSL.field(DSL.name("owner_id"), SQLDataType.BIGINT);
        return owner.eq(BenchData.USER).or(owner.isNull());
    }

    @SuppressWarnings("unchecked")
    private static DataType<Object> metaType(String column) {
        return (DataType<Object>) (DataType<?>) (column.endsWith("_at") ? SQLDataType.LOCALDATETIME(6) : SQLDataType.BIGINT);
    }

    @SuppressWarnings("unchecked")
    private static DataType<Object> columnType(FieldDefinition field) {
        DataType<?> type = switch (field.type()) {
            case NUMBER -> SQLDataType.DECIMAL(21, 6);
            case DATE -> SQLDataType.LOCALDATE;
            case DATETIME -> SQLDataType.LOCALDATETIME(0);
            case CHECKBOX -> SQLDataType.BOOLEAN;
            case STAGE -> SQLDataType.BIGINT;
            default -> SQLDataType.VARCHAR;
        };
        return (DataType<Object>) type;
    }
}
