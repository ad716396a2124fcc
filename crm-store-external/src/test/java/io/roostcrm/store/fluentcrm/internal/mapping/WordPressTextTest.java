package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.store.fluentcrm.internal.mapping.WordPressText.Sanitizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WordPress's sanitizers as the schema document describes them ("WordPress pieces the FluentCRM store meets"), on
 * its own examples and on each of its rules.
 */
class WordPressTextTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // The document's and the examples.
        "Apt \"B\" <rear>|Apt \"B\"",
        "Roost note <1>|Roost note",
        // A '<' that starts no tag is escaped; tags are stripped, script and style with their content.
        "a < b|a &lt; b",
        "<script>alert(1)</script>Hi <b>there</b>|Hi there",
        "x<style>p{}</style>y|xy",
        "one <!-- note --> two|one two",
        "<a href=\"x>y\">link</a>|link",
        // Line breaks, tabs and runs of spaces become one space; the ends are trimmed.
        "`line\nbreak\ttab  two`|line break tab two",
        "`  padded  `|padded",
        "`\r\nwindows\r\n`|windows",
        // Percent-encoded octets go, then runs of spaces once more.
        "100%25 sure|100 sure",
        "a %41 b|a b",
        "x%2541|x41",
        "https://example.com/?q=%20x|https://example.com/?q=x",
    })
    void sanitizeTextFieldFollowsWordPress(String text, String kept) {
        assertThat(Sanitizer.TEXT_FIELD.apply(text)).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ada", "Zoë Łódź 東京 🦆", "O'Brien & Sons", "a > b", "Flat 2/B", "1 < 2 >",
            "'; DROP TABLE x; --", "%_\\", "50% off", "%g0", "x\u000By"})
    void textWordPressKeepsSurvives(String text) {
        assertThat(Sanitizer.TEXT_FIELD.apply(text)).isEqualTo(text);
        assertThat(Sanitizer.TEXT_FIELD.change(text)).isEmpty();
    }

    @Test
    void invalidUtf8BecomesEmpty() {
        assertThat(Sanitizer.TEXT_FIELD.apply("broken \uD800 surrogate")).isEmpty();
        assertThat(Sanitizer.TEXT_FIELD.change("broken \uD800 surrogate")).hasValueSatisfying(why ->
                assertThat(why).contains("valid Unicode"));
    }

    @Test
    void textareaKeepsLineBreaksAndTabsButNotTagsOrTheEnds() {
        assertThat(Sanitizer.TEXTAREA_FIELD.apply("first\nsecond\r\nthird\tline\n")).isEqualTo(
                "first\nsecond\r\nthird\tline");
        assertThat(Sanitizer.TEXTAREA_FIELD.apply("one\n<b>two</b>\n\nthree")).isEqualTo("one\ntwo\n\nthree");
        assertThat(Sanitizer.TEXTAREA_FIELD.apply("a  b")).isEqualTo("a  b");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "o'brien+crm@example.com|o'brien+crm@example.com",
        "first.last+tag@sub.example.com|first.last+tag@sub.example.com",
        "zoë@example.com|zo@example.com",
        "ada@bücher.example|ada@bcher.example",
        "ada@-example-.com|ada@example.com",
        "ada@example..com|``",
        "a@b.c|``",
        "ada@localhost|``",
    })
    void sanitizeEmailFollowsWordPress(String email, String kept) {
        assertThat(Sanitizer.EMAIL.apply(email)).isEqualTo(kept);
    }

    @Test
    void reasonsNameTheRuleAndNeverTheValue() {
        assertThat(Sanitizer.TEXT_FIELD.change("Apt <rear>")).hasValueSatisfying(why -> assertThat(why)
                .contains("'<'").contains("sanitize_text_field").doesNotContain("rear"));
        assertThat(Sanitizer.TEXT_FIELD.change("two\nlines")).hasValueSatisfying(why -> assertThat(why)
                .contains("one line").doesNotContain("lines\n"));
        assertThat(Sanitizer.TEXT_FIELD.change(" x")).hasValueSatisfying(why -> assertThat(why).contains("trims"));
        assertThat(Sanitizer.TEXT_FIELD.change("a%20b")).hasValueSatisfying(why -> assertThat(why)
                .contains("percent-encoded"));
        assertThat(Sanitizer.EMAIL.change("zoë@example.com")).hasValueSatisfying(why -> assertThat(why)
                .contains("sanitize_email").doesNotContain("zoë"));
    }
}
