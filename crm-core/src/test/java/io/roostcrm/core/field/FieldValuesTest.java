package io.roostcrm.core.field;

import io.roostcrm.core.CrmValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValuesTest {

    private static final FieldDefinition TEXT = FieldDefinition.custom("nickname", FieldType.TEXT).build();
    private static final FieldDefinition NUMBER = FieldDefinition.custom("score", FieldType.NUMBER).build();
    private static final FieldDefinition SELECT =
            FieldDefinition.custom("tier", FieldType.SELECT).options("gold", "silver").build();
    private static final FieldDefinition MULTI =
            FieldDefinition.custom("interests", FieldType.MULTI_SELECT).options("java", "go", "php").build();
    private static final FieldDefinition EMAIL = StandardFields.find("email").orElseThrow();

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(FieldValues.normalize(EMAIL, "  Ada@Example.COM ")).isEqualTo("ada@example.com");
    }

    @Test
    void numbersLoseTrailingZerosAndAcceptIntegers() {
        assertThat(FieldValues.normalize(NUMBER, new BigDecimal("12.500"))).isEqualTo(new BigDecimal("12.5"));
        assertThat(FieldValues.normalize(NUMBER, 42)).isEqualTo(new BigDecimal("42"));
        assertThat(FieldValues.normalize(NUMBER, new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1000"));
    }

    @Test
    void dateTimesAreTruncatedToTheSecond() {
        FieldDefinition field = FieldDefinition.custom("seen", FieldType.DATETIME).build();
        assertThat(FieldValues.normalize(field, LocalDateTime.of(2026, 2, 1, 13, 5, 7, 999_000_000)))
                .isEqualTo(LocalDateTime.of(2026, 2, 1, 13, 5, 7));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "text over 255 characters | max_length | field 'nickname' must be at most 255 characters",
        "text with a NUL          | control_characters | field 'nickname' must not contain control characters",
        "number as text           | type | field 'score' must be a number",
        "number too large         | range | field 'score' must be below 10^15 in absolute value",
        "number with 7 decimals   | scale | field 'score' must have at most 6 decimals",
        "option not in select     | option | field 'tier' must be one of its options",
        "repeated multi option    | distinct | field 'interests' must not repeat an option",
        "unknown multi option     | option | field 'interests' must contain only its options",
        "invalid email            | email | field 'email' must be an e-mail address",
    })
    void badValuesNameTheFieldAndRuleButNeverTheValue(String caseName, String rule, String message) {
        Object[] input = badInput(caseName);
        assertThatThrownBy(() -> FieldValues.normalize((FieldDefinition) input[0], input[1]))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                    assertThat(e.first().rule()).isEqualTo(rule);
                    assertThat(e.first().field()).isEqualTo(((FieldDefinition) input[0]).key());
                })
                .hasMessage(message);
    }

    private static Object[] badInput(String caseName) {
        return switch (caseName) {
            case "text over 255 characters" -> new Object[] {TEXT, "x".repeat(256)};
            case "text with a NUL" -> new Object[] {TEXT, "a\u0000b"};
            case "number as text" -> new Object[] {NUMBER, "12"};
            case "number too large" -> new Object[] {NUMBER, new BigDecimal("1E+15")};
            case "number with 7 decimals" -> new Object[] {NUMBER, new BigDecimal("0.0000001")};
            case "option not in select" -> new Object[] {SELECT, "bronze"};
            case "repeated multi option" -> new Object[] {MULTI, List.of("go", "go")};
            case "unknown multi option" -> new Object[] {MULTI, List.of("go", "cobol")};
            case "invalid email" -> new Object[] {EMAIL, "not-an-address"};
            default -> throw new IllegalArgumentException(caseName);
        };
    }

    @Test
    void parseAndFormatAreInverses() {
        assertThat(FieldValues.parse(MULTI, "java | go")).isEqualTo(List.of("java", "go"));
        assertThat(FieldValues.format(MULTI, List.of("java", "go"))).isEqualTo("java|go");
        FieldDefinition date = FieldDefinition.custom("met", FieldType.DATE).build();
        assertThat(FieldValues.parse(date, "2026-02-01")).isEqualTo(LocalDate.of(2026, 2, 1));
        FieldDefinition checkbox = FieldDefinition.custom("vip", FieldType.CHECKBOX).build();
        assertThat(FieldValues.parse(checkbox, "yes")).isEqualTo(true);
        assertThatThrownBy(() -> FieldValues.parse(checkbox, "perhaps"))
                .isInstanceOf(CrmValidationException.class)
                .hasMessage("field 'vip' must be true or false");
        assertThatThrownBy(() -> FieldValues.parse(date, "01/02/2026"))
                .isInstanceOf(CrmValidationException.class)
                .hasMessage("field 'met' must be a date (yyyy-MM-dd)");
    }

    @Test
    void definitionsRejectBadSettingsNamingThem() {
        assertThatThrownBy(() -> FieldDefinition.custom("Bad Key", FieldType.TEXT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key must be lower-case letters");
        assertThatThrownBy(() -> FieldDefinition.custom("tier", FieldType.SELECT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'tier': a SELECT field needs at least one option");
        assertThatThrownBy(() -> FieldDefinition.custom("stage2", FieldType.STAGE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'stage2': custom fields cannot have type STAGE");
    }
}
