package io.roostcrm.tck;

import io.roostcrm.core.spi.ContactRow;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for a {@link ContactRow} as a store returns it.
 *
 * <p>Values are compared as the SPI allows stores to differ: numbers ({@link BigDecimal}) by numeric value, so
 * {@code 1.50} equals {@code 1.5}; multi-select values ({@link List}) as sets of options, so order may differ;
 * every other value with {@link Object#equals}, which also checks the Java type (a stage id must be a {@link Long},
 * not an {@link Integer}). See {@link #sameValue(Object, Object)}.
 *
 * <pre>{@code
 * ContactRowAssert.assertThat(row).hasVersion(1).hasValue("email", "ada@example.com").hasNoKey("company");
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion object.
 */
public class ContactRowAssert extends AbstractAssert<ContactRowAssert, ContactRow> {

    /**
     * Assertions on a row; public so that {@code SoftAssertions.proxy} can create it.
     *
     * @param actual the row under test (may be {@code null}, which every assertion then reports)
     */
    public ContactRowAssert(ContactRow actual) {
        super(actual, ContactRowAssert.class);
    }

    /**
     * Starts assertions on a row.
     *
     * @param actual the row under test
     * @return the assertion object
     */
    public static ContactRowAssert assertThat(ContactRow actual) {
        return new ContactRowAssert(actual);
    }

    /**
     * Whether two field values are the same as far as the SPI is concerned: numbers by value (scale may differ),
     * multi-select lists by their set of options (order may differ), everything else by {@code equals}.
     *
     * @param expected the value written
     * @param actual   the value a store returned
     * @return {@code true} if a store returning {@code actual} for {@code expected} honours the SPI
     */
    public static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            return e.compareTo(a) == 0;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            return e.size() == a.size() && new HashSet<>(e).equals(new HashSet<>(a));
        }
        return Objects.equals(expected, actual);
    }

    /**
     * Checks that the row has a value for the key and that it is the same value as {@code expected}.
     *
     * @param key      the field key
     * @param expected the expected value
     * @return this
     */
    public ContactRowAssert hasValue(String key, Object expected) {
        isNotNull();
        if (!actual.values().containsKey(key)) {
            failWithMessage("Expected contact %s to have a value for <%s> but it had none; its keys were %s",
                    actual.id(), key, actual.values().keySet());
        }
        Object value = actual.values().get(key);
        if (!sameValue(expected, value)) {
            failWithMessage("Expected contact %s to have <%s> = <%s> (%s) but it was <%s> (%s)", actual.id(), key,
                    expected, typeName(expected), value, typeName(value));
        }
        return this;
    }

    /**
     * Checks every entry with {@link #hasValue(String, Object)}.
     *
     * @param expected field key to expected value
     * @return this
     */
    public ContactRowAssert hasValues(Map<String, ?> expected) {
        expected.forEach(this::hasValue);
        return this;
    }

    /**
     * Checks that the row has exactly these values: {@link #hasValues(Map)} and no other key.
     *
     * @param expected field key to expected value
     * @return this
     */
    public ContactRowAssert hasExactlyValues(Map<String, ?> expected) {
        hasValues(expected);
        return hasOnlyKeysFrom(expected.keySet());
    }

    /**
     * Checks that the row has no entry at all for the key (absent, which is not the same as {@code null}).
     *
     * @param key the field key
     * @return this
     */
    public ContactRowAssert hasNoKey(String key) {
        isNotNull();
        if (actual.values().containsKey(key)) {
            failWithMessage("Expected contact %s to have no entry for <%s> but it had <%s>", actual.id(), key,
                    actual.values().get(key));
        }
        return this;
    }

    /**
     * Checks that every key of the row is one of these.
     *
     * @param allowed the keys the row may have
     * @return this
     */
    public ContactRowAssert hasOnlyKeysFrom(Collection<String> allowed) {
        isNotNull();
        Set<String> extra = new LinkedHashSet<>(actual.values().keySet());
        extra.removeAll(allowed);
        if (!extra.isEmpty()) {
            failWithMessage("Expected contact %s to have only keys from %s but it also had %s", actual.id(), allowed,
                    extra);
        }
        return this;
    }

    /**
     * Checks the optimistic-lock version.
     *
     * @param expected the expected version
     * @return this
     */
    public ContactRowAssert hasVersion(long expected) {
        isNotNull();
        if (actual.version() != expected) {
            failWithMessage("Expected contact %s to be at version %s but it was at version %s", actual.id(), expected,
                    actual.version());
        }
        return this;
    }

    /**
     * Checks the owner ({@code 0} for unassigned).
     *
     * @param expected the expected owner's user id
     * @return this
     */
    public ContactRowAssert hasOwner(long expected) {
        isNotNull();
        if (actual.ownerId() != expected) {
            failWithMessage("Expected contact %s to be owned by %s but its owner was %s", actual.id(), expected,
                    actual.ownerId());
        }
        return this;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
