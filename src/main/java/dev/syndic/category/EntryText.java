package dev.syndic.category;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What categorization reads of a stored entry.
 *
 * @param text the stored normalized title and body
 * @param labels for a judged entry, category slug to whether it belongs there
 */
public record EntryText(long id, String title, String text, List<String> tags, String sourceDefault, Instant sortAt, Map<String, Boolean> labels) {}
