package io.roostcrm.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportOptions.BadRows;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.io.ImportReport.RowError;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.Rule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CSV import. The header is checked as a whole before any row is written (an unknown or hidden column, or one the
 * caller may not set, refuses the import). Rows are read in a streaming fashion and written in batches, each batch
 * one unit of work: a batch with a bad row writes nothing (its good rows are reported as rolled back), other batches
 * land. Errors name the row, field and rule, never the value.
 */
final class CsvImporter {

    private static final CsvFactory CSV = new CsvFactory();
    private static final String EMAIL = StandardFields.EMAIL;

    private final DefaultCrmSession.CallScope call;
    /** The access the header was checked with; each batch checks its rows with its own unit of work's access. */
    private final Access access;
    private final ImportOptions options;
    private final ImportListener listener;

    /** The required fields the importer can read (hidden ones are never demanded, see ContactService). */
    private final List<FieldDefinition> required;
    private final List<RowError> errors = new ArrayList<>();
    private long rowsRead;
    private long imported;
    private long rolledBack;
    private long failedRows;
    /** The owner of created contacts, 0 for none; resolved once the header passed. */
    private long ownerId;

    private CsvImporter(DefaultCrmSession session, ImportOptions options, ImportListener listener) {
        this.call = session.call("contacts.import");
        this.access = call.work(Call::access);
        this.options = options;
        this.listener = listener;
        this.required = access.readableFields().stream().filter(FieldDefinition::required).toList();
    }

    static ImportReport run(DefaultCrmSession session, Reader csv, ImportOptions options, ImportListener listener) {
        return new CsvImporter(session, options, listener).run(csv);
    }

