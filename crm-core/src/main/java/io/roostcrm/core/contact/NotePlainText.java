package io.roostcrm.core.contact;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders an HTML note body as the text it shows ({@link Note#plainText()}). A small HTML reader (tags with quoted or
 * bare attributes, comments, character references) that follows what a browser shows for the formatting markup of
 * {@link NoteFormat#HTML}; any other tag is dropped with its text kept, and the content of {@code script},
 * {@code style} and {@code template} is dropped.
 */
final class NotePlainText {

    /** Elements that start and end a line of their own. */
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "caption", "dd",
            "details", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
            "thead", "tr", "ul");
    private static final Set<String> HIDDEN = Set.of("script", "style", "template", "head", "title");
    private static final Set<String> CELLS = Set.of("td", "th");
    /** Named character references beyond the five XML ones that notes commonly carry. */
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("hellip", "\u2026"),
            Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("bull", "\u2022"),
            Map.entry("middot", "\u00b7"), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("times", "\u00d7"), Map.entry("deg", "\u00b0"), Map.entry("shy", ""));

    private final String html;
    private final StringBuilder out = new StringBuilder();
    /** Open links: their address and where their text starts in {@code out}. */
    private final Deque<String[]> links = new ArrayDeque<>();
    private int pre;
    private int hidden;
    private boolean firstCell = true;

    private NotePlainText(String html) {
        this.html = html;
    }

    static String of(String html) {
        NotePlainText r = new NotePlainText(html);
        r.render();
        return r.result();
    }

    private void render() {
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                int end = html.indexOf('<', i);
                end = end < 0 ? n : end;
                if (hidden == 0) {
                    text(decode(html.substring(i, end)));
                }
                i = end;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
            } else if (i + 1 < n && (html.charAt(i + 1) == '!' || html.charAt(i + 1) == '?')) {
                int end = html.indexOf('>', i);
                i = end < 0 ? n : end + 1;
            } else if (i + 1 < n && (Character.isLetter(html.charAt(i + 1))
                    || (html.charAt(i + 1) == '/' && i + 2 < n && Character.isLetter(html.charAt(i + 2))))) {
                i = tag(i);
            } else {
                if (hidden == 0) {
                    text("<");
                }
                i++;
            }
        }
    }

    /** Reads the tag starting at {@code start}; returns the index after it. */
    private int tag(int start) {
        int n = html.length();
        boolean closing = html.charAt(start + 1) == '/';
        int i = start + (closing ? 2 : 1);
        int nameStart = i;
        while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>' && html.charAt(i) != '/') {
            i++;
        }
        String name = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
        String href = null;
        String alt = null;
        while (i < n && html.charAt(i) != '>') {
            char c = html.charAt(i);
            if (Character.isWhitespace(c) || c == '/') {
                i++;
                continue;
            }
            int attrStart = i;
            while (i < n && !Character.isWhitespace(html.charAt(i)) && "=>/".indexOf(html.charAt(i)) < 0) {
                i++;
            }
            String attr = html.substring(attrStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            String value = "";
            if (i < n && html.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(html.charAt(i))) {
                    i++;
                }
                if (i < n && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    char quote = html.charAt(i);
                    int end = html.indexOf(quote, i + 1);
                    end = end < 0 ? n : end;
                    value = html.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                } else {
                    int valueStart = i;
                    while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
                        i++;
                    }
                    value = html.substring(valueStart, i);
                }
            }
            if (attr.equals("href")) {
                href = decode(value).trim();
            } else if (attr.equals("alt")) {
                alt = decode(value);
            }
        }
        element(name, closing, href, alt);
        return Math.min(n, i + 1);
    }

    private void element(String name, boolean closing, String href, String alt) {
        if (HIDDEN.contains(name)) {
            hidden = Math.max(0, hidden + (closing ? -1 : 1));
            return;
        }
        if (hidden > 0) {
            return;
        }
        if (name.equals("br") && !closing) {
            trimLineEnd();
            out.append('\n');
        } else if (BLOCKS.contains(name)) {
            lineBreak();
            if (name.equals("pre")) {
                pre = Math.max(0, pre + (closing ? -1 : 1));
            }
            if (name.equals("tr")) {
                firstCell = true;
            }
        } else if (CELLS.contains(name) && !closing) {
            if (!firstCell) {
                trimLineEnd();
                out.append('\t');
            }
            firstCell = false;
        } else if (name.equals("a")) {
            link(closing, href);
        } else if (name.equals("img") && !closing && alt != null) {
            text(alt);
        }
    }

    private void link(boolean closing, String href) {
        if (!closing) {
            links.push(new String[]{href == null ? "" : href, String.valueOf(out.length())});
            return;
        }
        if (links.isEmpty()) {
            return;
        }
        String[] link = links.pop();
        String url = link[0];
        int from = Math.min(Integer.parseInt(link[1]), out.length());
        String text = out.substring(from).trim();
        if (url.isEmpty() || text.equals(url) || ("mailto:" + text).equalsIgnoreCase(url)) {
            return;
        }
        if (text.isEmpty()) {
            text(url);
        } else {
            trimLineEnd();
            out.append(" (").append(url).append(')');
        }
    }

    private void text(String text) {
        if (pre > 0) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n'
                        && out.charAt(out.length() - 1) != '\t') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
    }

    /** Starts a new line unless at the start of one. */
    private void lineBreak() {
        trimLineEnd();
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void trimLineEnd() {
        if (pre > 0) {
            return;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    private String result() {
        int start = 0;
        int end = out.length();
        while (start < end && Character.isWhitespace(out.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(start, end);
    }

    /** Decodes character references; an unknown or malformed one stays as written. */
    static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            sb.append(s, i, amp);
            int semi = s.indexOf(';', amp);
            String replacement = semi > amp + 1 && semi - amp <= 33 ? reference(s.substring(amp + 1, semi)) : null;
            if (replacement == null) {
                sb.append('&');
                i = amp + 1;
            } else {
                sb.append(replacement);
                i = semi + 1;
            }
            amp = s.indexOf('&', i);
        }
        return sb.append(s, i, s.length()).toString();
    }

    private static String reference(String name) {
        if (name.charAt(0) != '#') {
            return NAMED.get(name);
        }
        try {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return cp > 0 && Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)
                    ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
