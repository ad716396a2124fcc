package io.roostcrm.store.fluentcrm.internal.mapping;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Roost note bodies are plain text; FluentCRM's {@code fc_subscriber_notes.description} is HTML that its admin shows
 * as markup. Writing escapes the text (as WordPress's {@code esc_html}) and turns line breaks into {@code <br />}, so
 * FluentCRM shows the text as written; reading turns FluentCRM's HTML into plain text (line-break tags and paragraph
 * boundaries to line breaks, other tags removed, entities decoded). A body Roost wrote reads back exactly.
 */
public final class NoteHtml {

    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("(?i)</p>\\s*<p(\\s[^>]*)?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0",
            "hellip", "\u2026", "ndash", "\u2013", "mdash", "\u2014");

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

    /** FluentCRM's HTML as plain text; the inverse of {@link #toHtml} on text Roost wrote. */
    public static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String s = BR.matcher(html).replaceAll("\n");
        s = PARAGRAPH_BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        return unescape(s);
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.charAt(0) == '#') {
                int cp;
                try {
                    cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                            ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                } catch (NumberFormatException e) {
                    cp = -1;
                }
                replacement = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : m.group();
            } else {
                replacement = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
