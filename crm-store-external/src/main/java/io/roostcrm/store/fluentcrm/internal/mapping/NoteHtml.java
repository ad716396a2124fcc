package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.contact.NoteFormat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

import java.util.Optional;

/**
 * Note bodies and FluentCRM's {@code fc_subscriber_notes.description}, which is HTML that FluentCRM's admin shows as
 * markup (its editor saves it through WordPress's {@code wp_kses_post}).
 *
 * <ul>
 *   <li>A plain-text body is written escaped (as WordPress's {@code esc_html}) with line breaks as {@code <br />}, so
 *       FluentCRM shows the text as written ({@link #toHtml}).</li>
 *   <li>A description that is exactly such text (no markup but {@code <br />}, no entities but the escaped five)
 *       reads back as that plain text ({@link #plainTextOf}): a body Roost wrote reads back exactly.</li>
 *   <li>Any other description reads as {@link NoteFormat#HTML}, sanitized by jsoup's {@link Safelist#relaxed()}
 *       (formatting, lists, tables, links to {@code http}, {@code https} and {@code mailto} addresses, images from
 *       {@code http} and {@code https} ones; no
 *       scripts, styles, event handlers or {@code javascript:} URLs): what FluentCRM shows, structure kept
 *       ({@link #sanitize}). An HTML body Roost writes is sanitized the same way.</li>
 * </ul>
 */
public final class NoteHtml {

    /** jsoup's relaxed list, links to http, https and mailto addresses only. */
    private static final Safelist SAFELIST = Safelist.relaxed().removeProtocols("a", "href", "ftp");

    private NoteHtml() {
    }

    /** Plain text as HTML FluentCRM displays as that text. */
    public static String toHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#039;");
                case '\n' -> out.append("<br />");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The plain text a description stands for exactly, if it is text as {@link #toHtml} writes it: characters other
     * than {@code <}, {@code &} and a raw line feed (which HTML shows as a space), the references {@code &amp;},
     * {@code &lt;}, {@code &gt;}, {@code &quot;} and {@code &#039;}, and {@code <br />} for a line break. Empty for
     * anything else (markup, other entities), which reads as HTML.
     */
    public static Optional<String> plainTextOf(String html) {
        if (html == null) {
            return Optional.of("");
        }
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                if (!html.startsWith("<br />", i)) {
                    return Optional.empty();
                }
                out.append('\n');
                i += "<br />".length();
            } else if (c == '&') {
                String decoded = null;
                for (String[] entity : new String[][]{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                        {"&quot;", "\""}, {"&#039;", "'"}}) {
                    if (html.startsWith(entity[0], i)) {
                        decoded = entity[1];
                        i += entity[0].length();
                        break;
                    }
                }
                if (decoded == null) {
                    return Optional.empty();
                }
                out.append(decoded);
            } else if (c == '\n') {
                return Optional.empty();
            } else {
                out.append(c);
                i++;
            }
        }
        return Optional.of(out.toString());
    }

    /** HTML with only the formatting markup of {@link NoteFormat#HTML} left, serialized without reformatting. */
    public static String sanitize(String html) {
        // Output settings are mutable: one per call.
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false)
                .escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        return Jsoup.clean(html == null ? "" : html, "", SAFELIST, output);
    }
}
