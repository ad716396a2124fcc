package io.roostcrm.auth;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private static final PasswordPolicy DEFAULTS = PasswordPolicy.defaults();

    private static List<String> rules(PasswordPolicy policy, String password) {
        return policy.violations(password, "ann.lee", "Ann Lee", "ann.lee@example.com").stream()
                .map(Violation::rule).toList();
    }

    @Test
    void aLongUncommonPassphrasePasses() {
        assertThat(rules(DEFAULTS, "violet tractor mumbles quietly")).isEmpty();
    }

    @Test
    void lengthIsCountedInCodePoints() { // ASVS 4.0.3 2.1.1 (12), 2.1.2 (64 permitted, over 128 denied)
        assertThat(rules(DEFAULTS, "Zq8#vLp2")).contains("min_length");
        assertThat(rules(DEFAULTS, "Zq8#vLp2 ".repeat(7) + "Z")).doesNotContain("max_length"); // 64
        assertThat(rules(DEFAULTS, "x".repeat(129))).containsExactly("max_length");
        assertThat(rules(DEFAULTS, "x".repeat(10_000))).containsExactly("max_length"); // bad input: 10,000 chars
        assertThat(rules(DEFAULTS, "😀🐝🦊🌵🍄🎲🪁🧭🛶🪐🎹🧩")).doesNotContain("min_length"); // 12 code points, 24 chars
    }

    @Test
    void commonPasswordsAndDictionaryWordsAreRefused() { // NIST SP 800-63B blocklist; seed 002 "Non-dictionary words"
        assertThat(rules(DEFAULTS, "password1234")).contains("common_password");
        assertThat(rules(DEFAULTS, "Qwertyuiop123")).contains("common_password");
        assertThat(rules(DEFAULTS, "international")).contains("dictionary_word");
        assertThat(rules(DEFAULTS, "aaaaaaaaaaaaaa")).contains("too_guessable");
    }

    @Test
    void contextWordsAreRefused() { // NIST SP 800-63B "context-specific words"
        assertThat(rules(DEFAULTS, "zz-ann.lee-violet-tractor")).contains("contains_login", "contains_email");
        assertThat(rules(DEFAULTS, "violet LEE tractor mumbles")).containsExactly("contains_display_name");
    }

    @Test
    void aViolationListsEveryFailedRule() {
        PasswordPolicy strict = PasswordPolicy.builder().require(PasswordPolicy.CharacterClass.values()).build();
        assertThatThrownBy(() -> strict.check("qwerty", "ann", "Ann", "ann@example.com"))
                .isInstanceOf(CrmValidationException.class)
                .satisfies(e -> assertThat(((CrmValidationException) e).violations()).extracting(Violation::rule)
                        .contains("min_length", "uppercase", "digit", "symbol", "common_password", "too_guessable")
                        .allSatisfy(r -> assertThat(r).isNotBlank()))
                .satisfies(e -> assertThat(((CrmValidationException) e).violations()).extracting(Violation::field)
                        .containsOnly("password"))
                .hasMessageNotContaining("qwerty");
    }

    @Test
    void characterClassesAreOptional() { // seed 002 "mixed alphanumeric and mixed character case"
        PasswordPolicy mixed = PasswordPolicy.builder().require(PasswordPolicy.CharacterClass.LOWERCASE,
                PasswordPolicy.CharacterClass.UPPERCASE, PasswordPolicy.CharacterClass.DIGIT).build();
        assertThat(rules(mixed, "violet tractor mumbles quietly")).containsExactlyInAnyOrder("uppercase", "digit");
        assertThat(rules(mixed, "Violet tractor mumbles 42 times")).isEmpty();
    }

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> PasswordPolicy.builder().minLength(4)).hasMessage("minLength was 4 but it must be 8 to 64");
        assertThatThrownBy(() -> PasswordPolicy.builder().maxLength(32)).hasMessageContaining("maxLength was 32");
        assertThatThrownBy(() -> PasswordPolicy.builder().minimumEntropy(-1)).hasMessageContaining("minimumEntropy");
    }
}
