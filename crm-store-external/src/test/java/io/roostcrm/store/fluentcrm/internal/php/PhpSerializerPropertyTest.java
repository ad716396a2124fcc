package io.roostcrm.store.fluentcrm.internal.php;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded generated inputs. Reproduce a failure with {@code -Droost.seed=<seed>}; every case name carries the seed
 * and its index.
 */
class PhpSerializerPropertyTest {

    private static final long SEED = Long.getLong("roost.seed", 0x5EED_2026_1123L);
    private static final int ROUND_TRIP_CASES = 1_200;
    private static final int HOSTILE_CASES = 2_400;

    /** Syntax-heavy alphabet so that mutations often look almost valid. */
    private static final String SYNTAX = "Nbidsa:;{}\"0123456789-+.EeOCrRS \\";

    @BeforeAll
    static void printSeed() {
        System.out.println("PhpSerializerPropertyTest seed=" + SEED + " (override with -Droost.seed=<n>)");
    }

    static Stream<Arguments> roundTripCases() {
        return IntStream.range(0, ROUND_TRIP_CASES).mapToObj(index -> Arguments.of(SEED, index));
    }

    static Stream<Arguments> hostileCases() {
        return IntStream.range(0, HOSTILE_CASES).mapToObj(index -> Arguments.of(SEED, index));
    }

    private static Random random(long seed, int index) {
        return new Random(seed * 1_000_003L + index);
    }

    @ParameterizedTest(name = "seed={0} case={1}")
    @MethodSource("roundTripCases")
    void serializeThenUnserializeGivesTheValueBack(long seed, int index) {
        withCaseName(seed, index, () -> roundTrip(random(seed, index)));
    }

    private static void roundTrip(Random random) {
        Object value = randomValue(random, 0);

        String serialized = PhpSerializer.serialize(value);
        Object read = PhpSerializer.unserialize(serialized);

        assertThat(read).isEqualTo(asPhpSees(value));
        // LinkedHashMap.equals ignores order; the text does not.
        assertThat(PhpSerializer.serialize(read)).isEqualTo(serialized);
        assertThat(PhpSerializer.maybeUnserialize(PhpSerializer.serialize(serialized))).isEqualTo(read);
        if (value instanceof List<?> list) {
            assertThat(PhpSerializer.asList((Map<?, ?>) read)).contains(asPhpSeesElements(list));
        }
    }

    @ParameterizedTest(name = "seed={0} case={1}")
    @MethodSource("hostileCases")
    void hostileInputOnlyEverFailsWithPhpFormatException(long seed, int index) {
        withCaseName(seed, index, () -> hostile(random(seed, index), index));
    }

    private static void hostile(Random random, int index) {
        String input = switch (index % 4) {
            case 0 -> randomBytesAsText(random);
            case 1 -> truncated(random);
            case 2 -> flipped(random);
            default -> spliced(random);
        };

        long started = System.nanoTime();
        for (int attempt = 0; attempt < 3; attempt++) {
            Throwable thrown = null;
            Object read = null;
            try {
                read = switch (attempt) {
                    case 0 -> PhpSerializer.unserialize(input);
                    case 1 -> PhpSerializer.maybeUnserialize(input);
                    default -> PhpSerializer.isSerialized(input);
                };
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(PhpFormatException.class);
                assertThat(thrown.getMessage()).isNotBlank();
            } else if (attempt == 0 && isWritable(read)) {
                // Whatever is accepted must be a faithful value: writing and reading it again changes nothing.
                assertThat(PhpSerializer.unserialize(PhpSerializer.serialize(read))).isEqualTo(read);
            }
        }
        assertThat(System.nanoTime() - started).as("elapsed nanoseconds").isLessThan(2_000_000_000L);
    }

    /** Surefire reports show only the method name and index, so a failure names its seed and case itself. */
    private static void withCaseName(long seed, int index, Runnable body) {
        try {
            body.run();
        } catch (AssertionError failure) {
            throw new AssertionError("seed=" + seed + " case=" + index + ": " + failure.getMessage(), failure);
        }
    }

