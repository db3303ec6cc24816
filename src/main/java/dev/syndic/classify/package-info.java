/**
 * Deciding an entry's categories from keyword rules: weighted terms and phrases (substrings for
 * Chinese, whole words for Latin script), negative terms, regular expressions and the feed's own
 * tags, title counting double. All terms of all categories are matched in one pass with an
 * Aho-Corasick automaton ({@code org.ahocorasick}). Pure; knows nothing of SQL or HTTP.
 */
package dev.syndic.classify;
