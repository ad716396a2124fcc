package io.roostcrm.store.fluentcrm.internal.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NoteHtmlTest {

    static List<String> plainTexts() {
        List<String> texts = new ArrayList<>(List.of("", "plain", "<b>not bold</b>", "a & b &amp; c", "line\nbreak",
                "windows\r\nline", "tab\tand  spaces ", "quotes \" and ' ", "&#039; literal entity", "🦆 & <🎉>",
                "trailing newline\n", "\n\nleading"));
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
    void textRoostWritesReadsBackExactlyAndContainsNoMarkup(String text) {
        String html = NoteHtml.toHtml(text);

        assertThat(NoteHtml.toText(html)).isEqualTo(text);
        assertThat(html.replace("<br />", "")).doesNotContain("<", ">");
    }

    static List<Arguments> fluentCrmHtml() {
        return List.of(
                Arguments.of("<p>Talked about <b>engines</b>.</p>", "Talked about engines."),
                Arguments.of("<p>One</p>\n<p>Two</p>", "One\nTwo"),
                Arguments.of("a<br>b<BR/>c", "a\nb\nc"),
                Arguments.of("Fish &amp; chips &lt;3 &#8364; &#x1F986; &nbsp;end", "Fish & chips <3 \u20ac \uD83E\uDD86 \u00a0end"),
                Arguments.of("unknown &bogus; stays", "unknown &bogus; stays"));
    }

    @ParameterizedTest
    @MethodSource("fluentCrmHtml")
    void htmlFluentCrmWroteReadsAsPlainText(String html, String text) {
        assertThat(NoteHtml.toText(html)).isEqualTo(text);
    }
}
