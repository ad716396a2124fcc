package io.roostcrm.core.contact;

/**
 * How a note's {@link Note#body() body} is written.
 *
 * <p>Roost's service writes plain text. A store whose medium is HTML (the FluentCRM store: FluentCRM's note editor
 * writes HTML) returns the notes it cannot give as plain text in {@link #HTML}, sanitized; {@link Note#plainText()}
 * renders either format as text.
 */
public enum NoteFormat {
    /** Plain text, shown as written: line breaks are line breaks, and {@code <} or {@code &} are just characters. */
    PLAIN_TEXT,
    /**
     * HTML that the store returning it has sanitized to formatting markup (paragraphs, line breaks, lists, emphasis,
     * headings, quotes, tables, links and images with {@code http}, {@code https} or {@code mailto} addresses; no
     * scripts, styles or event handlers), safe to show as HTML.
     */
    HTML
}
