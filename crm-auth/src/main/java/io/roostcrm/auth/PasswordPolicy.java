package io.roostcrm.auth;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import me.gosimple.nbvcxz.scoring.Result;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules a new login password must meet. Checking reports <em>every</em> rule that failed, each as a
 * {@link Violation} on field {@code password} with a stable rule id, and never echoes the password:
 * <ul>
 * <li>{@code min_length}, {@code max_length}: length in Unicode code points (NIST SP 800-63B counts a code point as
 * one character); default 12 to 128 (ASVS 4.0.3 2.1.1 and 2.1.2);</li>
 * <li>{@code lowercase}, {@code uppercase}, {@code digit}, {@code symbol}: optional character classes, off by default
 * (NIST SP 800-63B rev 4 forbids composition rules; seed 002 asks for "mixed alphanumeric and mixed character case",
 * so a host may turn them on);</li>
 * <li>{@code common_password}: the whole password, in any case, is on nbvcxz's list of common passwords (NIST: "the
 * entire password SHALL be subject to comparison, not substrings"; ASVS 5.0 6.2.4);</li>
 * <li>{@code dictionary_word}: the whole password, in any case and with leetspeak undone, is one English word or
 * name from nbvcxz's dictionaries (seed 002 "Non-dictionary words");</li>
 * <li>{@code too_guessable}: nbvcxz's strength estimate is below the minimum entropy (default 30 bits);</li>
 * <li>{@code contains_login}, {@code contains_display_name}, {@code contains_email}: the password contains the
 * user's login, a word of at least 3 letters of the display name, or the e-mail address or its local part (NIST's
 * "context-specific words").</li>
 * </ul>
 *
 * <p><b>Why nbvcxz</b> ({@code me.gosimple:nbvcxz}) rather than Passay or a hand-made list: it ships, in one small
 * jar without dependencies, a ranked list of about 30,000 common passwords, English words and first and last names,
 * and the zxcvbn strength estimate over them (dictionary, leetspeak, keyboard patterns, dates, repeats), so the
 * blocklist and the strength check come from one well-kept source. Passay checks rules well but brings no word
 * lists of its own.
 *
 * <p>Immutable and thread-safe. Building one loads the dictionaries (a few hundred milliseconds): build it once.
 */
public final class PasswordPolicy {

    /** Optional character classes. */
    public enum CharacterClass {
        /** A lower-case letter. */
        LOWERCASE("lowercase"),
        /** An upper-case letter. */
        UPPERCASE("uppercase"),
        /** A decimal digit. */
        DIGIT("digit"),
        /** Anything that is not a letter or a digit. */
        SYMBOL("symbol");

        private final String rule;

        CharacterClass(String rule) {
            this.rule = rule;
        }

        /** The rule id reported when the class is missing. */
        public String rule() {
            return rule;
        }
    }

    private final int minLength;
    private final int maxLength;
    private final Set<CharacterClass> required;
    private final double minimumEntropy;
    private final Nbvcxz estimator;
    private final Map<String, Integer> commonPasswords;

