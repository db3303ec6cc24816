package dev.syndic.clean;

/**
 * An entry as readers and partners receive it.
 *
 * @param title plain text, no markup
 * @param html sanitized HTML with absolute URLs
 * @param text the body's plain text, for summaries
 * @param matchText title and body, normalized for matching ({@link TextNormalizer})
 * @param language "zh" when the text is mostly Chinese, else "en"
 */
public record CleanedEntry(String title, String html, String text, String matchText, String language) {}
