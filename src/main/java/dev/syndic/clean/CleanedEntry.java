package dev.syndic.clean;

/**
 * An entry as readers and partners receive it.
 *
 * @param title plain text, no markup
 * @param html sanitized HTML with absolute URLs
 * @param text the body's plain text, for summaries
 * @param matchText title and body, normalized for matching ({@link TextNormalizer})
 * @param coreText the body without boilerplate, normalized, one line per block, for duplicate detection
 * @param language "zh" when the text is mostly Chinese, "ja" when it is Japanese, else "en"
 */
public record CleanedEntry(String title, String html, String text, String matchText, String coreText, String language) {}
