package io.roostcrm.tck;

import io.roostcrm.core.spi.ContactRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactRowAssertTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final ContactRow row = new ContactRow(5, 3, 7, NOW, NOW, Map.of(
            "email", "ada@example.com",
            "score", new BigDecimal("1.50"),
            "colours", List.of("red", "green"),
            "stage", 4L));

    @Test
    void passingAssertionsReturnNormally() {
        ContactRowAssert.assertThat(row)
                .hasVersion(3)
                .hasOwner(7)
                .hasValue("email", "ada@example.com")
                .hasNoKey("company")
                .hasOnlyKeysFrom(List.of("email", "score", "colours", "stage", "company"));
    }

    @Test
    void numbersCompareByValueAndMultiSelectsAsSets() {
        ContactRowAssert.assertThat(row)
                .hasValue("score", new BigDecimal("1.5"))
                .hasValue("colours", List.of("green", "red"))
                .hasExactlyValues(Map.of("email", "ada@example.com", "score", BigDecimal.valueOf(15, 1),
                        "colours", List.of("red", "green"), "stage", 4L));
        assertThat(ContactRowAssert.sameValue(List.of("red"), List.of("red", "red"))).isFalse();
        assertThat(ContactRowAssert.sameValue(new BigDecimal("2"), 2L)).isFalse();
    }

    @Test
    void wrongValueFailsNamingKeyValuesAndTypes() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasValue("stage", 4))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<stage>")
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("java.lang.Long");
    }

    @Test
    void missingValueFailsListingTheKeysPresent() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasValue("company", "Acme"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a value for <company> but it had none");
    }

    @Test
    void presentKeyFailsHasNoKey() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasNoKey("email"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no entry for <email>");
    }

    @Test
    void extraKeyFailsHasExactlyValues() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasExactlyValues(Map.of("email", "ada@example.com")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it also had [");
    }

    @Test
    void wrongVersionOrOwnerFails() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasVersion(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be at version 1 but it was at version 3");
        assertThatThrownBy(() -> ContactRowAssert.assertThat(row).hasOwner(0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be owned by 0 but its owner was 7");
    }

    @Test
    void nullRowFails() {
        assertThatThrownBy(() -> ContactRowAssert.assertThat(null).hasVersion(1))
                .isInstanceOf(AssertionError.class);
    }
}
