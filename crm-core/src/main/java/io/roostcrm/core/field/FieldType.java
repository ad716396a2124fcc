package io.roostcrm.core.field;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The type of a field's value, and the Java type that carries it everywhere in Roost (API, SPI, stores).
 *
 * <table>
 *   <caption>Value types</caption>
 *   <tr><th>type</th><th>Java value</th><th>limit</th></tr>
 *   <tr><td>TEXT</td><td>String</td><td>255 characters</td></tr>
 *   <tr><td>TEXTAREA</td><td>String</td><td>65,535 characters</td></tr>
 *   <tr><td>NUMBER</td><td>BigDecimal</td><td>absolute value below 10^15, at most 6 decimals</td></tr>
 *   <tr><td>DATE</td><td>LocalDate</td><td>{@value FieldValues#FIRST_DATE} to {@value FieldValues#LAST_DATE}</td></tr>
 *   <tr><td>DATETIME</td><td>LocalDateTime (wall-clock, whole seconds)</td><td>{@value FieldValues#FIRST_DATE}T00:00:00
 *       to {@value FieldValues#LAST_DATE}T23:59:59</td></tr>
 *   <tr><td>SELECT</td><td>String, one of the options</td><td></td></tr>
 *   <tr><td>MULTI_SELECT</td><td>List&lt;String&gt;, distinct options</td><td>100 entries</td></tr>
 *   <tr><td>CHECKBOX</td><td>Boolean</td><td></td></tr>
 *   <tr><td>EMAIL</td><td>String, lower-cased</td><td>190 characters</td></tr>
 *   <tr><td>URL</td><td>String, http or https</td><td>2,048 characters</td></tr>
 *   <tr><td>PHONE</td><td>String of digits, spaces and + ( ) - . / x</td><td>50 characters</td></tr>
 *   <tr><td>STAGE</td><td>Long, a stage id (standard field {@code stage} only)</td><td></td></tr>
 * </table>
 *
 * <p><b>Dates.</b> {@code DATE} and {@code DATETIME} values are dates of the proleptic ISO calendar ({@code java.time}'s:
 * Gregorian rules extended backwards, no Julian days, no gap in October 1582) and are stored, compared and sorted
 * exactly as given on every store, in every JVM and database time zone. A value outside the range above is refused
 * with a {@link io.roostcrm.core.CrmValidationException} naming the field, rule {@code range}: the range is what all
 * of H2, PostgreSQL and MariaDB hold exactly (MariaDB's DATE and DATETIME end at 9999-12-31, and {@code java.sql.Date}
 * based code moves anything before 1582-10-15, which is why Roost never binds through it).
 */
public enum FieldType {
    /** A single line of text. */
    TEXT(String.class, 255),
    /** Multi-line text. */
    TEXTAREA(String.class, 65_535),
    /** A decimal number. */
    NUMBER(BigDecimal.class, 0),
    /** A calendar date. */
    DATE(LocalDate.class, 0),
    /** A wall-clock date and time. */
    DATETIME(LocalDateTime.class, 0),
    /** One of a list of options. */
    SELECT(String.class, 190),
    /** Several of a list of options. */
    MULTI_SELECT(List.class, 190),
    /** Yes or no. */
    CHECKBOX(Boolean.class, 0),
    /** An e-mail address. */
    EMAIL(String.class, 190),
    /** A web address. */
    URL(String.class, 2_048),
    /** A telephone number. */
    PHONE(String.class, 50),
    /** A stage id; only the standard field {@code stage} has this type. */
    STAGE(Long.class, 0);

    private final Class<?> javaType;
    private final int maxLength;

    FieldType(Class<?> javaType, int maxLength) {
        this.javaType = javaType;
        this.maxLength = maxLength;
    }

    /** The Java type of values of this type. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The maximum length in characters of a string value (of each option, for choices); 0 if not a string type. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether fields of this type carry options. */
    public boolean hasOptions() {
        return this == SELECT || this == MULTI_SELECT;
    }

    /** Whether a custom field may have this type. */
    public boolean allowedForCustomFields() {
        return this != STAGE;
    }

    /** Whether values are Strings. */
    public boolean isText() {
        return javaType == String.class;
    }
}
