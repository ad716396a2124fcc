package io.roostcrm.benchmarks.store;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark data set: 40 contact fields (the 17 standard fields and 23 custom fields of mixed types), the
 * role that reads 20 of them, and a deterministic generator of field values.
 */
final class BenchData {

    /** Contacts in the large data set. */
    static final int CONTACTS = 1_000_000;
    /** Owners are users 1 to {@value}. */
    static final int USERS = 200;
    /** Percentage of contacts without owner (visible to every OWNED-scope user). */
    static final int UNASSIGNED_PERCENT = 2;
    /** The user whose pages are measured. */
    static final long USER = 42;

    /** The 23 custom fields, in definition order. The first 10 are the import's custom fields. */
    static final List<FieldDefinition> CUSTOM = List.of(
            FieldDefinition.custom("industry", FieldType.TEXT).build(),
            FieldDefinition.custom("annual_revenue", FieldType.NUMBER).build(),
            FieldDefinition.custom("renewal_date", FieldType.DATE).build(),
            FieldDefinition.custom("last_contacted", FieldType.DATETIME).build(),
            FieldDefinition.custom("tier", FieldType.SELECT).options("bronze", "silver", "gold", "platinum").build(),
            FieldDefinition.custom("interests", FieldType.MULTI_SELECT)
                    .options("crm", "email", "sales", "support", "billing").build(),
            FieldDefinition.custom("vip", FieldType.CHECKBOX).build(),
            FieldDefinition.custom("website", FieldType.URL).build(),
            FieldDefinition.custom("background", FieldType.TEXTAREA).build(),
            FieldDefinition.custom("referrer", FieldType.TEXT).build(),
            FieldDefinition.custom("employees", FieldType.NUMBER).build(),
            FieldDefinition.custom("first_purchase", FieldType.DATE).build(),
            FieldDefinition.custom("next_call", FieldType.DATETIME).build(),
            FieldDefinition.custom("region", FieldType.SELECT).options("emea", "amer", "apac").build(),
            FieldDefinition.custom("products", FieldType.MULTI_SELECT).options("a", "b", "c", "d").build(),
            FieldDefinition.custom("gdpr_consent", FieldType.CHECKBOX).build(),
            FieldDefinition.custom("linkedin", FieldType.URL).build(),
            FieldDefinition.custom("secondary_email", FieldType.EMAIL).build(),
            FieldDefinition.custom("mobile", FieldType.PHONE).build(),
            FieldDefinition.custom("account_code", FieldType.TEXT).build(),
            FieldDefinition.custom("credit_limit", FieldType.NUMBER).build(),
            FieldDefinition.custom("internal_notes", FieldType.TEXTAREA).build(),
            FieldDefinition.custom("segment", FieldType.SELECT).options("smb", "mid", "enterprise").build());

    /** The 20 fields the sales role reads: 11 standard, 9 custom (every custom type but e-mail and phone). */
    static final List<String> READABLE = List.of(
            StandardFields.EMAIL, StandardFields.FIRST_NAME, StandardFields.LAST_NAME, StandardFields.PHONE,
            StandardFields.COMPANY, StandardFields.JOB_TITLE, StandardFields.CITY, StandardFields.COUNTRY,
            StandardFields.STATUS, StandardFields.STAGE, StandardFields.CONTACT_TYPE,
            "industry", "annual_revenue", "renewal_date", "last_contacted", "tier", "interests", "vip", "website",
            "background");

    /** The import's columns: 8 standard fields and the first 10 custom fields. */
    static final List<FieldDefinition> IMPORT_FIELDS;

