package io.roostcrm.core.contact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoteTest {

    private static final Instant AT = Instant.parse("2026-11-23T07:44:22Z");

    @Test
    void noteBuiltWithoutAFormatIsPlainTextAndItsTextIsItsBody() {
        Note note = new Note(1, 2, 3, NoteType.NOTE, "t", "<b>not bold</b> & line\nbreak", AT, AT);

        assertThat(note.format()).isEqualTo(NoteFormat.PLAIN_TEXT);
        assertThat(note.plainText()).isEqualTo("<b>not bold</b> & line\nbreak");
        assertThat(note).isEqualTo(new Note(1, 2, 3, NoteType.NOTE, "t", "<b>not bold</b> & line\nbreak", AT, AT,
                NoteFormat.PLAIN_TEXT));
    }

    @Test
    void formatIsRequired() {
        assertThatThrownBy(() -> new Note(1, 2, 3, NoteType.NOTE, "t", "b", AT, AT, null))
                .isInstanceOf(NullPointerException.class).hasMessage("format");
    }

    static List<Arguments> htmlAndItsText() {
        return List.of(
                Arguments.of("<ul><li>One</li><li>Two</li></ul>",
                        "One\nTwo"),
                Arguments.of("<ol>\n  <li>First</li>\n  <li>Second <b>step</b></li>\n</ol>",
                        "First\nSecond step"),
                Arguments.of("Quote sent: <a href=\"https://example.com/q/7.pdf\">link</a>",
                        "Quote sent: link (https://example.com/q/7.pdf)"),
                Arguments.of("<a href=\"https://example.com\">https://example.com</a>",
                        "https://example.com"),
                Arguments.of("<a href=\"mailto:ada@example.com\">ada@example.com</a>",
                        "ada@example.com"),
                Arguments.of("<a href=\"https://example.com/?a=1&amp;b=2\"><img src=\"x.png\"></a>",
                        "https://example.com/?a=1&b=2"),
                Arguments.of("<p>Talked about <b>engines</b>.</p>",
                        "Talked about engines."),
                Arguments.of("<p>One</p>\n<p>Two</p>",
                        "One\nTwo"),
                Arguments.of("a<br>b<br />c<br><br>d",
                        "a\nb\nc\n\nd"),
                Arguments.of("<p>  lots   of\n  space  </p>",
                        "lots of space"),
                Arguments.of("<pre>keep\n  this</pre>after",
                        "keep\n  this\nafter"),
                Arguments.of("<table><tr><th>Plan</th><th>Price</th></tr>"
                        + "<tr><td>Gold</td><td>&euro;10</td></tr></table>",
                        "Plan\tPrice\nGold\t€10"),
                Arguments.of("Fish &amp; chips &lt;3 &#8364; &#x1F986; &bogus; &nbsp;end",
                        "Fish & chips <3 € 🦆 &bogus; \u00a0end"),
                Arguments.of("<img src=\"https://example.com/a.png\" alt=\"the chart\"> shown",
                        "the chart shown"),
                Arguments.of("<script>alert(1)</script><style>p{}</style>kept <!-- not this -->text",
                        "kept text"),
                Arguments.of("1 < 2 and <unknown attr='>'>inner</unknown>",
                        "1 < 2 and inner"));
    }

    // GH-9: <ul><li>One</li><li>Two</li></ul> read as "OneTwo", and a link lost its URL.
    @ParameterizedTest(name = "{0}")
    @MethodSource("htmlAndItsText")
    void htmlReadsAsTheTextItShows(String html, String text) {
        Note note = new Note(1, 2, 3, NoteType.NOTE, "", html, AT, AT, NoteFormat.HTML);

        assertThat(note.plainText()).isEqualTo(text);
    }
}
