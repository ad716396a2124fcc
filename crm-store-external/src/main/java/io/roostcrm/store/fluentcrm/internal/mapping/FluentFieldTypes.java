package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.field.FieldType;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Custom field types: FluentCRM's stored {@code type} values (schema §8.2) and Roost's {@link FieldType}s.
 *
 * <ul>
 *   <li>Reading: {@code text} is TEXT (or EMAIL, URL, PHONE when Roost defined it so and recorded that in
 *       {@code roost_fields}), {@code textarea} TEXTAREA, {@code number} NUMBER, {@code select-one} and {@code radio}
 *       SELECT, {@code select-multi} and {@code checkbox} (an array of options) MULTI_SELECT, {@code date} DATE,
 *       {@code date_time} DATETIME.</li>
 *   <li>Writing a new definition: the reverse, with {@code select-one} for SELECT and {@code select-multi} for
 *       MULTI_SELECT. Existing definitions keep their FluentCRM type ({@code radio} stays {@code radio}).</li>
 *   <li>Roost's CHECKBOX (a yes/no value) has no FluentCRM counterpart and is not offered.</li>
 * </ul>
 */
public final class FluentFieldTypes {

    /** The custom field types this store can hold. */
    public static final Set<FieldType> SUPPORTED = Set.copyOf(EnumSet.of(FieldType.TEXT, FieldType.TEXTAREA,
            FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME, FieldType.SELECT, FieldType.MULTI_SELECT,
            FieldType.EMAIL, FieldType.URL, FieldType.PHONE));

    private FluentFieldTypes() {
    }

    /** The Roost type of a FluentCRM type, given the type Roost recorded (or null); empty if FluentCRM's is unknown. */
    public static Optional<FieldType> toRoost(String fluentType, String recordedRoostType) {
        if (fluentType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (fluentType) {
            case "text" -> textSubtype(recordedRoostType);
            case "textarea" -> FieldType.TEXTAREA;
            case "number" -> FieldType.NUMBER;
            case "select-one", "radio" -> FieldType.SELECT;
            case "select-multi", "checkbox" -> FieldType.MULTI_SELECT;
            case "date" -> FieldType.DATE;
            case "date_time" -> FieldType.DATETIME;
            default -> null;
        });
    }

    private static FieldType textSubtype(String recorded) {
        if (recorded != null) {
            switch (recorded) {
                case "EMAIL":
                    return FieldType.EMAIL;
                case "URL":
                    return FieldType.URL;
                case "PHONE":
                    return FieldType.PHONE;
                default:
                    break;
            }
        }
        return FieldType.TEXT;
    }

    /** FluentCRM's stored type for a new Roost field; empty for CHECKBOX and STAGE. */
    public static Optional<String> toFluent(FieldType type) {
        return Optional.ofNullable(switch (type) {
            case TEXT, EMAIL, URL, PHONE -> "text";
            case TEXTAREA -> "textarea";
            case NUMBER -> "number";
            case SELECT -> "select-one";
            case MULTI_SELECT -> "select-multi";
            case DATE -> "date";
            case DATETIME -> "date_time";
            case CHECKBOX, STAGE -> null;
        });
    }

    /** FluentCRM's picker key ({@code field_key}) for a stored type. */
    public static String fieldKey(String fluentType) {
        return switch (fluentType) {
            case "select-one" -> "single-select";
            case "select-multi" -> "multi-select";
            default -> fluentType;
        };
    }

    /** Whether Roost must record its own type in {@code roost_fields} because FluentCRM's does not say it. */
    public static boolean needsRecordedType(FieldType type) {
        return type == FieldType.EMAIL || type == FieldType.URL || type == FieldType.PHONE;
    }
}
