package io.roostcrm.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams contacts out through the secured list path, one keyset page of {@value #PAGE} at a time (each page one
 * unit of work), so memory stays constant however many contacts there are. Only readable fields are written:
 * in CSV the header is the fields readable somewhere and a cell the caller may not read on that row is empty; in
 * JSON each object has only the keys readable on that row. CSV text cells that a spreadsheet would run as a formula
 * are escaped ({@link SpreadsheetCells}).
 */
final class ContactExporter {

    static final int PAGE = 1_000;
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> META = List.of("id", "owner", "created_at", "updated_at");

    private ContactExporter() {
    }

    /**
     * Streams the export, a page per unit of work. The columns are the fields readable when the export starts; each
     * page is guarded and masked with the rights of its own unit of work, so a right revoked during a long export
     * binds its next page (the field's cells stay empty from then on) and a filter on a field no longer readable
     * stops it.
     */
    static long export(DefaultCrmSession session, Filter filter, ExportFormat format, Writer out) {
        DefaultCrmSession.CallScope call = session.call("contacts.export");
        Access access = call.work(Call::access);
        QueryGuard.filter(access, filter);
        List<FieldDefinition> fields = access.readableFields();
        try {
            long rows = format == ExportFormat.CSV
                    ? csv(call, filter, fields, out)
                    : json(call, filter, fields, out);
            // Who exported, what filter, how many rows, which format (issue 12): in a unit of work of its own.
            call.work(unit -> {
                unit.record(Changes.export(format.name(), rows, filterFields(filter)));
                return null;
            });
            return rows;
        } catch (IOException e) {
            // The host's writer failed: an I/O failure, reported like a store's (no CrmException says "I/O").
            throw new CrmStoreException("could not write the export: the writer failed", e);
        }
    }

    private interface PageSink {
        void accept(List<Contact> contacts) throws IOException;
    }

    private static long pages(DefaultCrmSession.CallScope call, Filter filter, PageSink sink) throws IOException {
        Keyset after = Keyset.start();
        long count = 0;
        while (true) {
            Keyset position = after;
            ContactService.PageResult page = call.work(unit -> ContactService.page(unit, filter, List.of(),
                    (keys, access) -> position, PAGE));
            sink.accept(page.contacts());
            count += page.contacts().size();
            if (!page.hasNext()) {
                return count;
            }
            after = page.last();
        }
    }

    // ---- CSV --------------------------------------------------------------------------------------------------

    private static long csv(DefaultCrmSession.CallScope call, Filter filter, List<FieldDefinition> fields,
                            Writer out) throws IOException {
        List<String> header = new ArrayList<>(META);
        fields.forEach(f -> header.add(f.key()));
        writeCsvRow(out, header);
        long count = pages(call, filter, contacts -> {
            for (Contact c : contacts) {
                List<String> cells = new ArrayList<>(header.size());
                cells.add(Long.toString(c.id()));
                cells.add(c.owner().isPresent() ? Long.toString(c.owner().getAsLong()) : "");
                cells.add(c.createdAt().toString());
                cells.add(c.updatedAt().toString());
                for (FieldDefinition field : fields) {
                    Object value = c.values().get(field.key());
                    cells.add(value == null ? "" : SpreadsheetCells.escape(field.type(), FieldValues.format(field, value)));
                }
                writeCsvRow(out, cells);
            }
        });
        out.flush();
        return count;
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; lines end in CRLF. */
    static void writeCsvRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i);
            boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0 || (!cell.isEmpty() && (cell.charAt(0) == ' ' || cell.endsWith(" ")));
            if (quote) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }

    // ---- JSON -------------------------------------------------------------------------------------------------

    private static long json(DefaultCrmSession.CallScope call, Filter filter, List<FieldDefinition> fields,
                             Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        // The caller owns the writer: the generator must neither close it nor hold it open.
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartArray();
        long count = pages(call, filter, contacts -> {
            for (Contact c : contacts) {
                g.writeStartObject();
                g.writeNumberField("id", c.id());
                if (c.owner().isPresent()) {
                    g.writeNumberField("owner", c.owner().getAsLong());
                } else {
                    g.writeNullField("owner");
                }
                g.writeStringField("created_at", c.createdAt().toString());
                g.writeStringField("updated_at", c.updatedAt().toString());
                for (FieldDefinition field : fields) {
                    Object value = c.values().get(field.key());
                    if (value != null) {
                        g.writeFieldName(field.key());
                        writeValue(g, value);
                    }
                }
                g.writeEndObject();
            }
            g.flush();
        });
        g.writeEndArray();
        g.close();
        out.flush();
        return count;
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                g.writeString(String.valueOf(item));
            }
            g.writeEndArray();
        } else {
            // Strings, and dates and date-times in ISO-8601.
            g.writeString(value.toString());
        }
    }

    /** The field keys a filter names, in order, once each. */
    static List<String> filterFields(Filter filter) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        collect(filter, keys);
        return List.copyOf(keys);
    }

    private static void collect(Filter filter, java.util.Set<String> keys) {
        if (filter instanceof Filter.Compare c) {
            keys.add(c.field());
        } else if (filter instanceof Filter.In in) {
            keys.add(in.field());
        } else if (filter instanceof Filter.Text t) {
            keys.add(t.field());
        } else if (filter instanceof Filter.IsEmpty e) {
            keys.add(e.field());
        } else if (filter instanceof Filter.And and) {
            and.filters().forEach(f -> collect(f, keys));
        } else if (filter instanceof Filter.Or or) {
            or.filters().forEach(f -> collect(f, keys));
        } else if (filter instanceof Filter.Not not) {
            collect(not.filter(), keys);
        }
    }
}
