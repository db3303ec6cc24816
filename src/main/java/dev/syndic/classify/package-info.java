/**
 * Deciding an entry's categories. Keyword rules: weighted terms and phrases (substrings for
 * Chinese, whole words for Latin script), negative terms, regular expressions and the feed's own
 * tags, title counting double; all terms of all categories matched in one pass with an
 * Aho-Corasick automaton ({@code org.ahocorasick}). A statistical model: naive Bayes over
 * character and word n-grams ({@link dev.syndic.classify.TextFeatures}), written here because it
 * is about a hundred lines and must serialize to JSON for PostgreSQL. {@link
 * dev.syndic.classify.CategoryPolicy} combines both. Pure; knows nothing of SQL or HTTP.
 */
package dev.syndic.classify;
