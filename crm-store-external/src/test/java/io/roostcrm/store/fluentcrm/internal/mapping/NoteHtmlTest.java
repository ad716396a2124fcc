package io.roostcrm.store.fluentcrm.internal.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NoteHtmlTest {

    static List<String> plainTexts() {
        List<String> texts = new ArrayList<>(List.of("", "plain", "<b>not bold</b>", "a & b &amp; c", "line\nbreak",
                "windows\r\nline", "tab\tand  spaces ", "quotes \" and ' ", "&#039; literal entity", "🦆 & <🎉>",
                "trailing newline\n", "\n\nleading", "&nbsp; literal"));
        Random random = new Random(20261123L);
        String alphabet = "ab <>&;#'\"\n\r\t/xé🦆=p";
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            texts.add(sb.toString());
        }
        return texts;
    }

    @ParameterizedTest
    @MethodSource("plainTexts")
    void textRoostWritesReadsBackExactlyAsPlainTextAndContainsNoMarkup(String text) {
        String html = NoteHtml.toHtml(text);

        assertThat(NoteHtml.plainTextOf(html)).contains(text);
        assertThat(html.replace("<br />", "")).doesNotContain("<", ">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>Talked about <b>engines</b>.</p>", "<ul><li>One</li><li>Two</li></ul>", "a<br>b",
            "Fish &nbsp; chips", "&#8364;", "raw\nline feed", "<br/>"})
    void descriptionWithMarkupOrOtherEntitiesIsNotPlainText(String html) {
        assertThat(NoteHtml.plainTextOf(html)).isEmpty();
    }

    static List<Arguments> fluentCrmHtml() {
        return List.of(
                Arguments.of("<ul><li>One</li><li>Two</li></ul>", "<ul><li>One</li><li>Two</li></ul>"),
                Arguments.of("Quote sent: <a href=\"https://example.com/q.pdf\" target=\"_blank\">link</a>",
                        "Quote sent: <a href=\"https://example.com/q.pdf\">link</a>"),
                Arguments.of("<p onclick=\"steal()\">Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
                Arguments.of("<a href=\"javascript:alert(1)\">x</a><img src=\"data:image/png;base64,AA\" alt=\"y\">",
                        "<a>x</a><img alt=\"y\">"),
                Arguments.of("<p>Fish &amp; chips &lt;3 &euro;</p>", "<p>Fish &amp; chips &lt;3 €</p>"),
                Arguments.of("<table><tbody><tr><td>Gold</td></tr></tbody></table><br>",
                        "<table><tbody><tr><td>Gold</td></tr></tbody></table><br>"));
    }

    @ParameterizedTest
    @MethodSource("fluentCrmHtml")
    void htmlFluentCrmWroteIsSanitizedKeepingItsStructure(String html, String sanitized) {
        assertThat(NoteHtml.sanitize(html)).isEqualTo(sanitized);
    }
}
