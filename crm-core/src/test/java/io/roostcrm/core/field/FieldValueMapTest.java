package io.roostcrm.core.field;

import io.roostcrm.core.SeededCases;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.spi.ContactRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValueMapTest {


    static Stream<Long> seeds() {
        return SeededCases.seeds("FieldValueMapTest", 300);
    }

    /** Behaves as an unmodifiable LinkedHashMap with the same entries, for any keys, including colliding hashes. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithLinkedHashMap(long seed) {
        Random random = new Random(seed);
        Map<String, Object> expected = new LinkedHashMap<>();
        int size = random.nextInt(70);
        while (expected.size() < size) {
            // "Aa" and "BB" share a hash code, so these keys collide often.
            StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(4); i >= 0; i--) {
                key.append(random.nextBoolean() ? "Aa" : "BB");
            }
            key.append(random.nextInt(8));
            expected.put(key.toString(), random.nextInt(5));
        }
        FieldValueMap actual = FieldValueMap.copyOf(expected);

        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isEqualTo(actual);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(new ArrayList<>(actual.values())).isEqualTo(new ArrayList<>(expected.values()));
        for (int probe = 0; probe < 40; probe++) {
            String key = (random.nextBoolean() ? "AaBB" : "BBAa") + random.nextInt(10);
            assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
            assertThat(actual.containsKey(key)).as(key).isEqualTo(expected.containsKey(key));
        }
        Set<String> kept = Set.copyOf(expected.keySet().stream().filter(k -> random.nextInt(3) > 0).toList());
        Map<String, Object> expectedKept = new LinkedHashMap<>(expected);
        expectedKept.keySet().retainAll(kept);
        assertThat(new ArrayList<>(actual.filterKeys(kept::contains).entrySet()))
                .isEqualTo(new ArrayList<>(expectedKept.entrySet()));
    }

    @Test
    void keepsInsertionOrder() {
        FieldValueMap map = FieldValueMap.builder(0).put("z", 1).put("a", 2).put("m", 3).build();

        assertThat(map.keySet()).containsExactly("z", "a", "m");
        assertThat(map).containsEntry("a", 2).doesNotContainKey("b");
        assertThat(map.get(7)).isNull();
    }

    @Test
    void refusesNullsAndDuplicateKeysNamingTheKey() {
        assertThatThrownBy(() -> FieldValueMap.builder(1).put("city", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'city'");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("company", null);
        assertThatThrownBy(() -> FieldValueMap.copyOf(withNull))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'company'");
        assertThatThrownBy(() -> FieldValueMap.builder(2).put("city", "Oslo").put("city", "Bergen").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'city'");
        assertThatThrownBy(() -> FieldValueMap.builder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuilderBuildsOnce() {
        FieldValueMap.Builder builder = FieldValueMap.builder(1).put("city", "Oslo");
        builder.build();

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.put("country", "NO")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cannotBeChanged() {
        FieldValueMap map = FieldValueMap.builder(2).put("city", "Oslo").put("country", "NO").build();

        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("city")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
            var it = map.entrySet().iterator();
            it.next();
            it.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).hasSize(2);
    }

    @Test
    void filteringThatKeepsEverythingReturnsTheSameMap() {
        FieldValueMap map = FieldValueMap.builder(2).put("city", "Oslo").put("country", "NO").build();

        assertThat(map.filterKeys(k -> true)).isSameAs(map);
        assertThat(map.filterKeys(k -> false)).isEmpty();
        assertThat(map.filterKeys("country"::equals)).containsExactly(Map.entry("country", "NO"));
    }

    @Test
    void rowsAndContactsKeepAGivenMapAndCopyAnyOther() {
        FieldValueMap map = FieldValueMap.builder(1).put("city", "Oslo").build();
        Map<String, Object> mutable = new LinkedHashMap<>(Map.of("city", "Oslo"));
        Instant now = Instant.EPOCH;

        assertThat(new ContactRow(1, 1, 0, now, now, map).values()).isSameAs(map);
        assertThat(new Contact(1, 1, 0, now, now, map).values()).isSameAs(map);

        ContactRow row = new ContactRow(1, 1, 0, now, now, mutable);
        Contact contact = new Contact(1, 1, 0, now, now, mutable);
        mutable.put("city", "Bergen");
        assertThat(row.values()).containsExactly(Map.entry("city", "Oslo"));
        assertThat(contact.values()).containsExactly(Map.entry("city", "Oslo"));
        assertThat(List.of(row.values(), contact.values())).allMatch(FieldValueMap.class::isInstance);
    }
}