    private ImportReport run(Reader csv) {
        if (!access.policy().canCreateContact()) {
            throw new CrmPermissionDeniedException(Rule.MISSING_CREATE_RIGHT, "you may not create contacts");
        }
        try (CsvParser parser = CSV.createParser(csv)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<String> header;
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return report();
                }
                header = nextRecord(parser);
            } catch (IOException e) {
                throw badInput(e).map(v -> new CrmValidationException(new Violation("header", v.rule(),
                        "the CSV header row " + v.message()))).orElseThrow(() -> readerFailed(e));
            }
            if (header == null) {
                return report();
            }
            List<FieldDefinition> columns = columns(header);
            ownerId = owner();
            List<Pending> batch = new ArrayList<>(options.batchSize());
            Set<String> batchEmails = new HashSet<>();
            boolean more = true;
            while (more) {
                Pending row;
                try {
                    List<String> record = nextRecord(parser);
                    if (record == null) {
                        break;
                    }
                    row = parse(++rowsRead, record, columns);
                } catch (IOException e) {
                    // Malformed CSV (e.g. an unbalanced quote) or text its decoder refused: the parser cannot
                    // resynchronise, so this is the last row read; it fails, its batch rolls back, earlier batches
                    // stay. Anything else is the reader failing, which is no fault of the data.
                    Violation bad = badInput(e).orElseThrow(() -> readerFailed(e));
                    row = new Pending(++rowsRead, Map.of(), List.of(new RowError(rowsRead, "", bad.rule(),
                            "row " + rowsRead + " " + bad.message())));
                    more = false;
                }
                Object email = row.values.get(EMAIL);
                if (email != null && !batchEmails.add((String) email)) {
                    row.errors.add(new RowError(row.number, EMAIL, "unique",
                            "field 'email' must be unique; an earlier row in the file has the same value"));
                }
                batch.add(row);
                if (batch.size() == options.batchSize()) {
                    flush(batch);
                    batch.clear();
                    batchEmails.clear();
                }
            }
            if (!batch.isEmpty()) {
                flush(batch);
            }
            return report();
        } catch (IOException e) {
            // Closing the parser closes the reader.
            throw readerFailed(e);
        }
    }

    /**
     * What is wrong with the input, when a read failed because of it: not well-formed CSV (the parser's own
     * exceptions) or not text in the reader's encoding (a strict decoder's {@link CharacterCodingException}). Empty
     * when the reader itself failed.
     */
    private static Optional<Violation> badInput(IOException e) {
        if (e instanceof CharacterCodingException) {
            return Optional.of(new Violation("", "encoding", "is not valid text in the input's character encoding"));
        }
        if (e instanceof JsonProcessingException) {
            return Optional.of(new Violation("", "malformed", "is not well-formed CSV"));
        }
        return Optional.empty();
    }

    /** The reader failed (a lost file, a closed stream): an I/O failure, never reported as bad data. */
    private static CrmStoreException readerFailed(IOException e) {
        return new CrmStoreException("could not read the CSV input: the reader failed", e);
    }

    /** The owner the options name, checked to exist. */
    private long owner() {
        ImportOptions.Owner owner = options.owner();
        if (owner instanceof ImportOptions.Owner.ImportingUser) {
            return access.userId();
        }
        if (owner instanceof ImportOptions.Owner.GivenUser given) {
            if (call.work(unit -> unit.tx().users().find(given.userId())).isEmpty()) {
                throw new CrmValidationException(Violation.of("owner", "unknown_user", "must be an existing user"));
            }
            return given.userId();
        }
        return 0;
    }

    private ImportReport report() {
        return new ImportReport(rowsRead, imported, rolledBack, errors);
    }

    /** The next record's cells, or {@code null} at the end. */
    private static List<String> nextRecord(CsvParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new JsonParseException(parser, "unexpected CSV token");
        }
        List<String> cells = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new JsonParseException(parser, "truncated CSV record");
            }
            cells.add(parser.getText());
        }
        return cells;
    }

    /**
     * Maps the header to fields. Any problem refuses the whole import with one exception listing every bad column:
     * unknown or hidden (alike), mapped twice, not settable when creating, and (without upsert) each required field
     * that has no column.
     */
    private List<FieldDefinition> columns(List<String> header) {
        List<Violation> violations = new ArrayList<>();
        List<FieldDefinition> columns = new ArrayList<>(header.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            String key = options.columnMapping().getOrDefault(name, name);
            FieldDefinition field = access.readableField(key);
            if (field == null) {
                violations.add(Access.unknownField(name));
            } else if (!seen.add(key)) {
                violations.add(Violation.of(TextRules.shown(name), "duplicate_column",
                        "is mapped to a field that another column sets"));
            } else if (!access.policy().canCreate(key)) {
                // Readable, so naming it gives nothing away; in one list with the others, so one run shows them all.
                violations.add(Violation.of(key, "permission_denied", "may not be set when creating a contact"));
            }
            columns.add(field);
        }
        if (!options.upsert()) {
            // With upsert a row may update a stored contact; a new one is checked row by row (see write).
            ContactService.requirePresent(access, seen, violations);
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
        return columns;
    }

    private Pending parse(long number, List<String> record, List<FieldDefinition> columns) {
        Pending row = new Pending(number, new LinkedHashMap<>(columns.size() * 2), new ArrayList<>());
        if (record.size() != columns.size()) {
            row.errors.add(new RowError(number, "", "column_count", "row " + number + " has " + record.size()
                    + " columns but the header has " + columns.size()));
            return row;
        }
        for (int i = 0; i < columns.size(); i++) {
            String cell = record.get(i);
            if (cell == null || cell.isBlank()) {
                continue; // an empty cell is no value
            }
            FieldDefinition field = columns.get(i);
            try {
                row.values.put(field.key(), FieldValues.parse(field, SpreadsheetCells.unescape(cell)));
            } catch (CrmValidationException e) {
                for (Violation v : e.violations()) {
                    row.errors.add(new RowError(number, v.field(), v.rule(), v.message()));
                }
            }
        }
        if (!options.upsert() || !row.values.containsKey(EMAIL)) {
            for (FieldDefinition field : required) {
                if (!row.values.containsKey(field.key())
                        && row.errors.stream().noneMatch(e -> e.field().equals(field.key()))) {
                    row.errors.add(new RowError(number, field.key(), "required", "field '" + field.key() + "' is required"));
                }
            }
        }
        return row;
    }

    /**
     * Checks a batch against the store and writes it, in one unit of work. With {@link BadRows#ROLL_BACK_BATCH} it
     * writes nothing of the batch if any row is bad; with {@link BadRows#SKIP_ROW} it writes the good rows. Rows that
     * already failed to parse are left out of the store checks, so every bad row is reported.
     */
    private void flush(List<Pending> batch) {
        List<RowError> batchErrors = new ArrayList<>();
        batch.forEach(r -> batchErrors.addAll(r.errors));
        List<Pending> parsed = batch.stream().filter(r -> r.errors.isEmpty()).toList();
        boolean writable = batchErrors.isEmpty() || options.badRows() == BadRows.SKIP_ROW;
        int written = 0;
        if (!parsed.isEmpty()) {
            // Without upsert the e-mail lookup only serves to name the rows that duplicate a stored contact. The
            // common batch has none, so it goes straight to the store, whose unique index refuses a duplicate and
            // rolls the unit of work back; only then is the batch checked row by row, in a second unit of work.
            boolean lookUpFirst = options.upsert() || !writable;
            Written result;
            try {
                result = call.work(unit -> write(unit, parsed, writable, lookUpFirst));
            } catch (CrmValidationException e) {
                if (lookUpFirst || !isUniqueEmail(e)) {
                    result = new Written(onFirstRow(batch, e), 0);
                } else {
                    try {
                        result = call.work(unit -> write(unit, parsed, true, true));
                    } catch (CrmValidationException again) {
                        result = new Written(onFirstRow(batch, again), 0);
                    }
                }
            }
            batchErrors.addAll(result.errors());
            written = result.rows();
        }
        batchErrors.sort(Comparator.comparingLong(RowError::row));
        Set<Long> bad = new HashSet<>();
        batchErrors.forEach(e -> bad.add(e.row()));
        errors.addAll(batchErrors);
        imported += written;
        failedRows += bad.size();
        rolledBack += batch.size() - bad.size() - written;
        listener.progress(rowsRead, imported, failedRows + rolledBack);
    }

    private static boolean isUniqueEmail(CrmValidationException e) {
        return e.violations().stream().anyMatch(v -> v.field().equals(EMAIL) && v.rule().equals("unique"));
    }

    /**
     * A conflict the checks could not foresee (e.g. a concurrent insert of the same e-mail): the store does not say
     * which row, so it is reported on the batch's first row, and nothing of the batch was written.
     */
    private static List<RowError> onFirstRow(List<Pending> batch, CrmValidationException e) {
        List<RowError> out = new ArrayList<>();
        for (Violation v : e.violations()) {
            out.add(new RowError(batch.get(0).number, v.field(), v.rule(), v.message()));
        }
        return out;
    }

    /** What a batch's unit of work found wrong, and how many rows it wrote. */
    private record Written(List<RowError> errors, int rows) {
    }

    /**
     * Inside the unit of work: the checks that need the store, then (if allowed) the writes: of every row when none
     * failed, or of the rows that did not fail under {@link BadRows#SKIP_ROW}. Without {@code lookUpEmails} no row is
     * matched to a stored contact, so a duplicate surfaces as the store's refusal of the insert.
     */
    private Written write(Call unit, List<Pending> batch, boolean writable, boolean lookUpEmails) {
        // Rights are those of this batch's unit of work: a right revoked during a long import binds its next batch.
        Access access = unit.access();
        StoreTransaction tx = unit.tx();
        Instant now = unit.now();
        List<RowError> found = new ArrayList<>();
        Map<Long, Boolean> stages = new HashMap<>();
        List<String> emails = new ArrayList<>();
        for (Pending row : batch) {
            Object stage = row.values.get(StandardFields.STAGE);
            if (stage != null && !stages.computeIfAbsent((Long) stage, id -> tx.stages().find(id).isPresent())) {
                Violation v = ContactService.unknownStage();
                found.add(new RowError(row.number, v.field(), v.rule(), v.message()));
            }
            Object email = row.values.get(EMAIL);
            if (email != null && lookUpEmails) {
                emails.add((String) email);
            }
        }
        Map<Object, Long> existing = emails.isEmpty() ? Map.of() : tx.contacts().findIdsBy(EMAIL, emails);
        Map<Long, Access.Loaded> targets = options.upsert() ? loadTargets(unit, existing.values()) : Map.of();
        Map<Long, NewContact> inserts = new LinkedHashMap<>();
        Map<Long, ContactChange> updates = new LinkedHashMap<>();
        for (Pending row : batch) {
            Long match = existing.get(row.values.get(EMAIL));
            if (match == null) {
                if (options.upsert()) {
                    // An upsert row that matched nothing is a new contact: it must pass the create checks.
                    List<Violation> missing = new ArrayList<>();
                    ContactService.requirePresent(access, row.values.keySet(), missing);
                    missing.forEach(v -> found.add(new RowError(row.number, v.field(), v.rule(), v.message())));
                }
                inserts.put(row.number, new NewContact(ownerId, now, row.values));
                continue;
            }
            Access.Loaded target = targets.get(match);
            if (target == null) {
                // Out of the caller's view (or no upsert): the same answer as a plain duplicate, nothing more.
                found.add(new RowError(row.number, EMAIL, "unique", "field 'email' must be unique"));
                continue;
            }
            String denied = firstNotUpdatable(access, target.ownership(), row.values.keySet());
            if (denied != null) {
                found.add(new RowError(row.number, denied, "permission_denied",
                        "field '" + denied + "' may not be changed on this contact"));
                continue;
            }
            updates.put(row.number, new ContactChange(match, target.row().version(), row.values, Set.of(), now));
        }
        if (!writable || (!found.isEmpty() && options.badRows() == BadRows.ROLL_BACK_BATCH)) {
            return new Written(found, 0);
        }
        found.forEach(e -> {
            inserts.remove(e.row());
            updates.remove(e.row());
        });
        if (!inserts.isEmpty()) {
            List<NewContact> created = List.copyOf(inserts.values());
            List<Long> ids = tx.contacts().insertAll(created);
            for (int i = 0; i < ids.size(); i++) {
                unit.record(Changes.contactCreated(ids.get(i), created.get(i).ownerId(), created.get(i).values()));
            }
        }
        if (!updates.isEmpty()) {
            // One call for the batch's matched rows (issue 13), which the store writes in a constant number of
            // statements; a stale row fails it and, with it, this unit of work, as one failing update did.
            List<ContactChange> changes = List.copyOf(updates.values());
            List<ContactReplaced> replaced = tx.contacts().updateAllReturning(changes);
            for (int i = 0; i < changes.size(); i++) {
                ContactChange change = changes.get(i);
                unit.record(Changes.contactUpdated(change.contactId(), replaced.get(i).previousValues(),
                        change.set(), change.clear()));
            }
        }
        if (!batch.isEmpty()) {
            unit.record(Changes.importBatch(batch.get(0).number, inserts.size(), updates.size(), found.size()));
        }
        return new Written(found, inserts.size() + updates.size());
    }

    private Map<Long, Access.Loaded> loadTargets(Call unit, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Access access = unit.access();
        List<ContactRow> rows = unit.select(a -> new ContactSelection(a.viewPredicate(), Map.of(),
                new Filter.IdIn(Set.copyOf(ids)), List.of(), Keyset.start(), ids.size()));
        Map<Long, Set<Long>> teams = access.ownerTeams(unit.tx(), rows);
        Map<Long, Access.Loaded> out = new HashMap<>();
        for (ContactRow row : rows) {
            Ownership ownership = Access.ownership(row.ownerId(), teams);
            if (access.policy().canView(ownership)) {
                out.put(row.id(), new Access.Loaded(row, null, ownership));
            }
        }
        return out;
    }

    private static String firstNotUpdatable(Access access, Ownership ownership, Set<String> keys) {
        if (!access.policy().canUpdate(ownership)) {
            return keys.isEmpty() ? "" : keys.iterator().next();
        }
        for (String key : keys) {
            if (!key.equals(EMAIL) && !access.policy().canUpdate(key, ownership)) {
                return key;
            }
        }
        return null;
    }

    /** A parsed row waiting for its batch. */
    private record Pending(long number, Map<String, Object> values, List<RowError> errors) {
    }
}