    static {
        List<FieldDefinition> fields = new ArrayList<>();
        for (String key : List.of(StandardFields.EMAIL, StandardFields.FIRST_NAME, StandardFields.LAST_NAME,
                StandardFields.PHONE, StandardFields.COMPANY, StandardFields.CITY, StandardFields.COUNTRY,
                StandardFields.STATUS)) {
            fields.add(StandardFields.find(key).orElseThrow());
        }
        fields.addAll(CUSTOM.subList(0, 10));
        IMPORT_FIELDS = List.copyOf(fields);
    }

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John",
        "Margaret", "Ken", "Radia", "Linus", "Sophie", "Tim", "Hedy", "Niklaus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen",
        "McCarthy", "Hamilton", "Thompson", "Perlman", "Torvalds", "Wilson", "Berners-Lee", "Lamarr", "Wirth"};
    private static final String[] TITLES = {"CEO", "CTO", "Engineer", "Buyer", "Office manager", "Analyst"};
    private static final String[] CITIES = {"Berlin", "Paris", "Lisbon", "Austin", "Osaka", "Toronto", "Nairobi"};
    private static final String[] COUNTRIES = {"DE", "FR", "PT", "US", "JP", "CA", "KE"};
    private static final String[] SOURCES = {"web", "referral", "event", "import", "ads"};

    private BenchData() {
    }

    /** The role measured: view and update OWNED, reading (and updating) exactly the 20 fields of {@link #READABLE}. */
    static Role salesRole() {
        return Role.builder("sales_rep").viewScope(Scope.OWNED).updateScope(Scope.OWNED)
                .fields(FieldRights.FULL, READABLE).build();
    }

    /** The owner of the n-th generated contact, or {@code null} for unassigned. */
    static Long owner(SplittableRandom random) {
        return random.nextInt(100) < UNASSIGNED_PERCENT ? null : 1L + random.nextInt(USERS);
    }

    /**
     * A generated value of the API's Java type for a field (or {@code null}: standard fields but e-mail are 90 %
     * filled, custom fields 70 %).
     *
     * @param n        the contact's number (makes e-mail and URLs unique)
     * @param emailTag distinguishes the e-mail domains of different data sets
     * @param stages   the stage ids to choose from
     */
    static Object value(FieldDefinition field, long n, String emailTag, SplittableRandom r, List<Long> stages) {
        if (field.key().equals(StandardFields.EMAIL)) {
            return "c" + n + "@" + emailTag + ".example.com";
        }
        if (r.nextInt(100) >= (field.isCustom() ? 70 : 90)) {
            return null;
        }
        return switch (field.key()) {
            case StandardFields.FIRST_NAME -> pick(FIRST, r);
            case StandardFields.LAST_NAME -> pick(LAST, r);
            case StandardFields.JOB_TITLE -> pick(TITLES, r);
            case StandardFields.CITY -> pick(CITIES, r);
            case StandardFields.COUNTRY -> pick(COUNTRIES, r);
            case StandardFields.SOURCE -> pick(SOURCES, r);
            case StandardFields.COMPANY -> "Company " + r.nextInt(20_000);
            case StandardFields.ADDRESS_LINE_1 -> (1 + r.nextInt(9_999)) + " Main Street";
            case StandardFields.ADDRESS_LINE_2 -> "Suite " + r.nextInt(500);
            case StandardFields.STATE -> "State " + r.nextInt(50);
            case StandardFields.POSTAL_CODE -> String.format("%05d", r.nextInt(100_000));
            case StandardFields.STAGE -> stages.get(r.nextInt(stages.size()));
            default -> typed(field, n, r);
        };
    }

    private static Object typed(FieldDefinition field, long n, SplittableRandom r) {
        return switch (field.type()) {
            case TEXT -> "v" + r.nextInt(100_000);
            case TEXTAREA -> "Met at the fair, " + r.nextInt(1_000) + " follow-ups; wants a demo of the reports.";
            case NUMBER -> BigDecimal.valueOf(r.nextInt(10_000_000), 2);
            case DATE -> LocalDate.of(1950, 1, 1).plusDays(r.nextInt(25_000));
            case DATETIME -> LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextInt(150_000_000));
            case SELECT -> field.options().get(r.nextInt(field.options().size()));
            case MULTI_SELECT -> {
                List<String> options = field.options();
                int first = r.nextInt(options.size());
                int second = r.nextInt(options.size());
                yield first == second ? List.of(options.get(first))
                        : List.of(options.get(Math.min(first, second)), options.get(Math.max(first, second)));
            }
            case CHECKBOX -> r.nextBoolean();
            case EMAIL -> "alt" + n + "@example.org";
            case URL -> "https://example.com/c/" + n;
            case PHONE -> "+1 555 " + String.format("%07d", r.nextInt(10_000_000));
            case STAGE -> throw new IllegalArgumentException("stage is handled by key");
        };
    }

    /** The value as the store's column holds it (multi-selects as {@code |a|b|}). */
    static Object toColumn(FieldDefinition field, Object value) {
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("|");
            list.forEach(o -> out.append(o).append('|'));
            return out.toString();
        }
        return value;
    }

    /** The value as CSV cell text (empty for no value), the way Roost's export formats it. */
    static String toCell(FieldDefinition field, Object value) {
        return value == null ? "" : FieldValues.format(field, value);
    }

    /** Appends a CSV row (RFC 4180 quoting) ending in CRLF. */
    static void appendCsvRow(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append("\r\n");
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }
}