    private PasswordPolicy(Builder b) {
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.required = Set.copyOf(b.required);
        this.minimumEntropy = b.minimumEntropy;
        List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();
        Map<String, Integer> common = null;
        for (Dictionary d : dictionaries) {
            if (d.getDictionaryName().equals("passwords")) {
                common = d.getDictonary();
            }
        }
        this.commonPasswords = common != null ? common : DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords);
        this.estimator = new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries)
                .setMinimumEntropy(minimumEntropy).setMaxLength(256).createConfiguration());
    }

    /** The defaults: 12 to 128 characters, no class rules, no common password or dictionary word, 30 bits. */
    public static PasswordPolicy defaults() {
        return builder().build();
    }

    /** A policy to configure. */
    public static Builder builder() {
        return new Builder();
    }

    /** The minimum length in code points. */
    public int minLength() {
        return minLength;
    }

    /** The maximum length in code points. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Checks a candidate password for a user.
     *
     * @param password    the candidate
     * @param login       the user's login
     * @param displayName the user's display name ({@code ""} if none)
     * @param email       the user's e-mail address ({@code ""} if none)
     * @throws CrmValidationException listing every failed rule, on field {@code password}
     */
    public void check(String password, String login, String displayName, String email) {
        List<Violation> violations = violations(password, login, displayName, email);
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }

    /** Every failed rule, empty when the password is acceptable. */
    public List<Violation> violations(String password, String login, String displayName, String email) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
        List<Violation> out = new ArrayList<>();
        if (password.length() > 4 * maxLength) { // certainly too long: refuse before looking further
            out.add(v("max_length", "must be at most " + maxLength + " characters"));
            return out;
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            out.add(v("min_length", "must be at least " + minLength + " characters"));
        }
        if (length > maxLength) {
            out.add(v("max_length", "must be at most " + maxLength + " characters"));
            return out;
        }
        EnumSet<CharacterClass> present = EnumSet.noneOf(CharacterClass.class);
        password.codePoints().forEach(c -> {
            if (Character.isLowerCase(c)) {
                present.add(CharacterClass.LOWERCASE);
            } else if (Character.isUpperCase(c)) {
                present.add(CharacterClass.UPPERCASE);
            } else if (Character.isDigit(c)) {
                present.add(CharacterClass.DIGIT);
            } else if (!Character.isLetter(c)) {
                present.add(CharacterClass.SYMBOL);
            }
        });
        for (CharacterClass c : CharacterClass.values()) {
            if (required.contains(c) && !present.contains(c)) {
                out.add(v(c.rule(), "must contain a character of the class " + c.rule()));
            }
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.containsKey(lower)) {
            out.add(v("common_password", "is one of the most common passwords"));
        }
        Result result = estimate(password);
        if (isOneDictionaryWord(result, password)) {
            out.add(v("dictionary_word", "is a dictionary word"));
        }
        if (minimumEntropy > 0 && result.getEntropy() < minimumEntropy) {
            out.add(v("too_guessable", "is too easy to guess"));
        }
        String loginLower = login.toLowerCase(Locale.ROOT);
        if (loginLower.length() >= 3 && lower.contains(loginLower)) {
            out.add(v("contains_login", "must not contain the login"));
        }
        for (String word : displayName.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3 && lower.contains(word)) {
                out.add(v("contains_display_name", "must not contain the display name"));
                break;
            }
        }
        String emailLower = email.toLowerCase(Locale.ROOT);
        int at = emailLower.indexOf('@');
        String local = at > 0 ? emailLower.substring(0, at) : emailLower;
        if ((emailLower.length() >= 3 && lower.contains(emailLower)) || (local.length() >= 3 && lower.contains(local))) {
            out.add(v("contains_email", "must not contain the e-mail address"));
        }
        return out;
    }

    private synchronized Result estimate(String password) {
        return estimator.estimate(password);
    }

    private static boolean isOneDictionaryWord(Result result, String password) {
        List<Match> matches = result.getMatches();
        if (matches.size() != 1 || !(matches.get(0) instanceof DictionaryMatch match)) {
            return false;
        }
        return !match.getDictionaryName().equals("passwords")
                && match.getToken().length() == password.length();
    }

    private static Violation v(String rule, String detail) {
        return Violation.of("password", rule, detail);
    }

    @Override
    public String toString() {
        return "PasswordPolicy[minLength=" + minLength + ", maxLength=" + maxLength + ", classes=" + required
                + ", minimumEntropy=" + minimumEntropy + "]";
    }

    /** Configures a {@link PasswordPolicy}. Each setter checks its value, naming the setting. Not thread-safe. */
    public static final class Builder {
        private int minLength = 12;
        private int maxLength = 128;
        private final EnumSet<CharacterClass> required = EnumSet.noneOf(CharacterClass.class);
        private double minimumEntropy = 30;

        private Builder() {
        }

        /** The minimum length, 8 to 64 code points (NIST's floor is 8). Default 12. */
        public Builder minLength(int minLength) {
            if (minLength < 8 || minLength > 64) {
                throw new IllegalArgumentException("minLength was " + minLength + " but it must be 8 to 64");
            }
            this.minLength = minLength;
            return this;
        }

        /**
         * The maximum length, 64 to 256 code points (NIST: permit at least 64; 256 code points stay within the
         * 1,024 UTF-8 bytes hashed). Default 128.
         */
        public Builder maxLength(int maxLength) {
            if (maxLength < 64 || maxLength > 256) {
                throw new IllegalArgumentException("maxLength was " + maxLength + " but it must be 64 to 256");
            }
            this.maxLength = maxLength;
            return this;
        }

        /** Character classes a password must contain. Default none. */
        public Builder require(CharacterClass... classes) {
            for (CharacterClass c : classes) {
                required.add(Objects.requireNonNull(c, "classes"));
            }
            return this;
        }

        /** The least nbvcxz entropy estimate, 0 (off) to 100 bits. Default 30. */
        public Builder minimumEntropy(double bits) {
            if (!(bits >= 0 && bits <= 100)) {
                throw new IllegalArgumentException("minimumEntropy was " + bits + " but it must be 0 to 100 bits");
            }
            this.minimumEntropy = bits;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalStateException if minLength exceeds maxLength
         */
        public PasswordPolicy build() {
            if (minLength > maxLength) {
                throw new IllegalStateException("minLength was " + minLength + " but it must not exceed maxLength "
                        + maxLength);
            }
            return new PasswordPolicy(this);
        }
    }
}