    // ------------------------------------------------------------------------------------------------ generators

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> randomLong(random);
            case 3 -> random.nextInt(); // Integer, read back as Long
            case 4 -> randomDouble(random);
            case 5 -> randomString(random);
            case 6, 7 -> randomList(random, depth + 1);
            default -> randomMap(random, depth + 1);
        };
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> 0L;
            case 3 -> random.nextInt(2001) - 1000;
            default -> random.nextLong();
        };
    }

    private static double randomDouble(Random random) {
        switch (random.nextInt(8)) {
            case 0:
                double[] specials = {0.1, -0.0, 0.0, 1e25, 1e-5, Double.MIN_VALUE, Double.MAX_VALUE,
                    Double.MIN_NORMAL, 0x1p63, 1e16, 1e17, 123.456, -1.5, 0.30000000000000004, 5e-324, 1e23};
                return specials[random.nextInt(specials.length)];
            case 1:
                return random.nextInt(100_000) / 100.0;
            case 2:
                return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            default:
                double value;
                do {
                    value = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(value));
                return value;
        }
    }

    private static String randomString(Random random) {
        if (random.nextInt(8) == 0) {
            String[] numericLooking = {"0", "7", "-3", "007", "-0", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "1.5", "", " 1", "N;", "a:0:{}", "s:1:\"x\";"};
            return numericLooking[random.nextInt(numericLooking.length)];
        }
        int length = random.nextInt(24);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780))); // two UTF-8 bytes
                case 3 -> {
                    int codePoint;
                    do {
                        codePoint = 0x800 + random.nextInt(0x10000 - 0x800);
                    } while (Character.isSurrogate((char) codePoint));
                    text.appendCodePoint(codePoint); // three UTF-8 bytes
                }
                default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // surrogate pair, four bytes
            }
        }
        return text.toString();
    }

    private static List<Object> randomList(Random random, int depth) {
        int size = random.nextInt(5);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(randomValue(random, depth));
        }
        return list;
    }

    private static Map<Object, Object> randomMap(Random random, int depth) {
        int size = random.nextInt(5);
        Map<Object, Object> map = new LinkedHashMap<>();
        List<Object> phpKeys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object key = switch (random.nextInt(3)) {
                case 0 -> randomLong(random);
                case 1 -> random.nextInt(10);
                default -> randomString(random);
            };
            Object phpKey = asPhpKey(key);
            if (!phpKeys.contains(phpKey)) {
                phpKeys.add(phpKey);
                map.put(key, randomValue(random, depth));
            }
        }
        return map;
    }

    private static String randomBytesAsText(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()))
                    : (byte) random.nextInt(256);
        }
        String text = random.nextBoolean()
                ? new String(bytes, StandardCharsets.UTF_8)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        // Sometimes an unpaired surrogate, which no well-formed Java text has.
        return random.nextInt(10) == 0 ? text + '\uD83D' : text;
    }

    private static String validSerialization(Random random) {
        return PhpSerializer.serialize(randomValue(random, 0));
    }

    private static String truncated(Random random) {
        String valid = validSerialization(random);
        int cut = valid.isEmpty() ? 0 : random.nextInt(valid.length());
        if (cut > 0 && Character.isHighSurrogate(valid.charAt(cut - 1))) {
            cut--; // keep the cut on a code point boundary; surrogates are covered elsewhere
        }
        return valid.substring(0, cut);
    }

    private static String flipped(Random random) {
        byte[] bytes = validSerialization(random).getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return "";
        }
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            bytes[at] = random.nextBoolean() ? (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()))
                    : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Pastes a piece of one valid serialization into another: plausible tokens in implausible places. */
    private static String spliced(Random random) {
        String host = validSerialization(random);
        String donor = validSerialization(random);
        int at = random.nextInt(host.length() + 1);
        int from = random.nextInt(donor.length() + 1);
        int to = from + random.nextInt(donor.length() - from + 1);
        String result = host.substring(0, at) + donor.substring(from, to) + host.substring(at);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ oracles

    /** What PHP holds after reading the serialization of {@code value}. */
    private static Object asPhpSees(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof List<?> list) {
            Map<Object, Object> array = new LinkedHashMap<>();
            long index = 0;
            for (Object element : list) {
                array.put(index++, asPhpSees(element));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> array = new LinkedHashMap<>();
            map.forEach((key, element) -> array.put(asPhpKey(key), asPhpSees(element)));
            return array;
        }
        return value;
    }

    private static List<Object> asPhpSeesElements(List<?> list) {
        List<Object> elements = new ArrayList<>();
        list.forEach(element -> elements.add(asPhpSees(element)));
        return elements;
    }

    /** PHP's own rule, restated independently of the code under test. */
    private static Object asPhpKey(Object key) {
        if (key instanceof Integer number) {
            return number.longValue();
        }
        if (key instanceof String text && text.matches("-?[1-9][0-9]*|0")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException outOfRange) {
                return text;
            }
        }
        return key;
    }

    private static boolean isWritable(Object read) {
        if (read instanceof Double number) {
            return Double.isFinite(number);
        }
        if (read instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(PhpSerializerPropertyTest::isWritable);
        }
        return true;
    }
}
